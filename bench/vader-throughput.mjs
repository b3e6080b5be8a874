// Reads JSON lines {"id", "text"} and writes {"id", "compound"} per line: VADER's side of bench/throughput.sh.
import readline from 'node:readline';
import vader from 'vader-sentiment';

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
const out = [];
for await (const line of lines) {
  if (!line.trim()) continue;
  const { id, text } = JSON.parse(line);
  const { compound } = vader.SentimentIntensityAnalyzer.polarity_scores(text);
  out.push(JSON.stringify({ id, compound }));
  if (out.length >= 1000) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; }
}
if (out.length) process.stdout.write(out.join('\n') + '\n');
