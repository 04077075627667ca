#!/bin/sh
# tests/pg/cluster.sh - runs one command against a throw-away PostgreSQL 15
# cluster: initdb in a mktemp folder, the server on a Unix socket in that
# folder only (no TCP), trust for the local user "liaison", fsync off
# (PG_DURABLE=1: fsync, synchronous_commit and full_page_writes on, as
# the crash test of tests/reliability wants). The command gets the
# database in $LIAISON_TEST_PG (a postgresql:// URI) and $LIAISON_DB, the
# data folder in $LIAISON_TEST_PG_DATA and in $LIAISON_TEST_PG_START a
# script that starts the server again (after a kill: crash recovery); the
# cluster is stopped and the folder removed whatever happens (trap). PostgreSQL refuses to run as root: as root (CI), the
# server runs as the unprivileged user nobody (runuser).
#
#   sh tests/pg/cluster.sh COMMAND [ARG...]    exits with COMMAND's status
#   PG_BINDIR=/usr/lib/postgresql/15/bin       where initdb and pg_ctl are
set -u
bindir=${PG_BINDIR:-/usr/lib/postgresql/15/bin}
if [ ! -x "$bindir/initdb" ] || [ ! -x "$bindir/pg_ctl" ]; then
	echo "cluster: no PostgreSQL 15 in $bindir (scripts/install-deps installs postgresql)" >&2
	exit 1
fi
[ "$#" -gt 0 ] || { echo "usage: cluster.sh COMMAND [ARG...]" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/liaison-pg.XXXXXX") || exit 1
as=''
if [ "$(id -u)" -eq 0 ]; then
	as='runuser -u nobody --'
	chown nobody "$tmp" || exit 1
fi
port=5432 # a socket in our own folder: no clash with another cluster

stop() {
	if [ -f "$tmp/data/postmaster.pid" ]; then
		$as "$bindir/pg_ctl" -D "$tmp/data" -m immediate -w -t 20 stop >/dev/null 2>&1
	fi
	rm -rf "$tmp"
}
trap stop EXIT
trap 'exit 130' INT TERM HUP

if ! $as "$bindir/initdb" -D "$tmp/data" -U liaison -A trust -E UTF8 --locale=C.UTF-8 \
	--no-sync >"$tmp/initdb.log" 2>&1; then
	cat "$tmp/initdb.log" >&2
	exit 1
fi
if [ "${PG_DURABLE:-0}" = 1 ]; then
	opts="-c fsync=on -c synchronous_commit=on -c full_page_writes=on"
else
	opts="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
fi
opts="-k $tmp -p $port -c listen_addresses= $opts -c max_connections=50 -c shared_buffers=32MB"
cat >"$tmp/start" <<EOF
exec $as "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 -o "$opts" start
EOF
if ! sh "$tmp/start" >/dev/null 2>&1; then
	cat "$tmp/server.log" >&2
	exit 1
fi
if ! "$bindir/createdb" -h "$tmp" -p "$port" -U liaison liaison; then
	cat "$tmp/server.log" >&2
	exit 1
fi
LIAISON_TEST_PG="postgresql://liaison@/liaison?host=$tmp&port=$port"
LIAISON_DB=$LIAISON_TEST_PG
LIAISON_TEST_PG_DATA=$tmp/data
LIAISON_TEST_PG_START=$tmp/start
export LIAISON_TEST_PG LIAISON_DB LIAISON_TEST_PG_DATA LIAISON_TEST_PG_START
"$@"
rc=$?
exit "$rc"
