#!/bin/sh
# bench/run.sh - the benchmarks of liaison (`make bench`; never part of the tests).
#
#   http    liaison serve --demo against nginx serving the same JSON as a
#           static file, with wrk: one organisation, a filtered list, a
#           full-text list. Targets: >= 50 % of nginx's rate, p99 <= 5 ms.
#   import  liaison import of ORGS generated organisations (bench/gen_orgs.py)
#           into a fresh database: wall time and peak RSS, against a baseline
#           (the sqlite3 shell loading the same file's lines as raw text).
#           Targets: <= 10 s, <= 300 MB.
#
# It reports, it does not gate: exit 0 even when a target is missed, 1 when
# something failed to run, 2 on a bad setting. Everything runs on 127.0.0.1,
# in a mktemp directory that is removed at exit (KEEP=1 keeps it), and every
# process it starts is bounded in time and killed on exit. See bench/README.md.
#
# Settings (environment):
#   DURATION=10  CONNECTIONS=64   wrk's -d (seconds) and -c
#   ORGS=100000                   organisations generated for the import
#   BENCH="http import"           which parts to run
#   THREADS=  LOG_LEVEL=          passed to liaison serve when set
#   HTTP_DB=                      serve a copy of this database, not the demo data
#   LIAISON=build/release/liaison  the binary
#   IMPORT_TIMEOUT=600            seconds allowed to the import (and baseline)
#   KEEP=0                        1 keeps the temp directory (logs, wrk output)
#   TIMER=                        gnu (/usr/bin/time) or python; default: gnu if present

set -u

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd) || exit 2
LIAISON=${LIAISON:-$root/build/release/liaison}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
ORGS=${ORGS:-100000}
BENCH=${BENCH:-http import}
THREADS=${THREADS:-}
LOG_LEVEL=${LOG_LEVEL:-}
HTTP_DB=${HTTP_DB:-}
IMPORT_TIMEOUT=${IMPORT_TIMEOUT:-600}
KEEP=${KEEP:-0}

# Targets.
RATE_TARGET=50  # % of nginx's requests/s
P99_TARGET=5    # ms
TIME_TARGET=10  # s
RSS_TARGET=300  # MB (10^6 bytes)

host=127.0.0.1
tmp=''
pids=''
failed=0

say() { printf '%s\n' "$*"; }
warn() { printf 'bench: %s\n' "$*" >&2; }
fail() { warn "error: $*"; failed=$((failed + 1)); }
die() { warn "$*"; exit 2; }

# ---- processes ------------------------------------------------------------

# alive PID: the process exists and is not a zombie.
alive() {
	stat=''
	[ -r "/proc/$1/stat" ] || return 1
	read -r stat <"/proc/$1/stat" 2>/dev/null || return 1
	case $stat in *") Z "*) return 1 ;; esac
	return 0
}

forget() {
	keep=''
	for p in $pids; do [ "$p" = "$1" ] || keep="$keep $p"; done
	pids=$keep
}

# stop PID SECONDS: SIGTERM, then SIGKILL after SECONDS; returns its exit status.
stop() {
	kill -TERM "$1" 2>/dev/null
	n=0
	while alive "$1" && [ "$n" -lt $(($2 * 10)) ]; do
		sleep 0.1
		n=$((n + 1))
	done
	if alive "$1"; then
		warn "process $1 ignored SIGTERM for $2 s: killed"
		kill -KILL "$1" 2>/dev/null
	fi
	wait "$1"
	st=$?
	forget "$1"
	return "$st"
}

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	trap - EXIT INT TERM HUP
	for p in $pids; do kill -TERM "$p" 2>/dev/null; done
	for p in $pids; do
		n=0
		while alive "$p" && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
		kill -KILL "$p" 2>/dev/null
	done
	if [ -n "$tmp" ]; then
		if [ "$KEEP" = 1 ]; then warn "kept $tmp"; else rm -rf "$tmp"; fi
	fi
}

# job CMD...: runs CMD as a tracked background job and waits for it, so that
# a signal to this script is handled at once (the traps end it and cleanup
# kills the job) rather than when CMD is done. CMD's stdin is /dev/null.
job() {
	"$@" &
	jobpid=$!
	pids="$pids $jobpid"
	wait "$jobpid"
	jst=$?
	forget "$jobpid"
	return "$jst"
}

