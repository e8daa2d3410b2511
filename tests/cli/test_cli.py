#!/usr/bin/env python3
"""End-to-end tests of the wasmc command line: flags, exit codes, one-line
errors, and bad input (truncated files, absurd sizes, deep nesting) that must
be answered with an error, never a crash.

usage: test_cli.py WASMC EXAMPLE.wasm
"""

import os
import subprocess
import sys
import tempfile

WASMC, EXAMPLE = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp(prefix="wasmc-cli-")
results = {"passed": 0, "failed": 0}


def run(*args, timeout=60):
    p = subprocess.run([WASMC, *args], capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def check(name, ok, detail=""):
    if ok:
        results["passed"] += 1
        print(f"ok   {name}")
    else:
        results["failed"] += 1
        print(f"FAIL {name} {detail}")


def write(name, data):
    path = os.path.join(TMP, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def leb(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def section(sid, payload):
    return bytes([sid]) + leb(len(payload)) + payload


HEADER = b"\0asm\1\0\0\0"


def module_with_body(body, results_=b"\x00"):
    """One function of type [] -> results_ with the given body (locals included)."""
    types = section(1, b"\x01\x60\x00" + results_)
    funcs = section(3, b"\x01\x00")
    code = section(10, b"\x01" + leb(len(body)) + body)
    return HEADER + types + funcs + code


def one_error_line(rc, err, expect_rc=1):
    lines = err.strip().splitlines()
    return rc == expect_rc and len(lines) == 1, f"rc={rc} stderr={err!r}"


def test_flags():
    rc, out, _ = run("--help")
    check("--help exits 0 and shows usage", rc == 0 and "USAGE" in out and "validate" in out)
    rc, out, _ = run("--version")
    check("--version names wasmc and LLVM", rc == 0 and out.startswith("wasmc ") and "LLVM 19" in out)
    rc, _, err = run("--frobnicate")
    check("unknown flag: one line, exit 2", *one_error_line(rc, err, 2))
    rc, _, err = run("validate", "--frobnicate", EXAMPLE)
    check("unknown validate flag: exit 2", *one_error_line(rc, err, 2))
    rc, _, err = run("validate")
    check("validate without files: exit 2", *one_error_line(rc, err, 2))
    rc, _, err = run()
    check("no arguments: usage on stderr, exit 2", rc == 2 and "USAGE" in err)


def test_example():
    rc, out, err = run("validate", EXAMPLE)
    check("validate hello.wasm: silent success", rc == 0 and out == "" and err == "", err)
    rc, out, _ = run("inspect", EXAMPLE)
    check("inspect shows imports, exports and customs",
          rc == 0 and "wasi_snapshot_preview1.fd_write" in out and "_start: func" in out and "producers" in out, out)
    obj = os.path.join(TMP, "hello.o")
    rc, _, err = run(EXAMPLE, "-c", "-o", obj)
    with open(obj, "rb") as f:
        magic = f.read(4)
    check("-c writes an ELF object", rc == 0 and magic == b"\x7fELF", err)
    rc, _, err = run(EXAMPLE, "-c", "-o", obj, "--target", "sparc")
    check("unknown target: one line, exit 2", *one_error_line(rc, err, 2))
    rc, _, err = run(EXAMPLE, "-c", "-o", obj, "--module-name", "not-an-identifier")
    check("bad module name: one line, exit 2", *one_error_line(rc, err, 2))
    rc, _, err = run(EXAMPLE, "-c", "-o", obj, "-O7")
    check("bad optimization level: exit 2", *one_error_line(rc, err, 2))
    rc, _, err = run(EXAMPLE)
    check("compile form without -o: exit 2", *one_error_line(rc, err, 2))


def test_missing_and_odd_files():
    rc, _, err = run("validate", os.path.join(TMP, "nope.wasm"))
    check("missing file: one line naming it, exit 1",
          rc == 1 and "nope.wasm" in err and "No such file" in err and len(err.strip().splitlines()) == 1, err)
    rc, _, err = run("validate", TMP)
    check("a directory is not a module", *one_error_line(rc, err))
    rc, _, err = run("validate", write("empty.wasm", b""))
    check("empty file: unexpected end", rc == 1 and "unexpected end" in err, err)
    rc, _, err = run("validate", write("text.wasm", b"(module)"))
    check("text format: magic header not detected", rc == 1 and "magic header not detected" in err, err)
    rc, _, err = run("validate", write("component.wasm", b"\0asm\x0d\0\1\0"))
    check("component: says so", rc == 1 and "component" in err, err)


def test_error_format():
    bad = module_with_body(b"\x00\x41\x01\x42\x01\x6a\x1a\x0b")  # i32.const 1; i64.const 1; i32.add
    rc, _, err = run("validate", write("mismatch.wasm", bad))
    body_at = len(bad) - 8
    expect = f"mismatch.wasm:0x{body_at + 5:x}: type mismatch"
    check("type mismatch names file and offset of i32.add", rc == 1 and expect in err, f"{err!r} vs {expect!r}")
    rc, _, err = run("validate", write("ok.wasm", module_with_body(b"\x00\x0b")), write("bad.wasm", bad))
    check("several files: only the bad one reported", rc == 1 and "bad.wasm" in err and "ok.wasm" not in err, err)


def test_truncations():
    with open(EXAMPLE, "rb") as f:
        data = f.read()
    # Every cut inside the module's sections up to the code section, then a spread of cuts after it.
    cuts = list(range(0, min(len(data), 600))) + list(range(600, len(data), max(1, len(data) // 400)))
    crashes = []
    for n in cuts:
        rc, _, err = run("validate", write("cut.wasm", data[:n]))
        # A cut at a section boundary leaves a valid module; any other is one error line.
        answered = (rc == 0 and err == "") or (rc == 1 and len(err.strip().splitlines()) == 1)
        if not answered:
            crashes.append((n, rc, err))
    check(f"{len(cuts)} truncations of hello.wasm: valid or one error line, never a crash",
          not crashes, str(crashes[:3]))


def test_absurd_sizes():
    cases = {
        "huge type count": HEADER + section(1, leb(0xFFFFFFFF)),
        "huge section size": HEADER + b"\x01" + leb(0xFFFFFFF0) + b"\x00",
        "huge function count": HEADER + section(3, leb(0xFFFFFFFF) + b"\x00"),
        "huge local count": module_with_body(b"\x02" + leb(0xFFFFFFFF) + b"\x7f" + leb(0xFFFFFFFF) + b"\x7f\x0b"),
        "huge br_table": module_with_body(b"\x00\x41\x00\x0e" + leb(0xFFFFFFFF) + b"\x00\x0b"),
        "huge data segment": HEADER + section(5, b"\x01\x00\x01") + section(11, b"\x01\x00\x41\x00\x0b" + leb(0xFFFFFFFF)),
        "huge name": HEADER + section(0, leb(0xFFFFFFFF) + b"x"),
    }
    for name, data in cases.items():
        rc, _, err = run("validate", write("absurd.wasm", data))
        check(f"{name}: rejected in one line", *one_error_line(rc, err))
    # 4 billion locals are legal if declared so; they must not be allocated one by one.
    many = module_with_body(b"\x01" + leb(0xFFFFFFFF) + b"\x7e\x0b")
    rc, _, err = run("validate", write("many-locals.wasm", many))
    check("4G declared locals validate without allocating them", rc == 0, err)


def test_deep_nesting():
    depth = 200000
    body = b"\x00" + b"\x02\x40" * depth + b"\x0b" * depth + b"\x0b"
    rc, _, err = run("validate", write("deep.wasm", module_with_body(body)))
    check(f"{depth} nested blocks validate", rc == 0, err)
    body = b"\x00" + b"\x02\x40" * depth + b"\x0b"
    rc, _, err = run("validate", write("deep-open.wasm", module_with_body(body)))
    check("unclosed deep nesting: END opcode expected", rc == 1 and "END opcode expected" in err, err)
    n = 1000000
    body = b"\x00" + b"\x41\x01\x1a" * n + b"\x0b"
    rc, _, err = run("validate", write("huge.wasm", module_with_body(body)))
    check(f"a function of {n} statements validates", rc == 0, err)


def test_fuzz_regressions():
    """Inputs that once crashed (found by fuzzing): each must now be answered."""
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fuzz", "regressions")
    for name in sorted(os.listdir(folder)):
        rc, _, err = run("validate", os.path.join(folder, name))
        check(f"fuzz regression {name}", rc in (0, 1) and "runtime error" not in err and "Sanitizer" not in err, err)


def main():
    for test in (test_fuzz_regressions, test_flags, test_example, test_missing_and_odd_files, test_error_format,
                 test_truncations, test_absurd_sizes, test_deep_nesting):
        test()
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
