#!/usr/bin/env python3
"""Runs the official WebAssembly spec testsuite against wasmc.

Each .wast script is converted with wabt's wast2json (cached), then:

  assert_malformed  a binary module must be rejected as malformed  (wasmc validate)
  assert_invalid    the module must be rejected as invalid         (wasmc validate)

and every other command is executed natively: each module the script uses is
compiled with `wasmc -c` (objects are cached), linked with the harness
(spec-tests/harness, freestanding, built per target into
lib/wasmc/<arch>/libharness.a) and rtlib into one executable per script,
which performs the script's commands from a command file on stdin:

  module, register, action, assert_return, assert_trap, assert_exhaustion,
  assert_unlinkable, assert_uninstantiable

A command that crashes the harness, or gives no verdict for --timeout
seconds, fails; the script is then run again without it (runs are
deterministic) and its verdicts are taken from the next command on.
assert_malformed on text modules (.wat) tests a text parser, which wasmc
does not have: those are reported as skipped. --no-exec only decodes and
validates (module commands must validate; nothing runs). --selftest runs the
harness's own scripts (spec-tests/selftest), where each command marked
`;; FAIL` must fail.

Cross targets (--target aarch64 / riscv64) run under qemu-<arch>-static
(or --emulator).
The testsuite is read from $WASMC_TESTSUITE, else --testsuite, else
../shared/wasm-testsuite beside the repository. The last line of output is
`N passed, N failed`.

Command file syntax (one command per line, fields separated by one space):

  module|unlinkable|uninstantiable LINE OBJECT NAME TEXT GLOBALS
  register LINE AS INSTANCE
  return|trap|exhaustion|action LINE invoke|get INSTANCE FIELD N ARG... N RESULT... TEXT

(`call`, with an action's fields, is the differential fuzz driver's, tests/fuzz/diff: it asserts
nothing and reports the results or the trap; harness/fuzz.c.)

OBJECT is a module descriptor's name (`-`: the module did not compile).
NAME, TEXT, AS, INSTANCE and FIELD are strings: `-` for absent, else `s`
followed by the hex of their bytes. GLOBALS is `g` followed by a type letter
(rtlib's signature letters) and `c` or `m` per global, or `-`. Values are
TYPE:BITS with the bits in hex: i32:2a, f64:3ff0000000000000,
f32:nan:canonical, f64:nan:arithmetic, v128:SHAPE:LANE,... (SHAPE i8 i16 i32
i64 f32 f64; a float lane may be a NaN pattern), funcref:null,
externref:null, externref:N (the host reference N, distinct from null).
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import platform
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# wast2json flags for the proposal folders (see the testsuite's SOURCE.txt).
PROPOSAL_FLAGS = {
    "exception-handling": ["--enable-exceptions"],
    "extended-const": ["--enable-extended-const"],
    "memory64": ["--enable-memory64"],
    "multi-memory": ["--enable-multi-memory"],
    "relaxed-simd": ["--enable-relaxed-simd"],
    "tail-call": ["--enable-tail-call"],
    "threads": ["--enable-threads"],
}

ARCH_ALIASES = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64",
                "riscv64": "riscv64"}

MODULE_COMMANDS = {"module": "module", "assert_unlinkable": "unlinkable",
                   "assert_uninstantiable": "uninstantiable"}
ACTION_COMMANDS = {"assert_return": "return", "assert_trap": "trap", "assert_exhaustion": "exhaustion",
                   "action": "action"}
SHOWN_FAILURES = 10  # per script, without -v
MAX_RESTARTS = 10    # per script: runs after a command crashed or hung the harness
MAX_HANGS = 3        # of those, after a hang (each costs the --timeout)


@dataclass
class FileResult:
    name: str
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    not_run: int = 0
    message_mismatches: int = 0
    failures: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)  # (line, passed, why or a note)
    run_seconds: float = 0.0  # running the harness

    def ok(self, line, note=None):
        self.outcomes.append((line, True, note))

    def fail(self, line, why):
        self.outcomes.append((line, False, why))

    def finish(self, expected_failures=()):
        """Counts the outcomes. A line in expected_failures (the self-test's) passes only if its command failed."""
        for line, passed, why in sorted(self.outcomes, key=lambda o: o[0] if isinstance(o[0], int) else 1 << 30):
            if line in expected_failures:
                why = "passed, but the self-test expects it to fail" if passed else None
                passed = not passed
            if passed:
                self.passed += 1
                if why:
                    self.message_mismatches += 1
                    self.notes.append(f"{self.name}:{line}: note: {why}")
            else:
                self.failed += 1
                self.failures.append(f"{self.name}:{line}: {why}")


def find_testsuite(given):
    """$WASMC_TESTSUITE first, then --testsuite, then ../shared/wasm-testsuite beside the repository."""
    return (os.environ.get("WASMC_TESTSUITE") or given
            or os.path.join(os.path.dirname(REPO), "shared", "wasm-testsuite"))


def find_scripts(suite, proposals):
    scripts = sorted(os.path.join(suite, f) for f in os.listdir(suite) if f.endswith(".wast"))
    if proposals:
        base = os.path.join(suite, "proposals")
        for prop in sorted(os.listdir(base)):
            folder = os.path.join(base, prop)
            scripts += sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".wast"))
    return scripts


