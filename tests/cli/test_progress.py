#!/usr/bin/env python3
"""The progress line: on a terminal (a pseudo-terminal here) wasmc draws one
line, redrawn in place with \\r, and erases it before anything else is
written (the time report, an error); nothing without a terminal, with -q, or
before the delay. WASMC_PROGRESS_DELAY_MS=0 makes the line show at once, so
nothing here depends on how fast the machine is; WASMC_PARTITION_KB=1 splits
the module into many parts, each reporting when done.

usage: test_progress.py WASMC GEN_CALLS.py
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

WASMC, GEN_CALLS = sys.argv[1], sys.argv[2]
TMP = tempfile.mkdtemp(prefix="wasmc-progress-")
ERASE = b"\r\x1b[K"
LINE = re.compile(rb"\rwasmc: \d+ of 602 functions compiled, \d+ s(, about \d+ (s|min) left)?\x1b\[K")
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name} {'' if ok else detail}")


def generate(name, *args):
    path = os.path.join(TMP, name)
    subprocess.run([sys.executable, GEN_CALLS, path, *args], check=True, capture_output=True)
    return path


def environment(delay):
    env = {k: v for k, v in os.environ.items() if k not in ("WASMC_CACHE", "WASMC_PROGRESS_DELAY_MS")}
    env["WASMC_PARTITION_KB"] = "1"
    if delay is not None:
        env["WASMC_PROGRESS_DELAY_MS"] = delay
    return env


def on_terminal(*args, delay="0"):
    """Runs wasmc with stderr on a pseudo-terminal; its exit status and everything it wrote there."""
    master, slave = os.openpty()
    p = subprocess.Popen([WASMC, *args], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave,
                         env=environment(delay))
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return p.wait(timeout=600), out


def test_line(wasm):
    rc, out = on_terminal(wasm, "-O0", "-j1", "-o", os.path.join(TMP, "a"))
    draws = LINE.findall(out)
    check("on a terminal: the line is drawn", rc == 0 and draws, out[:300])
    check("one line, redrawn in place: no newline written", b"\n" not in out, out[:300])
    check("nothing but the line and its erasure", LINE.sub(b"", out) == ERASE, out[-300:])
    check("erased at the end", out.endswith(ERASE), out[-100:])


def test_erased_before_report(wasm):
    rc, out = on_terminal(wasm, "-O0", "-j2", "--time-report", "-o", os.path.join(TMP, "b"))
    report = out.find(b"wasmc: time report")
    before, after = out[:report], out[report:]
    check("the time report follows the erased line", rc == 0 and report > 0 and LINE.search(before) and
          before.endswith(ERASE), out[:300])
    check("no progress after the report starts", b"functions compiled" not in after, after[:300])


def test_erased_before_error():
    bad = generate("bad.wasm", "--funcs", "600", "--many-locals", "450")
    rc, out = on_terminal(bad, "-O0", "-j1", "-o", os.path.join(TMP, "c"))
    error = out.find(b"function 452")
    line_start = out.rfind(ERASE, 0, error) + len(ERASE)
    check("an error: the compile fails after drawing the line", rc == 1 and LINE.search(out), out[:300])
    check("the error line starts where the erased line was", error > 0 and out[line_start:error].startswith(
        os.path.join(TMP, "bad.wasm").encode()) and b"\x1b" not in out[line_start:], out[-300:])


def test_silent(wasm):
    rc, out = on_terminal(wasm, "-O0", "-j1", "-q", "-o", os.path.join(TMP, "d"))
    check("-q: nothing on the terminal", rc == 0 and out == b"", out[:300])
    rc, out = on_terminal(wasm, "-O0", "-j1", "--quiet", "-o", os.path.join(TMP, "d"))
    check("--quiet: nothing on the terminal", rc == 0 and out == b"", out[:300])
    rc, out = on_terminal(wasm, "-O0", "-j1", "-o", os.path.join(TMP, "d"), delay="3600000")
    check("a compile shorter than the delay: nothing", rc == 0 and out == b"", out[:300])
    p = subprocess.run([WASMC, wasm, "-O0", "-j1", "-o", os.path.join(TMP, "e")], capture_output=True,
                       env=environment("0"), timeout=600)
    check("stderr not a terminal: nothing", p.returncode == 0 and p.stderr == b"", p.stderr[:300])
    p = subprocess.run([WASMC, wasm, "-o", os.path.join(TMP, "f")], capture_output=True, text=True,
                       env=environment("soon"), timeout=60)
    check("WASMC_PROGRESS_DELAY_MS=soon: a usage error", p.returncode == 2 and len(p.stderr.splitlines()) == 1,
          p.stderr)


def main():
    wasm = generate("calls.wasm", "--funcs", "600")
    test_line(wasm)
    test_erased_before_report(wasm)
    test_erased_before_error()
    test_silent(wasm)
    print(f"{results['passed']} passed, {results['failed']} failed")
    if not results["failed"]:
        shutil.rmtree(TMP, ignore_errors=True)
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