# ---- helpers ----------------------------------------------------------------

need_uint() { # NAME VALUE MIN
	case $2 in '' | *[!0-9]*) die "$1 must be a whole number (got '$2')" ;; esac
	[ "$2" -ge "$3" ] || die "$1 must be at least $3 (got $2)"
}

free_port() {
	python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# http_code URL: the status of a GET (000 when no answer).
http_code() {
	curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$1" 2>/dev/null || true
}

# cpu_ticks PID: utime + stime of a process (all its threads) and of its
# children (nginx's workers), in clock ticks.
cpu_ticks() {
	kids=''
	read -r kids <"/proc/$1/task/$1/children" 2>/dev/null
	for p in "$1" $kids; do
		stat=''
		read -r stat <"/proc/$p/stat" 2>/dev/null || continue
		printf '%s\n' "${stat##*) }"
	done | awk '{ t += $12 + $13 } END { print t + 0 }'
}

# The measurement wrapper: GNU time when present, else a Python one
# (TIMER=python forces it).
timer=${TIMER:-}
if [ -z "$timer" ]; then
	if /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
		timer=gnu
	else
		timer=python
	fi
fi

# measure OUT SECONDS CMD...: runs CMD (bounded by SECONDS) and writes
# "wall_s peak_rss_kib user_s sys_s" as the last line of OUT; returns CMD's
# status. It execs: run it as a job (job measure ...), in its own process.
measure() {
	out=$1
	limit=$2
	shift 2
	if [ "$timer" = gnu ]; then
		exec timeout -k 5 "$limit" /usr/bin/time -f '%e %M %U %S' -o "$out" "$@"
	else
		exec timeout -k 5 "$limit" python3 -c 'import resource, subprocess, sys, time
t = time.monotonic()
rc = subprocess.call(sys.argv[2:])
wall = time.monotonic() - t
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as f:
    f.write("%.2f %d %.2f %.2f\n" % (wall, ru.ru_maxrss, ru.ru_utime, ru.ru_stime))
sys.exit(rc if rc >= 0 else 128 - rc)' "$out" "$@"
	fi
}

# ---- http -------------------------------------------------------------------

serve_pid=''
nginx_pid=''

start_liaison() {
	db=$tmp/http.db
	if [ -n "$HTTP_DB" ]; then
		# A copy of the given database instead of the demo data.
		if ! "$LIAISON" backup --db "$HTTP_DB" "$db" >"$tmp/backup.out" 2>&1; then
			fail "cannot copy HTTP_DB=$HTTP_DB:"
			cat "$tmp/backup.out" >&2
			return 1
		fi
		set -- serve --db "$db" --port 0
	else
		set -- serve --demo --db "$db" --port 0
	fi
	[ -n "$THREADS" ] && set -- "$@" --threads "$THREADS"
	[ -n "$LOG_LEVEL" ] && set -- "$@" --log-level "$LOG_LEVEL"
	: >"$tmp/serve.out"
	"$LIAISON" "$@" >"$tmp/serve.out" 2>"$tmp/serve.log" &
	serve_pid=$!
	pids="$pids $serve_pid"
	n=0
	port=''
	while [ "$n" -lt 1200 ]; do # 120 s: migrations and the demo data
		port=$(sed -n 's|^liaison: serving http://127\.0\.0\.1:\([0-9][0-9]*\)/api/v1/.*|\1|p' \
			"$tmp/serve.out")
		[ -n "$port" ] && break
		alive "$serve_pid" || break
		sleep 0.1
		n=$((n + 1))
	done
	if [ -z "$port" ]; then
		fail "liaison serve did not start; its log ends with:"
		tail -n 5 "$tmp/serve.log" >&2
		return 1
	fi
	api="http://$host:$port/api/v1"
}

start_nginx() {
	nport=$(free_port) || { fail "no free port for nginx"; return 1; }
	mkdir -p "$tmp/nginx/temp" "$tmp/www" || return 1
	cp "$tmp/org.json" "$tmp/www/org.json" || return 1
	user_line=''
	# As root the workers would switch to nobody, who cannot enter the
	# mktemp directory: keep them as the current user.
	[ "$(id -u)" = 0 ] && user_line="user $(id -un) $(id -gn);"
	cat >"$tmp/nginx.conf" <<EOF
# generated by bench/run.sh: a static-file baseline for liaison
$user_line
daemon off;
worker_processes 2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	keepalive_requests 1000000;
	client_body_temp_path $tmp/nginx/temp/body;
	proxy_temp_path $tmp/nginx/temp/proxy;
	fastcgi_temp_path $tmp/nginx/temp/fastcgi;
	uwsgi_temp_path $tmp/nginx/temp/uwsgi;
	scgi_temp_path $tmp/nginx/temp/scgi;
	types { }
	default_type application/json;
	server {
		listen $host:$nport;
		root $tmp/www;
	}
}
EOF
	nginx -p "$tmp/nginx" -e "$tmp/nginx/error.log" -c "$tmp/nginx.conf" \
		>"$tmp/nginx/stdout.log" 2>&1 &
	nginx_pid=$!
	pids="$pids $nginx_pid"
	static="http://$host:$nport/org.json"
	n=0
	while [ "$n" -lt 100 ]; do
		[ "$(http_code "$static")" = 200 ] && return 0
		alive "$nginx_pid" || break
		sleep 0.1
		n=$((n + 1))
	done
	fail "nginx did not start; its error log ends with:"
	tail -n 5 "$tmp/nginx/error.log" >&2
	return 1
}

