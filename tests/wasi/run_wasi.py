#!/usr/bin/env python3
"""WASI preview-1 tests: C programs compiled to wasm32-wasi, then by wasmc at
-O0 and -O2 with grants, run in a fresh folder each ("{run}"; the granted
directory is {run}/sandbox, {run}/outside is not granted) and compared with
NAME.stdout and the expected exit status; then the grant flags' usage
errors. The sock_* programs are compiled with --listenfd and launched by
sock_harness.py, which passes them sockets. Runs through tests/e2e's runner;
prints "N passed, N failed, N skipped" last.

With --component, every core module is first adapted to a WASI 0.2 component
(`jco new --wasi-command`, jco from tests/component/fetch_jco.sh; exit 77,
skipped, without it) and the component is what wasmc compiles: the same cases
must give the same output, except where COMPONENT_DIFFS says why not (WASI
0.2's exit carries only success or failure; NAME.component.stdout replaces
NAME.stdout where the adapter answers differently).

usage: run_wasi.py WASMC CLANG [--target T] [--runner CMD] [--component]
"""

import argparse
import os
import shlex
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import run_e2e  # noqa: E402
from run_e2e import Case  # noqa: E402

SANDBOX = ["--dir", "{run}/sandbox::/sandbox"]
HARNESS = os.path.join(HERE, "sock_harness.py")
OUTSIDE_FILE = "{run}/outside/secret.txt"


def sandbox_and_outside(run):
    """{run}/sandbox (granted) with inner/, abs -> {run}/outside, up -> ../outside; {run}/outside/secret.txt."""
    os.makedirs(os.path.join(run, "sandbox", "inner"))
    os.makedirs(os.path.join(run, "outside"))
    with open(os.path.join(run, "outside", "secret.txt"), "w") as f:
        f.write("secret\n")
    os.symlink(os.path.join(run, "outside"), os.path.join(run, "sandbox", "abs"))
    os.symlink("../outside", os.path.join(run, "sandbox", "up"))


def grant_folders(run):
    for d in ("sandbox/sub", "rt", "plain"):
        os.makedirs(os.path.join(run, d))


def readonly_folders(run):
    """{run}/ro (granted read-only) with data.txt and sub/; {run}/rw (granted read-write)."""
    os.makedirs(os.path.join(run, "ro", "sub"))
    os.makedirs(os.path.join(run, "rw"))
    with open(os.path.join(run, "ro", "data.txt"), "w") as f:
        f.write("hello")


def escape(kind):
    return Case("escape_" + kind, source="escape", argv=[kind, OUTSIDE_FILE], flags=SANDBOX,
                setup=sandbox_and_outside)


def sockets(name):
    """A sock_* program: it gets the harness's sockets as descriptors 3.. (see sock_harness.py)."""
    case = Case(name, flags=["--listenfd"])
    case.launcher = [sys.executable, HARNESS]
    return case


