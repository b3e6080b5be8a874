#!/usr/bin/env bash
# Messages per second of `calmdesk analyze --jsonl` and of VADER (node), on the same corpus, one core each,
# in one run. Usage: bench/throughput.sh [MESSAGES]   (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-20000}"
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
calm=$(measure "$work/calmdesk/calmdesk" analyze --jsonl)
calm_lines=$(wc -l < "$work/out.jsonl")
vader=$(measure node bench/vader-throughput.mjs)
vader_lines=$(wc -l < "$work/out.jsonl")
rm -f bench/node_modules
python3 - "$n" "$calm" "$calm_lines" "$vader" "$vader_lines" <<'PY'
import sys
n, calm, calm_lines, vader, vader_lines = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
assert calm_lines == n and vader_lines == n, (calm_lines, vader_lines)
c, v = n / calm, n / vader
print(f"corpus: {n} messages (en, it, el), one core each (taskset -c 0)")
print(f"calmdesk analyze --jsonl: {calm:.2f} s, {c:,.0f} messages/s (process start included)")
print(f"VADER (node):             {vader:.2f} s, {v:,.0f} messages/s (process start included)")
print(f"ratio CalmDesk / VADER:   {c / v:.2f}x")
PY