# bench_wrk NAME LABEL URL [PID [HEADER]]: one wrk run; appends a row to
# http.tsv (name rate p99_ms non2xx socket_errors label) and prints plain
# lines. HEADER ("Name: value") is sent with every request.
bench_wrk() {
	name=$1
	label=$2
	url=$3
	pid=${4:-}
	header=${5:-X-Bench: 1}
	out=$tmp/wrk-$name.txt
	code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H "$header" "$url")
	if [ "$code" != 200 ]; then
		fail "$name: GET $url answered $code (not benchmarked)"
		return 1
	fi
	t0=0
	[ -n "$pid" ] && t0=$(cpu_ticks "$pid")
	if ! job timeout -k 5 $((DURATION + 30)) \
		wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$header" "$url" >"$out" 2>&1; then
		fail "$name: wrk failed:"
		tail -n 5 "$out" >&2
		return 1
	fi
	cpu=''
	[ -n "$pid" ] && cpu=$(($(cpu_ticks "$pid") - t0))
	awk -v name="$name" -v label="$label" -v cpu="$cpu" -v hz="$(getconf CLK_TCK)" \
		-v dur="$DURATION" -v tsv="$tmp/http.tsv" '
	function ms(v) {
		if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
		if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
		if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
		if (v ~ /m$/) return substr(v, 1, length(v) - 1) * 60000
		if (v ~ /h$/) return substr(v, 1, length(v) - 1) * 3600000
		return -1
	}
	/^Requests\/sec:/ { rate = $2 }
	/ requests in / { total = $1 }
	$1 == "99%" { p99 = ms($2) }
	/Non-2xx or 3xx responses:/ { non2xx = $NF }
	/Socket errors:/ { gsub(/,/, ""); errs = $4 + $6 + $8 + $10 }
	END {
		if (rate == "" || p99 == "") { print "unparsed"; exit 1 }
		printf "http.%s.rate: %.0f req/s\n", name, rate
		printf "http.%s.p99: %.2f ms\n", name, p99
		if (non2xx + 0 > 0) printf "http.%s.non_2xx: %d responses\n", name, non2xx
		if (errs + 0 > 0) printf "http.%s.socket_errors: %d\n", name, errs
		if (cpu != "") printf "http.%s.server_cpu: %.2f cores\n", name, cpu / hz / dur
		if (cpu != "" && total > 0)
			printf "http.%s.cpu_per_request: %.1f us\n", name, cpu / hz * 1e6 / total
		printf "%s\t%s\t%s\t%d\t%d\t%s\n", name, rate, p99, non2xx, errs, label >> tsv
	}' "$out" || {
		fail "$name: could not read wrk's output:"
		cat "$out" >&2
		return 1
	}
	if grep -q 'Non-2xx or 3xx' "$out"; then
		fail "$name: some answers were not 2xx (see http.$name.non_2xx)"
	fi
}