CASES = [
    Case("fd_file", flags=SANDBOX, setup=sandbox_and_outside),
    Case("path_ops", flags=SANDBOX, setup=sandbox_and_outside),
    Case("path_edge", flags=SANDBOX, setup=sandbox_and_outside),
    Case("errno_cases", flags=SANDBOX, setup=sandbox_and_outside),
    escape("dotdot"),
    escape("absolute"),
    escape("symlink_absolute"),
    escape("symlink_dotdot"),
    Case("escape_ungranted", source="escape", argv=["ungranted", OUTSIDE_FILE], setup=sandbox_and_outside),
    # Grants: nothing by default, whatever the process has.
    Case("grants_none", source="grants", argv=["a b", "", "--dir", "WASMC_DIR=x"], env={"HOME": "/root", "A": "1",
         "WASMC_DIR": "{run}", "WASMC_ENV_X": "1"}, setup=grant_folders),
    Case("grants_baked", source="grants", argv=["exit7"], exit=7,
         flags=["--dir", "{run}/sandbox::/data", "--dir", "{run}/sandbox/sub::sub", "--dir", "plain",
                "--env", "A=1", "--env", "B=x=y", "--env", "EMPTY=", "--env", "A=2"],
         env={"HOME": "/root"}, setup=grant_folders),
    Case("grants_inherit", source="grants", flags=["--inherit-env", "--env", "A=baked"],
         env={"A": "process", "B": "2", "WASMC_ENV_C": "3"}, setup=grant_folders),
    Case("grants_runtime", source="grants",
         flags=["--runtime-grants", "--env", "A=baked", "--dir", "{run}/sandbox::/baked"],
         env={"WASMC_DIR": "{run}/rt::/rt;;plain", "WASMC_ENV_C": "3", "WASMC_ENV_A": "runtime",
              "WASMC_OTHER": "x", "D": "4"}, setup=grant_folders),
    Case("grants_runtime_inherit", source="grants", flags=["--runtime-grants"],
         env={"WASMC_INHERIT_ENV": "1", "X": "1", "WASMC_DIR": ""}, setup=grant_folders),
    Case("grants_missing_dir", source="grants", flags=["--dir", "{run}/nonexistent::/x"], exit=1,
         setup=grant_folders, stderr="wasmc runtime: granted directory {run}/nonexistent: no such directory\n"),
    Case("grants_runtime_bad", source="grants", flags=["--runtime-grants"], env={"WASMC_DIR": "rt::"}, exit=1,
         setup=grant_folders,
         stderr="wasmc runtime: a granted directory needs HOST[::GUEST] with both non-empty\n"),
    Case("readonly", flags=["--dir-ro", "{run}/ro::/ro", "--dir", "{run}/rw::/rw"], setup=readonly_folders),
    Case("readonly_runtime", source="readonly", flags=["--runtime-grants"],
         env={"WASMC_DIR_RO": "{run}/ro::/ro", "WASMC_DIR": "{run}/rw::/rw"}, setup=readonly_folders),
    Case("clock_time"),
    Case("poll_clock"),
    # proc_raise ends by raising SIGTERM: subprocess reports death by signal N as -N.
    Case("proc_raise", exit=-signal.SIGTERM),
    Case("random_get"),
    sockets("sock_accept"),
    sockets("sock_stream"),
]

# (case name, target architecture): why the case cannot run there. Skips are printed and counted.
SKIPS = {}

# Case name: why it cannot run as a component (the preview-1 adapter does not provide it).
COMPONENT_SKIPS = {
    "proc_raise": "the preview-1 adapter has no proc_raise (it executes unreachable)",
    "sock_accept": "the preview-1 adapter has no sockets (sock_* execute unreachable)",
    "sock_stream": "the preview-1 adapter has no sockets (sock_* execute unreachable)",
}

# wasmc arguments after "app.wasm -o app" that must fail with exit 2 and one line naming the problem.
BAD_FLAGS = [
    (["--dir"], "--dir: missing value"),
    (["--env"], "--env: missing value"),
    (["--dir", ""], "--dir '': expected HOST or HOST::GUEST"),
    (["--dir", "::/guest"], "--dir '::/guest': expected HOST or HOST::GUEST"),
    (["--dir", "host::"], "--dir 'host::': expected HOST or HOST::GUEST"),
    (["--dir-ro"], "--dir-ro: missing value"),
    (["--dir-ro", "::/guest"], "--dir-ro '::/guest': expected HOST or HOST::GUEST"),
    (["--env", "NOVALUE"], "--env 'NOVALUE': expected NAME=VALUE"),
    (["--env", "=v"], "--env '=v': expected NAME=VALUE"),
    (["-c", "--dir", "x"], "grants (--dir, --dir-ro, --env, --inherit-env, --inherit-network, --runtime-grants) are for executables"),
    (["--inherit-env=1"], "unknown option '--inherit-env=1'"),
]