def script_label(suite, path):
    return os.path.relpath(path, suite)


def convert(wast2json, suite, path, cache):
    """Converts one script with wast2json into its own cache folder; reuses it while the script is unchanged."""
    label = script_label(suite, path)
    with open(path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:16]
    folder = os.path.join(cache, label.replace("/", "__").removesuffix(".wast") + "-" + digest)
    json_path = os.path.join(folder, "script.json")
    if not os.path.exists(json_path):
        os.makedirs(folder, exist_ok=True)
        parts = label.split("/")
        flags = PROPOSAL_FLAGS.get(parts[1], []) if parts[0] == "proposals" else []
        tmp = json_path + ".tmp"
        proc = subprocess.run([wast2json, *flags, path, "-o", tmp], capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"wast2json failed on {label}: {proc.stderr.strip()}")
        # wast2json names the module files after the -o argument.
        for f in os.listdir(folder):
            if f.startswith("script.json.tmp."):
                os.replace(os.path.join(folder, f), os.path.join(folder, f.replace("script.json.tmp.", "script.")))
        os.replace(tmp, json_path)
    with open(json_path) as f:
        script = json.load(f)
    return folder, script


def module_path(folder, filename):
    return os.path.join(folder, filename.replace("script.json.tmp.", "script."))


def validate_all(wasmc, paths):
    """Validates many modules with one wasmc process; returns {path: (status, message)}.

    wasmc prints one line `PATH:0xOFFSET: message` per rejected module. If the
    process dies instead of answering, each module is checked on its own so
    that the crash is pinned to its module."""
    results = {}
    for start in range(0, len(paths), 500):
        chunk = paths[start:start + 500]
        proc = subprocess.run([wasmc, "validate", *chunk], capture_output=True, text=True)
        if proc.returncode not in (0, 1):
            for path in chunk:
                one = subprocess.run([wasmc, "validate", path], capture_output=True, text=True)
                results[path] = (one.returncode, one.stderr.strip())
            continue
        rejected = {}
        for line in proc.stderr.splitlines():
            path, sep, rest = line.partition(":0x")
            if sep:
                rejected[path] = rest.split(": ", 1)[1] if ": " in rest else rest
        for path in chunk:
            results[path] = (1, rejected[path]) if path in rejected else (0, "")
    return results


def check_rejections(wasmc, label, folder, checks, result):
    """assert_malformed / assert_invalid (and, without execution, module): decided by `wasmc validate`."""
    verdicts = validate_all(wasmc, [module_path(folder, cmd["filename"]) for cmd in checks])
    for cmd in checks:
        kind, line = cmd["type"], cmd.get("line")
        rc, message = verdicts[module_path(folder, cmd["filename"])]
        if kind == "module":
            if rc == 0:
                result.ok(line)
            else:
                result.fail(line, f"valid module rejected: {message}")
            continue
        expected = cmd["text"]
        if rc == 1:
            # The spec's text should start the message; another one is only noted.
            result.ok(line, None if message.startswith(expected) else f"expected '{expected}', said '{message}'")
        else:
            why = "accepted" if rc == 0 else f"exit {rc}: {message}"
            result.fail(line, f"{kind} '{expected}' {why}")


# ---- module global types ----
#
# The module descriptor (rtlib/include/rt_abi.h) does not describe the types of a
# module's own globals, which import matching needs for exported globals;
# until it does, they are read from the binary here and passed along.

