#!/usr/bin/env python3
"""End-to-end tests: C programs compiled to wasm32-wasi with clang, compiled
with wasmc at -O0 and -O2, run; stdout, exit code and trap message compared
with the expectations below and NAME.stdout. Each executable must be a
static ELF file for the target's machine; a trap must print its message and
a backtrace that starts at a function of the module (and, for deep
recursion, walks the whole stack: "... N frames omitted").

usage: run_e2e.py WASMC CLANG [--target T] [--runner CMD]

Other suites (tests/wasi/run_wasi.py) import this file and run their own
cases through run_cases().
"""

import argparse
import difflib
import os
import re
import shlex
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# Seconds one test executable may run: it only catches a hang, so it allows for qemu on a loaded machine.
RUN_TIMEOUT = 300
TRAP_EXIT = 134
ELF_MACHINES = {"x86_64": 62, "aarch64": 183, "riscv64": 243}


class Case:
    """One program run: NAME.stdout holds the expected output.

    source    the C file's name without .c (default: the case's name)
    argv      the program's arguments
    exit      the expected exit code
    trap      the expected trap message, or None
    flags     extra wasmc flags
    env       the program's whole environment (None: the runner's)
    setup     called with a fresh run folder (the program's working directory) before each run
    stderr    the expected stderr ('' checks that it is empty); None with a trap
    deep      with a trap: the backtrace must be deep (recursion)
    In argv, flags and env values, "{run}" stands for the run folder's path.
    """

    def __init__(self, name, source=None, argv=(), exit=0, trap=None, flags=(), env=None, setup=None, stderr="",
                 deep=False):
        self.name, self.source = name, source or name
        self.argv, self.exit, self.trap = list(argv), exit, trap
        self.flags, self.env, self.setup = list(flags), env, setup
        self.stderr = None if trap else stderr
        self.deep = deep


# name: (arguments, exit code, trap message or None, whether the trap's backtrace is deep)
CASES = {
    "arith": ([], 0, None, False),
    "memory": ([], 0, None, False),
    "exit_code": (["a b", "c"], 43, None, False),
    "trap_oob": ([], TRAP_EXIT, "out of bounds memory access", False),
    "trap_div": ([], TRAP_EXIT, "integer divide by zero", False),
    "trap_unreachable": ([], TRAP_EXIT, "unreachable", False),
    "trap_indirect": ([], TRAP_EXIT, "indirect call type mismatch", False),
    "trap_stack": ([], TRAP_EXIT, "call stack exhausted", True),
}


def target_arch(args):
    return (args.target or os.uname().machine).split("-")[0]


def elf_problem(path, arch):
    """Why path is not a static executable for arch (None if it is one)."""
    with open(path, "rb") as f:
        elf = f.read()
    if elf[:4] != b"\x7fELF" or elf[4] != 2:
        return "not a 64-bit ELF file"
    e_type, e_machine = struct.unpack_from("<HH", elf, 16)
    if e_type != 2:
        return f"ELF type {e_type}, not a static executable (2)"
    if arch in ELF_MACHINES and e_machine != ELF_MACHINES[arch]:
        return f"ELF machine {e_machine}, not {arch}'s {ELF_MACHINES[arch]}"
    e_phoff, = struct.unpack_from("<Q", elf, 32)
    e_phentsize, e_phnum = struct.unpack_from("<HH", elf, 54)
    kinds = {struct.unpack_from("<I", elf, e_phoff + i * e_phentsize)[0] for i in range(e_phnum)}
    if kinds & {2, 3}:
        return "has PT_DYNAMIC or PT_INTERP: dynamically linked"
    return None


def backtrace_problem(stderr, deep):
    """The second line must start the backtrace, the third be a frame in one of the module's functions.

    clang's wasm-opt drops the name section, so functions may show as <function N>."""
    lines = stderr.splitlines()
    if lines[1:2] != ["wasm backtrace:"]:
        return "no backtrace"
    if len(lines) < 3 or not re.fullmatch(r"  0: main!(<function \d+>|\S+)\+0x[0-9a-f]+", lines[2]):
        return f"no innermost frame in a function of the module: {stderr[:300]!r}"
    if deep and not any(re.fullmatch(r"  \.\.\. \d+ frames omitted", line) for line in lines):
        return f"the backtrace of deep recursion is not deep: {stderr[:300]!r}"
    return None


class Report:
    def __init__(self):
        self.passed = self.failed = 0

    def __call__(self, ok, name, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}: {detail}")


def parse_args(description=None, extra=()):
    """WASMC CLANG [--target T] [--runner CMD], and extra (flag, help) switches."""
    ap = argparse.ArgumentParser(description=description)
    for flag, help_text in extra:
        ap.add_argument(flag, action="store_true", help=help_text)
    ap.add_argument("wasmc")
    ap.add_argument("clang")
    ap.add_argument("--target", default=None)
    ap.add_argument("--runner", default="", help="prefix to run executables, e.g. qemu-aarch64-static")
    return ap.parse_args()


