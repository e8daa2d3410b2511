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

With --target T --runner CMD (qemu-<arch>-static), only the executables are
checked, cross-compiled for T and run under CMD.

usage: run_component_tests.py WASMC CLANG COMPONENT_CHECK WORKDIR [--target T --runner CMD]
"""

import os
import argparse
import re
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CROSS = []   # --target T for wasmc, when cross-compiling
RUNNER = []  # the command that runs a cross-compiled executable
SKIP = 77
# Seconds one executable (or jco run) may take: it only catches a hang, so it allows for qemu under load.
RUN_TIMEOUT = 300

class Program:
    """A C program of programs/ and how it runs: arguments, exit status as a component (WASI 0.2's
    wasi:cli/exit carries only success or failure: exit(3) arrives as 1), the stride of
    component_check's truncations (None: not fuzzed), whether `jco run` is a reference too (it
    cannot pass a granted folder, docs/components.md), whether it is also a preview-1 core module
    (False: it calls WASI 0.2 directly, with the WIT world `world` of programs/NAME.wit embedded),
    further runs (arguments, exit status, first line of stderr), wasmc flags beyond GRANTS, and
    runs of an -O2 build without those flags."""

    def __init__(self, name, args, exit=0, stride=None, jco=False, world=None, runs=(), flags=(), bare_runs=()):
        self.name, self.args, self.exit, self.stride, self.jco = name, args, exit, stride, jco
        self.world, self.runs, self.flags, self.bare_runs = world, runs, list(flags), bare_runs


PROGRAMS = [
    Program("hello", [], stride=1, jco=True),
    Program("args_env", ["a", "b c"], exit=1, stride=61, jco=True),
    Program("file_io", ["/data"], stride=61),
    Program("p2_stdio", ["a", "b c"]),
    Program("p2_files", ["/data"]),
    Program("p2_direct", [], world="p2-direct",
            runs=[(["exit-err"], 1, ""), (["poll-empty"], 134, "wasm trap: unreachable")]),
    # Sockets need the network grant; without it every bind and connect is access-denied ("denied" checks).
    Program("p2_sockets", [], world="p2-sockets", flags=["--inherit-network"],
            runs=[(["send-unpermitted"], 134, "wasm trap: unreachable")], bare_runs=[(["denied"], 0, "")]),
    Program("p2_fs_direct", ["/data"], world="p2-fs-direct",
            runs=[(["/data", "path-oob"], 134, "wasm trap: out of bounds memory access"),
                  (["/data", "dropped"], 134, "wasm trap: unknown handle index")]),
]
ENV = {"WASMC_TEST_VAR": "component"}
# wasmc flags for the executables: the variable the programs print, and the folder some use.
GRANTS = ["--env", "WASMC_TEST_VAR=component", "--dir", "{work}/data::/data"]
# The WASI 0.2.12 WIT packages jco ships, the deps of programs' own worlds.
WIT_BUILTIN = os.path.join(HERE, "..", ".cache", "jco", "node_modules", "@bytecodealliance", "jco", "lib", "wit",
                           "builtin", "0.2.12")

# Byte substitutions in hello's component that wasmc must accept: any 0.2.x version is WASI 0.2.
ACCEPTED = [(b"@0.2.12", b"@0.2.99")]

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
    """Runs exe in work with a fresh work/data, stdin empty; stdout and stderr as bytes."""
    data = os.path.join(work, "data")
    if os.path.isdir(data):
        shutil.rmtree(data)
    os.makedirs(data)
    return subprocess.run(RUNNER + [exe] + args, cwd=work, timeout=RUN_TIMEOUT, capture_output=True, stdin=subprocess.DEVNULL)


def run_compiled(t, wasmc, prog, core, comp, want_out, work):
    """The component compiled by wasmc gives the expected output, as the core module compiled by wasmc does."""
    name, grants = prog.name, [g.replace("{work}", work) for g in GRANTS]
    core_err = None
    if not prog.world:
        core_exe = os.path.join(work, name + ".core.exe")
        c = run([wasmc, core, "-O2", "-o", core_exe] + grants + CROSS)
        if not t.check(c.returncode == 0, f"{name}: compile the core module", c.stderr.strip()):
            return
        r = run_exe(core_exe, prog.args, work)
        core_err = r.stderr
        t.check(r.stdout == want_out and min(r.returncode, 1) == prog.exit, f"{name}: the core module's output",
                f"exit {r.returncode}, stdout {r.stdout[:2000]!r}")
    for opt in ("-O0", "-O2"):
        exe = os.path.join(work, f"{name}{opt}.exe")
        if os.path.exists(exe):
            os.unlink(exe)
        c = run([wasmc, comp, opt, "-o", exe] + grants + prog.flags + CROSS)
        if not t.check(c.returncode == 0 and not c.stderr, f"{name} {opt}: compile the component", c.stderr.strip()):
            continue
        r = run_exe(exe, prog.args, work)
        t.check(r.returncode == prog.exit and r.stdout == want_out and (core_err is None or r.stderr == core_err),
                f"{name} {opt}: the component's output",
                f"exit {r.returncode} (want {prog.exit}), stdout {r.stdout[:2000]!r}, stderr {r.stderr[:2000]!r}")
        for args, status, err_line in prog.runs:
            r = run_exe(exe, args, work)
            first = r.stderr.decode(errors="replace").split("\n")[0]
            t.check(r.returncode == status and first == err_line, f"{name} {opt} {' '.join(args)}",
                    f"exit {r.returncode} (want {status}), stderr starts {first!r} (want {err_line!r})")
    if prog.bare_runs:
        exe = os.path.join(work, f"{name}.bare.exe")
        c = run([wasmc, comp, "-O2", "-o", exe] + grants + CROSS)
        if t.check(c.returncode == 0, f"{name}: compile without {' '.join(prog.flags)}", c.stderr.strip()):
            for args, status, err_line in prog.bare_runs:
                r = run_exe(exe, args, work)
                first = r.stderr.decode(errors="replace").split("\n")[0]
                t.check(r.returncode == status and first == err_line,
                        f"{name} without {' '.join(prog.flags)}: {' '.join(args)}",
                        f"exit {r.returncode} (want {status}), stderr {r.stderr[:500]!r}, stdout {r.stdout[:500]!r}")


def build_component(t, jco, clang, prog, work):
    """clang, then (a WASI 0.2 program) the WIT world embedded, then jco new: the core module and component paths."""
    src = os.path.join(HERE, "programs", prog.name + ".c")
    core = os.path.join(work, prog.name + ".wasm")
    comp = os.path.join(work, prog.name + ".component.wasm")
    cc = run([clang, "--target=wasm32-wasi", "-O2", "-o", core, src])
    if not t.check(cc.returncode == 0, f"{prog.name}: clang", cc.stderr.strip()):
        return None, None
    adapted = core
    if prog.world:
        wit = os.path.join(work, prog.name + ".wit.d")
        if os.path.isdir(wit):
            shutil.rmtree(wit)
        os.makedirs(os.path.join(wit, "deps"))
        shutil.copy(os.path.join(HERE, "programs", prog.name + ".wit"), wit)
        for pkg in os.listdir(WIT_BUILTIN):
            if pkg.startswith("wasi-") and pkg != "wasi-http":
                shutil.copytree(os.path.join(WIT_BUILTIN, pkg), os.path.join(wit, "deps", pkg[5:]))
        adapted = os.path.join(work, prog.name + ".embedded.wasm")
        e = run(["node", os.path.join(HERE, "embed.mjs"), core, wit, prog.world, adapted])
        if not t.check(e.returncode == 0, f"{prog.name}: embed its WIT world", e.stderr.strip()[-2000:]):
            return None, None
    new = run([jco, "new", adapted, "--wasi-command", "-o", comp])
    if not t.check(new.returncode == 0 and os.path.exists(comp), f"{prog.name}: jco new", new.stderr.strip()):
        return None, None
    return core, comp


def check_accepted(t, wasmc, comp, work):
    """Components naming other 0.2.x versions compile and run as the original does."""
    if not os.path.exists(comp):
        return
    with open(comp, "rb") as f:
        data = f.read()
    for old, new in ACCEPTED:
        path = os.path.join(work, "accepted.component.wasm")
        exe = os.path.join(work, "accepted.exe")
        with open(path, "wb") as f:
            f.write(data.replace(old, new))
        c = run([wasmc, path, "-o", exe])
        r = run_exe(exe, [], work) if c.returncode == 0 else None
        with open(os.path.join(HERE, "programs", "hello.stdout"), "rb") as f:
            want = f.read()
        t.check(r is not None and r.returncode == 0 and r.stdout == want, f"accepted: every {old.decode()} as {new.decode()}",
                c.stderr.strip() if r is None else f"exit {r.returncode}, stdout {r.stdout!r}")


def check_refused(t, wasmc, comp, work):
    """Components wasmc cannot instantiate: one line naming the problem, exit 1, no output file."""
    if not os.path.exists(comp):
        return
    obj = os.path.join(work, "refused.o")
    r = run([wasmc, comp, "-c", "-o", obj])
    t.check(r.returncode == 1 and len(r.stderr.splitlines()) == 1 and "-c is not supported for components" in r.stderr
            and not os.path.exists(obj), "refused: -c", f"exit {r.returncode}, {r.stderr!r}")
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
    ap = argparse.ArgumentParser(usage=__doc__)
    for arg in ("wasmc", "clang", "checker", "work"):
        ap.add_argument(arg)
    ap.add_argument("--target")
    ap.add_argument("--runner", default="")
    opts = ap.parse_args()
    wasmc, clang, checker, work = opts.wasmc, opts.clang, opts.checker, opts.work
    CROSS.extend((["--target", opts.target] if opts.target else []))
    RUNNER.extend(shlex.split(opts.runner))
    fetch = run([os.path.join(HERE, "fetch_jco.sh")])
    if fetch.returncode != 0:
        print(f"SKIPPED: jco is not available: {fetch.stderr.strip()}")
        return SKIP
    jco = fetch.stdout.strip()
    os.makedirs(work, exist_ok=True)
    t = Tests()
    env = dict(os.environ, **ENV)

    for prog in PROGRAMS:
        name = prog.name
        core, comp = build_component(t, jco, clang, prog, work)
        if not comp:
            continue
        if CROSS:
            with open(os.path.join(HERE, "programs", name + ".stdout"), "rb") as f:
                run_compiled(t, wasmc, prog, core, comp, f.read(), work)
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

        with open(os.path.join(HERE, "programs", name + ".stdout"), "rb") as f:
            want_out = f.read()
        if prog.jco:
            ref = subprocess.run([jco, "run", comp] + prog.args, env=env, cwd=work, timeout=RUN_TIMEOUT, capture_output=True)
            t.check(ref.returncode == prog.exit and ref.stdout == want_out, f"{name}: jco run reference",
                    f"exit {ref.returncode} (want {prog.exit}), stdout {ref.stdout!r}")
        run_compiled(t, wasmc, prog, core, comp, want_out, work)

        if prog.stride is None:
            continue
        chk = run([checker, "--stride", str(prog.stride), comp], timeout=1200)
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

    if not CROSS:
        check_accepted(t, wasmc, os.path.join(work, "hello.component.wasm"), work)
        check_refused(t, wasmc, os.path.join(work, "hello.component.wasm"), work)
    print(f"{t.passed} passed, {t.failed} failed")
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