def check_bad_flags(args, report):
    tmp = tempfile.mkdtemp(prefix="wasmc-wasi-flags-")
    wasm = os.path.join(tmp, "grants.wasm")
    cc = subprocess.run([args.clang, "--target=wasm32-wasi", "-O2", "-I", HERE, "-o", wasm,
                         os.path.join(HERE, "grants.c")], capture_output=True, text=True)
    if cc.returncode != 0:
        report(False, "bad flags", "clang: " + cc.stderr.strip())
        return
    for flags, expected in BAD_FLAGS:
        label = "wasmc " + shlex.join(flags)
        out = os.path.join(tmp, "app")
        r = subprocess.run([args.wasmc, wasm, "-o", out, *flags], capture_output=True, text=True)
        lines = r.stderr.splitlines()
        problems = []
        if r.returncode != 2:
            problems.append(f"exit {r.returncode}, expected 2")
        if len(lines) != 1 or expected not in lines[0]:
            problems.append(f"stderr {r.stderr!r}, expected one line with {expected!r}")
        if os.path.exists(out):
            problems.append("an output was written")
        report(not problems, label, "; ".join(problems))


def component_adapter(work):
    """adapt() for run_cases: jco new --wasi-command; None if jco is not available (a skip)."""
    fetch = subprocess.run([os.path.join(HERE, "..", "component", "fetch_jco.sh")], capture_output=True, text=True)
    if fetch.returncode != 0:
        print(f"SKIPPED: jco is not available: {fetch.stderr.strip()}")
        return None
    jco = fetch.stdout.strip()

    def adapt(wasm):
        comp = os.path.join(work, os.path.basename(wasm)[:-5] + ".component.wasm")
        new = subprocess.run([jco, "new", wasm, "--wasi-command", "-o", comp], capture_output=True, text=True)
        if new.returncode != 0:
            return None, "jco new: " + new.stderr.strip()
        return comp, None
    return adapt


def as_component(case):
    """The case as a component gives: WASI 0.2's exit has only ok (0) and error (1)."""
    if case.exit > 0:
        case.exit = 1
    if os.path.exists(os.path.join(HERE, case.name + ".component.stdout")):
        case.stdout_name = case.name + ".component"
    return case


def run_all(args, report):
    """The cases, run by launcher: tests/e2e's runner puts args.runner (qemu) before each executable."""
    arch = run_e2e.target_arch(args)
    skipped = 0
    runnable = []
    adapt = None
    if args.component:
        adapt = component_adapter(tempfile.mkdtemp(prefix="wasmc-wasi-components-"))
        if adapt is None:
            return None
    for case in CASES:
        reason = SKIPS.get((case.name, arch)) or (args.component and COMPONENT_SKIPS.get(case.name))
        if args.component and not reason:
            case = as_component(case)
        if reason:
            for opt in ("-O0", "-O2"):
                print(f"skip {case.name} {opt}: {reason}")
                skipped += 1
        else:
            runnable.append(case)
    launchers = []
    for case in runnable:
        launcher = getattr(case, "launcher", [])
        if launcher not in launchers:
            launchers.append(launcher)
    for launcher in launchers:
        group = [c for c in runnable if getattr(c, "launcher", []) == launcher]
        group_args = argparse.Namespace(**vars(args))
        group_args.runner = shlex.join(launcher + shlex.split(args.runner))
        cflags = ["-I", HERE] + (["-DWASI_TEST_COMPONENT"] if args.component else [])
        run_e2e.run_cases(group, HERE, group_args, report, cflags=cflags, adapt=adapt)
    return skipped


def main():
    args = run_e2e.parse_args(__doc__, extra=[("--component", "compile each program as a WASI 0.2 component")])
    report = run_e2e.Report()
    skipped = run_all(args, report)
    if skipped is None:
        return 77
    if not args.component:
        check_bad_flags(args, report)
    print(f"{report.passed} passed, {report.failed} failed, {skipped} skipped")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
