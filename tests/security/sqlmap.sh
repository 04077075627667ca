#!/bin/sh
# tests/security/sqlmap.sh - SQL injection scan of the API with Debian's
# sqlmap: a demo server on 127.0.0.1 with a temporary database, and sqlmap
# against the list parameters of the collections, the ids and refs in
# paths, and the JSON bodies of sign-in and of writes made as an admin.
#
# Usage: tests/security/sqlmap.sh [LIAISON_BIN]   (or $LIAISON_BIN;
#        default build/release/liaison). Exits 1 when sqlmap reports an
#        injectable parameter (or a candidate it could not rule out within
#        the budget), or when the server dies; 2 when it cannot run.
#        Figures go to stdout; README.md beside this file has those of a run.
# Knobs: SQLMAP_LEVEL (default 5), SQLMAP_RISK (default 3), SQLMAP_BUDGET
#        (seconds per target, default 90), SQLMAP_KEEP=1 keeps the work dir
#        (sqlmap's output of each target, the server log).
#
# Every target runs at --level 5 --risk 3 (all payloads and boundaries,
# OR-based ones included: the database is a throwaway) with --dbms=SQLite
# (the store's engine: no payloads of other engines), except sign-in, whose
# every request costs an Argon2 hash (about 0.1 s): --level 3 --risk 2
# there. The headers User-Agent, Referer and Host are scanned with the
# first target only (the server puts none of them in SQL).
set -u

BIN=${1:-${LIAISON_BIN:-build/release/liaison}}
LEVEL=${SQLMAP_LEVEL:-5}
RISK=${SQLMAP_RISK:-3}
BUDGET=${SQLMAP_BUDGET:-90}
ADMIN=admin@sqlmap.example
ADMIN_PW="sqlmap-admin-password"

for tool in sqlmap curl jq sqlite3 timeout; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "sqlmap.sh: $tool is missing (scripts/install-deps installs it)" >&2
		exit 2
	fi
done
if [ ! -x "$BIN" ]; then
	echo "sqlmap.sh: no liaison binary at $BIN" >&2
	exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/liaison-sqlmap.XXXXXX")
DB=$WORK/scan.db
LOG=$WORK/server.log
PID=
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
		kill "$PID" 2>/dev/null
		wait "$PID" 2>/dev/null
	fi
	if [ "${SQLMAP_KEEP:-0}" = 1 ]; then
		echo "work dir kept: $WORK"
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 2' INT TERM

# ---- the server --------------------------------------------------------------
if ! printf '%s\n' "$ADMIN_PW" | "$BIN" user add "$ADMIN" --admin --db "$DB" >/dev/null; then
	echo "sqlmap.sh: cannot add the admin account" >&2
	exit 2
fi
"$BIN" serve --db "$DB" --port 0 --demo --registration open --log-level info \
	>"$WORK/server.out" 2>"$LOG" &
