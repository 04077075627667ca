#!/bin/sh
# The layers of DESIGN.md, as far as grep can see them:
# - only the storage drivers (src/store/sqlite/, src/store/pg/) talk to a
#   database: no file elsewhere in src/, tests/unit/ or bench/ calls
#   sqlite3_* or PQ*, names their types or includes <sqlite3.h> or
#   <libpq-fe.h>; the rest of src/store/ goes through store/db.h;
# - the HTTP adapter, the API and the command line know nothing of the
#   store: no file in src/http/, src/api/ or src/cli/ includes a
#   "store/..." header, calls a store_* function or names the store's types
#   (struct store, enum store_*, STORE_*); they reach the domain through
#   src/service/ only;
# - the pure engines (src/match/, src/sched/, src/assign/) include no
#   header of the store, the service, HTTP or the API, and do no I/O of
#   their own (no fopen, no sockets).
# Comment lines are not code and are skipped. Prints every offending line.
set -u
cd "${LIAISON_SOURCE_DIR:-.}" || exit 1
status=0

# grep -rnE pattern over dirs (C files), without comment lines, minus
# files whose path matches the extended regex keep (may be empty).
offenders() {
	pattern=$1
	keep=$2
	shift 2
	grep -rnE "$pattern" "$@" --include='*.c' --include='*.h' |
		grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)' |
		{ if [ -n "$keep" ]; then grep -vE "^($keep)"; else cat; fi; }
}

db_calls='\b(sqlite3_[A-Za-z0-9_]+|PQ[A-Za-z0-9_]+)[[:space:]]*\(|#[[:space:]]*include[[:space:]]*<(sqlite3|libpq-fe)\.h>|\bsqlite3(_stmt|_backup|_value|_int64)?\b[[:space:]]*\*|\bsqlite3_stmt\b|\b(PGconn|PGresult)\b'
found=$(offenders "$db_calls" "src/store/(sqlite|pg)/" src tests/unit bench)
if [ -n "$found" ]; then
	printf '%s\n' "$found"
	echo "layers: the lines above talk to a database outside src/store/sqlite/ and src/store/pg/ (a driver's job: use store/db.h)" >&2
	status=1
fi

store_use='#[[:space:]]*include[[:space:]]*"([^"]*/)?store/|\bstore_[A-Za-z0-9_]+[[:space:]]*\(|\bstruct[[:space:]]+store\b|\benum[[:space:]]+store_|\bSTORE_[A-Z]'
found=$(offenders "$store_use" "" src/api src/http src/cli)
if [ -n "$found" ]; then
	printf '%s\n' "$found"
	echo "layers: the lines above reach the store from src/api/, src/http/ or src/cli/ (call a service_* function instead)" >&2
	status=1
fi

engine_use='#[[:space:]]*include[[:space:]]*"(store|service|http|api|cli)/|#[[:space:]]*include[[:space:]]*<(microhttpd|sys/socket)\.h>|\bfopen[[:space:]]*\('
found=$(offenders "$engine_use" "" src/match src/sched src/assign)
if [ -n "$found" ]; then
	printf '%s\n' "$found"
	echo "layers: the lines above give a pure engine (src/match, src/sched, src/assign) a dependency on the layers above it or I/O of its own" >&2
	status=1
fi

[ "$status" -eq 0 ] && echo "layers: src/api, src/http and src/cli reach the domain through src/service only; database calls stay in the drivers of src/store; the engines (match, sched, assign) are pure"
exit "$status"