def expand(value, run_dir):
    return value.replace("{run}", run_dir)


def check_run(case, run, expected_out, run_dir):
    """The differences between a finished run and what the case expects."""
    problems = []
    if run.returncode != case.exit:
        problems.append(f"exit {run.returncode}, expected {case.exit}")
    if run.stdout != expected_out:
        diff = difflib.unified_diff(expected_out.splitlines(), run.stdout.splitlines(), "expected", "stdout",
                                    lineterm="", n=1)
        problems.append("stdout differs:\n    " + "\n    ".join(list(diff)[2:40]))
    first_err = run.stderr.splitlines()[0] if run.stderr else ""
    if case.trap and first_err != f"wasm trap: {case.trap}":
        problems.append(f"stderr starts {first_err!r}, expected 'wasm trap: {case.trap}'")
    if case.trap and backtrace_problem(run.stderr, case.deep):
        problems.append(backtrace_problem(run.stderr, case.deep))
    if case.stderr is not None and run.stderr != expand(case.stderr, run_dir):
        problems.append(f"stderr {run.stderr[:300]!r}, expected {expand(case.stderr, run_dir)!r}")
    return problems


def run_cases(cases, src_dir, args, report, cflags=(), adapt=None):
    """Compiles each case's source once with clang, then with wasmc at -O0 and -O2, runs and compares.

    adapt(wasm) -> (path, error): what wasmc compiles instead of the core module (a component made
    from it), or None and why it could not be made.
    """
    tmp = tempfile.mkdtemp(prefix="wasmc-e2e-")
    arch = target_arch(args)
    # WASMC_E2E_FLAGS: wasmc flags for every case (the limits' checks compiled into all, tests/limits).
    common_flags = shlex.split(os.environ.get("WASMC_E2E_FLAGS", ""))
    wasm_of = {}
    for case in cases:
        if case.source not in wasm_of:
            wasm = os.path.join(tmp, case.source + ".wasm")
            cc = subprocess.run([args.clang, "--target=wasm32-wasi", "-O2", *cflags, "-o", wasm,
                                 os.path.join(src_dir, case.source + ".c"), "-lm"], capture_output=True, text=True)
            wasm_of[case.source] = wasm if cc.returncode == 0 else None
            if cc.returncode != 0:
                report(False, case.source, "clang: " + cc.stderr.strip())
            elif adapt:
                wasm_of[case.source], why = adapt(wasm)
                if why:
                    report(False, case.source, why)
        wasm = wasm_of[case.source]
        if not wasm:
            continue
        expected_out = ""
        stdout_file = os.path.join(src_dir, getattr(case, "stdout_name", case.name) + ".stdout")
        if os.path.exists(stdout_file):
            with open(stdout_file) as f:
                expected_out = f.read()
        for opt in ("-O0", "-O2"):
            label = f"{case.name} {opt}"
            run_dir = tempfile.mkdtemp(prefix=f"{case.name}{opt}-", dir=tmp)
            exe = os.path.join(tmp, f"{case.name}{opt}")
            flags = [expand(f, run_dir) for f in case.flags]
            cmd = [args.wasmc, wasm, opt, "-o", exe, *common_flags, *flags] + (["--target", args.target] if args.target else [])
            comp = subprocess.run(cmd, capture_output=True, text=True)
            if comp.returncode != 0:
                report(False, label, "wasmc: " + comp.stderr.strip())
                continue
            problem = elf_problem(exe, arch)
            if problem:
                report(False, label, problem)
                continue
            if case.setup:
                case.setup(run_dir)
            env = None if case.env is None else {k: expand(v, run_dir) for k, v in case.env.items()}
            try:
                run = subprocess.run(shlex.split(args.runner) + [exe, *[expand(a, run_dir) for a in case.argv]],
                                     capture_output=True, text=True, timeout=RUN_TIMEOUT, cwd=run_dir, env=env)
            except subprocess.TimeoutExpired:
                report(False, label, "timed out")
                continue
            save = os.environ.get("WASMC_SAVE_STDOUT")  # a folder: keep each run's stdout, to write expectations
            if save:
                with open(os.path.join(save, f"{case.name}{opt}.stdout"), "w") as f:
                    f.write(run.stdout)
            problems = check_run(case, run, expected_out, run_dir)
            report(not problems, label, "; ".join(problems))


def main():
    args = parse_args()
    report = Report()
    cases = [Case(name, argv=argv, exit=code, trap=trap, deep=deep)
             for name, (argv, code, trap, deep) in CASES.items()]
    run_cases(cases, HERE, args, report)
    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
