#!/usr/bin/env python3
"""Writes synthetic WebAssembly modules for measuring compile cost (docs/compile-speed.md).

  gen_module.py empty N OUT.wasm   N empty functions; _start (function 0) returns
  gen_module.py types N OUT.wasm   N distinct function types nothing uses, and _start
  gen_module.py small N OUT.wasm   N small functions (i32 arithmetic, a call, a branch);
                                   _start calls the last and exits with its result's low bit

The binary is written directly (no wat2wasm). Every module validates and runs as a
WASI command: _start returns (empty, types) or calls wasi proc_exit (small).
"""
import sys

from wasm_encode import body, functype, name, section, sleb, uleb, vec

I32, I64, F32, F64 = 0x7F, 0x7E, 0x7D, 0x7C


def nth_param_list(i):
    """The i-th of all lists over {i32, i64, f32, f64}, shortest first: distinct for distinct i."""
    length = 0
    while i >= 4 ** length:
        i -= 4 ** length
        length += 1
    params = []
    for _ in range(length):
        params.append((I32, I64, F32, F64)[i % 4])
        i //= 4
    return params


def module(types, imports, funcs, bodies, exports):
    out = b"\0asm\x01\0\0\0"
    out += section(1, vec(types))
    if imports:
        out += section(2, vec(imports))
    out += section(3, vec([uleb(t) for t in funcs]))
    out += section(7, vec(exports))
    out += section(10, vec(bodies))
    return out


def export_start(index):
    return name("_start") + b"\x00" + uleb(index)


def empty(n):
    n = max(n, 1)
    return module([functype([], [])], [], [0] * n, [body([], b"")] * n, [export_start(0)])


def types(n):
    # Type 0 is _start's () -> (); then n more distinct types (the empty list is type 0's, so skip it).
    ts = [functype([], [])] + [functype(nth_param_list(i + 1), []) for i in range(n)]
    return module(ts, [], [0], [body([], b"")], [export_start(0)])


def small(n):
    n = max(n, 1)
    # type 0: () -> (); type 1: (i32, i32) -> i32; type 2: (i32) -> () for proc_exit
    ts = [functype([], []), functype([I32, I32], [I32]), functype([I32], [])]
    imports = [name("wasi_snapshot_preview1") + name("proc_exit") + b"\x00" + uleb(2)]
    # Function 0 is the import; 1.._n are the small ones; n+1 is _start.
    bodies = []
    for k in range(n):
        callee = 1 + k // 2  # a call tree of depth log2(n): no deep recursion at run time
        code = b"\x20\x00\x20\x01\x6a"            # local.get 0; local.get 1; i32.add
        code += b"\x41" + sleb(k * 7 + 3) + b"\x6c"  # i32.const; i32.mul
        code += b"\x21\x02"                        # local.set 2
        if k > 0:
            code += b"\x20\x02\x41\x01\x76"        # local.get 2; i32.const 1; i32.shr_u
            code += b"\x20\x01\x10" + uleb(callee)  # local.get 1; call callee
            code += b"\x20\x02\x73\x21\x02"        # local.get 2; i32.xor; local.set 2
        code += b"\x20\x02\x41\x10\x4b\x04\x40"   # local.get 2; i32.const 16; i32.gt_u; if
        code += b"\x20\x02\x41\x03\x70\x21\x02"   #   local.get 2; i32.const 3; i32.rem_u; local.set 2
        code += b"\x0b\x20\x02"                    # end; local.get 2
        bodies.append(body([b"\x01" + bytes([I32])], code))
    start = b"\x41\x05\x41\x07\x10" + uleb(n) + b"\x41\x00\x71\x10\x00"  # proc_exit(f(5, 7) & 0)
    bodies.append(body([], start))
    return module(ts, imports, [1] * n + [0], bodies, [export_start(n + 1)])


def main(argv):
    kinds = {"empty": empty, "types": types, "small": small}
    if len(argv) != 4 or argv[1] not in kinds or not argv[2].isdigit():
        sys.stderr.write(__doc__)
        return 2
    with open(argv[3], "wb") as f:
        f.write(kinds[argv[1]](int(argv[2])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