VALTYPE_LETTERS = {0x7f: "i", 0x7e: "I", 0x7d: "f", 0x7c: "F", 0x7b: "v", 0x70: "r", 0x6f: "e"}


def read_leb(data, i):
    result = shift = 0
    while True:
        byte = data[i]
        i += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, i


def skip_limits(data, i):
    flags = data[i]
    _, i = read_leb(data, i + 1)
    if flags & 1:
        _, i = read_leb(data, i)
    return i


def skip_const_expr(data, i):
    while True:
        op = data[i]
        i += 1
        if op == 0x0B:
            return i
        if op in (0x41, 0x42, 0x23, 0xD2):  # i32/i64.const, global.get, ref.func
            _, i = read_leb(data, i)
        elif op == 0x43:
            i += 4
        elif op == 0x44:
            i += 8
        elif op == 0xD0:  # ref.null t
            i += 1
        elif op == 0xFD:  # v128.const
            _, i = read_leb(data, i)
            i += 16


def global_types(data):
    """Each global's type letter and 'c'/'m' (mutable), imports first; None if the binary is not understood."""
    try:
        out = []
        i = 8
        while i < len(data):
            section = data[i]
            size, i = read_leb(data, i + 1)
            end = i + size
            if section == 2:
                count, i = read_leb(data, i)
                for _ in range(count):
                    for _ in range(2):
                        n, i = read_leb(data, i)
                        i += n
                    kind = data[i]
                    i += 1
                    if kind == 0:
                        _, i = read_leb(data, i)
                    elif kind == 1:
                        i = skip_limits(data, i + 1)
                    elif kind == 2:
                        i = skip_limits(data, i)
                    elif kind == 3:
                        out.append(VALTYPE_LETTERS[data[i]] + ("m" if data[i + 1] else "c"))
                        i += 2
                    else:
                        return None
            elif section == 6:
                count, i = read_leb(data, i)
                for _ in range(count):
                    out.append(VALTYPE_LETTERS[data[i]] + ("m" if data[i + 1] else "c"))
                    i = skip_const_expr(data, i + 2)
            i = end
        return "".join(out)
    except (IndexError, KeyError):
        return None


# ---- compiling modules ----

@dataclass
class Toolchain:
    wasmc: str
    lld: str
    lib_dir: str  # lib/wasmc/<arch>: librt.a, libharness.a
    arch: str
    opt: int
    run_prefix: list  # e.g. ["qemu-aarch64-static"] for a cross target
    cache: str
    timeout: int
    wasmc_stamp: str = ""


@dataclass
class CompiledModule:
    name: str           # the descriptor's name: m<sha256 prefix>
    obj: str = None     # None if wasmc failed
    error: str = ""
    globals: str = None
    cached: bool = False
    seconds: float = 0.0
    key: str = ""       # the object's file name in the cache


class ModuleCompiler:
    """Compiles each distinct module once (keyed by its contents) into a persistent object cache."""

    def __init__(self, tools, pool):
        self.tools = tools
        self.pool = pool
        self.futures = {}
        self.lock = threading.Lock()
        st = os.stat(tools.wasmc)
        tools.wasmc_stamp = f"{st.st_size}-{st.st_mtime_ns}"
        # One folder per wasmc build: runs of the same build (ctest runs several at once) share
        # it, and pruning never touches it.
        self.builds_dir = os.path.join(tools.cache, "obj", f"{tools.arch}-O{tools.opt}")
        self.obj_dir = os.path.join(self.builds_dir, tools.wasmc_stamp)
        os.makedirs(self.obj_dir, exist_ok=True)

    def prune(self):
        """Removes the objects of other (earlier) wasmc builds."""
        for name in os.listdir(self.builds_dir):
            path = os.path.join(self.builds_dir, name)
            if name != self.tools.wasmc_stamp and os.path.isdir(path):
                shutil.rmtree(path, ignore_errors=True)

    def submit(self, path):
        with open(path, "rb") as f:
            data = f.read()
        digest = hashlib.sha256(data).hexdigest()
        with self.lock:
            fut = self.futures.get(digest)
            if fut is None:
                fut = self.pool.submit(self._compile, path, data, digest)
                self.futures[digest] = fut
        return fut

    def _compile(self, path, data, digest):
        t = self.tools
        mod = CompiledModule(name="m" + digest[:20], globals=global_types(data))
        key = digest[:32]
        obj = os.path.join(self.obj_dir, key + ".o")
        mod.key = key + ".o"
        if os.path.exists(obj):
            mod.obj, mod.cached = obj, True
            return mod
        start = time.monotonic()
        tmp = f"{obj}.{os.getpid()}.{threading.get_ident()}.tmp"
        cmd = [t.wasmc, path, "-c", "-o", tmp, "--module-name", mod.name, f"-O{t.opt}", "--target", t.arch]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
            ok = proc.returncode == 0 and os.path.exists(tmp)
            why = describe_exit(proc.returncode) + ": " + last_lines(proc.stderr, 3) if not ok else ""
        except subprocess.TimeoutExpired:
            ok, why = False, "wasmc timed out"
        mod.seconds = time.monotonic() - start
        if ok:
            os.replace(tmp, obj)
            mod.obj = obj
        else:
            if os.path.exists(tmp):
                os.remove(tmp)
            mod.error = f"wasmc {why}"
        return mod


