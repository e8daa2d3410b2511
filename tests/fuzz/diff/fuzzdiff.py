#!/usr/bin/env python3
"""Differential fuzzing of compiled code: binaryen generates modules (wasm-opt -ttf from seeded
random bytes), its interpreter runs every export (--fuzz-exec-before), and so does the code wasmc
compiles at each -O level for each target (cross ones under qemu-user); the traces (results,
traps by kind, fuzzing-support logs) must agree by the rules in compare.py. See docs/testing.md.

  fuzzdiff.py --seeds 1:1000 [--opt 0,2] [--target x86_64,aarch64] [--jobs 2] [--log FILE]

Seeds fully determine the modules, so a run is reproducible and a failing seed replays alone
(--seeds SEED:1 --keep). Differences are saved under WORK/mismatch/ with the module. Exit
status 1 if any module differs.
"""

import argparse
import concurrent.futures
import os
import platform
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402
import native  # noqa: E402
import reference  # noqa: E402
import wasm_exports  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
ARCHS = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64", "riscv64": "riscv64"}


def toolchain(args, arch):
    lib_dir = os.path.join(args.lib_dir or os.path.join(os.path.dirname(os.path.abspath(args.wasmc)), "lib", "wasmc"),
                           arch)
    prefix = []
    if arch != ARCHS.get(platform.machine().lower()):
        qemu = shutil.which(f"qemu-{arch}-static") or shutil.which(f"qemu-{arch}")
        if not qemu:
            sys.exit(f"fuzzdiff: qemu-{arch}-static not found")
        prefix = [qemu]
    return native.Tools(wasmc=args.wasmc, lld=args.lld, lib_dir=lib_dir, arch=arch, run_prefix=prefix,
                        timeout=120 if not prefix else 600)


class Tally:
    def __init__(self, log):
        self.lock = threading.Lock()
        self.counts = {}
        self.mismatches = []
        self.log = log
        self.start = time.monotonic()

    def add(self, config, verdict):
        with self.lock:
            per = self.counts.setdefault(config, {})
            per[verdict] = per.get(verdict, 0) + 1

    def line(self, text):
        with self.lock:
            stamp = time.strftime("%H:%M:%S")
            msg = f"[{stamp} +{time.monotonic() - self.start:.0f}s] {text}"
            print(msg, flush=True)
            if self.log:
                with open(self.log, "a") as f:
                    f.write(msg + "\n")

    def summary(self):
        parts = []
        for config in sorted(self.counts):
            per = self.counts[config]
            parts.append(f"{config}: " + ", ".join(f"{n} {v}" for v, n in sorted(per.items())))
        return "; ".join(parts)


def check_batch(args, configs, seeds, tally):
    """Generates, runs and compares the modules of seeds under every (tools, opt) config."""
    with tempfile.TemporaryDirectory(prefix="fuzzdiff-", dir=args.work) as tmp:
        mods = []
        for seed in seeds:
            wasm = os.path.join(tmp, f"{seed}.wasm")
            denan = not (args.nan_every and seed % args.nan_every == 0)
            try:
                reference.generate(seed, wasm, args.wasm_opt, denan=denan)
                ref = reference.run(wasm, args.wasm_opt)
            except Exception as e:  # a failure of binaryen's, not ours: counted apart
                tally.add("binaryen", "failed")
                tally.line(f"seed {seed}: binaryen failed: {e}")
                continue
            mods.append((seed, wasm, ref, wasm_exports.function_exports(wasm)))
        for tools, opt in configs:
            groups = [list(mods)]
            while groups:
                rest = run_some(args, (tools, opt, tmp), groups.pop(), tally)
                groups.extend(rest if rest and isinstance(rest[0], list) else [rest] if rest else [])


def run_some(args, how, mods, tally):
    """Compiles, links and runs mods as one harness; returns the ones a crash left unrun, or
    after a failed link each module as a group of its own."""
    tools, opt, tmp = how
    objects, runnable = [], []
    for seed, wasm, ref, exports in mods:
        obj = os.path.join(tmp, f"{seed}-{tools.arch}-O{opt}.o")
        error = native.compile_module(tools, wasm, obj, f"m{seed}", opt)
        if error:
            verdict(args, tally, how, seed, wasm, ref, native.Outcome(error=error))
        else:
            objects.append(obj)
            runnable.append((seed, wasm, ref, exports))
    if not runnable:
        return []
    exe = os.path.join(tmp, f"harness-{tools.arch}-O{opt}")
    error = native.link(tools, objects, exe)
    if error and len(runnable) > 1:  # link each alone, to tell which one fails
        return [[m] for m in runnable]
    if error:
        seed, wasm, ref, _ = runnable[0]
        verdict(args, tally, how, seed, wasm, ref, native.Outcome(error=error))
        return []
    outcomes = native.run_batch(tools, exe, [(seed, exports) for seed, _, _, exports in runnable])
    for k, (seed, wasm, ref, _) in enumerate(runnable):
        outcome = outcomes.get(seed)
        if outcome is None:  # an earlier module crashed the harness: run the rest again
            return runnable[k:]
        verdict(args, tally, how, seed, wasm, ref, outcome)
        if outcome.error.startswith("the harness ended"):
            return runnable[k + 1:]
    return []


