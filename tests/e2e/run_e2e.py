#!/usr/bin/env python3
"""End-to-end tests: C programs compiled to wasm32-wasi with clang, compiled
with wasmc at -O0 and -O2, run; stdout, exit code and trap message compared
with the expectations below and NAME.stdout.

usage: run_e2e.py WASMC CLANG [--target T] [--runner CMD]
"""

import argparse
import os
import shlex
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TRAP_EXIT = 134

# name: (arguments, exit code, trap message or None)
CASES = {
    "arith": ([], 0, None),
    "memory": ([], 0, None),
    "exit_code": (["a b", "c"], 43, None),
    "trap_oob": ([], TRAP_EXIT, "out of bounds memory access"),
    "trap_div": ([], TRAP_EXIT, "integer divide by zero"),
    "trap_unreachable": ([], TRAP_EXIT, "unreachable"),
    "trap_indirect": ([], TRAP_EXIT, "indirect call type mismatch"),
    "trap_stack": ([], TRAP_EXIT, "call stack exhausted"),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wasmc")
    ap.add_argument("clang")
    ap.add_argument("--target", default=None)
    ap.add_argument("--runner", default="", help="prefix to run executables, e.g. qemu-aarch64-static")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="wasmc-e2e-")
    passed = failed = 0

    def report(ok, name, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
            print(f"ok   {name}")
        else:
            failed += 1
            print(f"FAIL {name}: {detail}")

    for name, (argv, exit_code, trap) in CASES.items():
        wasm = os.path.join(tmp, name + ".wasm")
        cc = subprocess.run([args.clang, "--target=wasm32-wasi", "-O2", "-o", wasm, os.path.join(HERE, name + ".c"),
                             "-lm"], capture_output=True, text=True)
        if cc.returncode != 0:
            report(False, name, "clang: " + cc.stderr.strip())
            continue
        expected_out = ""
        stdout_file = os.path.join(HERE, name + ".stdout")
        if os.path.exists(stdout_file):
            with open(stdout_file) as f:
                expected_out = f.read()
        for opt in ("-O0", "-O2"):
            label = f"{name} {opt}"
            exe = os.path.join(tmp, f"{name}{opt}")
            cmd = [args.wasmc, wasm, opt, "-o", exe] + (["--target", args.target] if args.target else [])
            comp = subprocess.run(cmd, capture_output=True, text=True)
            if comp.returncode != 0:
                report(False, label, "wasmc: " + comp.stderr.strip())
                continue
            try:
                run = subprocess.run(shlex.split(args.runner) + [exe, *argv], capture_output=True, text=True,
                                     timeout=60)
            except subprocess.TimeoutExpired:
                report(False, label, "timed out")
                continue
            problems = []
            if run.returncode != exit_code:
                problems.append(f"exit {run.returncode}, expected {exit_code}")
            if run.stdout != expected_out:
                problems.append(f"stdout {run.stdout!r}, expected {expected_out!r}")
            first_err = run.stderr.splitlines()[0] if run.stderr else ""
            if trap and first_err != f"wasm trap: {trap}":
                problems.append(f"stderr starts {first_err!r}, expected 'wasm trap: {trap}'")
            if trap and "wasm backtrace:" not in run.stderr:
                problems.append("no backtrace")
            if not trap and run.stderr:
                problems.append(f"unexpected stderr {run.stderr[:200]!r}")
            report(not problems, label, "; ".join(problems))
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