def describe_exit(rc):
    if rc is None:
        return "did not finish"
    if rc < 0:
        return f"killed by signal {-rc}"
    return f"exit {rc}"


def last_lines(text, n):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return " | ".join(lines[-n:]) if lines else "(no output)"


# ---- the command file ----

def hexstr(s):
    return "s" + s.encode("utf-8").hex() if s is not None else "-"


def hex_value(bits, width):
    return format(int(bits) & ((1 << width) - 1), "x")


LANE_BITS = {"i8": 8, "i16": 16, "i32": 32, "i64": 64, "f32": 32, "f64": 64}


def encode_value(v):
    t = v["type"]
    value = v.get("value")
    if t in ("funcref", "externref"):
        if value is None:
            raise ValueError(f"{t} without a value")
        return f"{t}:null" if value == "null" else f"{t}:{hex_value(value, 64)}"
    if t == "v128":
        lane = v["lane_type"]
        lanes = [x if x.startswith("nan:") else hex_value(x, LANE_BITS[lane]) for x in value]
        return f"v128:{lane}:{','.join(lanes)}"
    if t in ("i32", "i64", "f32", "f64"):
        if value.startswith("nan:"):
            return f"{t}:{value}"
        return f"{t}:{hex_value(value, int(t[1:]))}"
    raise ValueError(f"unsupported value type {t}")


def encode_action(kind, cmd):
    action = cmd["action"]
    args = [encode_value(a) for a in action.get("args", [])]
    results = [encode_value(r) for r in cmd.get("expected", [])] if kind == "return" else []
    parts = [kind, str(cmd["line"]), action["type"], hexstr(action.get("module")), hexstr(action["field"]),
             str(len(args)), *args, str(len(results)), *results, hexstr(cmd.get("text"))]
    return " ".join(parts)


# ---- running one script ----