# The table: each liaison line against the nginx line.
http_table() {
	[ -s "$tmp/http.tsv" ] || return 0
	say ''
	awk -F '\t' -v rt="$RATE_TARGET" -v pt="$P99_TARGET" '
	{ name[NR] = $1; rate[NR] = $2; p99[NR] = $3; label[NR] = $6 }
	$1 == "nginx_static" { base = $2 }
	END {
		printf "%10s %9s %9s  %-13s %-13s %s\n", "req/s", "p99 ms", "vs nginx",
			"rate >= " rt "%", "p99 <= " pt " ms", "benchmark"
		for (i = 1; i <= NR; i++) {
			if (name[i] == "nginx_static") {
				printf "%10.0f %9.2f %9s  %-13s %-13s %s\n", rate[i], p99[i], "100%",
					"baseline", "-", label[i]
				continue
			}
			pct = base > 0 ? 100 * rate[i] / base : -1
			rr = pct < 0 ? "n/a" : (pct >= rt ? "PASS" : "MISS")
			pr = p99[i] <= pt ? "PASS" : "MISS"
			printf "%10.0f %9.2f %8.0f%%  %-13s %-13s %s\n", rate[i], p99[i], pct, rr, pr,
				label[i]
			printf "http.%s.vs_nginx: %.0f %% (target >= %d %%: %s)\n", name[i], pct, rt, rr \
				> "/dev/stderr"
			printf "http.%s.p99_target: %s (p99 <= %d ms)\n", name[i], pr, pt > "/dev/stderr"
		}
	}' "$tmp/http.tsv" 2>"$tmp/http.verdicts"
	say ''
	cat "$tmp/http.verdicts"
}

# api_token: a personal API token of the demo participant in $token (the
# signed-in path: the token's lookup and the account's roles per request).
api_token() {
	token=''
	csrf=$(curl -fsS --max-time 10 -c "$tmp/jar" -H 'Content-Type: application/json' \
		-d '{"email": "participant@demo.liaison.example", "password": "demo-participant-pass"}' \
		"$api/auth/sign-in" | jq -r '.csrf_token // empty') || csrf=''
	[ -n "$csrf" ] && token=$(curl -fsS --max-time 10 -b "$tmp/jar" \
		-H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" -d '{"name": "bench"}' \
		"$api/auth/tokens" | jq -r '.token // empty')
	[ -n "$token" ] && return 0
	fail "cannot sign in as the demo participant and make an API token"
	return 1
}

bench_http() {
	say "http.duration: $DURATION s"
	say "http.connections: $CONNECTIONS"
	start_liaison || return 1
	say "http.liaison_threads: ${THREADS:-default}"
	say "http.liaison_log_level: ${LOG_LEVEL:-default}"
	say "http.data: ${HTTP_DB:-demo}"
	list=$(curl -fsS --max-time 10 "$api/organisations?limit=1") ||
		{ fail "GET /organisations?limit=1 failed"; return 1; }
	id=$(printf '%s' "$list" | jq -r '.items[0].id // empty') || id=''
	case $id in
	'' | *[!0-9]*)
		fail "no organisation id in GET /organisations?limit=1: $list"
		return 1
		;;
	esac
	curl -fsS --max-time 10 -o "$tmp/org.json" "$api/organisations/$id" ||
		{ fail "GET /organisations/$id failed"; return 1; }
	say "http.organisation: $id ($(wc -c <"$tmp/org.json" | tr -d ' ') bytes)"
	start_nginx || return 1

	: >"$tmp/http.tsv"
	bench_wrk nginx_static "nginx static file" "$static" "$nginx_pid"
	bench_wrk org_get "GET organisation" "$api/organisations/$id" "$serve_pid"
	if [ -z "$HTTP_DB" ] && api_token; then
		bench_wrk org_get_token "GET organisation, signed in (API token)" \
			"$api/organisations/$id" "$serve_pid" "Authorization: Bearer $token"
	fi
	bench_wrk org_filter "list country=CN kind=city" \
		"$api/organisations?country=CN&kind=city&limit=20" "$serve_pid"
	# q=交通 (UTF-8, percent-encoded)
	bench_wrk org_fulltext "list q=交通" \
		"$api/organisations?q=%E4%BA%A4%E9%80%9A&limit=20" "$serve_pid"
	http_table

	log_lines=$(wc -l <"$tmp/serve.log" | tr -d ' ')
	log_bytes=$(wc -c <"$tmp/serve.log" | tr -d ' ')
	say "http.server_log: $log_lines lines $log_bytes bytes"
	stop "$nginx_pid" 10
	stop "$serve_pid" 20
	st=$?
	if [ "$st" = 0 ]; then
		say "http.server_stop: clean (exit 0 on SIGTERM)"
	else
		fail "liaison serve exited with status $st on SIGTERM"
	fi
}

