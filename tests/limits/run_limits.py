#!/usr/bin/env python3
"""Resource limits (docs/limits.md): C programs compiled to wasm32-wasi with
clang (and loop.wat with wat2wasm), compiled by wasmc at -O0 and -O2 with
--max-memory, --max-wasm-stack, --timeout, --fuel or --runtime-grants and the
WASMC_* variables, run, and their stdout, exit code and stderr compared; bad
values must be refused with one line.

No check looks at how long anything took: a time limit only has to end the
program, however loaded the machine (each run may take up to RUN_TIMEOUT).

usage: run_limits.py WASMC CLANG [--target T] [--runner CMD]
"""

import os
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import run_e2e  # noqa: E402

RUN_TIMEOUT = 120
TRAP = run_e2e.TRAP_EXIT
SAME = object()
NO_FUEL = "all fuel consumed by WebAssembly"
OVER_LIMIT = "wasmc runtime: the module's initial memory of 33685504 bytes exceeds the memory limit of 16777216 bytes"


class Case:
    """source: the program (NAME.c or NAME.wat); flags: wasmc's; env: added to the environment;
    exit, stdout (SAME: not empty, and the same at every -O level); trap: the message the first stderr
    line names; stderr: lines stderr must start with (before the trap line, if any); deep: the
    backtrace must be deep."""

    def __init__(self, name, source, flags=(), env=None, exit=0, stdout="", trap=None, stderr=(), deep=False):
        self.name, self.source, self.flags, self.env = name, source, list(flags), env or {}
        self.exit, self.stdout, self.trap, self.stderr, self.deep = exit, stdout, trap, list(stderr), deep


CASES = [
    Case("max_memory", "malloc_loop", ["--max-memory", "16MiB"], stdout="allocation failed\n"),
    Case("no_max_memory", "malloc_loop", stdout="no limit\n"),
    Case("initial_memory_over", "big_memory", ["--max-memory", "16MiB"], exit=TRAP, trap="out of memory",
         stderr=[OVER_LIMIT]),
    Case("initial_memory_under", "big_memory", ["--max-memory", "64MiB"], stdout="started\n"),
    Case("max_wasm_stack", "recursion", ["--max-wasm-stack", "64KiB"], exit=TRAP, trap="call stack exhausted",
         deep=True),
    Case("default_wasm_stack", "recursion", stdout="200010000\n"),
    Case("larger_wasm_stack", "recursion", ["--max-wasm-stack", "4MiB"], stdout="200010000\n"),
    Case("timeout_loop_wat", "loop", ["--timeout", "200ms"], exit=TRAP, trap="interrupted"),
    Case("timeout_spin", "spin", ["--timeout", "200ms"], exit=TRAP, trap="interrupted"),
    Case("timeout_busy", "busy", ["--timeout", "200ms"], exit=TRAP, trap="interrupted"),
    Case("timeout_tree_recursion", "tree_recursion", ["--timeout", "200ms"], exit=TRAP, trap="interrupted"),
    # A wait inside WASI returns when the limit passes (it slept on for the hour before).
    Case("timeout_sleep", "sleep", ["--timeout", "200ms"], exit=TRAP, trap="interrupted"),
    Case("timeout_not_reached", "recursion", ["--timeout", "1h"], stdout="200010000\n"),
    # Fuel: exact (countdown.wat spends 497 before its last test), and the same point at -O0 and -O2.
    Case("fuel_exact", "countdown", ["--fuel", "497"]),
    Case("fuel_one_short", "countdown", ["--fuel", "496"], exit=TRAP, trap=NO_FUEL),
    Case("fuel_loop_wat", "loop", ["--fuel", "1000000"], exit=TRAP, trap=NO_FUEL),
    Case("fuel_spin", "spin", ["--fuel", "1000000"], exit=TRAP, trap=NO_FUEL),
    Case("fuel_tree_recursion", "tree_recursion", ["--fuel", "1000000"], exit=TRAP, trap=NO_FUEL),
    Case("fuel_same_output", "fuel", ["--fuel", "1000000"], exit=TRAP, stdout=SAME, trap=NO_FUEL),
    Case("fuel_enough", "recursion", ["--fuel", "100000000"], stdout="200010000\n"),
    Case("fuel_and_timeout", "spin", ["--fuel", "1000000", "--timeout", "1h"], exit=TRAP, trap=NO_FUEL),
    # Run-time variables (--runtime-grants).
    Case("runtime_max_memory", "malloc_loop", ["--runtime-grants"], {"WASMC_MAX_MEMORY": "16MiB"},
         stdout="allocation failed\n"),
    Case("runtime_max_memory_overrides", "malloc_loop", ["--runtime-grants", "--max-memory", "16MiB"],
         {"WASMC_MAX_MEMORY": "2GiB"}, stdout="no limit\n"),
    Case("runtime_max_wasm_stack", "recursion", ["--runtime-grants"], {"WASMC_MAX_WASM_STACK": "64KiB"}, exit=TRAP,
         trap="call stack exhausted", deep=True),
    Case("runtime_timeout", "spin", ["--runtime-grants", "--timeout", "1h"], {"WASMC_TIMEOUT": "200ms"}, exit=TRAP,
         trap="interrupted"),
    Case("runtime_timeout_needs_checks", "spin", ["--runtime-grants"], {"WASMC_TIMEOUT": "200ms"}, exit=1,
         stderr=["wasmc runtime: WASMC_TIMEOUT needs a program compiled with wasmc --timeout"]),
    Case("runtime_fuel", "countdown", ["--runtime-grants", "--fuel", "1"], {"WASMC_FUEL": "497"}),
    Case("runtime_fuel_short", "countdown", ["--runtime-grants", "--fuel", "1000000"], {"WASMC_FUEL": "496"},
         exit=TRAP, trap=NO_FUEL),
    Case("runtime_fuel_needs_checks", "countdown", ["--runtime-grants"], {"WASMC_FUEL": "497"}, exit=1,
         stderr=["wasmc runtime: WASMC_FUEL needs a program compiled with wasmc --fuel"]),
    Case("runtime_bad_fuel", "countdown", ["--runtime-grants", "--fuel", "497"], {"WASMC_FUEL": "lots"}, exit=1,
         stderr=["wasmc runtime: WASMC_FUEL=lots: expected a count from 1 to 9223372036854775807"]),
    Case("runtime_bad_size", "malloc_loop", ["--runtime-grants"], {"WASMC_MAX_MEMORY": "lots"}, exit=1,
         stderr=["wasmc runtime: WASMC_MAX_MEMORY=lots: expected a size such as 64MiB"]),
    Case("runtime_bad_stack", "recursion", ["--runtime-grants"], {"WASMC_MAX_WASM_STACK": "1KiB"}, exit=1,
         stderr=["wasmc runtime: WASMC_MAX_WASM_STACK=1KiB: expected a size from 4KiB to 1GiB"]),
    Case("runtime_bad_duration", "spin", ["--runtime-grants", "--timeout", "1h"], {"WASMC_TIMEOUT": "5"}, exit=1,
         stderr=["wasmc runtime: WASMC_TIMEOUT=5: expected a duration such as 500ms, 1s or 2m"]),
    # The variables are the runtime's: the program never sees them, inherited environment or not.
    Case("runtime_variables_hidden", "env", ["--runtime-grants", "--timeout", "1h"],
         {"WASMC_INHERIT_ENV": "1", "WASMC_MAX_MEMORY": "1GiB", "WASMC_TIMEOUT": "2h", "WASMC_MAX_WASM_STACK": "1MiB"},
         stdout="done\n"),
    # Without --runtime-grants they change nothing.
    Case("variables_without_grants", "malloc_loop", [], {"WASMC_MAX_MEMORY": "16MiB"}, stdout="no limit\n"),
]