def exec_script(tools, compiler, label, folder, script, result, run_dir):
    """Compiles the script's modules, writes its command file, links and runs the harness, reads its verdicts."""
    modules = {}  # filename -> future
    for cmd in script["commands"]:
        if cmd["type"] in MODULE_COMMANDS and cmd["filename"].endswith(".wasm"):
            modules[cmd["filename"]] = compiler.submit(module_path(folder, cmd["filename"]))

    lines, sent = [], []  # command lines, and (line number, why it failed if the module did not compile)
    objects = {}
    for cmd in script["commands"]:
        kind, line = cmd["type"], cmd["line"]
        if kind in MODULE_COMMANDS:
            mod = modules[cmd["filename"]].result()
            if mod.obj:
                objects[mod.obj] = True
            text = cmd.get("text") if kind != "module" else None
            globals_field = "g" + mod.globals if mod.globals is not None else "-"
            lines.append(f"{MODULE_COMMANDS[kind]} {line} {mod.name if mod.obj else '-'} "
                         f"{hexstr(cmd.get('name'))} {hexstr(text)} {globals_field}")
            sent.append((line, None if mod.obj else f"module did not compile: {mod.error}"))
        elif kind == "register":
            lines.append(f"register {line} {hexstr(cmd['as'])} {hexstr(cmd.get('name'))}")
            sent.append((line, None))
        elif kind in ACTION_COMMANDS:
            try:
                lines.append(encode_action(ACTION_COMMANDS[kind], cmd))
                sent.append((line, None))
            except (ValueError, KeyError) as e:
                result.fail(line, f"cannot encode the command: {e}")
        elif kind not in ("assert_malformed", "assert_invalid"):
            result.fail(line, f"unknown command {kind}")
    if not lines:
        return

    os.makedirs(run_dir, exist_ok=True)
    exe = os.path.join(run_dir, "harness")
    commands = os.path.join(run_dir, "commands.txt")
    link = [tools.lld, "-static", "--no-dynamic-linker", "-e", "_start", "-o", exe,
            "--whole-archive", os.path.join(tools.lib_dir, "libharness.a"), "--no-whole-archive",
            *objects, os.path.join(tools.lib_dir, "librt.a")]
    proc = subprocess.run(link, capture_output=True, text=True)
    if proc.returncode != 0:
        for line, _ in sent:
            result.fail(line, f"not run: linking the harness failed: {last_lines(proc.stderr, 3)}")
        return

    # A command that crashes the harness (or hangs it) fails; the script is then
    # run again with that command skipped, its verdicts taken from the next
    # one on. Runs are deterministic, so the earlier commands rebuild the
    # same state.
    verdicts = [None] * len(sent)
    skipped = set()
    first = hangs = 0
    for attempt in range(MAX_RESTARTS + 1):
        payload = [skip_line(lines[i]) if i in skipped else lines[i] for i in range(len(lines))]
        with open(commands, "w") as f:
            f.write("\n".join(payload) + "\n")
        started = time.monotonic()
        stdout, stderr, ended, hung = run_harness(tools, exe, commands)
        result.run_seconds += time.monotonic() - started
        index = 0
        for verdict in stdout.decode("utf-8", "replace").splitlines():
            status, _, rest = verdict.partition(" ")
            if status not in ("ok", "FAIL"):
                continue
            if index == len(sent):
                result.fail("?", f"harness: unexpected verdict: {verdict}")
                continue
            if index >= first and verdicts[index] is None:
                got_line, _, why = rest.partition(" ")
                if got_line != str(sent[index][0]):
                    status, why = "FAIL", f"harness out of step: verdict for line {got_line}: {verdict}"
                verdicts[index] = (status, why)
            index += 1
        if index == len(sent):
            if ended != "exit 0":
                result.fail("?", f"harness {ended} after the last command: {last_lines(stderr, 4)}")
            break
        verdicts[index] = ("FAIL", f"harness {ended} at this command: {last_lines(stderr, 4)}")
        skipped.add(index)
        first = index + 1
        hangs += hung
        if attempt == MAX_RESTARTS or hangs == MAX_HANGS:
            for k in range(first, len(sent)):
                verdicts[k] = ("FAIL", f"not run: the harness stopped at line {sent[index][0]}")
            break
    for (line, compile_error), (status, why) in zip(sent, verdicts):
        if status == "ok":
            result.ok(line, why.removeprefix("note: ") or None)
        else:
            result.fail(line, compile_error or why)


def skip_line(line):
    """What replaces a command that crashed the harness: a module that failed (the latest is then none), or skip."""
    fields = line.split(" ")
    if fields[0] in MODULE_COMMANDS.values():
        return " ".join(["module", fields[1], "-", fields[3] if fields[0] == "module" else "-", "-", "-"])
    return f"skip {fields[1]}"


def run_harness(tools, exe, commands):
    """Runs the harness on a command file: (stdout, stderr text, how it ended, whether it hung).

    It hangs when no verdict comes for tools.timeout seconds: then it is killed."""
    with open(commands, "rb") as stdin, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([*tools.run_prefix, exe], stdin=stdin, stdout=subprocess.PIPE, stderr=err)
        lines = queue.Queue()

        def pump():
            for line in proc.stdout:
                lines.put(line)
            lines.put(None)

        reader = threading.Thread(target=pump, daemon=True)
        reader.start()
        out, hung = [], False
        while True:
            try:
                line = lines.get(timeout=tools.timeout)
            except queue.Empty:
                hung = True
                proc.kill()
                break
            if line is None:
                break
            out.append(line)
        proc.wait()
        reader.join()
        while not lines.empty():
            line = lines.get()
            if line is not None:
                out.append(line)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    ended = f"hung (no verdict for {tools.timeout} s)" if hung else describe_exit(proc.returncode)
    return b"".join(out), stderr, ended, hung


