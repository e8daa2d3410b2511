#!/usr/bin/env python3
"""Instructions executed by the corpus programs under variants of wasmc: a measure of the output's
speed that the machine's load does not move (valgrind's callgrind counts instructions; it does not
see cache misses or the placement of loops, so a wall-time run must confirm what it suggests).

  icount.py --work /tmp/icount --wasmc build/wasmc \\
      --variant default: --variant lean:WASMC_PIPELINE=lean [--flags=-O2] [PROGRAM ...]

Each variant is NAME:VAR=VALUE,VAR=VALUE (the environment wasmc runs with; empty for none). Every
program's .wasm (bench's build, NAME.wasm in --work, built there with clang-19 if missing) is compiled
once per variant and run once under
callgrind at its ICOUNT_SIZE; the table gives the count of each variant and its ratio to the first.
"""
import argparse
import math
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from harness.corpus import select  # noqa: E402
from harness.engines import build_wasm  # noqa: E402

# The argument per program: 40-700 M instructions, a minute or less under callgrind.
ICOUNT_SIZE = {
    "hash": "20", "lz77": "5", "sort": "200000", "interp": "200000", "nbody": "300000",
    "spectral": "500", "matmul": "256", "stencil": "10", "walk": "1", "chase": "1000000",
    "fib": "20", "dispatch": "500", "jacobi1d": "40", "gemver": "15", "blur": "15", "dot": "8", "trisolv": "20", "floyd": "300",
    "simd": "1000",
}


def parse_variant(text):
    name, _, assignments = text.partition(":")
    env = {}
    # A comma starts the next assignment only before NAME=, so values (pass pipelines) may hold commas.
    for item in filter(None, re.split(r",(?=[A-Z_][A-Z0-9_]*=)", assignments)):
        key, _, value = item.partition("=")
        env[key] = value
    return name, env


def instructions(exe, arg):
    with tempfile.NamedTemporaryFile(suffix=".callgrind") as out:
        r = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out.name}", exe, arg],
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"{exe} {arg}: exit {r.returncode}: {r.stderr.strip()[-300:]}")
        for line in open(out.name):
            if line.startswith("summary:") or line.startswith("totals:"):
                return int(line.split()[1])
    raise RuntimeError(f"{exe}: no summary in callgrind's output")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wasmc", required=True)
    ap.add_argument("--work", required=True, help="a folder for the programs' .wasm and executables")
    ap.add_argument("--variant", action="append", required=True, help="NAME:VAR=VALUE,... (repeatable)")
    ap.add_argument("--flags", default="-O2", help="wasmc's options, space-separated (default -O2)")
    ap.add_argument("programs", nargs="*")
    args = ap.parse_args()
    variants = [parse_variant(v) for v in args.variant]
    work = args.work
    os.makedirs(work, exist_ok=True)
    print("| program | " + " | ".join(name for name, _ in variants) + " | " +
          " | ".join(f"{name}/{variants[0][0]}" for name, _ in variants[1:]) + " |")
    print("|---" * (2 * len(variants)) + "|")
    logs = [[] for _ in variants]
    for program in select(args.programs):
        wasm = os.path.join(work, program.name + ".wasm")
        if not os.path.exists(wasm):
            build_wasm(program.source, wasm, program.wasm_flags)
        counts = []
        for name, env in variants:
            exe = os.path.join(work, f"{program.name}.{name}")
            subprocess.run([args.wasmc, *args.flags.split(), "-q", wasm, "-o", exe], check=True,
                           env={**os.environ, **env})
            # valgrind's reader rejects the executables' debug sections; it counts the stripped copy.
            subprocess.run(["llvm-strip-19", exe], check=True)
            counts.append(instructions(exe, ICOUNT_SIZE[program.name]))
        for log, n in zip(logs, counts):
            log.append(math.log(n / counts[0]))
        print(f"| {program.name} | " + " | ".join(f"{n / 1e6:.1f} M" for n in counts) + " | " +
              " | ".join(f"{n / counts[0]:.3f}" for n in counts[1:]) + " |", flush=True)
    print("| **geomean** | " + " | ".join("" for _ in variants) + " | " +
          " | ".join(f"**{math.exp(sum(log) / len(log)):.3f}**" for log in logs[1:]) + " |")


if __name__ == "__main__":
    main()