FUEL_EXPECTED = "a count of wasm operators from 1 to 9223372036854775807"

# wasmc's refusals: (arguments, the line on stderr), each exit 2.
BAD_OPTIONS = [
    (["--max-memory", "64MB"], "wasmc: --max-memory '64MB': expected a size such as 64MiB, 2GiB, 512KiB or 65536 (bytes)"),
    (["--max-memory="], "wasmc: --max-memory '': expected a size such as 64MiB, 2GiB, 512KiB or 65536 (bytes)"),
    (["--max-wasm-stack", "2KiB"], "wasmc: --max-wasm-stack '2KiB': expected a size from 4KiB to 1GiB, such as 512KiB"),
    (["--max-wasm-stack", "2GiB"], "wasmc: --max-wasm-stack '2GiB': expected a size from 4KiB to 1GiB, such as 512KiB"),
    (["--timeout", "200"], "wasmc: --timeout '200': expected a duration such as 500ms, 1s, 2m or 1h"),
    (["--timeout", "0s"], "wasmc: --timeout '0s': expected a duration such as 500ms, 1s, 2m or 1h"),
    (["--timeout=1.5s"], "wasmc: --timeout '1.5s': expected a duration such as 500ms, 1s, 2m or 1h"),
    (["--timeout"], "wasmc: --timeout: missing value"),
    (["-c", "--timeout", "1s"],
     "wasmc: --timeout: limits (--max-memory, --max-wasm-stack, --timeout, --fuel) are for executables, not -c"),
    (["--fuel", "0"], "wasmc: --fuel '0': expected " + FUEL_EXPECTED),
    (["--fuel", "1e6"], "wasmc: --fuel '1e6': expected " + FUEL_EXPECTED),
    (["--fuel", "-5"], "wasmc: --fuel '-5': expected " + FUEL_EXPECTED),
    (["--fuel", "9223372036854775808"], "wasmc: --fuel '9223372036854775808': expected " + FUEL_EXPECTED),
    (["--fuel"], "wasmc: --fuel: missing value"),
    (["-c", "--fuel", "1000"],
     "wasmc: --fuel: limits (--max-memory, --max-wasm-stack, --timeout, --fuel) are for executables, not -c"),
]


