"""Writing the results: latest.md (tables), latest.csv (one row per program and engine), latest.json (all)."""

import csv
import json

from .engines import MUST_WORK
from .measure import geomean, summarize

WASMC = "wasmc-O2"
PEERS_TO_BEAT = ("wasm2c", "node")
NOISE = 0.05  # a difference in ratio below this is reported as within noise


def _ratios(program_runs, engines):
    """program -> engine -> median time / native median time."""
    table = {}
    for pr in program_runs:
        native = summarize(pr.results.get("native").times) if pr.results.get("native") else None
        row = {}
        for e in engines:
            res = pr.results.get(e.name)
            s = summarize(res.times) if res else None
            if s and native:
                row[e.name] = s.median / native.median
        table[pr.program.name] = row
    return table


def _cell(pr, engine, ratios):
    if engine.absent_reason:
        return "absent"
    res = pr.results.get(engine.name)
    if res is None:
        return "—"
    if res.error:
        return "FAIL" if res.wrong or engine.name in MUST_WORK else "n/a"
    r = ratios[pr.program.name].get(engine.name)
    return f"{r:.2f}" if r is not None else "—"


def _ms(seconds):
    return f"{seconds * 1000:.0f}" if seconds >= 0.1 else f"{seconds * 1000:.1f}"


def data(env, options, engines, program_runs, startup, yosys):
    ratios = _ratios(program_runs, engines)
    return {
        "environment": env,
        "options": options,
        "engines": [{"name": e.name, "description": e.description, "absent": e.absent_reason} for e in engines],
        "programs": [{
            "name": pr.program.name,
            "category": pr.program.category,
            "argument": options["sizes"][pr.program.name],
            "checksum": (pr.expected or "").strip(),
            "results": {
                name: {
                    "times_s": res.times,
                    "median_s": summarize(res.times).median if res.times else None,
                    "ratio_to_native": ratios[pr.program.name].get(name),
                    "error": res.error,
                    "build": vars(next(e for e in engines if e.name == name).builds.get(pr.program.name)),
                } for name, res in pr.results.items()
            },
        } for pr in program_runs],
        "geomean_ratio_to_native": {
            e.name: geomean(ratios[p].get(e.name) for p in ratios) for e in engines if not e.absent_reason
        },
        "startup_us": {name: {"mean_us": v, "error": err} for name, (v, err) in startup.items()},
        "yosys": yosys,
    }


def write_csv(path, engines, program_runs, d):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["program", "category", "engine", "median_s", "min_s", "max_s", "runs", "ratio_to_native",
                    "compile_s", "compile_peak_rss_kb", "size_bytes", "error"])
        for p in d["programs"]:
            for name, r in p["results"].items():
                s = summarize(r["times_s"])
                b = r["build"]
                w.writerow([p["name"], p["category"], name,
                            f"{s.median:.6f}" if s else "", f"{s.low:.6f}" if s else "", f"{s.high:.6f}" if s else "",
                            s.count if s else 0, f"{r['ratio_to_native']:.4f}" if r["ratio_to_native"] else "",
                            f"{b['compile_s']:.3f}" if b.get("compile_s") is not None else "",
                            b.get("compile_rss_kb") or "", b.get("size") or "", r["error"] or ""])


def write_json(path, d):
    with open(path, "w") as f:
        json.dump(d, f, indent=1)
        f.write("\n")


