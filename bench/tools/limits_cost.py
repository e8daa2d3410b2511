#!/usr/bin/env python3
"""What the checks of wasmc's limits cost (docs/limits.md): each benchmark kernel built once
for wasm32-wasi (as bench/run builds it), compiled by wasmc without and with the options of
each variant, and each executable run with the kernel's default size.

  --measure callgrind  instructions executed (valgrind --tool=callgrind): independent of the
                       machine's load, so a loaded machine measures them too (default)
  --measure time       minimum user time of --runs runs, the variants run alternately

Prints per kernel the measure of each variant and its ratio to 'off', then the geomeans.

usage: limits_cost.py WASMC [--only NAME...] [--variant NAME=FLAGS...] [--measure M] [--runs N]
  e.g. limits_cost.py build/wasmc --variant "timeout=--timeout 1h" "fuel=--fuel 1000000000000000000"
"""

import argparse
import math
import os
import re
import shlex
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import corpus  # noqa: E402

CLANG = os.environ.get("CLANG", "clang-19")


def callgrind_instructions(exe, arg):
    # Valgrind 3.19 gives up on the runtime's DWARF 5; the instructions are the same without it.
    stripped = exe + ".stripped"
    subprocess.run(["strip", "--strip-debug", "-o", stripped, exe], check=True)
    done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", stripped, arg],
                          capture_output=True, text=True, check=True)
    found = re.search(r"Collected : (\d+)", done.stderr)
    if not found:
        raise RuntimeError(f"{exe}: no instruction count in valgrind's output: {done.stderr[-300:]}")
    return int(found.group(1))


def user_seconds(exe, arg):
    with open(os.devnull, "w") as null:
        p = subprocess.Popen([exe, arg], stdout=null)
        _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        raise RuntimeError(f"{exe} {arg}: exit status {status}")
    return usage.ru_utime


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wasmc")
    ap.add_argument("--only", nargs="+", default=[])
    ap.add_argument("--variant", nargs="+", default=["timeout=--timeout 1h"],
                    help="NAME=FLAGS, compared with the kernel compiled without them ('off')")
    ap.add_argument("--measure", choices=("callgrind", "time"), default="callgrind")
    ap.add_argument("--runs", type=int, default=3, help="runs per executable with --measure time")
    ap.add_argument("-O", dest="opt", default="2")
    args = ap.parse_args()
    variants = [("off", [])] + [(v.split("=", 1)[0], shlex.split(v.split("=", 1)[1])) for v in args.variant]
    work = tempfile.mkdtemp(prefix="wasmc-limits-cost-")
    ratios = {name: [] for name, _ in variants[1:]}
    print("kernel " + " ".join(f"{name:>14}" for name, _ in variants) + "  " +
          " ".join(f"{name + '/off':>12}" for name, _ in variants[1:]), flush=True)
    for prog in corpus.select(args.only):
        wasm = os.path.join(work, prog.name + ".wasm")
        subprocess.run([CLANG, "--target=wasm32-wasi", "-O2", *prog.wasm_flags, "-o", wasm, prog.source, "-lm"],
                       check=True)
        exes = []
        for name, flags in variants:
            exe = os.path.join(work, f"{prog.name}-{name}")
            subprocess.run([args.wasmc, wasm, f"-O{args.opt}", "-q", "--no-cache", "-o", exe, *flags], check=True)
            exes.append(exe)
        if args.measure == "callgrind":
            values = [callgrind_instructions(exe, prog.size) for exe in exes]
        else:
            values = [math.inf] * len(exes)
            for _ in range(args.runs):
                for i, exe in enumerate(exes):
                    values[i] = min(values[i], user_seconds(exe, prog.size))
        for (name, _), value in zip(variants[1:], values[1:]):
            ratios[name].append(value / values[0])
        shown = [f"{v:>14}" if isinstance(v, int) else f"{v:>14.3f}" for v in values]
        print(f"{prog.name:<6} " + " ".join(shown) + "  " +
              " ".join(f"{v / values[0]:>12.3f}" for v in values[1:]), flush=True)
    for name, r in ratios.items():
        print(f"geomean {name}/off: {math.exp(sum(map(math.log, r)) / len(r)):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
