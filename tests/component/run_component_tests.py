#!/usr/bin/env python3
"""Component front-end tests on real WASI 0.2 components.

Each C program in programs/ is compiled to a wasm32-wasi core module with
clang, adapted to a `wasi:cli/command` component with `jco new --wasi-command`,
then: `wasmc validate` accepts it silently; `wasmc inspect` lists exactly the
imports and exports `jco wit` shows; `jco run` (the reference runner) gives the
expected output; wasmc compiles the component at -O0 and -O2 to an executable
that gives that output too, and the same as the core module compiled by wasmc
(exit codes mapped: WASI 0.2's exit has only success and failure); components
whose imports wasmc cannot instantiate (a non-0.2 version, a function wasmc
lacks) are refused with one line; every truncation (or a stride of them) and
a set of byte mutations is answered with success or one error, never a crash
(component_check), and truncated files get one error line from the CLI.

Exit status 77 (skipped) when jco cannot be installed: never a pass.

usage: run_component_tests.py WASMC CLANG COMPONENT_CHECK WORKDIR
"""

import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77

# name: (arguments, exit code as a component, stride for component_check, run under jco too)
# WASI 0.2's wasi:cli/exit carries only success or failure: exit(3) arrives as 1. file_io gets a
# granted folder, which `jco run` cannot pass (docs/components.md).
PROGRAMS = {
    "hello": ([], 0, 1, True),
    "args_env": (["a", "b c"], 1, 61, True),
    "file_io": (["/data"], 0, 61, False),
}
ENV = {"WASMC_TEST_VAR": "component"}
# wasmc flags for the executables: the variable the programs print, and the folder file_io uses.
GRANTS = ["--env", "WASMC_TEST_VAR=component", "--dir", "{work}/data::/data"]

# Byte substitutions in hello's component that wasmc must refuse with one line containing the message.
REFUSED = [
    (b"wasi:cli/stdout@0.2.12", b"wasi:cli/stdout@0.3.12", "only WASI 0.2.x interfaces are supported"),
    (b"get-stdout", b"get-stdoux", "wasmc does not provide wasi:cli/stdout.get-stdoux"),
]


class Tests:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, name, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failed += 1
            print(f"FAIL {name}: {detail}")
        return ok


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def wit_names(wit_text, keyword):
    return sorted(re.findall(rf"^\s*{keyword} ([^;{{\s]+);", wit_text, re.M))


def inspect_names(text, section):
    """The top-level names listed under 'imports (N):' or 'exports (N):'."""
    names, inside = [], False
    for line in text.splitlines():
        if re.match(rf"^{section} \(\d+\):$", line):
            inside = True
            continue
        if inside:
            m = re.match(r"^  (\S+): ", line)
            if not line.startswith("  "):
                break
            if m and not line.startswith("   "):
                names.append(m.group(1))
    return sorted(names)


def one_error_line(stderr, path):
    lines = stderr.splitlines()
    return len(lines) == 1 and re.match(rf"^{re.escape(path)}:0x[0-9a-f]+: \S", lines[0]) is not None


def run_exe(exe, args, work):
    data = os.path.join(work, "data")
    if os.path.isdir(data):
        shutil.rmtree(data)
    os.makedirs(data)
    return run([exe] + args, cwd=work, timeout=60)


def run_compiled(t, wasmc, name, core, comp, args, want_exit, want_out, work):
    """The component compiled by wasmc gives the expected output, as the core module compiled by wasmc does."""
    grants = [g.replace("{work}", work) for g in GRANTS]
    core_exe = os.path.join(work, name + ".core.exe")
    c = run([wasmc, core, "-O2", "-o", core_exe] + grants)
    if not t.check(c.returncode == 0, f"{name}: compile the core module", c.stderr.strip()):
        return
    core_run = run_exe(core_exe, args, work)
    t.check(core_run.stdout == want_out and min(core_run.returncode, 1) == want_exit,
            f"{name}: the core module's output", f"exit {core_run.returncode}, stdout {core_run.stdout!r}")
    for opt in ("-O0", "-O2"):
        exe = os.path.join(work, f"{name}{opt}.exe")
        if os.path.exists(exe):
            os.unlink(exe)
        c = run([wasmc, comp, opt, "-o", exe] + grants)
        if not t.check(c.returncode == 0 and not c.stderr, f"{name} {opt}: compile the component", c.stderr.strip()):
            continue
        r = run_exe(exe, args, work)
        t.check(r.returncode == want_exit and r.stdout == want_out and r.stderr == core_run.stderr,
                f"{name} {opt}: the component's output",
                f"exit {r.returncode} (want {want_exit}), stdout {r.stdout!r}, stderr {r.stderr!r}")