def write_markdown(path, env, options, engines, program_runs, startup, yosys, d, chart_name, compile_section=()):
    ratios = _ratios(program_runs, engines)
    names = [e.name for e in engines]
    L = []
    L.append(f"# wasmc benchmarks ({'quick: checksums only, timings meaningless' if options['quick'] else 'full'})")
    L.append("")
    L.append(f"{env['date']}, revision {env['revision']}; {options['runs']} timed run(s) per program and engine"
             f" ({options['warmup']} warm-up), engines interleaved (order rotates each round); median reported.")
    L.append("")
    L.append(f"- Machine: {env['cpu']}, {env['cpus']} CPUs, Linux {env['kernel']}")
    L.append(f"- Load average (1, 5, 15 min): {env['load_before']} before, {env.get('load_after', '?')} after")
    for tool, version in env["versions"].items():
        L.append(f"- {tool}: {version}")
    L.append("")
    L.append("Engines:")
    L.append("")
    for e in engines:
        L.append(f"- **{e.name}**: {e.description}" + (f" — **absent**: {e.absent_reason}" if e.absent_reason else ""))
    L.append("")
    L.append("## Time relative to native (lower is better)")
    L.append("")
    if chart_name:
        L.append(f"![ratios to native]({chart_name})")
        L.append("")
    L.append("| program | category | native ms | " + " | ".join(n for n in names if n != "native") + " |")
    L.append("|---|---|---:|" + "---:|" * (len(names) - 1))
    for pr in program_runs:
        nat = pr.results.get("native")
        s = summarize(nat.times) if nat else None
        cells = [_cell(pr, e, ratios) for e in engines if e.name != "native"]
        L.append(f"| {pr.program.name} | {pr.program.category} | {_ms(s.median) if s else 'FAIL'} | " +
                 " | ".join(cells) + " |")
    gm = d["geomean_ratio_to_native"]
    L.append("| **geometric mean** | | | " + " | ".join(
        "absent" if e.absent_reason else (f"**{gm[e.name]:.2f}**" if gm.get(e.name) else "—")
        for e in engines if e.name != "native") + " |")
    L.append("")
    counts = {e.name: sum(1 for p in ratios if e.name in ratios[p]) for e in engines if not e.absent_reason}
    partial = [f"{n} over {c} of {len(ratios)} programs" for n, c in counts.items() if c < len(ratios)]
    if partial:
        L.append("Geometric means cover only the programs an engine ran: " + "; ".join(partial) + ".")
        L.append("")
    L.append("`n/a`: a peer cannot build or run the program (reason below); `FAIL`: an engine ran and disagreed "
             "with native (a wrong checksum or a crash), or wasmc could not build it.")
    L.append("")
    L.append("## Medians and spread")
    L.append("")
    L.append("Median wall time in ms, and (max − min) / median over the timed runs.")
    L.append("")
    L.append("| program | " + " | ".join(names) + " |")
    L.append("|---|" + "---:|" * len(names))
    for pr in program_runs:
        cells = []
        for e in engines:
            res = pr.results.get(e.name)
            s = summarize(res.times) if res else None
            cells.append(f"{_ms(s.median)} ±{s.spread * 100:.0f}%" if s else "—")
        L.append(f"| {pr.program.name} | " + " | ".join(cells) + " |")
    L.append("")
    problems = [(pr.program.name, n, r.error) for pr in program_runs for n, r in pr.results.items() if r.error]
    if problems:
        L.append("Problems:")
        L.append("")
        for prog, engine, err in problems:
            L.append(f"- {prog} / {engine}: {err}")
        L.append("")
    L.append("## Start-up (hello world)")
    L.append("")
    L.append(f"Mean wall time per run over {options['startup_runs']} runs each (spawned by bench/tools/spawnloop.c,"
             " interleaved in batches).")
    L.append("")
    L.append("| engine | µs per run | relative to native |")
    L.append("|---|---:|---:|")
    base = startup.get("native", (None, None))[0]
    for e in engines:
        if e.absent_reason:
            L.append(f"| {e.name} | absent | |")
            continue
        v, err = startup.get(e.name, (None, "not run"))
        rel = f"{v / base:.2f}" if v and base else ""
        L.append(f"| {e.name} | {f'{v:.0f}' if v else 'n/a: ' + str(err)} | {rel} |")
    L.append("")
    L.append("## Compile time, peak memory and size")
    L.append("")
    L.append("Wall time of the compile (wasmc: decode to linked executable; wasm2c: wasm2c plus clang-19 -O2 of its "
             "output and the runtime), its peak resident memory, and the size of what runs (node: the .wasm).")
    L.append("")
    L.append("| program | wasm bytes | " + " | ".join(f"{n} bytes" for n in names) + " | wasmc-O2 s | wasmc-O2 MB | "
             "wasmc-O3 s | wasm2c s |")
    L.append("|---|---:|" + "---:|" * len(names) + "---:|---:|---:|---:|")
    by_name = {e.name: e for e in engines}

    def build(engine, prog):
        e = by_name.get(engine)
        return e.builds.get(prog) if e and not e.absent_reason else None

    for pr in program_runs:
        p = pr.program.name
        sizes = []
        for n in names:
            b = build(n, p)
            sizes.append(f"{b.size:,}" if b and b.size else "—")
        wasm_size = options["wasm_sizes"].get(p)
        c2, c3, cw = build("wasmc-O2", p), build("wasmc-O3", p), build("wasm2c", p)
        L.append(f"| {p} | {f'{wasm_size:,}' if wasm_size else '—'} | " + " | ".join(sizes) +
                 f" | {f'{c2.compile_s:.2f}' if c2 and c2.compile_s else '—'}"
                 f" | {f'{c2.compile_rss_kb / 1024:.0f}' if c2 and c2.compile_rss_kb else '—'}"
                 f" | {f'{c3.compile_s:.2f}' if c3 and c3.compile_s else '—'}"
                 f" | {f'{cw.compile_s:.2f}' if cw and cw.compile_s else '—'} |")
    L.append("")
    L.append("## Real-world: Yosys")
    L.append("")
    if yosys.get("absent"):
        L.append(f"Not measured: {yosys['absent']}.")
    else:
        L.append(f"- Module: @yowasp/yosys, {yosys['wasm_size']:,} bytes of wasm")
        L.append(f"- wasmc -O{yosys.get('opt', 2)}: compile {yosys['compile_s']:.1f} s wall ({yosys['compile_cpu_s']:.1f} s CPU), "
                 f"peak memory {yosys['compile_rss_kb'] / 1024:.0f} MB, executable {yosys['size']:,} bytes")
        for engine, times in yosys["runs"].items():
            s = summarize(times)
            L.append(f"- synthesis run (tests/yosys/design.v, `synth`), {engine}: {s.median:.2f} s median of {s.count}"
                     f" (±{s.spread * 100:.0f}%)")
        for engine, err in yosys["errors"].items():
            L.append(f"- {engine}: failed: {err}")
    L.append("")
    L.extend(compile_section)
    L.extend(_goals(d, startup, program_runs, ratios, engines))
    with open(path, "w") as f:
        f.write("\n".join(L) + "\n")


