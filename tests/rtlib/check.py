#!/usr/bin/env python3
"""Runs one case of the rtlib test programs and checks how it ends.

usage: check.py BIN_DIR LLVM_NM [--arch ARCH] [--runner CMD] CASE

The programs (runtime_test, trap_test, hello) are built by CMakeLists.txt in
BIN_DIR for ARCH (default x86_64) and run under CMD (e.g. qemu-aarch64-static)
if given. Each case exits 0 when everything matched, 1 with a diff otherwise.
"""
import argparse
import fcntl
import os
import re
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TRAP_EXIT = 134
ELF_MACHINES = {"x86_64": 62, "aarch64": 183, "riscv64": 243}
RUNNER = []  # the command prefix that runs the programs (--runner)


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def expect_equal(what, got, want):
    if got != want:
        fail(f"{what}:\n--- got\n{got!r}\n--- want\n{want!r}")


def slow_reader(fd, sink):
    """Drains a pipe in small bites, so that a writer fills it and gets partial writes."""
    while True:
        chunk = os.read(fd, 16384)
        if not chunk:
            break
        sink.append(chunk)
        time.sleep(0.001)
    os.close(fd)


def run_runtime(bin_dir, stdout_file=None):
    read_end, write_end = os.pipe()
    flags = fcntl.fcntl(write_end, fcntl.F_GETFL)
    fcntl.fcntl(write_end, fcntl.F_SETFL, flags | os.O_NONBLOCK)
    stderr_chunks = []
    reader = threading.Thread(target=slow_reader, args=(read_end, stderr_chunks))
    reader.start()
    env = dict(os.environ, WASMC_SECRET="must not be visible")
    proc = subprocess.run([*RUNNER, os.path.join(bin_dir, "runtime_test"), "one", "two"], input=b"input line\n",
                          stdout=stdout_file or subprocess.PIPE, stderr=write_end, env=env, timeout=60)
    os.close(write_end)
    reader.join()
    if stdout_file:
        stdout_file.seek(0)
        out = stdout_file.read()
    else:
        out = proc.stdout
    with open(os.path.join(HERE, "runtime_test.expected"), "rb") as f:
        expect_equal("stdout", out.decode(errors="replace"), f.read().decode())
    pattern = bytes(i % 251 for i in range(60000))
    err = b"".join(stderr_chunks)
    if err != pattern * 16:
        fail(f"stderr: {len(err)} bytes, not the 960000 written (or not in order)")
    expect_equal("exit status", proc.returncode, 0)


def run_program(bin_dir, program, *args):
    return subprocess.run([*RUNNER, os.path.join(bin_dir, program), *args], stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=60)


def check_trap(bin_dir, mode, message, frames):
    """frames: regexes of the backtrace lines after "wasm backtrace:", in order."""
    proc = run_program(bin_dir, "trap_test", mode)
    err = proc.stderr.decode(errors="replace")
    lines = err.splitlines()
    expect_equal("exit status", proc.returncode, TRAP_EXIT)
    expect_equal("stdout", proc.stdout, b"")
    expect_equal("first line of stderr", lines[:1], ["wasm trap: " + message])
    if frames is None:
        return
    if lines[1:2] != ["wasm backtrace:"] or len(lines) - 2 != len(frames):
        fail("backtrace:\n" + err)
    for line, frame in zip(lines[2:], frames):
        if not re.fullmatch(frame, line):
            fail(f"backtrace line {line!r} does not match {frame!r}:\n" + err)


def frame(n, name):
    return rf"  {n}: trap!{name}\+0x[0-9a-f]+"


def check_deep_trap(bin_dir, mode, message, function):
    proc = run_program(bin_dir, "trap_test", mode)
    err = proc.stderr.decode(errors="replace")
    lines = err.splitlines()
    expect_equal("exit status", proc.returncode, TRAP_EXIT)
    expect_equal("first lines of stderr", lines[:2], ["wasm trap: " + message, "wasm backtrace:"])
    omitted = [i for i, line in enumerate(lines) if re.fullmatch(r"  \.\.\. \d+ frames omitted", line)]
    if len(omitted) != 1:
        fail("no frames omitted line:\n" + err)
    head, tail = lines[2:omitted[0]], lines[omitted[0] + 1:]
    skipped = int(lines[omitted[0]].split()[1])
    if len(head) != 48 or not all(re.fullmatch(frame(i, function), l) for i, l in enumerate(head)):
        fail("the innermost frames are not all " + function + ":\n" + "\n".join(head))
    first = 48 + skipped
    if not tail or not re.fullmatch(frame(first + len(tail) - 1, "_start"), tail[-1]):
        fail("the outermost frame is not _start:\n" + "\n".join(tail))
    if not all(re.fullmatch(frame(first + i, function), l) for i, l in enumerate(tail[:-1])):
        fail("the outer frames are not all " + function + ":\n" + "\n".join(tail))
    if skipped < 1000:
        fail(f"only {48 + skipped + len(tail)} frames deep")


