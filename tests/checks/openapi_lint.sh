#!/bin/sh
# OpenAPI lint: `redocly lint docs/openapi.json` with redocly.yaml (the
# recommended ruleset); fails on any error or warning. Installs the
# @redocly/cli pinned in package.json / package-lock.json first when
# node_modules lacks it (CI starts from a clean clone).
set -u
cd "${LIAISON_SOURCE_DIR:-.}" || exit 1

REDOCLY_TELEMETRY=off
REDOCLY_SUPPRESS_UPDATE_NOTICE=true
npm_config_update_notifier=false
export REDOCLY_TELEMETRY REDOCLY_SUPPRESS_UPDATE_NOTICE npm_config_update_notifier

fail() {
	echo "openapi_lint: $*" >&2
	exit 1
}

for tool in node npm npx; do
	command -v "$tool" >/dev/null 2>&1 || fail "$tool not found (install nodejs, see README.md)"
done
for f in docs/openapi.json package.json package-lock.json redocly.yaml; do
	[ -f "$f" ] || fail "$f is missing"
done

# The installed version must be the pinned one, else reinstall from the lock.
pinned=$(node -p 'require("./package.json").devDependencies["@redocly/cli"]') ||
	fail "cannot read package.json"
installed=$(node -p 'require("./node_modules/@redocly/cli/package.json").version' 2>/dev/null)
if [ ! -x node_modules/.bin/redocly ] || [ "$installed" != "$pinned" ]; then
	echo "openapi_lint: installing @redocly/cli $pinned (npm ci)"
	npm ci --no-audit --no-fund || fail "npm ci failed"
fi

tmp=$(mktemp -d) || fail "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

npx --no-install redocly lint docs/openapi.json >"$tmp/out" 2>"$tmp/err"
rc=$?
npx --no-install redocly lint --format=json docs/openapi.json >"$tmp/json" 2>/dev/null
totals=$(node -e '
const t = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).totals;
if (!t || typeof t.errors !== "number" || typeof t.warnings !== "number") process.exit(1);
console.log(t.errors + " " + t.warnings);' "$tmp/json") || totals=""
set -- $totals
if [ "$rc" -ne 0 ] || [ $# -ne 2 ] || [ "$1" -ne 0 ] || [ "$2" -ne 0 ]; then
	cat "$tmp/out" "$tmp/err" >&2
	fail "docs/openapi.json does not pass (exit $rc, errors/warnings: ${totals:-unknown})"
fi
echo "openapi_lint: docs/openapi.json passes redocly $pinned lint with 0 errors and 0 warnings"
