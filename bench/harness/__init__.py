"""The benchmark harness behind bench/run; see docs/bench.md."""
