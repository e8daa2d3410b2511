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
    out = os.path.join(TMP, "jobs")
    for bad in (["-j", "0"], ["-jx"], ["--jobs=-2"], ["--jobs", "2000"], ["-j"], ["-j", "1.5"]):
        rc, _, err = run(EXAMPLE, "-o", out, *bad)
        check(f"bad jobs {' '.join(bad)}: one line, exit 2", *one_error_line(rc, err, 2))
    for good in (["-j1"], ["-j", "3"], ["--jobs=2"], ["--jobs", "64"]):
        rc, _, err = run(EXAMPLE, "-o", out, *good)
        check(f"jobs {' '.join(good)} compiles", rc == 0 and err == "", err)


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
    # A --dir without ::GUEST wrote its path twice into a buffer sized for once (a heap overflow).
    long_dir = os.path.join(TMP, "d" * 200)
    os.makedirs(long_dir, exist_ok=True)
    exe = os.path.join(TMP, "hello_dir")
    rc, _, err = run(EXAMPLE, "-o", exe, "--dir", long_dir, "--dir", long_dir + "::/data", "--env", "A=B")
    ran = subprocess.run([exe], capture_output=True, timeout=60) if rc == 0 else None
    check("grant_dir_without_guest: --dir PATH compiles and runs", rc == 0 and ran.returncode == 0, err)


TIME_REPORT_PHASES = ["read", "decode", "validate", "lower", "verify", "optimize", "codegen", "link", "total"]


def test_time_report():
    """--time-report names every phase in pipeline order and the largest functions; never checks a figure."""
    exe = os.path.join(TMP, "hello-timed")
    rc, _, err = run(EXAMPLE, "-o", exe)
    check("no report without --time-report", rc == 0 and err == "", err)
    rc, _, err = run("--time-report", EXAMPLE, "-o", exe)
    rows = [line.split()[0] for line in err.splitlines() if line.startswith("  ") and line.split()]
    phases = [r for r in rows if r in TIME_REPORT_PHASES]
    check("--time-report: every phase once, in pipeline order", rc == 0 and phases == TIME_REPORT_PHASES, err)
    check("--time-report: peak memory and CPU columns", "peak MB" in err and "CPU s" in err, err)
    check("--time-report: the largest functions with their lowering time",
          "largest functions" in err and "lower ms" in err and "LLVM insns" in err, err)
    rc, _, err = run("--time-report", EXAMPLE, "-c", "-o", os.path.join(TMP, "timed.o"), "-O0")
    phases = [line.split()[0] for line in err.splitlines() if line.startswith("  ") and line.split()]
    check("--time-report with -c of one part: no link phase", rc == 0 and "link" not in phases and "codegen" in phases, err)


ELF_MACHINES = {"x86_64": 62, "aarch64": 183, "riscv64": 243}


def elf_machine(path):
    with open(path, "rb") as f:
        head = f.read(20)
    return int.from_bytes(head[18:20], "little") if head[:4] == b"\x7fELF" else None


def test_targets():
    """--target (short names and Linux triples), --cpu and --features, on an object (-c: no runtime needed)."""
    wasm = write("target.wasm", module_with_body(b"\x00\x0b"))
    obj = os.path.join(TMP, "target.o")
    for target, arch in (("x86_64", "x86_64"), ("aarch64", "aarch64"), ("riscv64", "riscv64"),
                         ("x86_64-pc-linux-gnu", "x86_64"), ("aarch64-linux-gnu", "aarch64"),
                         ("aarch64-unknown-linux-gnu", "aarch64"), ("riscv64-unknown-linux-gnu", "riscv64")):
        rc, _, err = run(wasm, "-c", "-o", obj, "--target", target)
        check(f"--target {target}: an {arch} object", rc == 0 and elf_machine(obj) == ELF_MACHINES[arch], err)
    good = [("aarch64", "--cpu", "cortex-a72"), ("aarch64", "--features", "+sve,-neon"),
            ("riscv64", "--cpu", "sifive-u74"), ("riscv64", "--features", "+v"), ("x86_64", "--cpu", "skylake"),
            ("x86_64", "--features", "+avx2,+fma"), ("x86_64", "--cpu=native", None), ("x86_64", "--features=native", None)]
    for target, flag, value in good:
        rc, _, err = run(wasm, "-c", "-o", obj, "--target", target, flag, *([value] if value else []))
        check(f"--target {target} {flag} {value or ''}: accepted without a warning", rc == 0 and not err, err)
    bad = [("x86_64-apple-darwin", "--cpu", "generic"), ("aarch64", "--cpu", "pentium4"), ("x86_64", "--cpu", "nope"),
           ("x86_64", "--features", "avx2"), ("x86_64", "--features", "+avx2,+nope"), ("x86_64", "--features", "+avx2,"),
           ("aarch64", "--cpu", "native"), ("riscv64", "--features", "native"), ("riscv64", "--features", "-d")]
    for target, flag, value in bad:
        rc, _, err = run(wasm, "-c", "-o", obj, "--target", target, flag, value)
        check(f"--target {target} {flag} {value}: one line, exit 2", *one_error_line(rc, err, 2))


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
    check("component: an empty one is valid", rc == 0 and not err, err)
    rc, _, err = run("validate", write("component_v12.wasm", b"\0asm\x0c\0\1\0"))
    check("component: another version says so", rc == 1 and "component binary version 0xc" in err, err)


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


