#!/usr/bin/env bash
# Messages per second of `calmdesk analyze --jsonl` and of VADER (node), on the same corpus, one core each,
# in one run. Usage: bench/throughput.sh [MESSAGES] [ROUNDS]   (defaults 20000 and 3)
# Each round times CalmDesk and then VADER, one right after the other, so the ratio of a round compares the two under
# the same load; the median round's ratio is the figure (this shared machine's speed moves by a third within minutes;
# with an even number of rounds, the mean of the middle two).
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20000}"
rounds="${2:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 bench/make-corpus.py "$n" > "$work/corpus.jsonl"
npm ci --prefix eval --no-audit --no-fund >/dev/null 2>&1
# Published as a release would be: ReadyToRun, so a short run is not spent in the JIT.
dotnet publish src/CalmDesk -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/calmdesk" >/dev/null
ln -sf "$(pwd)/eval/node_modules" bench/node_modules

measure() { # prints seconds for: "$@" < corpus > out
  local start end
  start=$(date +%s.%N)
  taskset -c 0 "$@" < "$work/corpus.jsonl" > "$work/out.jsonl"
  end=$(date +%s.%N)
  python3 -c "print($end - $start)"
}

# Warm both once (JIT, disk cache), then measure.
head -200 "$work/corpus.jsonl" | taskset -c 0 "$work/calmdesk/calmdesk" analyze --jsonl > /dev/null
head -200 "$work/corpus.jsonl" | taskset -c 0 node bench/vader-throughput.mjs > /dev/null
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || { echo "ROUNDS must be a positive whole number" >&2; exit 2; }
calm=(); vader=()
for _ in $(seq "$rounds"); do
  calm+=("$(measure "$work/calmdesk/calmdesk" analyze --jsonl)")
  # Every round must have answered every message, or its time means nothing.
  [ "$(wc -l < "$work/out.jsonl")" -eq "$n" ] || { echo "calmdesk answered $(wc -l < "$work/out.jsonl") of $n" >&2; exit 1; }
  vader+=("$(measure node bench/vader-throughput.mjs)")
  [ "$(wc -l < "$work/out.jsonl")" -eq "$n" ] || { echo "VADER answered $(wc -l < "$work/out.jsonl") of $n" >&2; exit 1; }
done
calm_lines=$n; vader_lines=$n
rm -f bench/node_modules
python3 - "$n" "$calm_lines" "$vader_lines" "${calm[*]}" "${vader[*]}" <<'PY'
import statistics, sys
n, calm_lines, vader_lines = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
calm = [float(x) for x in sys.argv[4].split()]
vader = [float(x) for x in sys.argv[5].split()]
assert calm_lines == n and vader_lines == n, (calm_lines, vader_lines)
ratios = [v / c for c, v in zip(calm, vader)]
c, v = n / statistics.median(calm), n / statistics.median(vader)
print(f"corpus: {n} messages (en, it, el), one core each (taskset -c 0), {len(calm)} rounds")
print(f"calmdesk analyze --jsonl: median {statistics.median(calm):.2f} s, {c:,.0f} messages/s (process start included)")
print(f"VADER (node):             median {statistics.median(vader):.2f} s, {v:,.0f} messages/s (process start included)")
print("ratio CalmDesk / VADER by round: " + ", ".join(f"{r:.2f}x" for r in ratios))
print(f"ratio CalmDesk / VADER:   {statistics.median(ratios):.2f}x (median round)")
PY
