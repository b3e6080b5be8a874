#!/usr/bin/env bash
# Two builds under the same load, taking turns, so a change is measured against its baseline in one run (issue 18).
#
#   bench/load-compare.sh BASE [--call post|customers|cases] [--rounds N] [--seconds S] [--warmup S]
#
# BASE is a commit (or branch, or tag) to compare the working tree with. Both are published in Release (BASE from a
# temporary git worktree) and started side by side, each on its own copy of one fresh demo book (SQLite). After a
# warm-up of each, wrk drives them in turn, round after round (2 threads, 32 connections, S seconds per turn): this
# machine's speed drifts by a third within minutes, so turns of a few seconds compare the two under the same
# conditions where two runs of bench/load.sh minutes apart cannot. Prints each round and the medians of requests per
# second and p99, and the ratio of the medians.
#
# --call post (the default) posts customers' e-mails (bench/load/post-interaction.lua: stored, analysed, triaged);
# customers and cases read the API lists. Each build's book gains the messages posted to it, equally.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: bench/load-compare.sh BASE [--call post|customers|cases] [--rounds N] [--seconds S] [--warmup S]" >&2; exit 2; }
base_ref="$1"; shift
call=post rounds=6 seconds=5 warmup=20
while [ $# -gt 0 ]; do
  case "$1" in
    --call) call="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
case "$call" in
  post) path="" script=post-interaction.lua ;;
  customers) path=/api/v1/customers script=get.lua ;;
  cases) path=/api/v1/cases script=get.lua ;;
  *) echo "--call is post, customers or cases" >&2; exit 2 ;;
esac
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
git rev-parse --verify -q "$base_ref^{commit}" >/dev/null || { echo "no commit '$base_ref'" >&2; exit 2; }

work="$(mktemp -d)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  git worktree remove --force "$work/base-src" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

git worktree add -q --detach "$work/base-src" "$base_ref"
dotnet publish "$work/base-src/src/CalmDesk" -c Release -o "$work/base" >/dev/null
dotnet publish src/CalmDesk -c Release -o "$work/this" >/dev/null

export ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning
. bench/load/common.sh

# One demo book, made once by the base build and copied, so both start from the same rows.
mkdir -p "$work/demo"
"$work/base/calmdesk" serve --data "$work/demo" --urls http://127.0.0.1:5320 > "$work/demo.log" 2>&1 & demo=$!
wait_for http://127.0.0.1:5320/health
kill "$demo"; wait "$demo" 2>/dev/null || true

declare -A port=([base]=5321 [this]=5322)
for build in base this; do
  cp -r "$work/demo" "$work/data-$build"
  "$work/$build/calmdesk" serve --data "$work/data-$build" --urls "http://127.0.0.1:${port[$build]}" > "$work/serve-$build.log" 2>&1 & pids+=($!)
done
declare -A token customers
for build in base this; do
  wait_for "http://127.0.0.1:${port[$build]}/health"
  token[$build]=$("$work/$build/calmdesk" users token manager@demo.calmdesk.app --name load --data "$work/data-$build" | tail -1)
  customers[$build]=$(load_customers "http://127.0.0.1:${port[$build]}" "${token[$build]}")
done
cat bench/load/report.lua "bench/load/$script" > "$work/run.lua"

turn() { # build seconds -> one JSON line
  LOAD_TOKEN="${token[$1]}" LOAD_CUSTOMERS="${customers[$1]}" LOAD_COOKIE="" \
    wrk -t2 -c32 -d"$2s" --latency -s "$work/run.lua" "http://127.0.0.1:${port[$1]}$path" | grep '^{'
}
turn base "$warmup" >/dev/null
turn this "$warmup" >/dev/null
for round in $(seq 1 "$rounds"); do
  for build in base this; do
    echo "{\"round\":$round,\"build\":\"$build\",\"result\":$(turn "$build" "$seconds")}" >> "$work/results.jsonl"
  done
done

python3 - "$work/results.jsonl" "$base_ref" "$(git rev-parse --short HEAD)" "$call" "$seconds" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(sys.argv[1])]
base_ref, head, call, seconds = sys.argv[2:6]
def rate(r): return r["result"]["requests"] / r["result"]["seconds"]
print(f"`{call}`, wrk 2 threads, 32 connections, {seconds} s turns; base {base_ref}, this: the working tree on {head}")
print()
print("| round | base req/s | base p99 ms | this req/s | this p99 ms | not 2xx (base, this) |")
print("|---|---|---|---|---|---|")
by = {(r["round"], r["build"]): r for r in rows}
for n in sorted({r["round"] for r in rows}):
    b, t = by[(n, "base")], by[(n, "this")]
    print(f"| {n} | {rate(b):,.0f} | {b['result']['p99_ms']:.0f} | {rate(t):,.0f} | {t['result']['p99_ms']:.0f} | {b['result']['non2xx']}, {t['result']['non2xx']} |")
med = {k: statistics.median(rate(r) for r in rows if r["build"] == k) for k in ("base", "this")}
p99 = {k: statistics.median(r["result"]["p99_ms"] for r in rows if r["build"] == k) for k in ("base", "this")}
print()
print(f"medians: base {med['base']:,.0f} req/s (p99 {p99['base']:.0f} ms), this {med['this']:,.0f} req/s (p99 {p99['this']:.0f} ms): **{med['this'] / med['base']:.2f}×**")
PY
