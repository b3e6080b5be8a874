#!/usr/bin/env bash
# Throughput and tail latency of CalmDesk under load, against the machine's own ceiling, in one run (issue 18).
#
#   bench/load.sh [--data DIR] [--postgres CONNECTION] [--connections C] [--duration SECONDS]
#
# Publishes CalmDesk and bench/CalmDesk.Plaintext (Release), then drives each with wrk (Debian's package), the same
# client settings for all: Kestrel answering "Hello, World!" (the ceiling), then CalmDesk's POST interactions (store,
# analyse, triage), GET customers, the cases list (API) and the inbox, cases and dashboard pages (signed in as the
# demo's manager). Prints a Markdown table with requests per second, p50 and p99 and each figure as a share of the
# ceiling, and the server's peak resident memory.
#
# --data DIR uses an existing data folder (a book made with `calmdesk demo generate`; it gains the messages posted);
# without it a fresh demo is made in a temporary folder. --postgres serves from that database instead of SQLite (it
# must hold a CalmDesk book, for example one generated with the same connection string).
set -euo pipefail
cd "$(dirname "$0")/.."
data="" postgres="" connections=32 duration=10
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --postgres) postgres="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
[ -n "$data" ] || data="$work/data"
mkdir -p "$data"

dotnet publish src/CalmDesk -c Release -o "$work/calmdesk" >/dev/null
dotnet publish bench/CalmDesk.Plaintext -c Release -o "$work/plaintext" >/dev/null

export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
if [ -n "$postgres" ]; then export Database__Provider=postgres ConnectionStrings__CalmDesk="$postgres"; fi

wait_for() { for _ in $(seq 1 600); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }
threads=2
runs=0
run() { # name url script -> one JSON line
  runs=$((runs + 1))
  local script="$work/run$runs.lua"
  cat bench/load/report.lua "bench/load/$3" > "$script"
  wrk -t"$threads" -c"$connections" -d3s -s "$script" "$2" >/dev/null  # warm-up
  local line
  line=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$script" "$2" | grep '^{')
  echo "{\"name\":\"$1\",\"result\":$line}" >> "$work/results.jsonl"
}

# 1. The ceiling.
"$work/plaintext/CalmDesk.Plaintext" --urls http://127.0.0.1:5301 & pids+=($!)
wait_for http://127.0.0.1:5301/plaintext
run plaintext http://127.0.0.1:5301/plaintext get.lua
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true

# 2. CalmDesk, on the same machine with the same client.
"$work/calmdesk/calmdesk" serve --data "$data" --urls http://127.0.0.1:5302 > "$work/serve.log" 2>&1 & server=$!; pids+=($server)
wait_for http://127.0.0.1:5302/health
export LOAD_TOKEN
LOAD_TOKEN=$("$work/calmdesk/calmdesk" users token manager@demo.calmdesk.app --name load --data "$data" | tail -1)
# The customers the POSTs go to: the first 200 active ones the manager sees.
export LOAD_CUSTOMERS
LOAD_CUSTOMERS=$(curl -fs -H "Authorization: Bearer $LOAD_TOKEN" "http://127.0.0.1:5302/api/v1/customers?pageSize=200" \
  | python3 -c 'import json,sys; print(",".join(str(c["id"]) for c in json.load(sys.stdin)["items"]))')
# The reads first, on the book as it was given; the writes last, since they add to it.
export LOAD_COOKIE=""
run "GET /api/v1/customers" "http://127.0.0.1:5302/api/v1/customers" get.lua
run "GET /api/v1/cases" "http://127.0.0.1:5302/api/v1/cases" get.lua
LOAD_COOKIE=$(python3 bench/load/signin.py http://127.0.0.1:5302 manager@demo.calmdesk.app CalmDesk-demo-2026)
run "GET /inbox (page)" "http://127.0.0.1:5302/inbox" get.lua
run "GET /cases (page)" "http://127.0.0.1:5302/cases" get.lua
run "GET /dashboard (page)" "http://127.0.0.1:5302/dashboard" get.lua
LOAD_COOKIE=""
run "POST /api/v1/customers/{id}/interactions" "http://127.0.0.1:5302" post-interaction.lua
rss=$(awk '/VmHWM/ {print $2}' "/proc/$server/status")

python3 - "$work/results.jsonl" "$rss" "$connections" "$duration" "${postgres:+PostgreSQL}" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
rss_kb, connections, duration, provider = int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5] or "SQLite"
ceiling = None
print(f"wrk, 2 threads, {connections} connections, {duration} s each after a 3 s warm-up; CalmDesk on {provider}")
print()
print("| call | requests/s | share of plaintext | p50 ms | p99 ms | not 2xx |")
print("|---|---|---|---|---|---|")
for row in rows:
    r = row["result"]
    rate = r["requests"] / r["seconds"]
    if ceiling is None:
        ceiling = rate
    codes = ", ".join(f"{count} × {code}" for code, count in sorted(r.get("statuses", {}).items()))
    failed = f"{r['non2xx']} ({codes})" if codes else str(r["non2xx"])
    print(f"| {row['name']} | {rate:,.0f} | {rate / ceiling:.1%} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {failed} |")
print()
print(f"CalmDesk's peak resident memory: {rss_kb / 1024:,.0f} MB")
PY
