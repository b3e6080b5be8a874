#!/usr/bin/env bash
# Throughput and tail latency of CalmDesk under load, against the machine's own ceiling, in one run (issue 18).
#
#   bench/load.sh [--data DIR] [--postgres CONNECTION] [--instances N] [--connections C] [--duration SECONDS]
#                 [--warmup SECONDS]
#
# Publishes CalmDesk and bench/CalmDesk.Plaintext (Release), then drives each with wrk (Debian's package), the same
# client settings for all: Kestrel answering "Hello, World!" (the ceiling), then CalmDesk's POST interactions (store,
# analyse, triage), GET customers, the cases list (API) and the inbox, cases and dashboard pages (signed in as the
# demo's manager). Prints a Markdown table with requests per second, p50 and p99 and each figure as a share of the
# ceiling, and the server's peak resident memory.
#
# --data DIR uses an existing data folder (a book made with `calmdesk demo generate`; it gains the messages posted);
# without it a fresh demo is made in a temporary folder. --postgres serves from that database instead of SQLite (it
# must hold a CalmDesk book, for example one generated with the same connection string, or be empty for a fresh demo).
# --instances N (with --postgres) starts N CalmDesk processes on that database behind nginx (Debian's package), which
# takes turns between them, and drives nginx: the README's scale-out deployment on this one machine.
# --warmup (default 30 s) is how long each call runs before it is measured: .NET compiles the hot code again with what
# it learnt from the first calls (tiered compilation), which under full load on two cores takes about half a minute; a
# 3 s warm-up measured that phase (a third of the steady rate) instead of the server as it runs all day.
set -euo pipefail
cd "$(dirname "$0")/.."
data="" postgres="" connections=32 duration=10 instances=1 warmup=30
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --postgres) postgres="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    --instances) instances="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
if [ "$instances" -gt 1 ]; then
  [ -n "$postgres" ] || { echo "--instances needs --postgres: several instances share one PostgreSQL database" >&2; exit 2; }
  [ -x /usr/sbin/nginx ] || { echo "nginx is missing: apt-get install -y nginx" >&2; exit 1; }
fi
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

. bench/load/common.sh
threads=2
runs=0
run() { # name url script -> one JSON line
  runs=$((runs + 1))
  local script="$work/run$runs.lua"
  cat bench/load/report.lua "bench/load/$3" > "$script"
  wrk -t"$threads" -c"$connections" -d"${warmup}s" -s "$script" "$2" >/dev/null  # warm-up
  local line
  line=$(wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$script" "$2" | grep '^{')
  echo "{\"name\":\"$1\",\"result\":$line}" >> "$work/results.jsonl"
}

# 1. The ceiling.
"$work/plaintext/CalmDesk.Plaintext" --urls http://127.0.0.1:5301 & pids+=($!)
wait_for http://127.0.0.1:5301/plaintext
run plaintext http://127.0.0.1:5301/plaintext get.lua
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true

# 2. CalmDesk, on the same machine with the same client: one process, or several behind nginx.
servers=()
"$work/calmdesk/calmdesk" serve --data "$data" --urls http://127.0.0.1:5302 > "$work/serve.log" 2>&1 & servers+=($!); pids+=($!)
wait_for http://127.0.0.1:5302/health
base=http://127.0.0.1:5302
if [ "$instances" -gt 1 ]; then
  upstreams="    server 127.0.0.1:5302;"
  for i in $(seq 2 "$instances"); do
    port=$((5301 + i))
    mkdir -p "$data/instance$i"
    "$work/calmdesk/calmdesk" serve --data "$data/instance$i" --urls "http://127.0.0.1:$port" --no-demo > "$work/serve$i.log" 2>&1 & servers+=($!); pids+=($!)
    wait_for "http://127.0.0.1:$port/health"
    upstreams="$upstreams
    server 127.0.0.1:$port;"
  done
  mkdir -p "$work/nginx"
  cat > "$work/nginx/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body; proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi; uwsgi_temp_path $work/nginx/uwsgi; scgi_temp_path $work/nginx/scgi;
  upstream calmdesk {
$upstreams
    keepalive 64;
  }
  server {
    listen 127.0.0.1:5310;
    location / {
      proxy_pass http://calmdesk;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
CONF
  /usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" & pids+=($!)
  base=http://127.0.0.1:5310
  wait_for "$base/health"
fi
export LOAD_TOKEN
LOAD_TOKEN=$("$work/calmdesk/calmdesk" users token manager@demo.calmdesk.app --name load --data "$data" | tail -1)
# The customers the POSTs go to: the first 200 active ones the manager sees.
export LOAD_CUSTOMERS
LOAD_CUSTOMERS=$(load_customers "$base" "$LOAD_TOKEN")
# The reads first, on the book as it was given; the writes last, since they add to it.
export LOAD_COOKIE=""
run "GET /api/v1/customers" "$base/api/v1/customers" get.lua
run "GET /api/v1/cases" "$base/api/v1/cases" get.lua
LOAD_COOKIE=$(python3 bench/load/signin.py $base manager@demo.calmdesk.app CalmDesk-demo-2026)
run "GET /inbox (page)" "$base/inbox" get.lua
run "GET /cases (page)" "$base/cases" get.lua
run "GET /dashboard (page)" "$base/dashboard" get.lua
LOAD_COOKIE=""
run "POST /api/v1/customers/{id}/interactions" "$base" post-interaction.lua
rss=0
for p in "${servers[@]}"; do rss=$((rss + $(awk '/VmHWM/ {print $2}' "/proc/$p/status"))); done

python3 - "$work/results.jsonl" "$rss" "$connections" "$duration" "${postgres:+PostgreSQL}" "$instances" "$warmup" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
rss_kb, connections, duration, provider, instances, warmup = int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5] or "SQLite", int(sys.argv[6]), sys.argv[7]
ceiling = None
where = f"{instances} instances behind nginx" if instances > 1 else "one instance"
print(f"wrk, 2 threads, {connections} connections, {duration} s each after a {warmup} s warm-up; CalmDesk on {provider}, {where}")
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
print(f"CalmDesk's peak resident memory: {rss_kb / 1024:,.0f} MB" + (" (the instances together)" if instances > 1 else ""))
PY