def check_refused(t, wasmc, comp, work):
    """Components wasmc cannot instantiate: one line naming the problem, exit 1, no output file."""
    if not os.path.exists(comp):
        return
    with open(comp, "rb") as f:
        data = f.read()
    for old, new, message in REFUSED:
        path = os.path.join(work, "refused.component.wasm")
        exe = os.path.join(work, "refused.exe")
        if os.path.exists(exe):
            os.unlink(exe)
        with open(path, "wb") as f:
            f.write(data.replace(old, new))
        r = run([wasmc, path, "-o", exe])
        lines = r.stderr.splitlines()
        t.check(r.returncode == 1 and lines and all(message in line or line.startswith(path + ":0x")
                                                     for line in lines) and message in r.stderr
                and not os.path.exists(exe), f"refused: {new.decode()}", f"exit {r.returncode}, {r.stderr!r}")


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    wasmc, clang, checker, work = sys.argv[1:]
    fetch = run([os.path.join(HERE, "fetch_jco.sh")])
    if fetch.returncode != 0:
        print(f"SKIPPED: jco is not available: {fetch.stderr.strip()}")
        return SKIP
    jco = fetch.stdout.strip()
    os.makedirs(work, exist_ok=True)
    t = Tests()
    env = dict(os.environ, **ENV)

    for name, (args, want_exit, stride, under_jco) in PROGRAMS.items():
        src = os.path.join(HERE, "programs", name + ".c")
        core = os.path.join(work, name + ".wasm")
        comp = os.path.join(work, name + ".component.wasm")
        cc = run([clang, "--target=wasm32-wasi", "-O2", "-o", core, src])
        if not t.check(cc.returncode == 0, f"{name}: clang", cc.stderr.strip()):
            continue
        new = run([jco, "new", core, "--wasi-command", "-o", comp])
        if not t.check(new.returncode == 0 and os.path.exists(comp), f"{name}: jco new", new.stderr.strip()):
            continue

        v = run([wasmc, "validate", comp])
        t.check(v.returncode == 0 and not v.stdout and not v.stderr, f"{name}: validate",
                (v.stderr or v.stdout).strip())

        wit = run([jco, "wit", comp])
        ins = run([wasmc, "inspect", comp])
        if t.check(wit.returncode == 0 and ins.returncode == 0, f"{name}: jco wit and wasmc inspect",
                   (wit.stderr + ins.stderr).strip()):
            for keyword, section in (("import", "imports"), ("export", "exports")):
                want, got = wit_names(wit.stdout, keyword), inspect_names(ins.stdout, section)
                t.check(want == got and want, f"{name}: inspect {section} match jco wit",
                        f"jco wit {want}, wasmc inspect {got}")
            t.check(re.search(r"^  func \d+ = lift core func \d+ \(core instance \d+ 'wasi:cli/run@[^#']+#run'\)",
                              ins.stdout, re.M) is not None, f"{name}: inspect shows the lift of wasi:cli/run",
                    "no lift of wasi:cli/run#run")

        with open(os.path.join(HERE, "programs", name + ".stdout")) as f:
            want_out = f.read()
        if under_jco:
            ref = run([jco, "run", comp] + args, env=env, cwd=work, timeout=120)
            t.check(ref.returncode == want_exit and ref.stdout == want_out, f"{name}: jco run reference",
                    f"exit {ref.returncode} (want {want_exit}), stdout {ref.stdout!r}")
        run_compiled(t, wasmc, name, core, comp, args, want_exit, want_out, work)

        chk = run([checker, "--stride", str(stride), comp], timeout=1200)
        t.check(chk.returncode == 0, f"{name}: truncations and mutations", (chk.stderr or chk.stdout).strip())
        if chk.returncode == 0:
            print("     " + chk.stdout.strip())

        with open(comp, "rb") as f:
            data = f.read()
        cut_path = os.path.join(work, name + ".cut.wasm")
        bad = []
        for cut in sorted({7, 9, 10, 100, len(data) // 3, len(data) // 2, len(data) - 1}):
            with open(cut_path, "wb") as f:
                f.write(data[:cut])
            r = run([wasmc, "validate", cut_path])
            if r.returncode != 1 or not one_error_line(r.stderr, cut_path):
                bad.append(f"{cut}: exit {r.returncode}, {r.stderr.strip()!r}")
        t.check(not bad, f"{name}: the CLI answers truncated files with one error line", "; ".join(bad))

    check_refused(t, wasmc, os.path.join(work, "hello.component.wasm"), work)
    print(f"{t.passed} passed, {t.failed} failed")
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