PID=$!
PORT=
for _ in $(seq 100); do
	PORT=$(sed -n 's|.*http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$WORK/server.out" 2>/dev/null)
	[ -n "$PORT" ] && break
	sleep 0.1
done
if [ -z "$PORT" ]; then
	echo "sqlmap.sh: the server did not start:" >&2
	cat "$LOG" >&2
	exit 2
fi
BASE=http://127.0.0.1:$PORT/api/v1

# an API token for the admin, made through the API (sign-in, then POST /auth/tokens)
CSRF=$(curl -sf -c "$WORK/jar" -H 'Content-Type: application/json' \
	-d "{\"email\":\"$ADMIN\",\"password\":\"$ADMIN_PW\"}" "$BASE/auth/sign-in" | jq -r .csrf_token)
TOKEN=$(curl -sf -b "$WORK/jar" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
	-d '{"name":"sqlmap"}' "$BASE/auth/tokens" | jq -r .token)
if [ -z "$TOKEN" ] || [ "$TOKEN" = null ]; then
	echo "sqlmap.sh: cannot make an API token" >&2
	exit 2
fi
AUTH="Authorization: Bearer $TOKEN"
# a row in the outbox, for the outbox's filters
curl -sf -o /dev/null -H 'Content-Type: application/json' \
	-d "{\"email\":\"$ADMIN\"}" "$BASE/auth/password-reset"

# ---- the targets -------------------------------------------------------------
# name|auth (admin or -)|level,risk (- = the defaults)|method|path and query
# ('*' marks an injection point in a path or body; else sqlmap scans every
# query or JSON body parameter)|JSON body
cat >"$WORK/targets" <<EOF
organisations|-|-|GET|/organisations?q=MaaS&kind=sme&lang=en&limit=5&cursor=1|
organisations-facets|-|-|GET|/organisations?theme=mobility&sdg=11&sector=J62&country=FI&limit=5|
people|-|-|GET|/people?q=anna&organisation=59&lang=fi&limit=5|
opportunities|-|-|GET|/opportunities?q=MaaS&organisation=59&type=offer&category=technology&country=FI&kind=sme&theme=mobility&lang=en&state=open&limit=5|
events|-|-|GET|/events?q=fair&country=CN&mode=hybrid&limit=5|
registrations|admin|-|GET|/registrations?event=1&person=16&attendance=onsite&limit=5|
meeting-requests|admin|-|GET|/meeting-requests?event=1&person=16&state=accepted&limit=5&cursor=1|
meetings|admin|-|GET|/meetings?event=1&person=16&limit=5|
agreements|admin|-|GET|/agreements?event=1&organisation=59&kind=letter_of_intent&state=signed&limit=5|
accounts|admin|-|GET|/accounts?q=admin&role=admin&limit=5|
outbox|admin|-|GET|/outbox?to=$ADMIN&kind=password_reset&limit=5|
audit|admin|-|GET|/audit?account=1&since=2020-01-01T00:00:00Z&limit=5|
organisation-ref|-|-|GET|/organisations/fi-mobisync*|
person-id|-|-|GET|/people/73*|
event-ref|-|-|GET|/events/eu-cn-fair-2026*|
request-id|admin|-|GET|/meeting-requests/1*|
recommendations|admin|-|GET|/organisations/59*/recommendations?top=3|
matches|admin|-|GET|/opportunities/fi-mobisync-o1*/matches?top=3|
sign-in|-|3,2|POST|/auth/sign-in|{"email":"$ADMIN*","password":"$ADMIN_PW"}
post-person|admin|-|POST|/people|{"organisation_id":59,"name":"Scan Person","role":"tester","email":"scan@example.org","time_zone":"Europe/Helsinki"}
patch-organisation|admin|-|PATCH|/organisations/59|{"description":"MaaS platform for cities","website":"https://mobisync.example.fi","city":"Espoo"}
post-request|admin|-|POST|/meeting-requests|{"event_id":1,"requester_id":73,"invitee_id":17,"message":"Shall we meet?","priority":1}
EOF

# The status of a target's request as it is (no '*' markers): it should succeed.
baseline() { # auth method path body
	printf '%s' "$4" | tr -d '*' >"$WORK/body"
	url=$(printf '%s' "$BASE$3" | tr -d '*')
	if [ -n "$4" ]; then
		set -- "$1" "$2" --data-binary "@$WORK/body" -H 'Content-Type: application/json'
	else
		set -- "$1" "$2"
	fi
	if [ "$1" = admin ]; then
		set -- "$@" -H "$AUTH"
	fi
	method=$2
	shift 2
	curl -s -o /dev/null -w '%{http_code}' -X "$method" "$@" "$url"
}

# The request lines of the server log (the status is the third field from the end).
request_lines() {
	grep -E ' info (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) ' "$LOG"
}

# Keeps the sign-in throttle (30 failures per address in 15 minutes) from
# answering 429 before the account lookup: every payload reaches the SQL.
clear_throttle() {
	while kill -0 "$1" 2>/dev/null; do
		sqlite3 -cmd '.timeout 5000' "$DB" 'DELETE FROM throttle;' 2>/dev/null
		sleep 0.5
	done
}

# Scans one target; appends "requests params confirmed candidates rejected
# unresolved budget" to $WORK/figures and prints a line.
scan() { # n name auth level,risk method path body
	n=$1 name=$2 auth=$3 lr=$4 method=$5 path=$6 body=$7
	out=$WORK/run-$n-$name.txt
	level=$LEVEL risk=$RISK
	if [ "$lr" != - ]; then
		level=${lr%,*} risk=${lr#*,}
	fi
	base=$(baseline "$auth" "$method" "$path" "$body")
	case $base in
	2??) ;;
	*) echo "      warning: $name without markers answers $base, not 2xx" ;;
	esac
	set -- --batch --level "$level" --risk "$risk" --dbms=SQLite --time-sec=1 \
		--timeout=10 --retries=1 --flush-session --disable-coloring \
		--ignore-code=401,403,404,409,422,429 --output-dir="$WORK/sqlmap-$n" \
		-u "$BASE$path" --method="$method"
	[ "$n" -gt 1 ] && set -- "$@" --skip=user-agent,referer,host
	[ "$auth" = admin ] && set -- "$@" -H "$AUTH"
	[ -n "$body" ] && set -- "$@" --data="$body" -H 'Content-Type: application/json'
	sleep 0.2 # the server flushes its log every 100 ms
	before=$(request_lines | wc -l)
	t0=$(date +%s)
	timeout "$BUDGET" sqlmap "$@" >"$out" 2>&1 &
	pid=$!
	if [ "$name" = sign-in ]; then
		clear_throttle "$pid" &
	fi
	wait "$pid"
	rc=$?
	sleep 0.2
	sent=$(($(request_lines | wc -l) - before))
	params=$(grep -oE "parameter '[^']+' (does not seem to be injectable|is vulnerable)" "$out" |
		sort -u | wc -l)
	# sqlmap's CSV lists confirmed points, and ruled-out ones with a note
	csv=$(cat "$WORK/sqlmap-$n"/results-*.csv 2>/dev/null | grep '^http' |
		grep -vc 'false positive')
	vuln=$(grep -cE "is vulnerable|identified the following injection point" "$out")
	confirmed=$((csv > vuln ? csv : vuln))
	cand=$(grep -cE "parameter '[^']+' appears to be '.*' injectable" "$out")
	rejected=$(grep -c "false positive or unexploitable injection point detected" "$out")
	unresolved=$((cand - rejected - confirmed))
	[ $unresolved -lt 0 ] && unresolved=0
	budget=0
	[ $rc -eq 124 ] && budget=1
	printf '%-20s %3s,%s %8d %6d %9d %10d %5ds%s\n' "$name" "$level" "$risk" "$sent" \
		"$params" "$confirmed" "$cand" $(($(date +%s) - t0)) \
		"$([ $budget = 1 ] && echo ' (budget reached)')"
	grep -E "is vulnerable|appears to be '.*' injectable|false positive or unexploitable" "$out" |
		sed 's/^/      /'
	echo "$sent $params $confirmed $cand $rejected $unresolved $budget" >>"$WORK/figures"
}