# ---- import -------------------------------------------------------------------

# measured FILE N: field N (1 wall s, 2 KiB, 3 user s, 4 sys s) of the last
# line of a measure() file.
measured() {
	tail -n 1 "$1" 2>/dev/null | awk -v n="$2" '{ v = $n } END { print v + 0 }'
}

bench_import() {
	orgs_file=$tmp/orgs.json
	if ! job timeout -k 5 900 python3 "$root/bench/gen_orgs.py" --count "$ORGS" \
		--output "$orgs_file" 2>"$tmp/gen.log"; then
		fail "bench/gen_orgs.py failed:"
		cat "$tmp/gen.log" >&2
		return 1
	fi
	nopps=$(sed -n 's/^gen_orgs: [0-9]* organisations \([0-9]*\) opportunities$/\1/p' "$tmp/gen.log")
	bytes=$(wc -c <"$orgs_file" | tr -d ' ')
	say "import.organisations: $ORGS"
	say "import.opportunities: $nopps"
	say "import.file: $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB"
	say "import.timer: $timer"

	if ! job measure "$tmp/import.time" "$IMPORT_TIMEOUT" \
		"$LIAISON" import --db "$tmp/import.db" "$orgs_file" >"$tmp/import.out" 2>&1; then
		fail "liaison import failed or timed out ($IMPORT_TIMEOUT s):"
		tail -n 5 "$tmp/import.out" >&2
		return 1
	fi
	isec=$(measured "$tmp/import.time" 1)
	ikib=$(measured "$tmp/import.time" 2)
	icpu=$(measured "$tmp/import.time" 3)
	icpu=$(awk -v u="$icpu" -v s="$(measured "$tmp/import.time" 4)" 'BEGIN { print u + s }')
	stats=$("$LIAISON" stats --db "$tmp/import.db" 2>&1) ||
		{ fail "liaison stats after the import failed: $stats"; return 1; }
	got=$(printf '%s' "$stats" | jq -r '.organisations.total') || got=''
	gotopp=$(printf '%s' "$stats" | jq -r '.opportunities.total') || gotopp=''
	[ "$got" = "$ORGS" ] || fail "the database holds $got organisations, not $ORGS"
	[ "$gotopp" = "$nopps" ] || fail "the database holds $gotopp opportunities, not $nopps"
	dbbytes=$(cat "$tmp"/import.db* | wc -c | tr -d ' ')

	# Baseline: the sqlite3 shell loads the same file's lines (one
	# organisation each, as gen_orgs.py writes them) as raw text into a
	# plain table, in one transaction: no JSON parsing, no validation, no
	# index, no full text. Lines that are not organisations: the first and
	# last ({"organisations": [ and ]}).
	printf '%s\n' '.mode ascii' '.separator "\037" "\n"' 'PRAGMA journal_mode=WAL;' \
		'CREATE TABLE org(body TEXT NOT NULL);' ".import \"$orgs_file\" org" \
		>"$tmp/baseline.sql"
	if ! job measure "$tmp/baseline.time" "$IMPORT_TIMEOUT" sqlite3 -bail "$tmp/baseline.db" \
		".read '$tmp/baseline.sql'" >"$tmp/baseline.out" 2>&1; then
		fail "the sqlite3 baseline failed:"
		tail -n 5 "$tmp/baseline.out" >&2
		bsec=''
	else
		bsec=$(measured "$tmp/baseline.time" 1)
		bkib=$(measured "$tmp/baseline.time" 2)
		bn=$(sqlite3 "$tmp/baseline.db" \
			"SELECT count(*) FROM org WHERE body LIKE '{\"id\":%'") || bn=''
		[ "$bn" = "$ORGS" ] || fail "the baseline table holds $bn organisations, not $ORGS"
	fi

	awk -v s="$isec" -v k="$ikib" -v c="$icpu" -v n="$ORGS" -v db="$dbbytes" -v bs="$bsec" \
		-v bk="${bkib:-0}" -v tt="$TIME_TARGET" -v rt="$RSS_TARGET" 'BEGIN {
		mb = k * 1024 / 1e6
		printf "import.time: %.2f s (target <= %d s: %s)\n", s, tt, s <= tt ? "PASS" : "MISS"
		printf "import.peak_rss: %.0f MB (target <= %d MB: %s)\n", mb, rt, mb <= rt ? "PASS" : "MISS"
		printf "import.cpu: %.2f s (user + system)\n", c
		if (s > 0) printf "import.rate: %.0f organisations/s\n", n / s
		printf "import.database: %.1f MB\n", db / 1e6
		if (bs != "") {
			printf "import.baseline_time: %.2f s (sqlite3 .import of the same lines as raw text)\n", bs
			printf "import.baseline_peak_rss: %.0f MB\n", bk * 1024 / 1e6
			if (bs > 0) printf "import.vs_baseline: %.1f x\n", s / bs
		}
	}'
}

