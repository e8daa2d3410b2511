#!/usr/bin/env python3
"""The interestingness test for minimizing a difference with binaryen's wasm-reduce: prints
`interesting` while the module still differs between binaryen and wasmc in a way matching
PATTERN (a regular expression on compare.py's description), else `boring`. For example:

  cp WORK/mismatch/SEED.wasm t.wasm
  wasm-reduce t.wasm -t test.wasm -w reduced.wasm --timeout 20 \\
    -ef "$(python3 tests/fuzz/diff/reduce.py --features)" \\
    --command "python3 tests/fuzz/diff/reduce.py test.wasm --opt 0 --pattern 'log 0: binaryen'"

--volatile-loads compiles with WASMC_VOLATILE_LOADS=1 (to keep the deleted-load bug out),
--canonical-nans with WASMC_CANONICAL_NANS=1 (NaN payloads out).
"""

import argparse
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402
import fuzzdiff  # noqa: E402
import native  # noqa: E402
import reference  # noqa: E402
import wasm_exports  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wasm", nargs="?")
    ap.add_argument("--features", action="store_true", help="print the wasm-opt feature flags and exit")
    ap.add_argument("--wasmc", default=os.path.join(fuzzdiff.REPO, "build", "wasmc"))
    ap.add_argument("--lib-dir")
    ap.add_argument("--lld", default="ld.lld-19")
    ap.add_argument("--target", default="x86_64")
    ap.add_argument("--opt", type=int, default=2)
    ap.add_argument("--pattern", default=".")
    ap.add_argument("--volatile-loads", action="store_true")
    ap.add_argument("--canonical-nans", action="store_true", help="compile with WASMC_CANONICAL_NANS=1")
    args = ap.parse_args()
    if args.features:
        print(" ".join(reference.FEATURES))
        return
    tools = fuzzdiff.toolchain(args, args.target)
    try:
        ref = reference.run(args.wasm)
    except Exception:
        print("boring")
        return
    with tempfile.TemporaryDirectory() as folder:
        knobs = [k for k, on in zip(native.KNOBS, (args.volatile_loads, args.canonical_nans)) if on]
        outcome = native.run_alone(tools, args.opt, args.wasm, folder, wasm_exports.function_exports(args.wasm), knobs)
    diff = compare.compare(ref, outcome)
    print("interesting" if diff and re.search(args.pattern, diff) else "boring")


if __name__ == "__main__":
    main()
