#!/bin/sh
# desk.sh - the cooperation desk under load (bench/README.md, "desk"):
# 10,000 cases with 100,000 thread rows (bench_desk), then wrk against
# the overdue list, one case's page (its thread of about ten rows) and a
# full-text search over the cases, each against GET of one organisation
# in the same run (the baseline: the same server, the same client). The
# desk's reads are made as the demo desk (an API token); the baseline
# anonymously.
#
#   sh bench/desk.sh [BUILD]        (default build/release)
#   DURATION=10 CONNECTIONS=32 CASES=10000 MESSAGES=100000 KEEP=0
#
# Exits 0 when everything ran (the figures are not targets), 1 when
# something failed to run, 2 when a tool is missing. Everything on
# 127.0.0.1 in a temp directory removed at exit; every process it starts
# is bounded in time and stopped on exit.
set -u

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd) || exit 2
build=${1:-$root/build/release}
LIAISON=$build/liaison
GEN=$build/bench_desk
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-32}
CASES=${CASES:-10000}
MESSAGES=${MESSAGES:-100000}
KEEP=${KEEP:-0}

for tool in wrk curl python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "desk: $tool is missing (scripts/deps.txt)" >&2; exit 2; }
done
[ -x "$LIAISON" ] && [ -x "$GEN" ] || { echo "desk: build $build first (make release)" >&2; exit 2; }

tmp=$(mktemp -d) || exit 2
pid=''
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	fi
	[ "$KEEP" = 1 ] && echo "desk: kept $tmp" >&2 || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# serve: starts liaison on a free port, sets $pid and $base.
serve() {
	: >"$tmp/serve.out"
	timeout -k 5 600 "$LIAISON" serve --db "$tmp/desk.db" --port 0 "$@" >"$tmp/serve.out" 2>"$tmp/serve.err" &
	pid=$!
	for _ in $(seq 1 100); do
		base=$(sed -n 's|.*\(http://127\.0\.0\.1:[0-9]*\)/api/v1/.*|\1|p' "$tmp/serve.out")
		[ -n "$base" ] && return 0
		sleep 0.1
	done
	echo "desk: the server did not start:" >&2
	tail -n 5 "$tmp/serve.err" >&2
	exit 1
}
unserve() {
	kill -TERM "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	pid=''
}

# 1. the demo data, then the cases
serve --demo
unserve
gen=$(timeout 900 "$GEN" "$tmp/desk.db" "$CASES" "$MESSAGES") || { echo "desk: bench_desk failed" >&2; exit 1; }
echo "desk.data: $gen"
case_id=${gen##*case=}

# 2. the server, a token of the demo desk
serve
token=$(python3 - "$base" <<'PY'
import json, sys, urllib.request
base = sys.argv[1] + "/api/v1"
def call(path, body, headers):
    req = urllib.request.Request(base + path, json.dumps(body).encode(), {"Content-Type": "application/json", **headers})
    with urllib.request.urlopen(req) as r:
        return r.headers, json.load(r)
h, me = call("/auth/sign-in", {"email": "desk@demo.liaison.example", "password": "demo-desk-pass"}, {})
cookie = h["Set-Cookie"].split(";")[0]
_, tok = call("/auth/tokens", {"name": "bench"}, {"Cookie": cookie, "X-CSRF-Token": me["csrf_token"]})
print(tok["token"])
PY
) || { echo "desk: cannot make the desk's token" >&2; exit 1; }
auth="Authorization: Bearer $token"
org=$(curl -s "$base/api/v1/organisations?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
q=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("交通"))')
found=$(curl -s -H "$auth" "$base/api/v1/cases?view=all&q=$q&limit=20" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
echo "desk.search_page_items: $found"

# run NAME URL [HEADER]: one wrk run; prints the rate and p99 and keeps the rate in $tmp/NAME.rate
run() {
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "${3:-X-Bench: 1}" "$2")
	[ "$code" = 200 ] || { echo "desk: $1: $2 answered $code" >&2; exit 1; }
	timeout -k 5 $((DURATION + 30)) wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency \
		-H "${3:-X-Bench: 1}" "$2" >"$tmp/$1.wrk" 2>&1 || { echo "desk: wrk failed" >&2; exit 1; }
	awk -v n="$1" -v f="$tmp/$1.rate" '
	function ms(v) {
		if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
		if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
		if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
		return -1
	}
	/^Requests\/sec:/ { rate = $2 }
	$1 == "99%" { p99 = ms($2) }
	/Non-2xx or 3xx responses:/ { bad = $NF }
	END {
		printf "desk.%s.rate: %.0f req/s\ndesk.%s.p99: %.2f ms\n", n, rate, n, p99
		if (bad > 0) printf "desk.%s.non_2xx: %d\n", n, bad
		print rate > f
	}' "$tmp/$1.wrk"
}
ratio() {
	awk -v a="$(cat "$tmp/$1.rate")" -v b="$(cat "$tmp/$2.rate")" -v n="$1" \
		'BEGIN { printf "desk.%s.ratio_to_org_get: %.2f\n", n, a / b }'
}

run org_get "$base/api/v1/organisations/$org"
run overdue "$base/api/v1/cases?view=overdue&limit=20" "$auth"
run case_page "$base/api/v1/cases/$case_id" "$auth"
run search "$base/api/v1/cases?view=all&q=$q&limit=20" "$auth"
run org_get_again "$base/api/v1/organisations/$org"
for n in overdue case_page search; do ratio "$n" org_get; done
awk -v a="$(cat "$tmp/org_get_again.rate")" -v b="$(cat "$tmp/org_get.rate")" \
	'BEGIN { printf "desk.org_get.drift: %.2f (the baseline again at the end over at the start)\n", a / b }'
exit 0
