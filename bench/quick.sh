#!/bin/sh
# Kept for older references: native against wasmc -O2 only, RUNS timed runs each (default 5), results in
# build/bench/quick-results/. The harness is bench/run (docs/bench.md).
#
# usage: bench/quick.sh [RUNS]   (needs build/wasmc)
set -eu
cd "$(dirname "$0")/.."
exec bench/run --engines wasmc-O2 --runs "${1:-5}" --no-yosys --startup-runs 20 --out build/bench/quick-results