START=$(date +%s)
: >"$WORK/figures"
printf '%-20s %5s %8s %6s %9s %10s %6s\n' target lvl,rsk requests params confirmed candidates time
N=0
while IFS='|' read -r name auth lr method path body; do
	[ -n "$name" ] || continue
	N=$((N + 1))
	scan "$N" "$name" "$auth" "$lr" "$method" "$path" "$body" </dev/null
done <"$WORK/targets"

# ---- figures -------------------------------------------------------------------
# shellcheck disable=SC2046 # word splitting wanted: awk prints eight numbers
set -- $(awk '{for (i = 1; i <= 7; i++) t[i] += $i; n++}
	END {print n + 0, t[1] + 0, t[2] + 0, t[3] + 0, t[4] + 0, t[5] + 0, t[6] + 0, t[7] + 0}' \
	"$WORK/figures")
TARGETS_RUN=$1 REQUESTS=$2 PARAMS=$3 CONFIRMED=$4 CANDIDATES=$5 REJECTED=$6 UNRESOLVED=$7
BUDGETS=$8
sleep 0.2
STATUSES=$(request_lines | awk '{print $(NF - 2)}' | sort | uniq -c |
	awk '{printf "%s%s x%s", sep, $2, $1; sep = ", "}')
ERRORS=$(request_lines | awk '$(NF - 2) >= 500' | wc -l)
ALIVE=no
curl -sf -o /dev/null "$BASE/health" && ALIVE=yes
kill "$PID"
wait "$PID"
STOP=$?
PID=
echo
echo "sqlmap $(sqlmap --version 2>/dev/null | head -n 1): --level $LEVEL --risk $RISK" \
	"(sign-in 3,2), --dbms=SQLite, budget ${BUDGET}s per target"
echo "targets: $TARGETS_RUN ($BUDGETS reached the budget)"
echo "requests sent: $REQUESTS (answers: $STATUSES)"
echo "parameters tested: $PARAMS (query, path, JSON body; headers with the first target)"
echo "findings: $CONFIRMED injectable; $CANDIDATES candidates, $REJECTED ruled out by" \
	"sqlmap's false-positive check, $UNRESOLVED unresolved"
echo "server: $ERRORS answers 5xx; alive after the scan: $ALIVE; exit status on SIGTERM: $STOP"
echo "time: $(($(date +%s) - START)) s"
if [ "$CONFIRMED" -gt 0 ] || [ "$UNRESOLVED" -gt 0 ] || [ "$ALIVE" != yes ] ||
	[ "$STOP" -ne 0 ]; then
	exit 1
fi
exit 0
