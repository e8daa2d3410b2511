"""Running a command and measuring it: wall time, CPU time and peak memory (wait4), and summary statistics."""

import os
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass


@dataclass
class Sample:
    wall_s: float
    cpu_s: float
    max_rss_kb: int
    exit_code: int
    stdout: str
    stderr: str


def run(cmd, timeout=None, env=None, executable=None):
    """Runs cmd to completion; its rusage comes from wait4, so includes only it and the children it waited for."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, env=env,
                                executable=executable)
        deadline = None if timeout is None else start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG if deadline else 0)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise subprocess.TimeoutExpired(cmd, timeout)
            time.sleep(0.005)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, proc.returncode,
                      out.read().decode(errors="replace"), err.read().decode(errors="replace"))


@dataclass
class Summary:
    median: float
    low: float
    high: float
    count: int

    @property
    def spread(self):
        """(max - min) / median: how far apart the runs were."""
        return (self.high - self.low) / self.median if self.median > 0 else 0.0


def summarize(values):
    return Summary(statistics.median(values), min(values), max(values), len(values)) if values else None


def geomean(values):
    values = [v for v in values if v and v > 0]
    return statistics.geometric_mean(values) if values else None


def brief(text):
    """The last non-empty line of a tool's output (where errors usually are), shortened."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""