def name_bytes(s):
    return leb(len(s)) + s.encode()


def import_module(imports, start_body, own_memory=True):
    """Types 0: [] -> [], 1: [i32] -> []. `imports` are (module, field, desc bytes); _start (type 0) runs
    start_body after the imported functions."""
    types = section(1, b"\x02\x60\x00\x00\x60\x01\x7f\x00")
    imps = section(2, leb(len(imports)) + b"".join(name_bytes(m) + name_bytes(f) + d for m, f, d in imports))
    nfuncs = sum(1 for _, _, d in imports if d[0] == 0)
    funcs = section(3, b"\x01\x00")
    memory = section(5, b"\x01\x00\x01") if own_memory else b""
    exports = section(7, b"\x01" + name_bytes("_start") + b"\x00" + leb(nfuncs))
    code = section(10, b"\x01" + leb(len(start_body) + 1) + b"\x00" + start_body)
    return HEADER + types + imps + funcs + memory + exports + code


def test_unknown_imports():
    foo = ("env", "foo", b"\x00\x01")
    bar = ("env", "bar", b"\x00\x00")
    proc_exit = ("wasi_snapshot_preview1", "proc_exit", b"\x00\x01")
    exe = os.path.join(TMP, "unknown-imports")
    # _start: proc_exit(5), never calling env.foo / env.bar
    quiet = write("unknown-quiet.wasm", import_module([foo, bar, proc_exit], b"\x41\x05\x10\x02\x0b"))
    rc, _, err = run(quiet, "-o", exe)
    lines = err.strip().splitlines()
    check("unknown imports: all listed, one line each with file:offset, exit 1",
          rc == 1 and len(lines) == 2 and all("unknown-quiet.wasm:0x" in line for line in lines)
          and "env.foo" in lines[0] and "env.bar" in lines[1] and "--allow-unknown-imports" in lines[0], err)
    rc, _, err = run(quiet, "-o", exe, "--allow-unknown-imports")
    p = subprocess.run([exe], capture_output=True, text=True, timeout=30) if rc == 0 else None
    check("--allow-unknown-imports: a program that never calls them runs",
          p is not None and p.returncode == 5 and p.stderr == "", err if p is None else p.stderr)
    # _start: call env.bar (function 1)
    calls = write("unknown-calls.wasm", import_module([foo, bar, proc_exit], b"\x10\x01\x0b"))
    for level in ("-O0", "-O2"):
        rc, _, err = run(calls, "-o", exe, level, "--allow-unknown-imports")
        p = subprocess.run([exe], capture_output=True, text=True, timeout=30) if rc == 0 else None
        check(f"--allow-unknown-imports {level}: calling one traps naming it, exit 134",
              p is not None and p.returncode == 134 and
              p.stderr.startswith("wasm trap: call to unknown import env.bar\n"), err if p is None else p.stderr)
    memory = ("env", "memory", b"\x02\x00\x01")
    rc, _, err = run(write("unknown-memory.wasm", import_module([memory, proc_exit], b"\x0b", own_memory=False)),
                     "-o", exe, "--allow-unknown-imports")
    check("an unknown memory import stays an error with --allow-unknown-imports",
          rc == 1 and "memory env.memory" in err and len(err.strip().splitlines()) == 1, err)
    mistyped = ("wasi_snapshot_preview1", "proc_exit", b"\x00\x00")
    rc, _, err = run(write("mistyped.wasm", import_module([mistyped], b"\x0b")), "-o", exe, "--allow-unknown-imports")
    check("a WASI function of the wrong type is an error even with --allow-unknown-imports",
          rc == 1 and "type differs" in err and len(err.strip().splitlines()) == 1, err)


def main():
    for test in (test_fuzz_regressions, test_flags, test_example, test_time_report, test_targets, test_missing_and_odd_files, test_error_format,
                 test_truncations, test_absurd_sizes, test_deep_nesting, test_unknown_imports):
        test()
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
