#!/usr/bin/env python3
"""Runs the official WebAssembly spec testsuite against wasmc.

Each .wast script is converted with wabt's wast2json (cached), then every
command that wasmc can check is checked:

  module            the module must decode and validate
  assert_malformed  a binary module must be rejected as malformed
  assert_invalid    the module must be rejected as invalid

assert_malformed on text modules (.wat) tests the text parser, which wasmc
does not have: those are reported as skipped. Commands that execute code
(assert_return, assert_trap, ...) are reported as not run until code
generation lands.

The testsuite is read from $WASMC_TESTSUITE, else ../shared/wasm-testsuite
beside the repository. The last line of output is `N passed, N failed`.
"""

import argparse
import concurrent.futures
import hashlib
import json
import os
import subprocess
import sys
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


@dataclass
class FileResult:
    name: str
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    not_run: int = 0
    message_mismatches: int = 0
    failures: list = field(default_factory=list)


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
        os.replace(tmp, json_path)
        # wast2json names the module files after the -o argument.
        for f in os.listdir(folder):
            if f.startswith("script.json.tmp."):
                os.replace(os.path.join(folder, f), os.path.join(folder, f.replace("script.json.tmp.", "script.")))
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


def check_script(wasmc, suite, wast2json, cache, path):
    label = script_label(suite, path)
    result = FileResult(label)
    try:
        folder, script = convert(wast2json, suite, path, cache)
    except RuntimeError as e:
        result.failed += 1
        result.failures.append(str(e))
        return result
    checks = []
    for cmd in script["commands"]:
        kind = cmd["type"]
        if kind not in ("module", "assert_malformed", "assert_invalid"):
            result.not_run += 1
        elif cmd.get("module_type", "binary") != "binary":
            result.skipped += 1
        else:
            checks.append(cmd)
    verdicts = validate_all(wasmc, [module_path(folder, cmd["filename"]) for cmd in checks])
    for cmd in checks:
        kind, line = cmd["type"], cmd.get("line")
        rc, message = verdicts[module_path(folder, cmd["filename"])]
        if kind == "module":
            if rc == 0:
                result.passed += 1
            else:
                result.failed += 1
                result.failures.append(f"{label}:{line}: valid module rejected: {message}")
            continue
        expected = cmd["text"]
        if rc == 1:
            result.passed += 1
            # The spec's text must start the message.
            if not message.startswith(expected):
                result.message_mismatches += 1
                result.failures.append(f"{label}:{line}: note: expected '{expected}', said '{message}'")
        else:
            result.failed += 1
            why = "accepted" if rc == 0 else f"exit {rc}: {message}"
            result.failures.append(f"{label}:{line}: {kind} '{expected}' {why}")
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--wasmc", default=os.path.join(REPO, "build", "wasmc"))
    ap.add_argument("--testsuite", help="the testsuite folder ($WASMC_TESTSUITE wins over this)")
    ap.add_argument("--wast2json", default="wast2json")
    ap.add_argument("--cache", default=os.path.join(REPO, "build", "spec-cache"))
    ap.add_argument("--proposals", action="store_true", help="also run the proposals/ folders")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--verbose", "-v", action="store_true", help="list every failure and message mismatch")
    ap.add_argument("filter", nargs="*", help="run only scripts whose name contains one of these")
    args = ap.parse_args()
    args.testsuite = find_testsuite(args.testsuite)

    if not os.path.isdir(args.testsuite):
        sys.exit(f"spec-tests: testsuite not found at {args.testsuite} (set WASMC_TESTSUITE)")
    if not os.access(args.wasmc, os.X_OK):
        sys.exit(f"spec-tests: wasmc not found at {args.wasmc} (build first or pass --wasmc)")
    scripts = find_scripts(args.testsuite, args.proposals)
    if args.filter:
        scripts = [s for s in scripts if any(f in script_label(args.testsuite, s) for f in args.filter)]
    os.makedirs(args.cache, exist_ok=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(
            lambda p: check_script(args.wasmc, args.testsuite, args.wast2json, args.cache, p), scripts))

    total = FileResult("total")
    for r in results:
        status = "ok" if r.failed == 0 else "FAIL"
        extra = f", {r.message_mismatches} other message" if r.message_mismatches else ""
        print(f"{status:4} {r.name}: {r.passed} passed, {r.failed} failed, {r.skipped} skipped"
              f" (text format), {r.not_run} not run{extra}")
        for f in r.failures:
            if args.verbose or "note:" not in f:
                print("     " + f)
        total.passed += r.passed
        total.failed += r.failed
        total.skipped += r.skipped
        total.not_run += r.not_run
        total.message_mismatches += r.message_mismatches
    print(f"scripts: {len(results)}; modules with a rejection message other than the spec's: "
          f"{total.message_mismatches}; text-format assertions skipped: {total.skipped}; "
          f"execution commands not run yet: {total.not_run}")
    print(f"{total.passed} passed, {total.failed} failed")
    return 1 if total.failed else 0


if __name__ == "__main__":
    sys.exit(main())
