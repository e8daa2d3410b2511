#!/usr/bin/env python3
"""The compile cache (--cache DIR, WASMC_CACHE): a second compile reuses every
part and makes the same executable as a compile without the cache; a changed
option, grant or module misses exactly the parts it changes; a truncated,
flipped, garbage or foreign entry is ignored and rewritten; a failed compile
stores nothing; two compiles sharing a cache at once both succeed alike.

The module is tests/codegen/gen_calls.py's, split by WASMC_PARTITION_KB=4 into
parts; the counts come from --time-report's "compile cache: R of N objects
reused, S stored" line.

usage: test_cache.py WASMC GEN_CALLS.py
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

WASMC, GEN_CALLS = sys.argv[1], sys.argv[2]
_spec = importlib.util.spec_from_file_location("gen_calls", GEN_CALLS)
gen_calls = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen_calls)  # its encoders find function 300's constant
TMP = tempfile.mkdtemp(prefix="wasmc-cache-")
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name} {'' if ok else detail}")


def path(name):
    return os.path.join(TMP, name)


def generate(name, *args):
    out = subprocess.run([sys.executable, GEN_CALLS, path(name), *args], check=True, capture_output=True,
                         text=True).stdout
    return path(name), out


def wasmc(*args, env_cache=None, partition_kb=4, pipeline=None):
    env = {k: v for k, v in os.environ.items() if k not in ("WASMC_CACHE", "WASMC_PARTITION_KB", "WASMC_PIPELINE")}
    if env_cache:
        env["WASMC_CACHE"] = env_cache
    if pipeline:
        env["WASMC_PIPELINE"] = pipeline
    if partition_kb:
        env["WASMC_PARTITION_KB"] = str(partition_kb)
    return subprocess.Popen([WASMC, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def compile_(*args, **kw):
    p = wasmc(*args, "--time-report", **kw)
    out, err = p.communicate(timeout=600)
    return p.returncode, err


def counts(err):
    """(reused, looked up, stored) from the time report, or None."""
    m = re.search(r"compile cache: (\d+) of (\d+) objects reused, (\d+) stored", err)
    return tuple(int(x) for x in m.groups()) if m else None


def read(p):
    with open(p, "rb") as f:
        return f.read()


def entries(cache):
    found = []
    for root, _, files in os.walk(cache):
        found += [os.path.join(root, f) for f in files]
    return sorted(found)


WASM, EXPECTED = None, None


def test_hit_and_same_output():
    cache = path("c1")
    rc, err = compile_(WASM, "-O0", "-o", path("plain"), "--no-cache", env_cache=cache)
    check("--no-cache: no cache used even with WASMC_CACHE set", rc == 0 and counts(err) is None and
          not os.path.exists(cache), err)
    rc, err = compile_(WASM, "-O0", "-o", path("first"), "--cache", cache)
    c = counts(err)
    parts = c[1] if c else 0
    check("first compile: every part missed and stored", rc == 0 and c == (0, parts, parts) and parts > 3, err)
    files = entries(cache)
    check("one entry per part, under DIR/xx/ (no temporary files left)", len(files) == parts and all(
        re.fullmatch(r"[0-9a-f]{2}/[0-9a-f]{62}", os.path.relpath(f, cache)) for f in files), files)
    rc, err = compile_(WASM, "-O0", "-o", path("second"), "--cache", cache)
    check("second compile: every part reused, nothing stored", rc == 0 and counts(err) == (parts, parts, 0), err)
    check("second compile: no compile phase ran", "optimize" not in err and "parts" in err and "cache" in err, err)
    plain, first, second = read(path("plain")), read(path("first")), read(path("second"))
    check("the executable is the same with and without the cache", plain == first == second)
    run = subprocess.run([path("second")], capture_output=True, text=True, timeout=60)
    check("the cached executable runs right", run.returncode == 0 and run.stdout == EXPECTED, run.stdout)
    rc, err = compile_(WASM, "-O0", "-o", path("env"), env_cache=cache)
    check("WASMC_CACHE=DIR is the cache when --cache is not given", rc == 0 and counts(err) == (parts, parts, 0), err)
    other = path("c-other")
    rc, err = compile_(WASM, "-O0", "-o", path("wins"), "--cache", other, env_cache=cache)
    check("--cache wins over WASMC_CACHE", rc == 0 and counts(err) == (0, parts, parts) and
          len(entries(other)) == parts, err)
    return cache, parts


def test_misses(cache, parts):
    rc, err = compile_(WASM, "-O1", "-o", path("o1"), "--cache", cache)
    check("another -O level misses every part", rc == 0 and counts(err) == (0, parts, parts), err)
    rc, err = compile_(WASM, "-O0", "--env", "A=1", "-o", path("grant"), "--cache", cache)
    check("a grant (data of part 0 only) misses part 0 alone", rc == 0 and counts(err) == (parts - 1, parts, 1),
          err)
    rc, err = compile_(WASM, "-O0", "--module-name", "other", "-o", path("named"), "--cache", cache)
    check("another module name misses every part", rc == 0 and counts(err) == (0, parts, parts), err)
    rc, err = compile_(WASM, "-O0", "-o", path("kb8"), "--cache", cache, partition_kb=8)
    c = counts(err)
    check("another partition size misses every part", rc == 0 and c and c[0] == 0, err)
    rc, err = compile_(WASM, "-O2", "-o", path("o2"), "--cache", cache)
    rc2, err2 = compile_(WASM, "-O2", "-o", path("o2lean"), "--cache", cache, pipeline="lean")
    check("another pass pipeline (WASMC_PIPELINE) misses every part",
          rc == 0 and rc2 == 0 and counts(err2) == (0, parts, parts), err2)
    rc, err = compile_(WASM, "-O0", "-c", "-o", path("obj.o"), "--cache", cache)
    check("-c: its own parts (imports left to the embedder), missed", rc == 0 and counts(err) == (0, parts, parts), err)
    rc, err = compile_(WASM, "-O0", "-c", "-o", path("obj2.o"), "--cache", cache)
    check("-c again: reused, the same object", rc == 0 and counts(err) == (parts, parts, 0) and
          read(path("obj.o")) == read(path("obj2.o")), err)
    # One body changed: its part and part 0 (which hashes the whole module) miss, the others hit.
    data = bytearray(read(WASM))
    enc = gen_calls.leb_s(gen_calls.s32(gen_calls.Plan(600, 1).key(300, 0)))
    at = data.find(b"\x20\x00\x41" + enc)
    check("the test finds function 300's first constant", at > 0 and data.count(b"\x20\x00\x41" + enc) == 1)
    data[at + 3] ^= 1  # another constant, the same length
    changed = path("changed.wasm")
    with open(changed, "wb") as f:
        f.write(data)
    rc, err = compile_(changed, "-O0", "-o", path("changed"), "--cache", cache)
    check("one function changed: part 0 and its part miss, the others hit",
          rc == 0 and counts(err) == (parts - 2, parts, 2), err)
    rc, err = compile_(WASM, "-O0", "-o", path("back"), "--cache", cache)
    check("the original module still hits", rc == 0 and counts(err) == (parts, parts, 0), err)


def test_corrupt_entries():
    cache = path("c2")
    rc, err = compile_(WASM, "-O0", "-o", path("good"), "--cache", cache)
    files = entries(cache)
    parts = len(files)
    check("a fresh cache filled", rc == 0 and parts > 4, err)
    truncated, flipped, garbage, foreign = files[:4]
    with open(truncated, "r+b") as f:
        f.truncate(os.path.getsize(truncated) // 2)
    with open(flipped, "r+b") as f:
        f.seek(os.path.getsize(flipped) - 100)
        b = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([b[0] ^ 0x40]))
    with open(garbage, "wb") as f:
        f.write(b"\x7fELF" + os.urandom(5000))
    shutil.copyfile(files[4], foreign)  # a valid entry under another key's name
    rc, err = compile_(WASM, "-O0", "-o", path("repaired"), "--cache", cache)
    check("truncated, flipped, garbage and foreign entries are misses, rewritten",
          rc == 0 and counts(err) == (parts - 4, parts, 4), err)
    check("the executable from a repaired cache is the same", read(path("repaired")) == read(path("good")))
    rc, err = compile_(WASM, "-O0", "-o", path("after"), "--cache", cache)
    check("after the repair every part hits", rc == 0 and counts(err) == (parts, parts, 0), err)
    empty = files[5]
    open(empty, "wb").close()
    rc, err = compile_(WASM, "-O0", "-o", path("after-empty"), "--cache", cache)
    check("an empty entry is a miss", rc == 0 and counts(err) == (parts - 1, parts, 1), err)


def test_failed_compile_stores_nothing():
    bad, _ = generate("bad.wasm", "--funcs", "600", "--many-locals", "450")
    cache = path("c3")
    rc, err = compile_(bad, "-O0", "-o", path("bad"), "--cache", cache)
    check("a failing part fails the compile", rc == 1 and "function 452" in err, err)
    check("a failed compile leaves no cache entry", entries(cache) == [], entries(cache))


def test_concurrent():
    cache = path("c4")
    procs = [wasmc(WASM, "-O0", "-j1", "-o", path(f"con{i}"), "--cache", cache, "--time-report") for i in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    check("two compiles sharing a fresh cache both succeed", all(p.returncode == 0 for p in procs),
          [o[1] for o in outs])
    check("and make the same executable", read(path("con0")) == read(path("con1")))
    rc, err = compile_(WASM, "-O0", "-o", path("con2"), "--cache", cache)
    c = counts(err)
    check("then every part hits", rc == 0 and c and c[0] == c[1], err)
    check("no temporary file is left in the cache", not any(os.path.basename(f).startswith(".tmp")
                                                              for f in entries(cache)), entries(cache))


def test_unusable_cache():
    blocker = path("a-file")
    open(blocker, "w").close()
    rc, err = compile_(WASM, "-O0", "-o", path("nocache"), "--cache", os.path.join(blocker, "sub"))
    check("an unusable cache folder: a warning, and the compile succeeds",
          rc == 0 and "warning: compile cache" in err and counts(err) is None, err)
    p = wasmc(WASM, "-o", path("x"), "--cache=")
    _, err = p.communicate(timeout=60)
    check("--cache with an empty value is a usage error", p.returncode == 2, err)


def main():
    global WASM, EXPECTED
    WASM, EXPECTED = generate("calls.wasm", "--funcs", "600")
    cache, parts = test_hit_and_same_output()
    if parts:
        test_misses(cache, parts)
    test_corrupt_entries()
    test_failed_compile_stores_nothing()
    test_concurrent()
    test_unusable_cache()
    print(f"{results['passed']} passed, {results['failed']} failed")
    if not results["failed"]:
        shutil.rmtree(TMP, ignore_errors=True)
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
