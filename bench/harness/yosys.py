"""The real-world program: the Yosys module of tests/yosys (npm @yowasp/yosys), compiled by wasmc and run on
a synthesis script next to node:wasi. The fetching and the run set-up are tests/yosys's (fetch.mjs,
run_yosys.py); this file only times them. Returns a dict for the report; "absent" says why when not measured.
"""

import importlib.util
import os
import shutil
import subprocess
import tempfile

from . import measure

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
YOSYS_DIR = os.path.join(ROOT, "tests", "yosys")
SKIP = 77


def _load_test_module():
    path = os.path.join(YOSYS_DIR, "run_yosys.py")
    if not os.path.exists(path) or not os.path.exists(os.path.join(YOSYS_DIR, "fetch.mjs")):
        return None, "tests/yosys/run_yosys.py or fetch.mjs is missing"
    spec = importlib.util.spec_from_file_location("run_yosys", path)
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as e:  # a broken test script is reported, not fatal to the benchmarks
        return None, f"tests/yosys/run_yosys.py does not load: {e}"
    needed = ["ARGV0", "SCRIPT", "REQUIRED", "grants", "make_run_dirs"]
    missing = [n for n in needed if not hasattr(module, n)]
    if missing:
        return None, "tests/yosys/run_yosys.py lacks " + ", ".join(missing)
    return module, None


def _fetch(cache):
    if not shutil.which("node"):
        return None, None, "node is not installed"
    r = subprocess.run(["node", os.path.join(YOSYS_DIR, "fetch.mjs"), cache], capture_output=True, text=True)
    if r.returncode == SKIP:
        return None, None, "npm registry unreachable or npm missing: " + measure.brief(r.stderr)
    if r.returncode != 0:
        return None, None, "fetch.mjs failed: " + measure.brief(r.stderr)
    paths = dict(line.split("=", 1) for line in r.stdout.splitlines() if "=" in line)
    if "wasm" not in paths or "share" not in paths:
        return None, None, "fetch.mjs printed no paths"
    return paths["wasm"], paths["share"], None


def _synthesis_ok(test, run_dir, sample):
    log_path = os.path.join(run_dir, "work", "yosys.log")
    if sample.exit_code != 0:
        return f"exit status {sample.exit_code}: {measure.brief(sample.stderr)}"
    try:
        with open(log_path, errors="replace") as f:
            log = f.read()
    except OSError:
        return "no yosys.log written"
    missing = [r for r in test.REQUIRED if r not in log]
    return f"log lacks {missing[0]!r}" if missing else None


def measure_yosys(wasmc, work, runs, log, opt=0):
    test, why = _load_test_module()
    if why:
        return {"absent": why}
    cache = os.path.join(ROOT, "tests", ".cache", "yosys")
    wasm, share, why = _fetch(cache)
    if why:
        return {"absent": why}
    out = {"wasm": wasm, "wasm_size": os.path.getsize(wasm), "runs": {}, "errors": {}}
    engine_name = f"wasmc-O{opt}"
    exe = os.path.join(work, "yosys." + engine_name)
    log(f"yosys: compiling with wasmc -O{opt} (minutes)")
    try:
        s = measure.run([wasmc, f"-O{opt}", "--runtime-grants", wasm, "-o", exe], timeout=3600)
    except subprocess.TimeoutExpired:
        return dict(out, absent="wasmc did not compile it within 3600 s")
    if s.exit_code != 0:
        status = f"killed by signal {-s.exit_code}" if s.exit_code < 0 else f"exit status {s.exit_code}"
        return dict(out, absent="wasmc failed: " + (measure.brief(s.stderr) or status))
    out.update(opt=opt, compile_s=s.wall_s, compile_cpu_s=s.cpu_s, compile_rss_kb=s.max_rss_kb, size=os.path.getsize(exe))
    argv = [test.ARGV0, "-l", "/work/yosys.log", "-p", test.SCRIPT]
    node_runner = os.path.join(YOSYS_DIR, "node_ref.mjs")
    times = {engine_name: [], "node": []}
    parent = tempfile.mkdtemp(prefix="bench-yosys-", dir=work)
    for rnd in range(runs):
        for engine in ([engine_name, "node"] if rnd % 2 == 0 else ["node", engine_name]):
            if engine in out["errors"]:
                continue
            run_dir = test.make_run_dirs(parent, f"{engine}-{rnd}")
            dirs = test.grants(share, run_dir)
            if engine == "node":
                cmd, executable = ["node", "--no-warnings", node_runner, wasm], None
                for host, guest in dirs:
                    cmd += ["--dir", f"{host}::{guest}"]
                cmd += ["--"] + argv
                env = {"PATH": os.environ.get("PATH", "")}
            else:
                # argv[0] as the YoWASP wrapper passes it; the directory grants in WASMC_DIR (docs/yosys.md).
                cmd, executable = argv, exe
                env = {"WASMC_DIR": ";".join(f"{h}::{g}" for h, g in dirs)}
            try:
                sample = measure.run(cmd, timeout=1800, env=env, executable=executable)
            except subprocess.TimeoutExpired:
                out["errors"][engine] = "timed out"
                continue
            problem = _synthesis_ok(test, run_dir, sample)
            if problem:
                out["errors"][engine] = problem
            else:
                times[engine].append(sample.wall_s)
    shutil.rmtree(parent, ignore_errors=True)
    out["runs"] = {k: v for k, v in times.items() if v}
    log("yosys: " + ", ".join(f"{k} {measure.summarize(v).median:.2f}s" for k, v in out["runs"].items()) +
        "".join(f"; {k}: {v}" for k, v in out["errors"].items()))
    return out

