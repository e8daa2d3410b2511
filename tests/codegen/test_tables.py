#!/usr/bin/env python3
"""call_indirect through tables that wasmc compiles differently (codegen/cg_table_info.c):
a fixed table with known elements reads constant arrays (@table_code); an
exported or written table goes through the table. Each kind must call the
right function and trap with the spec's message for an index out of bounds,
a null element and a wrong type.

usage: test_tables.py WASMC WAT2WASM
"""

import os
import subprocess
import sys
import tempfile

WASMC, WAT2WASM = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp(prefix="wasmc-codegen-")
results = {"passed": 0, "failed": 0}

# Slots: 0 $seven () -> i32, 1 $ident (i32) -> i32, 2 null, 3 $seven. The
# index comes from memory (a data segment) so that LLVM cannot fold it.
# {extra} adds an export or a table.set; {setup} runs it before the call.
MODULE = """
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (type $v (func (result i32)))
  (type $v_again (func (result i32)))
  (table $t 4 funcref)
  (elem (i32.const 0) $seven $ident)
  (elem (i32.const 3) func $seven)
  (func $seven (result i32) i32.const 7)
  (func $ident (param i32) (result i32) local.get 0)
  (memory 1)
  (export "memory" (memory 0))
  (data (i32.const 8) "{index_bytes}")
  {extra}
  (func (export "_start")
    {setup}
    (call $exit (call_indirect (type $v_again) (i32.load (i32.const 8))))))
"""

KINDS = {
    "known": ("", "", True),
    "exported": ('(export "t" (table $t))', "", False),
    "written": ("(func $fill (table.set $t (i32.const 2) (ref.func $seven)))", "(call $fill)", False),
}

# index -> (exit status, stderr text) for the kinds without a table.set; "written" fills slot 2.
EXPECT = {
    0: (7, ""),
    1: (None, "wasm trap: indirect call type mismatch"),
    2: (None, "wasm trap: uninitialized element"),
    3: (7, ""),
    4: (None, "wasm trap: undefined element"),
    0xFFFFFFFF: (None, "wasm trap: undefined element"),
}


def data_bytes(n):
    return "".join(f"\\{b:02x}" for b in n.to_bytes(4, "little"))


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name} {'' if ok else detail}")


def build(name, text):
    wat, wasm, exe, ll = (os.path.join(TMP, name + ext) for ext in (".wat", ".wasm", "", ".ll"))
    with open(wat, "w") as f:
        f.write(text)
    subprocess.run([WAT2WASM, wat, "-o", wasm], check=True)
    p = subprocess.run([WASMC, wasm, "--emit-llvm", ll, "-o", exe], capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip()
    with open(ll) as f:
        return exe, f.read()


for kind, (extra, setup, known) in KINDS.items():
    for index, (status, message) in EXPECT.items():
        name = f"{kind}_{index}"
        exe, ir = build(name, MODULE.format(index_bytes=data_bytes(index), extra=extra, setup=setup))
        if exe is None:
            check(name, False, f"compile failed: {ir}")
            continue
        if index == 0:
            check(f"{kind}: constant arrays {'used' if known else 'not used'}", ("@table_code" in ir) == known)
        if kind == "written" and index == 2:
            status, message = 7, ""
        p = subprocess.run([exe], capture_output=True, text=True, timeout=60)
        first = p.stderr.splitlines()[0] if p.stderr else ""
        if status is not None:
            ok = p.returncode == status and first == message
        else:
            ok = p.returncode != 0 and first == message
        check(f"{kind}: index {index}", ok, f"exit {p.returncode}, stderr {first!r}, want {status} {message!r}")

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
