#!/usr/bin/env python3
"""Component front-end tests on real WASI 0.2 components.

Each C program in programs/ is compiled to a wasm32-wasi core module with
clang, adapted to a `wasi:cli/command` component with `jco new --wasi-command`,
then: `wasmc validate` accepts it silently; `wasmc inspect` lists exactly the
imports and exports `jco wit` shows; compiling it answers one clear error line
(until compile-time instantiation lands); `jco run` (the reference runner)
gives the expected output; every truncation (or a stride of them) and a set of
byte mutations is answered with success or one error, never a crash
(component_check), and truncated files get one error line from the CLI.

Exit status 77 (skipped) when jco cannot be installed: never a pass.

usage: run_component_tests.py WASMC CLANG COMPONENT_CHECK WORKDIR
"""

import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77

# name: (arguments for the reference run, exit code under jco run, stride for component_check)
# WASI 0.2's wasi:cli/exit carries only success or failure: exit(3) arrives as 1.
PROGRAMS = {
    "hello": ([], 0, 1),
    "args_env": (["a", "b c"], 1, 61),
    "file_io": (None, None, 61),
}
ENV = {"WASMC_TEST_VAR": "component"}


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

    for name, (args, want_exit, stride) in PROGRAMS.items():
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

        out = os.path.join(work, name + ".exe")
        if os.path.exists(out):
            os.unlink(out)
        c = run([wasmc, comp, "-o", out])
        t.check(c.returncode == 1 and len(c.stderr.splitlines()) == 1 and "cannot be compiled yet" in c.stderr
                and not os.path.exists(out), f"{name}: compile answers one clear line", c.stderr.strip())

        if args is not None:
            ref = run([jco, "run", comp] + args, env=env, cwd=work, timeout=120)
            with open(os.path.join(HERE, "programs", name + ".stdout")) as f:
                want_out = f.read()
            t.check(ref.returncode == want_exit and ref.stdout == want_out, f"{name}: jco run reference",
                    f"exit {ref.returncode} (want {want_exit}), stdout {ref.stdout!r}")

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

    print(f"{t.passed} passed, {t.failed} failed")
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
