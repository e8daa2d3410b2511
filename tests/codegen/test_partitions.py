#!/usr/bin/env python3
"""Parallel compilation: a module split into partitions (WASMC_PARTITION_KB
forces small ones) gives the same executable byte for byte with -j1, -j2 and
-j4, and it runs right; a known table's arrays are defined once, not per
part; a small module stays one partition whatever the
knob's default; a failure in one partition is one line naming the
function, with no executable and no temporary object left behind.

usage: test_partitions.py WASMC
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
WASMC = sys.argv[1]
TMP = tempfile.mkdtemp(prefix="wasmc-partitions-")
OBJ_DIR = os.path.join(TMP, "objects")  # TMPDIR of wasmc: must stay empty
os.mkdir(OBJ_DIR)
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name} {'' if ok else detail}")


def generate(name, *args):
    path = os.path.join(TMP, name)
    out = subprocess.run([sys.executable, os.path.join(HERE, "gen_calls.py"), path, *args], check=True,
                         capture_output=True, text=True).stdout
    return path, out


def wasmc(*args, partition_kb=None):
    env = dict(os.environ, TMPDIR=OBJ_DIR)
    env.pop("WASMC_PARTITION_KB", None)
    if partition_kb:
        env["WASMC_PARTITION_KB"] = str(partition_kb)
    return subprocess.run([WASMC, *args], capture_output=True, text=True, env=env, timeout=600)


def read(path):
    with open(path, "rb") as f:
        return f.read()


def symbols(path):
    return subprocess.run(["nm", path], capture_output=True, text=True).stdout


def test_same_output_for_every_j(opt):
    wasm, expected = generate("calls.wasm", "--funcs", "600")
    exes = {}
    for j in (1, 2, 4):
        exe = os.path.join(TMP, f"calls{opt}-j{j}")
        p = wasmc(wasm, opt, f"-j{j}", "-o", exe, partition_kb=4)
        check(f"{opt} -j{j} compiles", p.returncode == 0, p.stderr)
        if p.returncode == 0:
            exes[j] = exe
    if 1 not in exes:
        return
    first = read(exes[1])
    for j, exe in exes.items():
        check(f"{opt} -j{j}: the executable is -j1's byte for byte", read(exe) == first)
    # Split for real: functions are global symbols of the module ("main").
    names = symbols(exes[1])
    check(f"{opt} partitions: wasm_main_f<i> symbols", "wasm_main_f10" in names, names[:300])
    run = subprocess.run([exes[1]], capture_output=True, text=True, timeout=60)
    check(f"{opt} the partitioned program prints the expected sums", run.returncode == 0 and run.stdout == expected,
          f"exit {run.returncode}, {run.stdout!r} != {expected!r}")
    whole = os.path.join(TMP, f"calls{opt}-whole")
    p = wasmc(wasm, opt, "-o", whole)
    check(f"{opt} a 40 KB module is one partition by default", p.returncode == 0 and "wasm_main_f" not in
          symbols(whole) and "wasm_f10" in symbols(whole), p.stderr)


def test_table_arrays_once():
    """A known table's constant arrays are part 0's, once: a copy per part cost every part the whole table."""
    wasm, _ = generate("calls.wasm", "--funcs", "600")
    ll = os.path.join(TMP, "calls.ll")
    p = wasmc(wasm, "-O0", "--emit-llvm", ll, "-o", os.path.join(TMP, "calls-ll"), partition_kb=4)
    check("--emit-llvm of a split module", p.returncode == 0, p.stderr)
    parts = sorted(f for f in os.listdir(TMP) if f == "calls.ll" or f.startswith("calls.ll."))
    irs = {f: read(os.path.join(TMP, f)).decode() for f in parts}
    check("the module is split", len(irs) > 2, parts)
    defined = [f for f, ir in irs.items() if "@wasm_main_table0_code = hidden constant [600 x ptr]" in ir]
    check("part 0 alone defines the table's code array", defined == ["calls.ll"], defined)
    copies = [f for f, ir in irs.items() if "@table_code" in ir or "@table_type" in ir]
    check("no part has its own copy of the table", copies == [], copies)
    # _start (in the last part) calls through the table with a variable index.
    users = [f for f, ir in irs.items() if "@wasm_main_table0_code = external hidden constant" in ir]
    check("the part calling through the table declares the array", len(users) >= 1, parts)


def test_failing_partition():
    wasm, _ = generate("bad.wasm", "--funcs", "600", "--many-locals", "450")
    outputs = set()
    for j in (1, 2):
        exe = os.path.join(TMP, f"bad-j{j}")
        p = wasmc(wasm, "-O0", f"-j{j}", "-o", exe, partition_kb=4)
        lines = p.stderr.splitlines()
        check(f"-j{j}: a failing partition fails the compile with one line", p.returncode == 1 and len(lines) == 1,
              f"exit {p.returncode}: {p.stderr!r}")
        check(f"-j{j}: the line names the function", "function 452 " in p.stderr, p.stderr)
        check(f"-j{j}: no executable is left", not os.path.exists(exe))
        outputs.add(p.stderr)
    check("the error is the same for every -j", len(outputs) == 1, outputs)


def test_object_of_a_splittable_module():
    # -c compiles a big module's parts like an executable's, then joins them (ld.lld -r) into one
    # relocatable object in which every call across parts is resolved.
    wasm, _ = generate("calls-c.wasm", "--funcs", "600")
    obj = os.path.join(TMP, "calls-c.o")
    p = wasmc(wasm, "-O0", "-c", "-o", obj, partition_kb=4)
    data = read(obj) if p.returncode == 0 else b""
    check("-c of a module big enough to split: one relocatable object",
          data[:4] == b"\x7fELF" and int.from_bytes(data[16:18], "little") == 1, f"exit {p.returncode}: {p.stderr!r}")
    nm = shutil.which("llvm-nm-19") or shutil.which("llvm-nm")
    if not nm:
        print("skip the symbols of the -c object: llvm-nm not found")
        return
    symbols = subprocess.run([nm, obj], capture_output=True, text=True).stdout.split("\n")
    defined = [line for line in symbols if re.search(r" [Tt] wasm_main_f\d+$", line)]
    undefined = [line for line in symbols if re.search(r" U wasm_main_f\d+$", line)]
    check("-c of a split module: the parts' functions defined, none left undefined",
          len(defined) >= 600 and not undefined, f"{len(defined)} defined, undefined: {undefined[:3]}")


def test_no_objects_left():
    check("no temporary object is left in TMPDIR", os.listdir(OBJ_DIR) == [], os.listdir(OBJ_DIR))


def test_bad_knob():
    wasm, _ = generate("small.wasm", "--funcs", "10")
    p = wasmc(wasm, "-o", os.path.join(TMP, "small"), partition_kb="4k")
    check("WASMC_PARTITION_KB=4k is a usage error", p.returncode == 2 and len(p.stderr.splitlines()) == 1, p.stderr)


def main():
    test_same_output_for_every_j("-O2")
    test_same_output_for_every_j("-O0")
    test_table_arrays_once()
    test_failing_partition()
    test_object_of_a_splittable_module()
    test_bad_knob()
    test_no_objects_left()
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
