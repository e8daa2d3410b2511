"""The peers: how each builds a program (C source or its wasm) into a command, and whether it is installed.

Every engine is listed in every report; one that is not installed has absent_reason set, one that cannot
build or run a particular program gets that program's error instead of figures.
"""

import os
import shutil
import subprocess
from dataclasses import dataclass, field

from . import measure
from .corpus import BENCH_DIR

CLANG = "clang-19"
WASM2C_RT = "/usr/share/wabt/wasm2c"
SHIM = os.path.join(BENCH_DIR, "wasm2c", "wasi_shim.c")
NODE_RUNNER = os.path.join(BENCH_DIR, "node", "run_wasi.mjs")
P2_INITIAL_MEMORY = 512 << 20
FETCH_JCO = os.path.join(BENCH_DIR, "..", "tests", "component", "fetch_jco.sh")
TOOL_TIMEOUT = 900
# The engines that must build and run every program; the peers' failures are findings, reported only.
MUST_WORK = {"native", "wasmc-O2", "wasmc-O3"}


@dataclass
class Build:
    """One program built by one engine: the command to run (arguments follow), or why there is none."""
    cmd: list = None
    error: str = None
    compile_s: float = None
    compile_rss_kb: int = None
    size: int = None


class BuildError(Exception):
    pass


def _tool(cmd, what):
    try:
        sample = measure.run(cmd, timeout=TOOL_TIMEOUT)
    except FileNotFoundError:
        raise BuildError(f"{what}: {cmd[0]} not found")
    except subprocess.TimeoutExpired:
        raise BuildError(f"{what}: timed out after {TOOL_TIMEOUT} s")
    if sample.exit_code != 0:
        status = (f"killed by signal {-sample.exit_code}" if sample.exit_code < 0
                  else f"exit status {sample.exit_code}")
        detail = measure.brief(sample.stderr) or measure.brief(sample.stdout) or status
        raise BuildError(f"{what} failed: {detail}")
    return sample


@dataclass
class Engine:
    name: str
    description: str
    absent_reason: str = None
    builds: dict = field(default_factory=dict)  # program name -> Build

    def build(self, src, wasm, out_dir, name, wasm_flags=()):
        try:
            return self._build(src, wasm, out_dir, name, wasm_flags)
        except BuildError as e:
            return Build(error=str(e))


class Native(Engine):
    def _build(self, src, wasm, out_dir, name, wasm_flags):
        exe = os.path.join(out_dir, name + ".native")
        s = _tool([CLANG, "-O2", "-static", "-o", exe, src, "-lm"], "clang-19 (native)")
        return Build([exe], compile_s=s.wall_s, compile_rss_kb=s.max_rss_kb, size=os.path.getsize(exe))


class Wasmc(Engine):
    def __init__(self, wasmc, level):
        super().__init__(f"wasmc-O{level}", f"wasmc -O{level} ({wasmc})")
        self.wasmc = wasmc
        self.level = level
        if not os.access(wasmc, os.X_OK):
            self.absent_reason = f"{wasmc} not found (build it: scripts/build.sh)"

    def _build(self, src, wasm, out_dir, name, wasm_flags):
        exe = os.path.join(out_dir, f"{name}.wasmc-O{self.level}")
        s = _tool([self.wasmc, f"-O{self.level}", wasm, "-o", exe], f"wasmc -O{self.level}")
        return Build([exe], compile_s=s.wall_s, compile_rss_kb=s.max_rss_kb, size=os.path.getsize(exe))


