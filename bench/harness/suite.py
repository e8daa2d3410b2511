"""Building the corpus with every engine, running it interleaved, and checking that all engines agree."""

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from . import measure
from .engines import CLANG, MUST_WORK, Build, BuildError, build_wasm

RUN_TIMEOUT = 600


@dataclass
class Result:
    """One program under one engine."""
    times: list = field(default_factory=list)
    error: str = None  # a wrong checksum, a crash or a build failure
    wrong: bool = False  # the engine ran and disagreed with native: a correctness failure


@dataclass
class ProgramRun:
    program: object
    expected: str = None
    results: dict = field(default_factory=dict)  # engine name -> Result


def build_all(programs, engines, work, jobs, log):
    """Builds every program for every present engine; fills engine.builds."""
    os.makedirs(work, exist_ok=True)

    def build_one(prog):
        wasm = os.path.join(work, prog.name + ".wasm")
        wasm_error = None
        try:
            build_wasm(prog.source, wasm, prog.wasm_flags)
        except BuildError as e:
            wasm_error = str(e)
        done = {}
        for engine in engines:
            if engine.absent_reason:
                continue
            if wasm_error and engine.name != "native":
                done[engine.name] = Build(error=wasm_error)
            else:
                done[engine.name] = engine.build(prog.source, wasm, work, prog.name, prog.wasm_flags)
        return prog, done

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for prog, done in pool.map(build_one, programs):
            for name, build in done.items():
                next(e for e in engines if e.name == name).builds[prog.name] = build
            failed = [f"{n}: {b.error}" for n, b in done.items() if b.error]
            log(f"built {prog.name}" + ("" if not failed else " (" + "; ".join(failed) + ")"))


def _crash(sample, output_right):
    status = (f"killed by signal {-sample.exit_code}" if sample.exit_code < 0 else f"exit status {sample.exit_code}")
    after = {True: " after printing native's checksum", False: " with another output"}.get(output_right, "")
    detail = measure.brief(sample.stderr)
    return f"crashed: {status}{after}" + (f": {detail}" if detail else "")


def _run_once(cmd, arg):
    try:
        return measure.run(cmd + [arg], timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None


def run_all(programs, engines, runs, warmup, quick, log):
    """Runs each program on each engine: `warmup` untimed rounds, then `runs` timed rounds, the engine order
    rotating each round so that no engine always runs right after the same neighbour. Every run's output is
    compared with native's."""
    out = []
    for prog in programs:
        pr = ProgramRun(prog)
        active = []
        for engine in engines:
            if engine.absent_reason:
                continue
            build = engine.builds.get(prog.name)
            if build is None or build.error:
                pr.results[engine.name] = Result(error=build.error if build else "not built")
                continue
            pr.results[engine.name] = Result()
            active.append(engine)
        arg = prog.quick_size if quick else prog.size
        for rnd in range(-warmup, runs):
            shift = rnd % len(active) if active else 0
            outputs = {}
            for engine in active[shift:] + active[:shift]:
                res = pr.results[engine.name]
                if res.error:
                    continue
                sample = _run_once(engine.builds[prog.name].cmd, arg)
                if sample is None or sample.exit_code != 0:
                    # A crashing peer is a finding about the peer, reported; wasmc or native crashing is a failure.
                    res.wrong = engine.name in MUST_WORK
                    res.error = (f"timed out after {RUN_TIMEOUT} s" if sample is None else
                                 _crash(sample, sample.stdout == pr.expected if pr.expected else None))
                else:
                    outputs[engine.name] = sample
            if pr.expected is None and "native" in outputs:
                pr.expected = outputs["native"].stdout
            for name, sample in outputs.items():
                res = pr.results[name]
                if pr.expected is None:
                    res.error = "no native output to compare with"
                elif sample.stdout != pr.expected:
                    res.error = f"wrong checksum: {sample.stdout.strip()!r}, native {pr.expected.strip()!r}"
                    res.wrong = True
                elif rnd >= 0:
                    res.times.append(sample.wall_s)
        for name, res in pr.results.items():
            if res.error:
                log(f"  {prog.name} {name}: {res.error}")
        meds = ", ".join(f"{n} {measure.summarize(r.times).median:.3f}s" for n, r in pr.results.items() if r.times)
        log(f"ran {prog.name} ({arg}): {meds}")
        out.append(pr)
    return out


def build_spawnloop(source, work):
    exe = os.path.join(work, "spawnloop")
    r = subprocess.run([CLANG, "-O2", "-o", exe, source], capture_output=True, text=True)
    if r.returncode != 0:
        raise BuildError("spawnloop: " + measure.brief(r.stderr))
    return exe


def startup(engines, hello_src, work, spawnloop, count, rounds, log):
    """Mean wall time per run of hello world for each engine, spawned `count` times in `rounds` interleaved
    batches by bench/tools/spawnloop.c. Returns engine name -> (mean microseconds or None, error or None)."""
    hello_dir = os.path.join(work, "startup")
    os.makedirs(hello_dir, exist_ok=True)
    wasm = os.path.join(hello_dir, "hello.wasm")
    result, cmds = {}, {}
    try:
        build_wasm(hello_src, wasm, ())
    except BuildError as e:
        return {e.name: (None, str(e)) for e in engines if not e.absent_reason}
    for engine in engines:
        if engine.absent_reason:
            continue
        build = engine.build(hello_src, wasm, hello_dir, "hello")
        if build.error:
            result[engine.name] = (None, build.error)
        else:
            cmds[engine.name] = build.cmd
    per_round = max(1, count // rounds)
    means = {name: [] for name in cmds}
    for rnd in range(rounds):
        for name, cmd in cmds.items():
            if name in result:
                continue
            r = subprocess.run([spawnloop, str(per_round), *cmd], capture_output=True, text=True)
            if r.returncode != 0:
                result[name] = (None, measure.brief(r.stderr) or f"exit status {r.returncode}")
                continue
            means[name].append(float(r.stdout))
    for name, values in means.items():
        if name not in result:
            result[name] = (sum(values) / len(values), None)
    log("start-up: " + ", ".join(f"{n} {v:.0f} us" if v else f"{n} failed" for n, (v, _) in result.items()))
    return result