def check_script(args, tools, compiler, path):
    label = script_label(args.testsuite, path)
    result = FileResult(label)
    try:
        folder, script = convert(args.wast2json, args.testsuite, path, args.cache)
    except RuntimeError as e:
        result.fail("?", str(e))
        result.finish()
        return result
    checks = []
    for cmd in script["commands"]:
        kind = cmd["type"]
        if kind in ("assert_malformed", "assert_invalid") or (kind == "module" and not tools):
            if cmd.get("module_type", "binary") != "binary":
                result.skipped += 1
            else:
                checks.append(cmd)
        elif not tools:
            result.not_run += 1
    check_rejections(args.wasmc, label, folder, checks, result)
    if tools:
        run_dir = os.path.join(args.cache, "run", tools.arch, label.replace("/", "__").removesuffix(".wast"))
        exec_script(tools, compiler, label, folder, script, result, run_dir)
    result.finish(expected_failures(path) if args.selftest else ())
    return result


def expected_failures(path):
    """The self-test's scripts mark each command that must fail with `;; FAIL` on its first line."""
    with open(path) as f:
        return {number for number, text in enumerate(f, start=1) if ";; FAIL" in text}


# ---- the command line ----

def matches(name_filter, label):
    """A filter naming a script (NAME.wast) selects that one; any other selects the scripts containing it."""
    if name_filter.endswith(".wast"):
        return label == name_filter or label.endswith("/" + name_filter)
    return name_filter in label


def host_arch():
    return ARCH_ALIASES.get(platform.machine().lower(), platform.machine().lower())


