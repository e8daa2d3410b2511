#!/bin/sh
# Runs every test: unit, CLI, runtime, end-to-end and WASI tests, the spec
# testsuite (x86-64 in full, AArch64/RISC-V 64 under qemu-user: a subset),
# components, Yosys, the quick benchmark, first in the normal build, then the
# fast ones again under AddressSanitizer + UBSan (WASMC_LONG_TESTS=OFF).
# Ends with one line `N passed, N failed` counting the ctest tests of both.
set -u
cd "$(dirname "$0")/.."

passed=0
failed=0
run_suite() { # build-dir, cmake args...
	dir="$1"
	shift
	echo "== build $dir"
	if ! scripts/build.sh "$dir" "$@" >"$dir.build.log" 2>&1; then
		tail -40 "$dir.build.log"
		echo "test: build of $dir failed"
		failed=$((failed + 1))
		return
	fi
	echo "== test $dir"
	ctest --test-dir "$dir" --output-on-failure -j"$(nproc)" 2>&1 | tee "$dir.ctest.log"
	summary=$(grep -E "tests passed, [0-9]+ tests failed out of" "$dir.ctest.log" | tail -1)
	total=$(echo "$summary" | sed -E 's/.* out of ([0-9]+).*/\1/')
	bad=$(echo "$summary" | sed -E 's/.* ([0-9]+) tests failed.*/\1/')
	if [ -z "$summary" ]; then
		failed=$((failed + 1))
	else
		passed=$((passed + total - bad))
		failed=$((failed + bad))
	fi
}

run_suite build
run_suite build-asan -DWASMC_SANITIZE=ON -DWASMC_FUZZ=ON -DWASMC_SPEC_EXEC=OFF -DWASMC_LONG_TESTS=OFF -DCMAKE_BUILD_TYPE=Debug
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