# ---- main ------------------------------------------------------------------------

need_uint DURATION "$DURATION" 1
need_uint CONNECTIONS "$CONNECTIONS" 2
need_uint ORGS "$ORGS" 1
need_uint IMPORT_TIMEOUT "$IMPORT_TIMEOUT" 1
case $timer in gnu | python) ;; *) die "TIMER must be gnu or python (got '$timer')" ;; esac
[ -z "$THREADS" ] || need_uint THREADS "$THREADS" 1
[ -z "$HTTP_DB" ] || [ -f "$HTTP_DB" ] || die "HTTP_DB: no file $HTTP_DB"
[ -x "$LIAISON" ] || die "no liaison binary at $LIAISON (make release, or set LIAISON)"
for part in $BENCH; do
	case $part in http | import) ;; *) die "BENCH: unknown part '$part' (http, import)" ;; esac
done
missing=''
for tool in curl jq python3 timeout awk sed; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
case " $BENCH " in *" http "*)
	for tool in wrk nginx; do command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"; done ;;
esac
case " $BENCH " in *" import "*)
	command -v sqlite3 >/dev/null 2>&1 || missing="$missing sqlite3" ;;
esac
[ -z "$missing" ] || die "missing tools:$missing (scripts/install-deps installs them)"

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP
tmp=$(mktemp -d "${TMPDIR:-/tmp}/liaison-bench.XXXXXX") || die "mktemp failed"

say "bench.date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
say "bench.liaison: $("$LIAISON" --version 2>/dev/null | head -n 1)"
# The source tree's commit ("-dirty": uncommitted changes were there; the
# binary may have been built from them).
say "bench.commit: $(git -C "$root" describe --always --dirty 2>/dev/null || echo unknown)"
say "bench.cores: $(nproc)"
say "bench.cpu: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
say "bench.loadavg: $(cut -d ' ' -f 1-3 /proc/loadavg) (before; above 0.5 the machine is busy)"
for part in $BENCH; do
	say ''
	case $part in
	http) bench_http ;;
	import) bench_import ;;
	esac
done
say ''
say "bench.loadavg_after: $(cut -d ' ' -f 1-3 /proc/loadavg)"
if [ "$failed" -gt 0 ]; then
	say "bench.result: $failed failure(s) while running"
	exit 1
fi
say "bench.result: ran (targets are reported above, not enforced)"
exit 0