GLIBC_MARKERS = re.compile(r"^(__libc_|_IO_|__GI_|_dl_|__printf|printf|malloc|free|__errno_location|"
                           r"__stack_chk_fail|_nl_|__gconv|GLIBC)")


def check_static(bin_dir, nm, arch):
    for program in ("runtime_test", "trap_test", "hello"):
        path = os.path.join(bin_dir, program)
        with open(path, "rb") as f:
            elf = f.read()
        if elf[:4] != b"\x7fELF" or elf[4] != 2:
            fail(f"{program}: not a 64-bit ELF file")
        e_type, = struct.unpack_from("<H", elf, 16)
        e_phoff, = struct.unpack_from("<Q", elf, 32)
        e_phentsize, e_phnum = struct.unpack_from("<HH", elf, 54)
        expect_equal(f"{program}: ELF type (2: a static executable, not PIE)", e_type, 2)
        e_machine, = struct.unpack_from("<H", elf, 18)
        expect_equal(f"{program}: ELF machine for {arch}", e_machine, ELF_MACHINES[arch])
        kinds = {struct.unpack_from("<I", elf, e_phoff + i * e_phentsize)[0] for i in range(e_phnum)}
        if kinds & {2, 3}:
            fail(f"{program}: has PT_DYNAMIC or PT_INTERP: dynamically linked")
        symbols = subprocess.run([nm, path], capture_output=True, text=True, check=True).stdout.splitlines()
        names = [line.split()[-1] for line in symbols if line.strip()]
        # Weak references the runtime makes on purpose: a component's plan and runner (main.c),
        # absent from a core module's executable, and the options wasmc bakes in only when given
        # (--no-huge-pages, the limits of rt_limits.h).
        undefined = [line for line in symbols if re.match(r"\s+[Uw] ", line)
                     and line.split()[-1] not in ("rt_component_main", "wasmc_component_plan", "wasmc_no_huge_pages",
                                                  "wasmc_max_memory", "wasmc_max_wasm_stack", "wasmc_timeout",
                                                  "wasmc_fuel")]
        glibc = [n for n in names if GLIBC_MARKERS.match(n)]
        if undefined:
            fail(f"{program}: undefined symbols {undefined}")
        if glibc:
            fail(f"{program}: libc symbols {glibc}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin_dir")
    ap.add_argument("nm")
    ap.add_argument("case")
    ap.add_argument("--arch", default="x86_64", choices=sorted(ELF_MACHINES))
    ap.add_argument("--runner", default="", help="run the programs under this command")
    args = ap.parse_args()
    bin_dir, nm, case = args.bin_dir, args.nm, args.case
    RUNNER.extend(args.runner.split())
    if case == "runtime":
        run_runtime(bin_dir)
    elif case == "runtime_to_file":
        with tempfile.TemporaryFile() as f:
            run_runtime(bin_dir, f)
    elif case == "hello":
        proc = run_program(bin_dir, "hello")
        expect_equal("hello", (proc.returncode, proc.stdout, proc.stderr), (0, b"hello\n", b""))
    elif case == "unreachable":
        check_trap(bin_dir, "unreachable", "unreachable",
                   [frame(0, "trap_inner"), frame(1, "trap_outer"), frame(2, "_start")])
    elif case == "oob":
        check_trap(bin_dir, "oob", "out of bounds memory access", [frame(0, "oob_load"), frame(1, "_start")])
    elif case == "memory_init":
        check_trap(bin_dir, "memory_init", "out of bounds memory access",
                   [frame(0, "init_oob"), frame(1, "_start")])
    elif case == "instantiate":
        check_trap(bin_dir, "instantiate", "unreachable", [r"  0: trap!<instantiate>\+0x[0-9a-f]+"])
    elif case == "stack":
        check_deep_trap(bin_dir, "stack", "call stack exhausted", "recurse")
    elif case == "checked":
        check_deep_trap(bin_dir, "checked", "call stack exhausted", "recurse_checked")
    elif case == "crash":
        proc = run_program(bin_dir, "trap_test", "crash")
        expect_equal("status of a real crash", proc.returncode, -signal.SIGSEGV)
        if b"wasm trap" in proc.stderr:
            fail("a host crash was reported as a trap")
    elif case == "exit":
        proc = run_program(bin_dir, "trap_test", "exit")
        expect_equal("proc_exit(7)", (proc.returncode, proc.stdout, proc.stderr), (7, b"", b""))
    elif case == "static":
        check_static(bin_dir, nm, args.arch)
    else:
        fail("unknown case " + case)
    print("ok " + case)


if __name__ == "__main__":
    main()