class WasmcComponent(Engine):
    """The program as a WASI 0.2 component (jco new --wasi-command, as wasm32-wasip2 toolchains build), by wasmc -O2."""

    def __init__(self, wasmc):
        super().__init__("wasmc-p2", "wasmc -O2 of the program adapted to a WASI 0.2 component by jco new --wasi-command")
        self.wasmc = wasmc
        self.jco = None
        if not os.access(wasmc, os.X_OK):
            self.absent_reason = f"{wasmc} not found (build it: scripts/build.sh)"
            return
        fetch = subprocess.run([FETCH_JCO], capture_output=True, text=True)
        if fetch.returncode != 0:
            self.absent_reason = "jco not available (npm registry unreachable?): " + fetch.stderr.strip()
        else:
            self.jco = fetch.stdout.strip()

    def _build(self, src, wasm, out_dir, name, wasm_flags):
        # Debian's wasi-libc (2022-05) takes all memory up to memory.size as its heap at the first
        # malloc, the pages the adapter has grown for its own state included, so a heap that grows
        # past the initial memory overwrites the adapter (jco run crashes the same way). A large
        # initial memory keeps the heap below the adapter's pages (docs/components.md).
        core = os.path.join(out_dir, name + ".p2.wasm")
        build_wasm(src, core, [*wasm_flags, f"-Wl,--initial-memory={P2_INITIAL_MEMORY}"])
        comp = os.path.join(out_dir, name + ".component.wasm")
        exe = os.path.join(out_dir, name + ".wasmc-p2")
        _tool([self.jco, "new", core, "--wasi-command", "-o", comp], "jco new")
        s = _tool([self.wasmc, "-O2", comp, "-o", exe], "wasmc -O2 (component)")
        return Build([exe], compile_s=s.wall_s, compile_rss_kb=s.max_rss_kb, size=os.path.getsize(exe))


class Wasm2c(Engine):
    def __init__(self):
        super().__init__("wasm2c", "wabt's wasm2c, its C compiled by clang-19 -O2 -static, with bench/wasm2c/wasi_shim.c")
        if not shutil.which("wasm2c"):
            self.absent_reason = "wasm2c not installed (Debian package wabt)"
        elif not os.path.exists(os.path.join(WASM2C_RT, "wasm-rt-impl.c")):
            self.absent_reason = f"{WASM2C_RT}/wasm-rt-impl.c missing (Debian package wabt)"

    def _build(self, src, wasm, out_dir, name, wasm_flags):
        gen = os.path.join(out_dir, name + ".wasm2c.d")
        os.makedirs(gen, exist_ok=True)
        exe = os.path.join(out_dir, name + ".wasm2c")
        t = _tool(["wasm2c", wasm, "-n", "prog", "-o", os.path.join(gen, "prog.c")], "wasm2c")
        runtime = [os.path.join(WASM2C_RT, f) for f in ("wasm-rt-impl.c", "wasm-rt-mem-impl.c")
                   if os.path.exists(os.path.join(WASM2C_RT, f))]
        c = _tool([CLANG, "-O2", "-static", "-w", "-I", gen, "-I", WASM2C_RT, "-o", exe,
                   os.path.join(gen, "prog.c"), SHIM, *runtime, "-lm"], "clang-19 (wasm2c output)")
        return Build([exe], compile_s=t.wall_s + c.wall_s, compile_rss_kb=max(t.max_rss_kb, c.max_rss_kb),
                     size=os.path.getsize(exe))


class Node(Engine):
    def __init__(self):
        super().__init__("node", "node's V8 with node:wasi (bench/node/run_wasi.mjs, --no-concurrent-marking); times include V8's compilation")
        self.node = shutil.which("node")
        if not self.node:
            self.absent_reason = "node not installed (Debian package nodejs)"
            return
        try:
            version = subprocess.run([self.node, "--version"], capture_output=True, text=True).stdout.strip()
            major = int(version.lstrip("v").split(".")[0])
        except (OSError, ValueError):
            version, major = "unknown", 0
        if major < 20:
            # WASI({version: "preview1"}) and its getImportObject() arrived in node 20.
            self.absent_reason = f"node {version} is older than 20 (node:wasi preview1)"

    def _build(self, src, wasm, out_dir, name, wasm_flags):
        # node 20.20's V8 can crash at exit after a module with a large memory (walk: 64 MiB) when the
        # garbage collector marks concurrently; marking has no work in wasm code, so this costs the programs nothing.
        return Build([self.node, "--no-warnings", "--no-concurrent-marking", NODE_RUNNER, wasm],
                     size=os.path.getsize(wasm))


def all_engines(wasmc):
    return [Native("native", "clang-19 -O2 -static (glibc)"), Wasmc(wasmc, 2), Wasmc(wasmc, 3), WasmcComponent(wasmc),
            Wasm2c(), Node()]


def build_wasm(src, wasm, extra_flags):
    """The wasm32-wasi module every wasm engine runs; raises BuildError."""
    _tool([CLANG, "--target=wasm32-wasi", "-O2", *extra_flags, "-o", wasm, src, "-lm"], "clang-19 --target=wasm32-wasi")

