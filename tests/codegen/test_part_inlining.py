#!/usr/bin/env python3
"""Inlining across the parts of a split module (codegen/cg_part_imports.c).

With one function per part (WASMC_PARTITION_KB=0):
- at -O3 a small callee of another part is inlined into its caller (the
  caller's part keeps no call to it and defines no copy of it), while a large
  one stays a call; the program's result is the whole module's;
- at -O2 and -O0 nothing is imported: the caller still calls the small callee;
- the compile cache keys a part by the bodies it imports: when only the small
  callee changes, the caller's part is compiled again (a stale object would
  still hold the old callee inlined and give the old result).

usage: test_part_inlining.py WASMC WAT2WASM
"""

import os
import re
import subprocess
import sys
import tempfile

WASMC, WAT2WASM = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp(prefix="wasmc-part-inlining-")
results = {"passed": 0, "failed": 0}

# f1 is small, f2 is large (over the import limit), f3 calls both; _start exits with f3(35).
# BIG_OPS adds and subtracts the same constants: f2 returns its argument, and f3 is large too,
# so that _start's part calls it rather than inlining its own copy.
BIG_OPS = "\n".join("      (i32.const 0x12345678) (i32.add) (i32.const 0x12345678) (i32.sub)" for _ in range(24))
MODULE = """
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (export "memory" (memory 0))
  (func $small (param i32) (result i32) (i32.add (local.get 0) (i32.const ADDEND)))
  (func $large (param i32) (result i32)
    (local.get 0)
BIG_OPS)
  (func $caller (param i32) (result i32)
    (i32.add (call $small (local.get 0)) (call $large (local.get 0)))
BIG_OPS)
  (func (export "_start") (call $exit (i32.and (call $caller (i32.const 35)) (i32.const 255)))))
""".replace("BIG_OPS", BIG_OPS)


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name} {'' if ok else detail}")


def build(name, addend):
    wat, wasm = os.path.join(TMP, name + ".wat"), os.path.join(TMP, name + ".wasm")
    with open(wat, "w") as f:
        f.write(MODULE.replace("ADDEND", str(addend)))
    subprocess.run([WAT2WASM, wat, "-o", wasm], check=True)
    return wasm


def wasmc(*args, split=True):
    env = dict(os.environ)
    env.pop("WASMC_PARTITION_KB", None)
    env.pop("WASMC_CACHE", None)
    if split:
        env["WASMC_PARTITION_KB"] = "0"
    return subprocess.run([WASMC, *args], capture_output=True, text=True, env=env, timeout=300)


def run(exe):
    return subprocess.run([exe], capture_output=True, timeout=60).returncode


def caller_part(ll):
    """The IR of the part that defines f3 (the caller), from --emit-llvm's files."""
    folder, base = os.path.dirname(ll), os.path.basename(ll)
    for name in sorted(os.listdir(folder)):
        if name == base or name.startswith(base + "."):
            with open(os.path.join(folder, name)) as f:
                ir = f.read()
            if re.search(r"define [^\n]*@wasm_main_f3\(", ir):
                return ir
    return ""


def test_level(opt, expect_inlined):
    wasm = build(f"calls{opt}", 7)
    exe, ll = os.path.join(TMP, f"calls{opt}"), os.path.join(TMP, f"calls{opt}.ll")
    p = wasmc(wasm, opt, "--emit-llvm", ll, "-o", exe)
    check(f"{opt}: a module of one function per part compiles", p.returncode == 0, p.stderr)
    if p.returncode:
        return
    check(f"{opt}: the split program exits with f3(35) = 77", run(exe) == 77, f"exit {run(exe)}")
    ir = caller_part(ll)
    check(f"{opt}: --emit-llvm has the caller's part", ir != "")
    calls_small = re.search(r"call [^\n]*@wasm_main_f1\(", ir) is not None
    calls_large = re.search(r"call [^\n]*@wasm_main_f2\(", ir) is not None
    if expect_inlined:
        check(f"{opt}: the small callee of another part is inlined", not calls_small, ir[:2000])
        check(f"{opt}: the large callee of another part stays a call", calls_large, ir[:2000])
        check(f"{opt}: no copy of the imported callee is left in the caller's part",
              re.search(r"define [^\n]*@wasm_main_f1\(", ir) is None)
    else:
        check(f"{opt}: nothing is imported: the small callee stays a call", calls_small, ir[:2000])


def test_cache_keys_imports():
    cache = os.path.join(TMP, "cache")
    first = wasmc(build("v7", 7), "-O3", "--cache", cache, "-o", os.path.join(TMP, "v7"))
    check("the first cached compile", first.returncode == 0 and run(os.path.join(TMP, "v7")) == 77, first.stderr)
    # The same module but the small callee's constant: only f1's part changes its own bytes.
    second = wasmc(build("v9", 9), "-O3", "--cache", cache, "-o", os.path.join(TMP, "v9"))
    code = run(os.path.join(TMP, "v9")) if second.returncode == 0 else None
    check("a change to an imported callee recompiles its callers' parts (exit 79, not a stale 77)",
          code == 79, f"exit {code}: {second.stderr}")


def main():
    test_level("-O3", True)
    test_level("-O2", False)
    test_level("-O0", False)
    test_cache_keys_imports()
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
