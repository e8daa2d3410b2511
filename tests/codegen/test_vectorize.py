#!/usr/bin/env python3
"""Loops of the shapes clang leaves in wasm32 code, which LLVM's loop vectorizer
left scalar before codegen/cg_widen.cpp (docs/vectorize.md), must vectorize
at -O2 and -O3 (also with WASMC_PIPELINE=lean), each beside a scalar copy
marked never to vectorize:

- dot2: a reduction unrolled twice, a[i + 1] addressed by an i32 add;
- axpy2: c[j] += k * b[j] unrolled twice (matmul's inner loop), f64;
- smooth_carried: a 3-point stencil carrying the loads of a[i + 1], a[i + 2]
  to the next iteration (jacobi1d);
- axpy_ne: x[o] -= r[o] * k unrolled twice over a byte offset o stepping by 16
  until o != to fails (trisolv's inner loop from j + 1), counted only when 16
  divides the distance;
- prefix_ne: an in-place prefix sum counted the same way, which cannot
  vectorize: its version check must be folded away again (wasmc-unwiden).

What they compute, and where they trap, spec-tests/regressions/loop_trap_exact.wast and
loop_count_stride.wast check.

usage: test_vectorize.py WASMC WAT2WASM
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

WASMC, WAT2WASM = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp(prefix="wasmc-vectorize-")
results = {"passed": 0, "failed": 0}

LOOPS = """
(module
  (memory 1)
  (func (export "dot2") (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $i i32) (local $s i32) (local $p i32) (local $q i32)
    (loop $l
      (local.set $p (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $q (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $s (i32.add (local.get $s) (i32.add
        (i32.mul (i32.load (local.get $p)) (i32.load (local.get $q)))
        (i32.mul (i32.load (i32.add (local.get $p) (i32.const 4))) (i32.load (i32.add (local.get $q) (i32.const 4)))))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $s))
  (func (export "axpy2") (param $c i32) (param $b i32) (param $k f64) (param $n i32)
    (local $i i32) (local $p i32) (local $q i32)
    (loop $l
      (local.set $p (i32.add (local.get $c) (i32.shl (local.get $i) (i32.const 4))))
      (local.set $q (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 4))))
      (f64.store (local.get $p)
        (f64.add (f64.mul (local.get $k) (f64.load (local.get $q))) (f64.load (local.get $p))))
      (f64.store (i32.add (local.get $p) (i32.const 8))
        (f64.add (f64.mul (local.get $k) (f64.load (i32.add (local.get $q) (i32.const 8))))
                 (f64.load (i32.add (local.get $p) (i32.const 8)))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
  (func (export "smooth_carried") (param $a i32) (param $b i32) (param $n i32)
    (local $i i32) (local $x f64) (local $y f64) (local $z f64) (local $p i32)
    (local.set $x (f64.load (local.get $a)))
    (local.set $y (f64.load offset=8 (local.get $a)))
    (loop $l
      (local.set $p (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3))))
      (local.set $z (f64.load offset=16 (local.get $p)))
      (f64.store offset=8 (i32.add (local.get $b) (i32.shl (local.get $i) (i32.const 3)))
        (f64.mul (f64.add (f64.add (local.get $x) (local.get $y)) (local.get $z)) (f64.const 0.5)))
      (local.set $x (local.get $y))
      (local.set $y (local.get $z))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
  (func (export "axpy_ne") (param $x i32) (param $r i32) (param $from i32) (param $to i32) (param $k f64)
    (local $o i32) (local $p i32)
    (local.set $o (local.get $from))
    (loop $l
      (local.set $p (i32.add (local.get $x) (local.get $o)))
      (f64.store (local.get $p) (f64.sub (f64.load (local.get $p))
        (f64.mul (f64.load (i32.add (local.get $r) (local.get $o))) (local.get $k))))
      (f64.store offset=8 (local.get $p) (f64.sub (f64.load offset=8 (local.get $p))
        (f64.mul (f64.load offset=8 (i32.add (local.get $r) (local.get $o))) (local.get $k))))
      (br_if $l (i32.ne (local.tee $o (i32.add (local.get $o) (i32.const 16))) (local.get $to)))))
  (func (export "prefix_ne") (param $from i32) (param $to i32) (local $o i32) (local $v i32)
    (local.set $o (local.get $from))
    (loop $l
      (local.set $v (i32.add (i32.load (local.get $o)) (i32.load offset=0 (i32.sub (local.get $o) (i32.const 4)))))
      (i32.store (local.get $o) (local.get $v))
      (i32.store offset=4 (local.get $o) (i32.add (i32.load offset=4 (local.get $o)) (local.get $v)))
      (br_if $l (i32.ne (local.tee $o (i32.add (local.get $o) (i32.const 8))) (local.get $to))))))
"""
NAMES = ["dot2", "axpy2", "smooth_carried", "axpy_ne"]  # functions 0, 1, 2, 3
PREFIX = 4  # prefix_ne: counted by its stride, not vectorizable (each sum needs the previous one)


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name} {'' if ok else detail}")


def functions(ll_text):
    """Each defined wasm function's IR, by function index."""
    bodies = {}
    for m in re.finditer(r"^define [^@]*@wasm_f(\d+)\(.*?^}", ll_text, re.M | re.S):
        bodies[int(m.group(1))] = m.group(0)
    return bodies


wat, wasm = os.path.join(TMP, "loops.wat"), os.path.join(TMP, "loops.wasm")
with open(wat, "w") as f:
    f.write(LOOPS)
subprocess.run([WAT2WASM, wat, "-o", wasm], check=True)
for pipeline in (None, "lean"):
    for level in (2, 3):
        label = f"-O{level}" + (" lean" if pipeline else "")
        env = dict(os.environ)
        env.pop("WASMC_PIPELINE", None)
        if pipeline:
            env["WASMC_PIPELINE"] = pipeline
        obj, ll = os.path.join(TMP, "loops.o"), os.path.join(TMP, "loops.ll")
        p = subprocess.run([WASMC, wasm, "-c", f"-O{level}", "-j1", "-o", obj, "--emit-llvm", ll],
                           capture_output=True, text=True, env=env)
        if p.returncode != 0:
            check(f"{label}: compiles", False, p.stderr.strip())
            continue
        with open(ll) as f:
            text = f.read()
        bodies = functions(text)
        for index, name in enumerate(NAMES):
            body = bodies.get(index, "")
            check(f"{label}: {name} has a vector loop", "vector.body" in body and ("x double>" in body or "x i32>" in body),
                  "no vector.body with vector types")
            check(f"{label}: {name} keeps a scalar copy", ".scalar:" in body, "no .scalar loop")
        check(f"{label}: scalar copies never vectorize", '!"llvm.loop.vectorize.width", i32 1}' in text,
              "no llvm.loop.vectorize.width 1")
        prefix = bodies.get(PREFIX, "")
        check(f"{label}: prefix_ne is not vectorized and its version check is folded away (wasmc-unwiden)",
              prefix and " x i32>" not in prefix and "widen.ph" not in prefix and ".scalar" in prefix,
              prefix[:1500])

shutil.rmtree(TMP)
print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