def make_toolchain(args):
    arch = ARCH_ALIASES.get(args.target.split("-")[0])
    if not arch:
        sys.exit(f"spec-tests: unknown target {args.target} (x86_64, aarch64, riscv64)")
    lib_dir = os.path.join(args.lib_dir or os.path.join(os.path.dirname(os.path.abspath(args.wasmc)), "lib", "wasmc"),
                           arch)
    for lib in ("librt.a", "libharness.a"):
        if not os.path.isfile(os.path.join(lib_dir, lib)):
            sys.exit(f"spec-tests: {lib} not found in {lib_dir} (build first or pass --lib-dir)")
    lld = args.lld or os.environ.get("WASMC_LLD") or shutil.which("ld.lld-19") or shutil.which("ld.lld")
    if not lld:
        sys.exit("spec-tests: ld.lld not found (set WASMC_LLD or pass --lld)")
    prefix = args.emulator.split() if args.emulator else []
    if arch != host_arch() and not prefix:
        qemu = shutil.which(f"qemu-{arch}-static") or shutil.which(f"qemu-{arch}")
        if not qemu:
            sys.exit(f"spec-tests: qemu-{arch}-static not found: cannot run {arch} code on {host_arch()}")
        prefix = [qemu]
    # Only a hang waits this long, so it allows for a loaded machine (and qemu's slower code).
    timeout = args.timeout or (60 if not prefix else 300)
    return Toolchain(wasmc=args.wasmc, lld=lld, lib_dir=lib_dir, arch=arch, opt=args.opt, run_prefix=prefix,
                     cache=args.cache, timeout=timeout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wasmc", default=os.path.join(REPO, "build", "wasmc"))
    ap.add_argument("--testsuite", help="the testsuite folder ($WASMC_TESTSUITE wins over this)")
    ap.add_argument("--scripts", help="run the .wast scripts of this folder instead of the testsuite "
                    "(e.g. spec-tests/regressions; $WASMC_TESTSUITE does not change it)")
    ap.add_argument("--wast2json", default="wast2json")
    ap.add_argument("--cache", default=os.path.join(REPO, "build", "spec-cache"))
    ap.add_argument("--proposals", action="store_true", help="also run the proposals/ folders")
    ap.add_argument("--target", default=host_arch(), help="x86_64, aarch64 or riscv64 (default: the host)")
    ap.add_argument("--opt", type=int, default=2, choices=range(4), help="wasmc's optimization level (default 2)")
    ap.add_argument("--lib-dir", help="the folder of <arch>/librt.a and libharness.a (default: lib/wasmc beside wasmc)")
    ap.add_argument("--lld", help="the linker (default: $WASMC_LLD, else ld.lld-19 or ld.lld on PATH)")
    ap.add_argument("--emulator", help="run the executables under this command (default for a target that is not "
                    "the host: qemu-<arch>-static)")
    ap.add_argument("--timeout", type=int, help="seconds without a verdict after which a script's executable "
                    "counts as hung (default 60, 300 under qemu)")
    ap.add_argument("--no-exec", action="store_true", help="only decode and validate, as before execution landed")
    ap.add_argument("--selftest", action="store_true",
                    help="run the harness's own scripts (spec-tests/selftest), whose `;; FAIL` lines must fail")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--verbose", "-v", action="store_true", help="list every failure and message mismatch")
    ap.add_argument("filter", nargs="*", help="run only scripts whose name contains one of these "
                    "(or, ending in .wast, is one of these)")
    args = ap.parse_args()
    if args.selftest:
        args.testsuite = os.path.join(os.path.dirname(os.path.abspath(__file__)), "selftest")
    elif args.scripts:
        args.testsuite = os.path.abspath(args.scripts)
    else:
        args.testsuite = find_testsuite(args.testsuite)
    args.cache = os.path.abspath(args.cache)

    if not os.path.isdir(args.testsuite):
        sys.exit(f"spec-tests: testsuite not found at {args.testsuite} (set WASMC_TESTSUITE)")
    if not os.access(args.wasmc, os.X_OK):
        sys.exit(f"spec-tests: wasmc not found at {args.wasmc} (build first or pass --wasmc)")
    scripts = find_scripts(args.testsuite, args.proposals)
    if args.filter:
        scripts = [s for s in scripts if any(matches(f, script_label(args.testsuite, s)) for f in args.filter)]
    os.makedirs(args.cache, exist_ok=True)
    tools = None if args.no_exec else make_toolchain(args)

    started = time.monotonic()
    # Two pools: modules compile in script order while earlier scripts link and run.
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as compile_pool, \
            concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as script_pool:
        compiler = ModuleCompiler(tools, compile_pool) if tools else None
        if compiler:  # queue every module up front, so that the compile pool never idles
            for path in scripts:
                try:
                    folder, script = convert(args.wast2json, args.testsuite, path, args.cache)
                except RuntimeError:
                    continue
                for cmd in script["commands"]:
                    if cmd["type"] in MODULE_COMMANDS and cmd["filename"].endswith(".wasm"):
                        compiler.submit(module_path(folder, cmd["filename"]))
        results = list(script_pool.map(lambda p: check_script(args, tools, compiler, p), scripts))
    elapsed = time.monotonic() - started
    if compiler:
        compiler.prune()

    total = FileResult("total")
    for r in results:
        status = "ok" if r.failed == 0 else "FAIL"
        extra = f", {r.message_mismatches} other message" if r.message_mismatches else ""
        not_run = f", {r.not_run} not run" if r.not_run else ""
        print(f"{status:4} {r.name}: {r.passed} passed, {r.failed} failed, {r.skipped} skipped"
              f" (text format){not_run}{extra}")
        shown = r.failures if args.verbose else r.failures[:SHOWN_FAILURES]
        for f in shown:
            print("     " + f)
        if len(shown) < len(r.failures):
            print(f"     ... and {len(r.failures) - len(shown)} more (-v lists all)")
        if args.verbose:
            for n in r.notes:
                print("     " + n)
        total.passed += r.passed
        total.failed += r.failed
        total.skipped += r.skipped
        total.not_run += r.not_run
        total.message_mismatches += r.message_mismatches
    summary = (f"scripts: {len(results)}; rejections or link errors with a message other than the spec's: "
               f"{total.message_mismatches}; text-format assertions skipped: {total.skipped}")
    if tools:
        mods = [f.result() for f in compiler.futures.values()]
        built = [m for m in mods if not m.cached]
        summary += (f"\ntarget {tools.arch}, -O{tools.opt}: {len(mods)} distinct modules, {len(built)} compiled "
                    f"({sum(m.seconds for m in built):.1f} s of wasmc), {len(mods) - len(built)} cached, "
                    f"{sum(1 for m in mods if not m.obj)} failed to compile; harness runs "
                    f"{sum(r.run_seconds for r in results):.1f} s in all, longest: "
                    + ", ".join(f"{r.name} {r.run_seconds:.1f} s"
                                for r in sorted(results, key=lambda r: -r.run_seconds)[:3]))
    else:
        summary += f"; execution commands not run (--no-exec): {total.not_run}"
    print(summary)
    print(f"time: {elapsed:.1f} s with {args.jobs} jobs")
    print(f"{total.passed} passed, {total.failed} failed")
    return 1 if total.failed else 0


if __name__ == "__main__":
    sys.exit(main())
