#!/usr/bin/env python3
"""Merges of very many edges (codegen/cg_wide_phi.c): at -O1 and above a block
that 512 or more edges enter keeps its values in stack slots instead of phis.
Two shapes, each with 1,500 cases of a br_table:

- pick: a block whose result each case computes differently (a `match`
  returning a value): 1,500 edges into one merge.
- machine: a loop whose cases update two locals and swap them on every third
  case (an interpreter's dispatch loop): 1,500 back edges into the loop
  header, whose values feed each other.

_start checks every case against a direct computation and exits with the
number of wrong answers. The test compiles at -O0 (no demotion) and -O2,
expects 0 from both, and checks that -O2's IR has the slots (else the test
would not test them).

usage: test_wide_merge.py WASMC WAT2WASM
"""

import glob
import os
import re
import subprocess
import sys
import tempfile

WASMC, WAT2WASM = sys.argv[1], sys.argv[2]
CASES = 1500
TMP = tempfile.mkdtemp(prefix="wasmc-wide-merge-")


def nested_cases(labels_prefix, case_body):
    """A br_table over CASES nested blocks; after block k closes, case_body(k) runs."""
    out = [f"(block ${labels_prefix}{k}" for k in reversed(range(CASES))]
    targets = " ".join(f"${labels_prefix}{k}" for k in range(CASES))
    out.append(f"(br_table {targets} $default (local.get $x))")
    for k in range(CASES):
        out.append(")")
        out.append(case_body(k))
    return "\n".join(out)


def module():
    # pick(x) = x * (k % 13 + k) + k for case k = x; -1 past the cases. The
    # k comes from memory (its bytes k*4..k*4+3 hold k), so that LLVM cannot
    # turn the cases into a table or a formula.
    pick = nested_cases("p", lambda k: f"(br $out (i32.add (i32.mul (local.get $x) (i32.const {k % 13 + k})) (i32.load offset={k * 4} (i32.const 0))))")
    # machine(n): x = seed; n steps: case k = x % CASES adds k to a, b += a; every third case swaps a and b.
    def step(k):
        swap = "(local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $t))" if k % 3 == 0 else ""
        return (f"(local.set $a (i32.add (local.get $a) (i32.const {k}))) (local.set $b (i32.add (local.get $b) (local.get $a))) "
                f"{swap} (br $next)")
    machine = nested_cases("m", step)
    data = "".join(f"\\{b:02x}" for k in range(CASES) for b in k.to_bytes(4, "little"))
    return f"""
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory 1)
  (export "memory" (memory 0))
  (data (i32.const 0) "{data}")
  (func $pick (param $x i32) (result i32)
    (block $out (result i32)
      (block $default
        {pick})
      (i32.const -1)))
  (func $machine (param $n i32) (result i32)
    (local $x i32) (local $a i32) (local $b i32) (local $t i32)
    (local.set $x (i32.const 12345))
    (block $done
      (loop $loop
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (block $next
          (local.set $x (i32.rem_u (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)) (i32.const {CASES})))
          (block $default
            {machine})
          (unreachable))
        (br $loop)))
    (i32.xor (local.get $a) (i32.mul (local.get $b) (i32.const 31))))
  (func $machine_direct (param $n i32) (result i32)
    (local $x i32) (local $a i32) (local $b i32) (local $t i32)
    (local.set $x (i32.const 12345))
    (block $done
      (loop $loop
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (local.set $x (i32.rem_u (i32.add (i32.mul (local.get $x) (i32.const 1103515245)) (i32.const 12345)) (i32.const {CASES})))
        (local.set $a (i32.add (local.get $a) (local.get $x)))
        (local.set $b (i32.add (local.get $b) (local.get $a)))
        (if (i32.eqz (i32.rem_u (local.get $x) (i32.const 3)))
          (then (local.set $t (local.get $a)) (local.set $a (local.get $b)) (local.set $b (local.get $t))))
        (br $loop)))
    (i32.xor (local.get $a) (i32.mul (local.get $b) (i32.const 31))))
  (func (export "_start")
    (local $x i32) (local $wrong i32)
    (loop $each
      (if (i32.ne (call $pick (local.get $x))
                  (select (i32.const -1)
                          (i32.add (i32.mul (local.get $x) (i32.add (i32.rem_u (local.get $x) (i32.const 13)) (local.get $x))) (local.get $x))
                          (i32.ge_u (local.get $x) (i32.const {CASES}))))
        (then (local.set $wrong (i32.add (local.get $wrong) (i32.const 1)))))
      (local.set $x (i32.add (local.get $x) (i32.const 1)))
      (br_if $each (i32.le_u (local.get $x) (i32.const {CASES + 10}))))
    (if (i32.ne (call $machine (i32.const 100000)) (call $machine_direct (i32.const 100000)))
      (then (local.set $wrong (i32.add (local.get $wrong) (i32.const 1)))))
    (call $exit (local.get $wrong))))
"""


def main():
    wat = os.path.join(TMP, "wide.wat")
    wasm = os.path.join(TMP, "wide.wasm")
    with open(wat, "w") as f:
        f.write(module())
    subprocess.run([WAT2WASM, wat, "-o", wasm], check=True)
    failed = 0
    for level in ("0", "2"):
        exe = os.path.join(TMP, f"wide-O{level}")
        ir = os.path.join(TMP, f"wide-O{level}.ll")
        r = subprocess.run([WASMC, f"-O{level}", "-q", "--emit-llvm", ir, wasm, "-o", exe], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"FAIL -O{level}: wasmc: {r.stderr.strip()}")
            failed += 1
            continue
        run = subprocess.run([exe], capture_output=True, text=True, timeout=300)
        text = "".join(open(p).read() for p in glob.glob(ir + "*"))
        slots = len(re.findall(r"%merge\.slot\d* = alloca", text))
        want_slots = level != "0"
        if run.returncode != 0:
            print(f"FAIL -O{level}: {run.returncode} wrong answers {run.stderr.strip()}")
            failed += 1
        elif want_slots and slots < 2:
            print(f"FAIL -O{level}: expected the wide merges in stack slots, found {slots} slots")
            failed += 1
        elif not want_slots and slots:
            print(f"FAIL -O{level}: -O0 demoted {slots} phis")
            failed += 1
        else:
            print(f"ok -O{level} ({slots} stack slots)")
    print(f"{2 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
