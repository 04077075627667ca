#!/bin/sh
# Source rules that the compiler does not check: banned functions
# (use snprintf, struct buf, strtol with end checks), and a header comment
# at the top of every C file.
set -u
cd "${LIAISON_SOURCE_DIR:-.}" || exit 1
status=0
banned='\b(strcpy|strcat|strncpy|sprintf|vsprintf|gets|strtok|atoi|atol|atof)[[:space:]]*\('
if grep -rnE "$banned" src bench tests/unit --include='*.c' --include='*.h' | grep -vE '^[^:]+:[0-9]+:[[:space:]]*(/?\*|//)'; then
	echo "checksrc: banned functions above" >&2
	status=1
fi
for f in $(find src -name '*.c' -o -name '*.h'); do
	if ! head -n 1 "$f" | grep -q '^/\*'; then
		echo "checksrc: $f does not start with a comment saying what it is" >&2
		status=1
	fi
done
[ "$status" -eq 0 ] && echo "checksrc: source rules hold"
exit "$status"
