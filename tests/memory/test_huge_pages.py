#!/usr/bin/env python3
"""Linear memory and transparent huge pages: an executable's reservation
starts on a 2 MiB boundary and its addressable 4 GiB carry the MADV_HUGEPAGE
advice (the `hg` flag in /proc/PID/smaps), and with --no-huge-pages neither.
What the kernel then does with the advice (whether huge pages back the
memory) depends on its settings and free memory, so the test checks the
advice, which is deterministic, and reports AnonHugePages for information.

usage: test_huge_pages.py WASMC CLANG
"""
import os
import subprocess
import sys
import tempfile

WASMC, CLANG = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
TMP = tempfile.mkdtemp(prefix="wasmc-huge-")
HUGE = 2 << 20
THP = "/sys/kernel/mm/transparent_hugepage/enabled"
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f" {detail}"))


def mappings(pid):
    """(start, end, flags, anon_huge_kb) of each mapping of pid."""
    out, cur = [], None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            head = line.split()[0]
            if "-" in head and not head.endswith(":"):
                start, end = (int(x, 16) for x in head.split("-"))
                cur = [start, end, set(), 0]
                out.append(cur)
            elif head == "VmFlags:":
                cur[2] = set(line.split()[1:])
            elif head == "AnonHugePages:":
                cur[3] = int(line.split()[1])
    return out


def memory_mappings(exe):
    """Starts exe, waits until it has touched its memory, returns the adjacent mappings spanning at least
    4 GiB (the reservation, and maybe small mappings placed right below it)."""
    p = subprocess.Popen([exe], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        first = p.stdout.readline()
        maps = mappings(p.pid)
    finally:
        p.communicate("go\n", timeout=60)
    # The reservation: mappings that together span at least 4 GiB, adjacent to each other.
    maps.sort()
    best, run = [], []
    for m in maps:
        if run and m[0] != run[-1][1]:
            run = []
        run.append(m)
        if run[-1][1] - run[0][0] >= 4 << 30 and len(run) >= len(best):
            best = list(run)
    return first, p.returncode, best


def main():
    if not os.path.exists(THP):
        print("skipped: this kernel has no transparent huge pages")
        return 77
    wasm = os.path.join(TMP, "touch.wasm")
    cc = subprocess.run([CLANG, "--target=wasm32-wasi", "-O2", "-o", wasm, os.path.join(HERE, "touch_memory.c")],
                        capture_output=True, text=True)
    if cc.returncode:
        print(cc.stderr)
        return 1
    for flags, advised in (([], True), (["--no-huge-pages"], False)):
        exe = os.path.join(TMP, "touch" + "".join(flags))
        rc = subprocess.run([WASMC, wasm, "-o", exe, *flags], capture_output=True, text=True)
        check(f"compile {flags}", rc.returncode == 0, rc.stderr)
        first, status, reservation = memory_mappings(exe)
        check(f"{flags}: runs", first == "touched 4096 pages\n" and status == 0, repr(first))
        check(f"{flags}: reservation found", bool(reservation))
        if not reservation:
            continue
        hg = [m for m in reservation if "hg" in m[2]]
        huge_kb = sum(m[3] for m in reservation)
        if advised:
            # The advised range is the memory's 4 GiB from its base: another small mapping may sit below it.
            start = hg[0][0] if hg else None
            check("its memory is advised MADV_HUGEPAGE (hg) over 4 GiB",
                  hg and hg[-1][1] - start >= 4 << 30, str(reservation))
            check("the reservation starts on a 2 MiB boundary", start is not None and start % HUGE == 0,
                  hex(start or 0))
            print(f"info AnonHugePages in linear memory: {huge_kb} kB "
                  f"(THP: {open(THP).read().strip()})")
        else:
            check("--no-huge-pages: no MADV_HUGEPAGE advice", not hg, str(reservation))
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
