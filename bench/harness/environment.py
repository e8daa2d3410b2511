"""What the figures were measured on: machine, load and tool versions (recorded in every report)."""

import datetime
import os
import platform
import shutil
import subprocess


def _first_line(cmd):
    if not shutil.which(cmd[0]) and not os.path.exists(cmd[0]):
        return "not installed"
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"unknown ({e})"
    text = (r.stdout or r.stderr).strip()
    return text.splitlines()[0] if text else "unknown"


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average():
    try:
        return " ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "unknown"


def git_revision(root):
    try:
        rev = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True)
    except OSError:
        return "unknown"
    if rev.returncode != 0:
        return "unknown"
    return rev.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")


def collect(wasmc, root):
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpu": cpu_model(),
        "cpus": os.cpu_count(),
        "kernel": platform.release(),
        "load_before": load_average(),
        "revision": git_revision(root),
        "versions": {
            "wasmc": _first_line([wasmc, "--version"]),
            "clang": _first_line(["clang-19", "--version"]),
            "wasm2c": "wabt " + _first_line(["wasm2c", "--version"]) if shutil.which("wasm2c") else "not installed",
            "node": _first_line(["node", "--version"]),
            "gnuplot": _first_line(["gnuplot", "--version"]),
        },
    }
