#!/bin/sh
# The fuzz smoke test of `make check`: every libFuzzer program of a build
# made with -DLIAISON_FUZZ=ON (make fuzz-build) runs over its committed
# corpus (tests/fuzz/corpus/<name without fuzz_>/) and then mutates it for
# FUZZ_SMOKE_RUNS executions or FUZZ_SMOKE_TIME (8) seconds, whichever comes
# first. New inputs go to a temporary directory, never into the committed
# corpus; a crash, leak or sanitizer report fails the test and leaves the
# input in <build>/fuzz-artifacts/.
#   sh tests/fuzz/smoke.sh [build-dir]     (default build/fuzz)
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build/fuzz}
runs=${FUZZ_SMOKE_RUNS:-200000}
time=${FUZZ_SMOKE_TIME:-8}
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts" || exit 1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

status=0
found=0
for bin in "$build"/fuzz_*; do
	if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then
		continue
	fi
	name=$(basename "$bin")
	short=${name#fuzz_}
	corpus="$here/corpus/$short"
	if [ ! -d "$corpus" ]; then
		echo "fuzz smoke: $name has no corpus $corpus" >&2
		status=1
		continue
	fi
	found=1
	dict=""
	[ -f "$here/$short.dict" ] && dict="-dict=$here/$short.dict"
	mkdir -p "$tmp/$short" || exit 1
	# shellcheck disable=SC2086
	"$bin" -runs="$runs" -max_total_time="$time" -timeout=10 $dict \
		-artifact_prefix="$artifacts/" -print_final_stats=1 \
		"$tmp/$short" "$corpus" >"$tmp/$short.log" 2>&1
	rc=$?
	if [ "$rc" -ne 0 ]; then
		cat "$tmp/$short.log" >&2
		echo "fuzz smoke: $name failed ($rc); the input is in $artifacts/" >&2
		status=1
		continue
	fi
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$tmp/$short.log")
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$tmp/$short.log")
	cov=$(grep -a 'DONE' "$tmp/$short.log" | tail -n 1 | sed 's/.*\(cov: [0-9]*\) \(ft: [0-9]*\).*/\1 \2/')
	echo "fuzz smoke: $name: $execs executions ($speed/s), $cov, no finding"
done
if [ "$found" -eq 0 ]; then
	echo "fuzz smoke: no fuzz_* program in $build (make fuzz-build)" >&2
	exit 1
fi
exit "$status"
