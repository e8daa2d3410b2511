#!/usr/bin/env python3
"""Runs the WASI tests of poll, proc, clock, random and sock (wasi-misc's):
each NAME.c is compiled with clang --target=wasm32-wasi at -O0 and -O2,
then by wasmc, run, and its stdout compared with NAME.stdout and its exit
status with the expected one. sock_* tests get --listenfd and run under
sock_harness.py, which passes them sockets. (To be folded into the common
WASI test runner.)

usage: run_misc.py WASMC CLANG
"""

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIXES = ("clock_", "poll_", "proc_", "random_", "sock_")
# Exit statuses other than 0: proc_raise ends by raising SIGTERM (128 + 15).
STATUS = {"proc_raise": 128 + 15}


def run_one(wasmc, clang, name, level, tmp):
    wasm = os.path.join(tmp, f"{name}{level}.wasm")
    exe = os.path.join(tmp, f"{name}{level}")
    cc = subprocess.run([clang, "--target=wasm32-wasi", level, "-I", HERE, "-o", wasm, os.path.join(HERE, name + ".c")],
                        capture_output=True, text=True)
    if cc.returncode:
        return f"clang failed: {cc.stderr}"
    flags = ["--listenfd"] if name.startswith("sock_") else []
    wc = subprocess.run([wasmc, wasm, "-o", exe, *flags], capture_output=True, text=True)
    if wc.returncode:
        return f"wasmc failed: {wc.stderr}"
    cmd = [sys.executable, os.path.join(HERE, "sock_harness.py"), exe] if name.startswith("sock_") else [exe]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    status = p.returncode if p.returncode >= 0 else 128 - p.returncode
    with open(os.path.join(HERE, name + ".stdout")) as f:
        expected = f.read()
    if p.stdout != expected:
        return f"stdout differs:\n{p.stdout}\nstderr: {p.stderr}"
    if status != STATUS.get(name, 0):
        return f"exit status {status}, expected {STATUS.get(name, 0)}; stderr: {p.stderr}"
    return None


def main():
    wasmc, clang = sys.argv[1], sys.argv[2]
    names = sorted(f[:-2] for f in os.listdir(HERE)
                   if f.endswith(".c") and f.startswith(PREFIXES) and os.path.exists(os.path.join(HERE, f[:-2] + ".stdout")))
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="wasmc-wasi-misc-") as tmp:
        for name in names:
            for level in ("-O0", "-O2"):
                problem = run_one(wasmc, clang, name, level, tmp)
                if problem:
                    failed += 1
                    print(f"FAIL {name} {level}: {problem}")
                else:
                    passed += 1
                    print(f"ok   {name} {level}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
