"""The wasmc side: modules compiled with `wasmc -c`, linked as a batch with the spec harness
(spec-tests/harness, whose fuzz.c provides fuzzing-support) and run with `call` commands.

The harness performs the calls as binaryen's --fuzz-exec does: each function export in order,
with zero arguments, after a call of hangLimitInitializer, all on one instance. Its output per
module is parsed back into the same shape as the reference's trace.
"""

import os
import subprocess
from dataclasses import dataclass, field


@dataclass
class Tools:
    wasmc: str
    lld: str
    lib_dir: str      # lib/wasmc/<arch>
    arch: str
    run_prefix: list  # qemu for a cross target
    timeout: int = 120


@dataclass
class Outcome:
    """One module's run: error (compile/link/crash) or instantiation trap, else calls."""
    error: str = ""
    inst_trap: str = ""
    calls: list = field(default_factory=list)  # [(logs [(type, hex)...], "result" or "trap", values)]


def hexstr(s):
    return "s" + s.encode("utf-8").hex()


# wasmc's diagnostic switches (docs/testing.md): WASMC_VOLATILE_LOADS keeps every load
# (codegen/cg_memory.c), WASMC_CANONICAL_NANS makes arithmetic NaNs canonical (codegen/cg_nan.c).
KNOBS = ("WASMC_VOLATILE_LOADS", "WASMC_CANONICAL_NANS")


def compile_module(tools, wasm, obj, name, opt, knobs=()):
    """knobs: the switches of KNOBS to turn on (the others are off)."""
    env = dict(os.environ, **{k: "1" if k in knobs else "0" for k in KNOBS})
    proc = subprocess.run([tools.wasmc, wasm, "-c", "-o", obj, "--module-name", name, f"-O{opt}",
                           "--target", tools.arch], capture_output=True, text=True, timeout=600, env=env)
    if proc.returncode != 0:
        return f"wasmc exit {proc.returncode}: {proc.stderr.strip()[-400:]}"
    return ""


ZEROS = {"i": "i32:0", "I": "i64:0", "f": "f32:0", "F": "f64:0", "v": "v128:i32:0,0,0,0", "r": "funcref:null",
         "e": "externref:null"}


def commands(index, exports):
    """The command lines for module index; exports: [(name, parameter letters)] in order."""
    lines = [f"module {index} m{index} - - -"]
    hang_limit = any(name == "hangLimitInitializer" for name, _ in exports)
    for c, (name, params) in enumerate(exports):
        if hang_limit:
            lines.append(f"action {index}.{c}h invoke - {hexstr('hangLimitInitializer')} 0 0 -")
        args = " ".join([str(len(params)), *(ZEROS[p] for p in params)])
        lines.append(f"call {index}.{c} invoke - {hexstr(name)} {args} 0 -")
    return lines


def link(tools, objects, exe):
    cmd = [tools.lld, "-static", "--no-dynamic-linker", "-e", "_start", "-o", exe, "--whole-archive",
           os.path.join(tools.lib_dir, "libharness.a"), "--no-whole-archive", *objects,
           os.path.join(tools.lib_dir, "librt.a")]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return "" if proc.returncode == 0 else f"link failed: {proc.stderr.strip()[-400:]}"


def parse_values(fields):
    return [tuple(f.split(":", 1)) for f in fields]


def run_batch(tools, exe, modules):
    """modules: [(index, exports)]. Returns {index: Outcome} for the modules the run reached;
    a module during which the harness died (crash, timeout) has an error and ends the batch."""
    script = "\n".join(line for index, exports in modules for line in commands(index, exports)) + "\n"
    try:
        proc = subprocess.run([*tools.run_prefix, exe], input=script.encode(), capture_output=True,
                              timeout=tools.timeout)
        out, ended = proc.stdout.decode("utf-8", "replace"), f"exit {proc.returncode}"
    except subprocess.TimeoutExpired as e:
        out, ended = (e.stdout or b"").decode("utf-8", "replace"), f"timeout {tools.timeout} s"
    outcomes, current, logs, done = {}, None, [], False
    for line in out.splitlines():
        words = line.split(" ")
        kind = words[0]
        if kind == "done":
            done = True
        elif kind == "log":
            logs.append(tuple(words[1].split(":", 1)))
        elif kind in ("ok", "FAIL") and "." not in words[1]:
            current = outcomes.setdefault(int(words[1]), Outcome())
            if kind == "FAIL":
                current.inst_trap = " ".join(words[2:])
        elif kind in ("result", "trap"):
            values = parse_values(words[2:]) if kind == "result" else " ".join(words[2:])
            current.calls.append((logs, kind, values))
            logs = []
        elif kind == "FAIL" and not current.inst_trap:
            current.error = "harness: " + line
    if not done:
        if current is None:
            current = outcomes.setdefault(modules[0][0], Outcome())
        current.error = f"the harness ended ({ended}) during this module"
    return outcomes


def run_alone(tools, opt, wasm, folder, exports, knobs=()):
    """Compiles, links and runs one module on its own: its Outcome."""
    obj, exe = os.path.join(folder, "alone.o"), os.path.join(folder, "alone")
    error = compile_module(tools, wasm, obj, "m0", opt, knobs) or link(tools, [obj], exe)
    if error:
        return Outcome(error=error)
    return run_batch(tools, exe, [(0, exports)]).get(0) or Outcome(error="no output")
