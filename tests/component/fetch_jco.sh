#!/bin/sh
# Installs @bytecodealliance/jco with npm into tests/.cache/jco (ignored by git), once, and
# prints the path of its jco command. Exits 77 when node, npm or the registry is unavailable:
# the tests that need jco report that as skipped (ctest SKIP_RETURN_CODE), never as passed.
# WASMC_JCO_VERSION picks another version than the one the tests were written against.
#
# ctest runs several jco tests at once: on a clean clone they all find jco missing. One lock
# (flock) makes the others wait for the first install, and npm installs into a staging folder
# that is renamed into place only when complete, so no test ever sees half an install.
set -u
tests="$(cd "$(dirname "$0")/.." && pwd)"
cache="$tests/.cache/jco"
version="${WASMC_JCO_VERSION:-1.35.0}"
jco="$cache/node_modules/.bin/jco"
mkdir -p "$tests/.cache"
exec 9>"$tests/.cache/jco.lock"
flock 9
if [ ! -x "$jco" ]; then
	for tool in node npm; do
		command -v "$tool" >/dev/null 2>&1 || { echo "fetch_jco: $tool not found" >&2; exit 77; }
	done
	staging="$cache.staging.$$"
	rm -rf "$staging"
	mkdir -p "$staging"
	if ! timeout 600 npm install --prefix "$staging" --no-audit --no-fund --loglevel=error \
			"@bytecodealliance/jco@$version" >&2; then
		rm -rf "$staging"
		echo "fetch_jco: npm install @bytecodealliance/jco@$version failed (registry unreachable?)" >&2
		exit 77
	fi
	rm -rf "$cache"
	mv "$staging" "$cache"
fi
"$jco" --version >/dev/null 2>&1 || { echo "fetch_jco: $jco does not run" >&2; exit 77; }
echo "$jco"
