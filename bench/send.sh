#!/bin/sh
# bench/send.sh - the outbox sender's throughput (bench_send) against
# aiosmtpd's sink (Debian's python3-aiosmtpd: it accepts and discards every
# message) on a free port of 127.0.0.1, stopped on exit.
set -u
bin=${1:-build/release}
n=${2:-2000}
py=/usr/bin/python3
[ -x "$py" ] || py=python3
port=$($py -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
$py -m aiosmtpd -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Sink &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null' EXIT INT TERM
for _ in $(seq 50); do
	$py -c "import socket; socket.create_connection(('127.0.0.1', $port), 1)" 2>/dev/null && break
	sleep 0.1
done
timeout 600 "$bin/bench_send" "smtp://127.0.0.1:$port" "$n"
