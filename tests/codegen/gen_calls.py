#!/usr/bin/env python3
"""Writes a WASI command module of many small functions that call each other
(directly and through a table) and prints its expected output.

Function i (i32) -> i32 mixes its argument with constants, bumps a global
counter, and calls one function of a smaller index: directly, or for every
fifth function through the table. _start sums f_i(i) over all i and prints
the sum and the counter in decimal. Big enough with many functions to be
split into several partitions; the expected values come from the same
arithmetic in Python.

usage: gen_calls.py OUT.wasm [--funcs N] [--pad K] [--many-locals I]    (prints the expected stdout)
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench", "tools"))
from wasm_encode import name, section, vec  # noqa: E402
from wasm_encode import sleb as leb_s  # noqa: E402
from wasm_encode import uleb as leb_u  # noqa: E402

MASK = 0xFFFFFFFF


def s32(v):
    v &= MASK
    return v - (1 << 32) if v & 0x80000000 else v


def i32_const(v):
    return b"\x41" + leb_s(s32(v))


LOCAL_GET0, I32_ADD, I32_XOR, I32_MUL, END = b"\x20\x00", b"\x6a", b"\x73", b"\x6c", b"\x0b"
GLOBAL_GET0, GLOBAL_SET0 = b"\x23\x00", b"\x24\x00"


class Plan:
    def __init__(self, funcs, pad, many_locals=None):
        self.funcs, self.pad, self.many_locals = funcs, pad, many_locals

    def key(self, i, k):
        return (i * 2654435761 + k * 40503 + 12345) & MASK

    def callee(self, i):
        return (i * 31 + 7) % i if i else None

    def indirect(self, i):
        return i % 5 == 0 and i > 0

    def value(self, i, x):
        """f_i(x) and how many functions ran: the sum of the mixed values down the chain of callees."""
        total, calls = 0, 0
        while i is not None:
            for k in range(self.pad):
                x = ((x ^ self.key(i, k)) * ((k % 7) + 3)) & MASK
            total = (total + x) & MASK
            calls += 1
            i = self.callee(i)
        return total, calls

    def body(self, i, first):
        # No locals, or for the function many_locals more than wasmc compiles (a failure in its partition).
        code = bytearray(b"\x01" + leb_u(1 << 21) + b"\x7f" if i == self.many_locals else b"\x00")
        code += LOCAL_GET0
        for k in range(self.pad):
            code += i32_const(self.key(i, k)) + I32_XOR + i32_const((k % 7) + 3) + I32_MUL
        code += GLOBAL_GET0 + i32_const(1) + I32_ADD + GLOBAL_SET0
        j = self.callee(i)
        if j is not None:
            code += b"\x22\x00"  # local.tee 0: the mixed value
            code += LOCAL_GET0
            if self.indirect(i):
                code += i32_const(j) + b"\x11" + leb_u(0) + b"\x00"  # call_indirect type 0, table 0
            else:
                code += b"\x10" + leb_u(first + j)
            code += I32_ADD
        code += END
        return leb_u(len(code)) + bytes(code)


def build(plan):
    # Types: 0 (i32)->i32, 1 ()->(), 2 fd_write (i32 i32 i32 i32)->i32, 3 proc_exit (i32)->().
    types = vec([b"\x60\x01\x7f\x01\x7f", b"\x60\x00\x00", b"\x60\x04\x7f\x7f\x7f\x7f\x01\x7f", b"\x60\x01\x7f\x00"])
    imports = vec([name("wasi_snapshot_preview1") + name("fd_write") + b"\x00" + leb_u(2),
                   name("wasi_snapshot_preview1") + name("proc_exit") + b"\x00" + leb_u(3)])
    first = 2  # after the imports
    n = plan.funcs
    start, print_fn = first + n, first + n + 1
    funcs = vec([leb_u(0)] * n + [leb_u(1), leb_u(3)])
    table = vec([b"\x70\x00" + leb_u(n)])
    memory = vec([b"\x00\x01"])
    globals_ = vec([b"\x7f\x01" + i32_const(0) + END])
    exports = vec([name("_start") + b"\x00" + leb_u(start), name("memory") + b"\x02\x00"])
    elems = vec([b"\x00" + i32_const(0) + END + vec([leb_u(first + i) for i in range(n)])])
    bodies = [plan.body(i, first) for i in range(n)]
    # _start: sum f_i(i), print it, print the counter.
    s = bytearray(b"\x01\x02\x7f")  # locals: i, sum
    s += b"\x02\x40\x03\x40"  # block loop
    s += b"\x20\x00" + i32_const(n) + b"\x4e" + b"\x0d\x01"  # br_if 1 (i >= n, signed)
    s += b"\x20\x01" + b"\x20\x00" + b"\x20\x00" + b"\x11\x00\x00" + I32_ADD + b"\x21\x01"
    s += b"\x20\x00" + i32_const(1) + I32_ADD + b"\x21\x00" + b"\x0c\x00"  # i++, br 0
    s += b"\x0b\x0b"
    s += b"\x20\x01" + b"\x10" + leb_u(print_fn)
    s += GLOBAL_GET0 + b"\x10" + leb_u(print_fn)
    s += i32_const(0) + b"\x10\x01" + END
    bodies.append(leb_u(len(s)) + bytes(s))
    # print(u32): digits backwards from 100, then a newline; iovec at 0.
    p = bytearray(b"\x01\x01\x7f")  # local 1: position
    p += i32_const(100) + b"\x21\x01"
    p += b"\x20\x01" + i32_const(10) + b"\x3a\x00\x00"  # store8 '\n' at 100
    p += b"\x03\x40"  # loop
    p += b"\x20\x01" + i32_const(1) + b"\x6b" + b"\x21\x01"  # pos--
    p += b"\x20\x01" + b"\x20\x00" + i32_const(10) + b"\x70" + i32_const(48) + I32_ADD + b"\x3a\x00\x00"
    p += b"\x20\x00" + i32_const(10) + b"\x6e" + b"\x22\x00" + b"\x0d\x00"  # x /= 10; br_if loop
    p += b"\x0b"
    p += i32_const(0) + b"\x20\x01" + b"\x36\x02\x00"  # iov.base
    p += i32_const(4) + i32_const(101) + b"\x20\x01" + b"\x6b" + b"\x36\x02\x00"  # iov.len
    p += i32_const(1) + i32_const(0) + i32_const(1) + i32_const(8) + b"\x10\x00" + b"\x1a" + END
    bodies.append(leb_u(len(p)) + bytes(p))
    return (b"\0asm\1\0\0\0" + section(1, types) + section(2, imports) + section(3, funcs) + section(4, table) +
            section(5, memory) + section(6, globals_) + section(7, exports) + section(9, elems) +
            section(10, vec(bodies)))


def expected(plan):
    total, count = 0, 0
    for i in range(plan.funcs):
        v, calls = plan.value(i, i)
        total = (total + v) & MASK
        count += calls
    return f"{total}\n{count & MASK}\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--funcs", type=int, default=3000)
    ap.add_argument("--pad", type=int, default=4, help="mixing steps per function (about 12 bytes each)")
    ap.add_argument("--many-locals", type=int, default=None, help="give function I 2^21 locals")
    args = ap.parse_args()
    plan = Plan(args.funcs, args.pad, args.many_locals)
    with open(args.out, "wb") as f:
        f.write(build(plan))
    print(expected(plan), end="")


if __name__ == "__main__":
    main()