def _goals(d, startup, program_runs, ratios, engines):
    L = ["## Goals (issue 6)", ""]
    gm = d["geomean_ratio_to_native"].get(WASMC)
    if gm:
        L.append(f"- wasmc -O2 geometric mean {gm:.3f}× native: {'met' if gm <= 1.10 else 'NOT met'} (goal ≤ 1.10×).")
    above = [f"{p} {r[WASMC]:.2f}" for p, r in ratios.items() if r.get(WASMC, 0) > 1.10]
    if above:
        L.append("- Programs above 1.10× native: " + ", ".join(above) + ".")
    behind, close = [], []
    for p, r in ratios.items():
        for peer in PEERS_TO_BEAT:
            if WASMC in r and peer in r and r[peer] < r[WASMC]:
                (behind if r[peer] * (1 + NOISE) < r[WASMC] else close).append(
                    f"{p} ({peer} {r[peer]:.2f} < {r[WASMC]:.2f})")
    L.append(f"- Behind a peer by more than {NOISE:.0%} on: " + (", ".join(behind) if behind else "none") + ".")
    if close:
        L.append(f"- Behind a peer by less than {NOISE:.0%} (within noise on a shared machine): " + ", ".join(close) + ".")
    p2 = d["geomean_ratio_to_native"].get("wasmc-p2")
    if gm and p2:
        rel = p2 / gm
        L.append(f"- Components (wasmc-p2) against the same programs as core modules (wasmc-O2): geometric mean "
                 f"{rel:.3f}×: {'met' if rel <= 1 + NOISE else 'NOT met'} (issue 7: no slower, within {NOISE:.0%} noise).")
    native, ours = startup.get("native", (None,))[0], startup.get(WASMC, (None,))[0]
    if native and ours:
        rel = ours / native
        L.append(f"- Hello-world start-up {rel:.3f}× native static: {'met' if rel <= 1.2 else 'NOT met'} (goal ≤ 1.2×).")
    L.append("")
    return L