def build_wasm(source, clang, tmp):
    wasm = os.path.join(tmp, source + ".wasm")
    if os.path.exists(os.path.join(HERE, source + ".wat")):
        cmd = [shutil.which("wat2wasm") or "wat2wasm", os.path.join(HERE, source + ".wat"), "-o", wasm]
    else:
        cmd = [clang, "--target=wasm32-wasi", "-O2", "-o", wasm, os.path.join(HERE, source + ".c")]
    done = subprocess.run(cmd, capture_output=True, text=True)
    return (wasm, None) if done.returncode == 0 else (None, done.stderr.strip())


def problems_of(case, run):
    problems = []
    if run.returncode != case.exit:
        problems.append(f"exit {run.returncode}, expected {case.exit}")
    if case.stdout is SAME:
        if not run.stdout:
            problems.append("no stdout")
    elif run.stdout != case.stdout:
        problems.append(f"stdout {run.stdout[:200]!r}, expected {case.stdout!r}")
    lines = run.stderr.splitlines()
    for i, want in enumerate(case.stderr):
        if i >= len(lines) or not lines[i].startswith(want):
            problems.append(f"stderr line {i + 1} {lines[i] if i < len(lines) else ''!r}, expected {want!r}...")
    if case.trap:
        rest = "\n".join(lines[len(case.stderr):])
        first = lines[len(case.stderr)] if len(lines) > len(case.stderr) else ""
        if first != f"wasm trap: {case.trap}":
            problems.append(f"stderr {run.stderr[:300]!r}, expected 'wasm trap: {case.trap}'")
        elif not case.stderr and run_e2e.backtrace_problem(rest, case.deep):
            problems.append(run_e2e.backtrace_problem(rest, case.deep))
    elif not case.stderr and run.stderr and "wasm trap" in run.stderr:
        problems.append(f"unexpected trap: {run.stderr[:300]!r}")
    return problems


def main():
    args = run_e2e.parse_args(__doc__)
    report = run_e2e.Report()
    tmp = tempfile.mkdtemp(prefix="wasmc-limits-")
    target = ["--target", args.target] if args.target else []
    wasm_of = {}
    for case in CASES:
        if case.source not in wasm_of:
            wasm_of[case.source], why = build_wasm(case.source, args.clang, tmp)
            if why:
                report(False, case.source, why)
        wasm = wasm_of[case.source]
        if not wasm:
            continue
        first_stdout = None
        for opt in ("-O0", "-O2"):
            label = f"{case.name} {opt}"
            exe = os.path.join(tmp, f"{case.name}{opt}")
            comp = subprocess.run([args.wasmc, wasm, opt, "-q", "-o", exe, *case.flags, *target],
                                  capture_output=True, text=True)
            if comp.returncode != 0:
                report(False, label, "wasmc: " + comp.stderr.strip())
                continue
            env = {k: v for k, v in os.environ.items() if not k.startswith("WASMC_")}
            env.update(case.env)
            try:
                run = subprocess.run(shlex.split(args.runner) + [exe], capture_output=True, text=True,
                                     timeout=RUN_TIMEOUT, env=env)
            except subprocess.TimeoutExpired:
                report(False, label, f"still running after {RUN_TIMEOUT} s")
                continue
            problems = problems_of(case, run)
            if case.stdout is SAME and first_stdout is not None and run.stdout != first_stdout:
                problems.append(f"stdout {run.stdout[-200:]!r} differs from -O0's {first_stdout[-200:]!r}")
            first_stdout = run.stdout if first_stdout is None else first_stdout
            report(not problems, label, "; ".join(problems))
    wasm = wasm_of.get("spin")
    for flags, line in BAD_OPTIONS:
        label = "refused " + " ".join(flags)
        if not wasm:
            report(False, label, "no spin.wasm")
            continue
        done = subprocess.run([args.wasmc, wasm, "-o", os.path.join(tmp, "refused"), *target, *flags],
                              capture_output=True, text=True)
        want = line + " (see wasmc --help)\n"
        ok = done.returncode == 2 and done.stderr == want and not os.path.exists(os.path.join(tmp, "refused"))
        report(ok, label, f"exit {done.returncode}, stderr {done.stderr!r}, expected exit 2 and {want!r}")
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
