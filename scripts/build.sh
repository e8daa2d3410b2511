#!/bin/sh
# Configures (once) and builds wasmc in build/ (or $1) with clang-19.
# Extra arguments after the folder go to cmake at configure time.
set -eu
cd "$(dirname "$0")/.."
dir="${1:-build}"
[ $# -gt 0 ] && shift
if [ ! -f "$dir/CMakeCache.txt" ] || [ $# -gt 0 ]; then
	cmake -S . -B "$dir" -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 "$@" >"$dir.configure.log" 2>&1 ||
		{ cat "$dir.configure.log"; exit 1; }
fi
cmake --build "$dir" -j"$(nproc)"
