#!/usr/bin/env python3
"""The Yosys real-world test: @yowasp/yosys from the npm registry compiled by
wasmc, synthesizing design.v, compared with the same module under node:wasi.

usage: run_yosys.py WASMC [--cache DIR] [--opt=-O0] [--keep DIR]

Exit status: 0 the outputs match, 1 they differ or a step failed, 77 skipped
(node or npm missing, or the registry cannot be reached). The compiled
executable is cached in the cache folder, keyed by the hashes of the module,
the wasmc binary, its runtime archives and the options (docs/yosys.md).
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SKIP = 77
ARGV0 = "yowasp-yosys"  # what the YoWASP JavaScript wrapper passes
SCRIPT = "read_verilog /work/design.v; synth -top top; stat"
CACHED_EXECUTABLES = 4
STALE_STAGING_SECONDS = 6 * 3600  # a compile killed midway leaves its staging file
# The lines that legitimately differ between two runs: CPU time and the
# per-pass time summary.
NORMALIZE = [
    (re.compile(r"CPU: user [0-9.]+s system [0-9.]+s"), "CPU: user <time> system <time>"),
    (re.compile(r"^Time spent: .*$", re.M), "Time spent: <times>"),
]
# A run that lost its report cannot match by accident: the log must hold these.
REQUIRED = ["Executing ABC pass", "=== design hierarchy ===", "Number of cells:", "End of script."]


def fail(message):
    print(f"FAIL {message}")
    sys.exit(1)


def skip(message):
    print(f"SKIPPED {message}")
    sys.exit(SKIP)


def fetch(cache):
    try:
        r = subprocess.run(["node", os.path.join(HERE, "fetch.mjs"), cache], capture_output=True, text=True)
    except FileNotFoundError:
        skip("node is not installed")
    if r.returncode == SKIP:
        skip(r.stderr.strip())
    if r.returncode != 0:
        fail(f"fetch.mjs: {r.stderr.strip()}")
    paths = dict(line.split("=", 1) for line in r.stdout.splitlines() if "=" in line)
    if "wasm" not in paths or "share" not in paths:
        fail(f"fetch.mjs printed no paths: {r.stdout!r}")
    return paths["wasm"], paths["share"]


def file_hash(h, path):
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)


def cache_key(wasmc, wasm, flags):
    h = hashlib.sha256()
    for path in [wasmc, wasm]:
        file_hash(h, path)
    runtime = os.path.join(os.path.dirname(os.path.abspath(wasmc)), "lib", "wasmc")
    for folder, dirs, files in sorted(os.walk(runtime)):
        dirs.sort()
        for name in sorted(files):
            h.update(os.path.relpath(os.path.join(folder, name), runtime).encode())
            file_hash(h, os.path.join(folder, name))
    h.update(" ".join(flags).encode())
    return h.hexdigest()[:20]


def prune(bin_dir):
    entries = sorted((os.path.getmtime(os.path.join(bin_dir, n)), n) for n in os.listdir(bin_dir))
    executables = [name for _, name in entries if name.startswith("yosys-")]
    stale = [name for mtime, name in entries
             if name.startswith("staging-") and time.time() - mtime > STALE_STAGING_SECONDS]
    for name in executables[:-CACHED_EXECUTABLES] + stale:
        try:
            os.remove(os.path.join(bin_dir, name))
        except OSError:
            pass


def compile_cached(wasmc, wasm, cache, opt):
    flags = [opt, "--runtime-grants"]
    bin_dir = os.path.join(cache, "bin")
    os.makedirs(bin_dir, exist_ok=True)
    exe = os.path.join(bin_dir, "yosys-" + cache_key(wasmc, wasm, flags))
    if os.path.exists(exe):
        print(f"compile: cached {exe}")
        os.utime(exe)
        return exe
    fd, staging = tempfile.mkstemp(prefix="staging-", dir=bin_dir)
    os.close(fd)
    start = time.monotonic()
    r = subprocess.run([wasmc, wasm, "-o", staging] + flags, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if r.returncode != 0:
        os.remove(staging)
        fail(f"wasmc {' '.join(flags)} exited {r.returncode}:\n{r.stderr.strip()}")
    os.replace(staging, exe)
    print(f"compile: {seconds:.1f} s, {os.path.getsize(exe) / 1e6:.1f} MB ({' '.join(flags)})")
    prune(bin_dir)
    return exe


def make_run_dirs(parent, name):
    run = os.path.join(parent, name)
    for sub in ["tmp", "work"]:
        os.makedirs(os.path.join(run, sub))
    shutil.copy(os.path.join(HERE, "design.v"), os.path.join(run, "work", "design.v"))
    return run


def grants(share, run):
    # The order fixes the descriptor numbers (3, 4, 5), the same for both hosts.
    return [(share, "/share"), (os.path.join(run, "tmp"), "/tmp"), (os.path.join(run, "work"), "/work")]


def run(cmd, env, label, timeout, executable=None):
    start = time.monotonic()
    try:
        r = subprocess.run(cmd, env=env, capture_output=True, timeout=timeout, executable=executable)
    except subprocess.TimeoutExpired:
        fail(f"{label} did not finish within {timeout} s")
    return r, time.monotonic() - start


def normalize(data):
    text = data.decode("utf-8", "replace")
    for pattern, replacement in NORMALIZE:
        text = pattern.sub(replacement, text)
    return text


def outputs(result, run_dir):
    log_path = os.path.join(run_dir, "work", "yosys.log")
    log = b""
    if os.path.exists(log_path):
        with open(log_path, "rb") as f:
            log = f.read()
    return {
        "exit status": str(result.returncode),
        "stdout": normalize(result.stdout),
        "stderr": normalize(result.stderr),
        "log": normalize(log),
    }


def first_difference(a, b):
    al, bl = a.splitlines(), b.splitlines()
    for i in range(max(len(al), len(bl))):
        x = al[i] if i < len(al) else "<end>"
        y = bl[i] if i < len(bl) else "<end>"
        if x != y:
            return f"line {i + 1}: node {x!r}, wasmc {y!r}"
    return "same lines, different line endings"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("wasmc")
    ap.add_argument("--cache", default=os.path.join(ROOT, "tests", ".cache", "yosys"))
    # -O0 by default: -O2 costs about 20 times the CPU time (docs/yosys.md).
    ap.add_argument("--opt", default="-O0")
    ap.add_argument("--keep", help="run in this folder and keep it (default: a temporary one)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per run")
    args = ap.parse_args()

    wasm, share = fetch(args.cache)
    exe = compile_cached(os.path.abspath(args.wasmc), wasm, args.cache, args.opt)
    parent = args.keep or tempfile.mkdtemp(prefix="wasmc-yosys-")
    if args.keep:
        shutil.rmtree(parent, ignore_errors=True)
    argv = [ARGV0, "-l", "/work/yosys.log", "-p", SCRIPT]

    node_dir = make_run_dirs(parent, "node")
    node_cmd = ["node", "--no-warnings", os.path.join(HERE, "node_ref.mjs"), wasm]
    for host, guest in grants(share, node_dir):
        node_cmd += ["--dir", f"{host}::{guest}"]
    node, node_seconds = run(node_cmd + ["--"] + argv, {"PATH": os.environ.get("PATH", "")}, "node", args.timeout)

    native_dir = make_run_dirs(parent, "wasmc")
    env = {"WASMC_DIR": ";".join(f"{host}::{guest}" for host, guest in grants(share, native_dir))}
    native, native_seconds = run(argv, env, "the wasmc executable", args.timeout, executable=exe)
    print(f"run: wasmc {native_seconds:.2f} s, node {node_seconds:.2f} s")

    expected, actual = outputs(node, node_dir), outputs(native, native_dir)
    if not args.keep:
        shutil.rmtree(parent, ignore_errors=True)
    for needed in REQUIRED:
        if needed not in expected["log"]:
            fail(f"the node reference's log lacks {needed!r} (exit {expected['exit status']}): "
                 f"{expected['stderr'].strip()[-500:]}")
    if expected["exit status"] != "0":
        fail(f"node exited {expected['exit status']}")
    differ = [what for what in expected if expected[what] != actual[what]]
    for what in differ:
        print(f"FAIL {what} differs: {first_difference(expected[what], actual[what])}")
    if differ:
        return 1
    print(f"ok   yosys: exit status, stdout, stderr and log ({len(expected['log'].splitlines())} lines) match node")
    return 0


if __name__ == "__main__":
    sys.exit(main())
