# Shared by bench/load.sh and bench/load-compare.sh (sourced): waiting for a server, and the customers the POSTs go to.

# Waits up to five minutes for URL to answer; stops the script if it never does.
wait_for() { for _ in $(seq 1 600); do curl -fs "$1" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }

# The customers the POSTs go to, comma-separated: the first 200 active ones the token's owner sees. BASE TOKEN
load_customers() {
  curl -fs -H "Authorization: Bearer $2" "$1/api/v1/customers?pageSize=200" \
    | python3 -c 'import json,sys; print(",".join(str(c["id"]) for c in json.load(sys.stdin)["items"]))'
}
