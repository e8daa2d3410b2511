#!/bin/sh
# A sanity check of generated code's speed: each kernel in bench/kernels/ built
# natively (clang-19 -O2, static) and as wasm32-wasi compiled by wasmc -O2, run
# interleaved (native, wasmc, native, ...) RUNS times each; prints the median
# wall time of each and the ratio wasmc/native, and checks that both print the
# same output. The full harness (peers, charts) is issue 6's bench/run.
#
# usage: bench/quick.sh [RUNS]   (needs build/wasmc; see README)
set -eu
cd "$(dirname "$0")/.."
runs="${1:-5}"
out="build/bench-quick"
mkdir -p "$out"
wasmc=build/wasmc

now_ns() { date +%s%N; }

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

printf '%-8s %12s %12s %8s\n' kernel "native ms" "wasmc ms" ratio
for src in bench/kernels/*.c; do
	name=$(basename "$src" .c)
	clang-19 -O2 -static -o "$out/$name.native" "$src" -lm
	clang-19 --target=wasm32-wasi -O2 -o "$out/$name.wasm" "$src" -lm
	"$wasmc" -O2 "$out/$name.wasm" -o "$out/$name.wasmc"
	if [ "$("$out/$name.native")" != "$("$out/$name.wasmc")" ]; then
		echo "$name: outputs differ" >&2
		exit 1
	fi
	: >"$out/$name.native.times"
	: >"$out/$name.wasmc.times"
	i=0
	while [ "$i" -lt "$runs" ]; do
		for kind in native wasmc; do
			t0=$(now_ns)
			"$out/$name.$kind" >/dev/null
			t1=$(now_ns)
			echo $(((t1 - t0) / 1000000)) >>"$out/$name.$kind.times"
		done
		i=$((i + 1))
	done
	n=$(median <"$out/$name.native.times")
	w=$(median <"$out/$name.wasmc.times")
	printf '%-8s %12s %12s %8s\n' "$name" "$n" "$w" "$(awk -v a="$w" -v b="$n" 'BEGIN { printf "%.2f", a / b }')"
done
