"""The compile section: how fast wasmc compiles, per optimization level and -j, and what it costs in memory.

Modules: the corpus's wasm (whose output speed the run section measures), generated modules of
bench/tools/gen_module.py (`small N`: N small functions, about 45 bytes of wasm each) at several sizes, and
Yosys when tests/.cache holds it. Each is compiled at -O0 and -O2 with -j1 and -j2 under --time-report: wall
and CPU time (wait4: wasmc and the linker), peak resident memory (the larger of wasmc's and the linker's), and
each phase's CPU time from the report. Figures only; nothing is asserted but that the compile succeeds and
gives the same executable for -j1 and -j2.
"""

import filecmp
import os
import re
import subprocess
import sys

from . import measure

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(BENCH, "tools", "gen_module.py")
SMALL_BYTES_PER_FUNC = 45  # gen_module.py small: what one function costs in wasm
LEVELS = (0, 2)
JOBS = (1, 2)
PHASE = re.compile(r"^\s+([a-z]+)\s+([0-9.]+)\s+([0-9.]+)\s+([0-9.]+)\s*$")


def generated(work, megabytes):
    """gen_module.py small modules of about the given sizes; returns [(name, path)]."""
    out = []
    for mb in megabytes:
        n = max(1, int(mb * 1e6 / SMALL_BYTES_PER_FUNC))
        path = os.path.join(work, f"gen-small-{mb:g}MB.wasm")
        if not os.path.exists(path):
            subprocess.run([sys.executable, GEN, "small", str(n), path], check=True)
        out.append((f"small {mb:g} MB", path))
    return out


def phases(stderr):
    """--time-report's rows: {phase: CPU seconds} (steadier than wall time on a shared machine)."""
    rows = {}
    for line in stderr.splitlines():
        m = PHASE.match(line)
        if m and m.group(1) != "phase":
            rows[m.group(1)] = float(m.group(3))
        if "largest functions" in line:
            break
    return rows


def compile_one(wasmc, wasm, exe, level, jobs, timeout):
    cmd = [wasmc, "--time-report", f"-O{level}", f"-j{jobs}", "--runtime-grants", wasm, "-o", exe]
    try:
        s = measure.run(cmd, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"not done within {timeout} s"}
    if s.exit_code != 0:
        return {"error": measure.brief(s.stderr) or f"exit status {s.exit_code}"}
    return {"wall_s": s.wall_s, "cpu_s": s.cpu_s, "peak_kb": s.max_rss_kb, "phases": phases(s.stderr)}


def measure_compile(wasmc, work, modules, log, timeout=3600):
    """Compiles each (name, path) at every level and -j; returns a list of rows for the report."""
    rows = []
    scratch = os.path.join(work, "compile")
    os.makedirs(scratch, exist_ok=True)
    for name, path in modules:
        size = os.path.getsize(path)
        for level in LEVELS:
            exes = {}
            for jobs in JOBS:
                exe = os.path.join(scratch, f"{os.path.basename(path)}.O{level}.j{jobs}")
                r = compile_one(wasmc, path, exe, level, jobs, timeout)
                r.update(module=name, wasm_bytes=size, level=level, jobs=jobs)
                if not r.get("error"):
                    exes[jobs] = exe
                rows.append(r)
                log(f"compile {name} -O{level} -j{jobs}: " + (r["error"] if r.get("error") else
                    f"{r['wall_s']:.2f} s wall, {r['cpu_s']:.2f} s CPU, {r['peak_kb'] / 1024:.0f} MB"))
            if len(exes) == len(JOBS):
                same = filecmp.cmp(exes[JOBS[0]], exes[JOBS[1]], shallow=False)
                for r in rows[-len(JOBS):]:
                    r["same_output"] = same
            for exe in exes.values():
                os.remove(exe)
    return rows


def markdown(rows, ratios):
    """The report's section. ratios: {module name: run time / native of wasmc-O2's executable}."""
    L = ["## Compile speed", ""]
    if not rows:
        return L + ["Not measured.", ""]
    L.append("wasmc --time-report -On -jN on each module: wall and CPU time (wasmc and ld.lld), MB of wasm per wall "
             "second and per CPU second, peak resident memory; `same` says whether -j1 and -j2 wrote the same "
             "executable; `run/native` is the run section's ratio for wasmc-O2's executable of a corpus program.")
    L.append("")
    L.append("| module | wasm MB | level | -j | wall s | CPU s | MB/s wall | MB/s CPU | peak MB | same | run/native |")
    L.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---|---:|")
    for r in rows:
        mb = r["wasm_bytes"] / 1e6
        head = f"| {r['module']} | {mb:.3f} | -O{r['level']} | {r['jobs']} |"
        if r.get("error"):
            L.append(head + f" failed: {r['error']} | | | | | | |")
            continue
        ratio = ratios.get(r["module"]) if r["level"] == 2 else None
        same = {True: "yes", False: "**no**", None: "—"}[r.get("same_output")]
        L.append(head + f" {r['wall_s']:.2f} | {r['cpu_s']:.2f} | {mb / r['wall_s']:.2f} | "
                 f"{mb / r['cpu_s'] if r['cpu_s'] else 0:.2f} | {r['peak_kb'] / 1024:.0f} | {same} | "
                 f"{f'{ratio:.3f}' if ratio else '—'} |")
    L.append("")
    gen = [r for r in rows if r["module"].startswith("small ") and not r.get("error")]
    if gen:
        L.append("Linearity on the generated modules: each phase's CPU seconds per MB of wasm (`parts`: lowering, "
                 "optimization and code generation of a split module's parts; flat down a column for one level "
                 "and -j: the phase grows linearly with the module).")
        L.append("")
        names = []
        for r in gen:
            names += [p for p in r["phases"] if p not in names and p != "total"]
        L.append("| module | level | -j | " + " | ".join(names) + " | total |")
        L.append("|---|---|---:|" + "---:|" * (len(names) + 1))
        for r in gen:
            mb = r["wasm_bytes"] / 1e6
            cells = [f"{r['phases'][p] / mb:.2f}" if p in r["phases"] else "—" for p in names + ["total"]]
            L.append(f"| {r['module']} | -O{r['level']} | {r['jobs']} | " + " | ".join(cells) + " |")
        L.append("")
    return L