def verdict(args, tally, how, seed, wasm, ref, outcome):
    """Tallies one module's comparison: same, set aside, a known wasmc bug or NaN freedom
    (each checked by compiling again, not assumed: see docs/testing.md), or DIFFERENT, which is
    saved for triage."""
    tools, opt, tmp = how
    config = f"{tools.arch} -O{opt}"
    diff = compare.compare(ref, outcome)
    if diff and diff.startswith(compare.STACK_LIMIT):
        tally.add(config, "set aside (binaryen's stack limit)")
        return
    known = []
    if diff:
        if agrees_with(tools, opt, tmp, seed, wasm, ref, ("WASMC_VOLATILE_LOADS",)):
            known.append("deleted-load")  # a load whose value went unused was deleted, and its trap with it
        elif agrees_with(tools, opt, tmp, seed, wasm, ref, native.KNOBS):
            known.append("nan-bits")  # NaN payloads the spec leaves open became visible as integers
    if diff is None or known:
        tally.add(config, "+".join(known) or "same")
        if known:
            save(args, config, seed, wasm, ref, outcome, "+".join(known) + ": " + diff)
        return
    tally.add(config, "DIFFERENT")
    tally.line(f"MISMATCH seed {seed} {config}: {diff}")
    with tally.lock:
        tally.mismatches.append((seed, config, diff))
    save(args, config, seed, wasm, ref, outcome, "different: " + diff)


def agrees_with(tools, opt, tmp, seed, wasm, ref, knobs):
    """Whether the module agrees with binaryen when compiled with wasmc's switches knobs."""
    folder = os.path.join(tmp, f"{seed}-{len(knobs)}")
    os.makedirs(folder, exist_ok=True)
    outcome = native.run_alone(tools, opt, wasm, folder, wasm_exports.function_exports(wasm), knobs)
    return compare.compare(ref, outcome) is None


def save(args, config, seed, wasm, ref, outcome, diff):
    """Keeps the module and both traces in WORK/mismatch/ (or known/, the known bugs)."""
    folder = os.path.join(args.work, "mismatch" if diff.startswith("different") else "known")
    os.makedirs(folder, exist_ok=True)
    shutil.copy(wasm, os.path.join(folder, f"{seed}.wasm"))
    with open(os.path.join(folder, f"{seed}-{config.replace(' ', '')}.txt"), "w") as f:
        f.write(f"seed {seed} {config}: {diff}\n\nbinaryen:\n")
        for call in ref:
            f.write(f"  {call}\n")
        f.write(f"\nwasmc: error={outcome.error!r} inst_trap={outcome.inst_trap!r}\n")
        for call in outcome.calls:
            f.write(f"  {call}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wasmc", default=os.path.join(REPO, "build", "wasmc"))
    ap.add_argument("--lib-dir", help="the folder of <arch>/librt.a and libharness.a (default: lib/wasmc beside wasmc)")
    ap.add_argument("--lld", default=os.environ.get("WASMC_LLD") or shutil.which("ld.lld-19") or "ld.lld")
    ap.add_argument("--wasm-opt", default=shutil.which("wasm-opt") or "wasm-opt", help="binaryen's wasm-opt")
    ap.add_argument("--seeds", default="1:100", help="FIRST:COUNT")
    ap.add_argument("--opt", default="0,2", help="optimization levels, comma-separated")
    ap.add_argument("--target", default=ARCHS.get(platform.machine().lower()), help="targets, comma-separated")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--batch", type=int, default=16, help="modules linked into one harness")
    ap.add_argument("--nan-every", type=int, default=4,
                    help="every Nth seed keeps its NaNs (the others are generated with --denan); 0: never")
    ap.add_argument("--work", default=None, help="where temporaries and mismatch/ go (default: a new temp folder)")
    ap.add_argument("--log", help="append progress lines to this file")
    args = ap.parse_args()
    if not shutil.which(args.wasm_opt):
        print(f"fuzzdiff: {args.wasm_opt} not found (Debian package binaryen): skipped")
        sys.exit(77)
    first, count = (int(x) for x in args.seeds.split(":"))
    args.work = os.path.abspath(args.work or tempfile.mkdtemp(prefix="fuzzdiff-"))
    for old in ("mismatch", "known"):  # what they hold is this run's
        shutil.rmtree(os.path.join(args.work, old), ignore_errors=True)
    os.makedirs(args.work, exist_ok=True)
    configs = [(toolchain(args, ARCHS[t]), int(o)) for t in args.target.split(",") for o in args.opt.split(",")]
    tally = Tally(args.log)
    tally.line(f"seeds {first}..{first + count - 1}, {', '.join(f'{t.arch} -O{o}' for t, o in configs)}, "
               f"work {args.work}")
    batches = [range(s, min(s + args.batch, first + count)) for s in range(first, first + count, args.batch)]
    done = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(check_batch, args, configs, b, tally) for b in batches]
        for fut in concurrent.futures.as_completed(futures):
            fut.result()
            done += 1
            if done % max(1, min(10, len(batches) // 20)) == 0 or done == len(batches):
                tally.line(f"{done}/{len(batches)} batches: {tally.summary()}")
    tally.line(f"done: {tally.summary()}")
    sys.exit(1 if tally.mismatches else 0)


if __name__ == "__main__":
    main()
