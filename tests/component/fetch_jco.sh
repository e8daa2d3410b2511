#!/bin/sh
# Installs @bytecodealliance/jco with npm into tests/.cache/jco (ignored by git), once, and
# prints the path of its jco command. Exits 77 when node, npm or the registry is unavailable:
# the tests that need jco report that as skipped (ctest SKIP_RETURN_CODE), never as passed.
# WASMC_JCO_VERSION picks another version than the one the tests were written against.
set -u
cache="$(cd "$(dirname "$0")/.." && pwd)/.cache/jco"
version="${WASMC_JCO_VERSION:-1.35.0}"
jco="$cache/node_modules/.bin/jco"
if [ ! -x "$jco" ]; then
	for tool in node npm; do
		command -v "$tool" >/dev/null 2>&1 || { echo "fetch_jco: $tool not found" >&2; exit 77; }
	done
	mkdir -p "$cache"
	if ! timeout 600 npm install --prefix "$cache" --no-audit --no-fund --loglevel=error \
			"@bytecodealliance/jco@$version" >&2; then
		echo "fetch_jco: npm install @bytecodealliance/jco@$version failed (registry unreachable?)" >&2
		exit 77
	fi
fi
"$jco" --version >/dev/null 2>&1 || { echo "fetch_jco: $jco does not run" >&2; exit 77; }
echo "$jco"
