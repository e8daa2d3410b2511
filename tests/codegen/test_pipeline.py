#!/usr/bin/env python3
"""The pass pipeline of each level (codegen/cg_pipeline.c) and WASMC_PIPELINE:

- -O2 and -O3 vectorize a scalar i32 loop (the loop issue relies on both
  vectorizers staying); -O1 does not;
- at every level, infinite recursion still exhausts the stack and traps
  (no tail-recursion elimination);
- the stack check sits off the path of activations that make no call at -O2
  (fib's leaves), at entry at -O0;
- the same with WASMC_PIPELINE=lean (the table, which every level runs) and
  WASMC_PIPELINE=default<On> (LLVM's pipeline of the level);
- WASMC_PIPELINE replaces the pipeline; a malformed one is one error line,
  exit 1, and no output file.

usage: test_pipeline.py WASMC WAT2WASM
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

WASMC, WAT2WASM = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp(prefix="wasmc-pipeline-")
results = {"passed": 0, "failed": 0}

# Sums n i32s from address 64, n read from memory so that nothing folds; exits with the sum's low byte.
SUM = """
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (export "memory" (memory 0))
  (data (i32.const 0) "\\40\\00\\00\\00")
  (data (i32.const 64) "\\01\\00\\00\\00\\02\\00\\00\\00\\03\\00\\00\\00\\04\\00\\00\\00\\05\\00\\00\\00\\06\\00\\00\\00\\07\\00\\00\\00\\08\\00\\00\\00")
  (func $sum (param $p i32) (param $n i32) (result i32) (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $s))
  (func (export "_start")
    (call $exit (i32.and (call $sum (i32.const 64) (i32.load (i32.const 0))) (i32.const 255)))))
"""

RECURSE = """
(module
  (func $down (param i32) (result i32) (call $down (i32.add (local.get 0) (i32.const 1))))
  (func (export "_start") (drop (call $down (i32.const 0)))))
"""


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name} {'' if ok else detail}")


def wasm(name, text):
    wat, out = os.path.join(TMP, name + ".wat"), os.path.join(TMP, name + ".wasm")
    with open(wat, "w") as f:
        f.write(text)
    subprocess.run([WAT2WASM, wat, "-o", out], check=True)
    return out


def compile(module, level, exe, ll=None, pipeline=None):
    env = dict(os.environ)
    env.pop("WASMC_PIPELINE", None)
    if pipeline is not None:
        env["WASMC_PIPELINE"] = pipeline
    cmd = [WASMC, module, f"-O{level}", "-o", exe] + (["--emit-llvm", ll] if ll else [])
    return subprocess.run(cmd, capture_output=True, text=True, env=env)


def run(exe):
    p = subprocess.run([exe], capture_output=True, text=True, timeout=60)
    return p.returncode, (p.stderr.splitlines() or [""])[0]


sum_wasm, recurse_wasm = wasm("sum", SUM), wasm("recurse", RECURSE)
for pipeline, level in [(p, l) for p in (None, "lean", "llvm") for l in (1, 2, 3)]:
    name = f"-O{level}" + (f" {pipeline}" if pipeline else "")
    tag = pipeline or "table"
    if pipeline == "llvm":
        pipeline = f"default<O{level}>"
    exe, ll = os.path.join(TMP, f"sum{level}{tag}"), os.path.join(TMP, f"sum{level}{tag}.ll")
    p = compile(sum_wasm, level, exe, ll, pipeline)
    if p.returncode != 0:
        check(f"{name}: sum compiles", False, p.stderr.strip())
        continue
    with open(ll) as f:
        vector = "x i32>" in f.read()
    check(f"{name}: the loop is {'vectorized' if level > 1 else 'scalar'}", vector == (level > 1),
          f"vector types in the IR: {vector}")
    check(f"{name}: sum runs", run(exe) == (36, ""), f"got {run(exe)}, want (36, '')")

    exe = os.path.join(TMP, f"recurse{level}{tag}")
    p = compile(recurse_wasm, level, exe, pipeline=pipeline)
    status, first = run(exe) if p.returncode == 0 else (None, p.stderr.strip())
    check(f"{name}: infinite recursion traps", status not in (0, None) and first == "wasm trap: call stack exhausted",
          f"exit {status}, stderr {first!r}")

# The stack check comes before calls (codegen/cg_func.c): fib's leaves (n < 2) make no call and
# must not pay it at -O2; -O0 keeps it at entry. fib(24) = 46368, exit 46368 & 255 = 32.
FIB = """
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (export "memory" (memory 0))
  (func $fib (param i32) (result i32)
    (if (result i32) (i32.lt_u (local.get 0) (i32.const 2))
      (then (local.get 0))
      (else (i32.add (call $fib (i32.sub (local.get 0) (i32.const 1)))
                     (call $fib (i32.sub (local.get 0) (i32.const 2)))))))
  (func (export "_start") (call $exit (i32.and (call $fib (i32.const 24)) (i32.const 255)))))
"""
fib_wasm = wasm("fib", FIB)
for level, at_entry in ((2, False), (0, True)):
    exe, ll = os.path.join(TMP, f"fib{level}"), os.path.join(TMP, f"fib{level}.ll")
    p = compile(fib_wasm, level, exe, ll)
    if p.returncode != 0:
        check(f"-O{level}: fib compiles", False, p.stderr.strip())
        continue
    with open(ll) as f:
        ir = f.read()
    body = re.search(r"^define internal i32 @wasm_f1\(.*?^}", ir, re.M | re.S)
    entry = body.group(0).split("\n\n")[0] if body else ""
    check(f"-O{level}: fib's stack check is {'at entry' if at_entry else 'off the leaves path'}",
          body is not None and ("stack_limit" in entry) == at_entry, entry)
    check(f"-O{level}: fib runs", run(exe) == (32, ""), f"got {run(exe)}")

exe = os.path.join(TMP, "sum_default")
p = compile(sum_wasm, 2, exe, pipeline="default<O2>")
check("WASMC_PIPELINE=default<O2>", p.returncode == 0 and run(exe) == (36, ""), p.stderr.strip())

exe = os.path.join(TMP, "sum_bad")
p = compile(sum_wasm, 2, exe, pipeline="no-such-pass")
lines = p.stderr.strip().splitlines()
check("WASMC_PIPELINE=no-such-pass is an error",
      p.returncode == 1 and len(lines) == 1 and "optimization failed" in lines[0] and not os.path.exists(exe),
      f"exit {p.returncode}, stderr {p.stderr.strip()!r}, output left: {os.path.exists(exe)}")

shutil.rmtree(TMP)
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
