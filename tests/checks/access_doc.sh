#!/bin/sh
# docs/access.md against the route table: between the lines
# "<!-- access-table:begin -->" and "<!-- access-table:end -->" it must hold
# one empty line, exactly what `liaison routes --markdown` prints (the table
# the server enforces), and one empty line. Fails with the diff otherwise;
# the fix is to paste the command's output there.
set -u
cd "${LIAISON_SOURCE_DIR:-.}" || exit 1

doc=docs/access.md
begin='<!-- access-table:begin -->'
end='<!-- access-table:end -->'

fail() {
	echo "access_doc: $*" >&2
	exit 1
}

[ -n "${LIAISON_BIN:-}" ] && [ -x "$LIAISON_BIN" ] ||
	fail "LIAISON_BIN must name the liaison binary (ctest sets it)"
[ -f "$doc" ] || fail "$doc is missing"
[ "$(grep -cxF "$begin" "$doc")" -eq 1 ] || fail "$doc needs exactly one line $begin"
[ "$(grep -cxF "$end" "$doc")" -eq 1 ] || fail "$doc needs exactly one line $end"

tmp=$(mktemp -d) || fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

{
	echo
	"$LIAISON_BIN" routes --markdown || fail "$LIAISON_BIN routes --markdown failed"
	echo
} >"$tmp/routes" || exit 1
awk -v b="$begin" -v e="$end" '
	$0 == e { inside = 0; done = 1 }
	inside { print }
	$0 == b { if (!done) inside = 1 }
	END { if (!done) exit 1 }' "$doc" >"$tmp/doc" ||
	fail "$end must come after $begin in $doc"

if ! diff -u "$tmp/routes" "$tmp/doc" >"$tmp/diff"; then
	sed -e "1s|.*|--- liaison routes --markdown|" -e "2s|.*|+++ $doc (between the markers)|" \
		"$tmp/diff" >&2
	fail "the table in $doc is not the one the server enforces: paste the output of" \
		"'liaison routes --markdown' between the markers (with an empty line each side)"
fi
echo "access_doc: $doc lists the $(($(wc -l <"$tmp/routes") - 4)) endpoints of the route table"
