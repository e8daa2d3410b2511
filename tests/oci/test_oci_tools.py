#!/usr/bin/env python3
"""The images wasmc writes, read by Debian's OCI tools: `skopeo inspect
oci-archive:FILE` (digest, architecture, os, layers), `skopeo copy` of the
archive to an OCI layout, and `umoci unpack` of that copy and of wasmc's own
--oci-layout, whose bundle's rootfs/app runs, and whose runtime config.json
carries the entrypoint.

Exit status 77 (skipped) when skopeo or umoci is not installed (apt-get
install skopeo umoci): never a pass.

usage: test_oci_tools.py WASMC EXAMPLE.wasm WORKDIR
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys

WASMC, EXAMPLE, WORK = sys.argv[1:4]
GREETING = "Hello from WebAssembly, compiled by wasmc!"
SKIP = 77
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name} {'' if ok else detail}")
    return ok


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600)


def unpack_and_run(name, layout):
    bundle = os.path.join(WORK, f"bundle-{name}")
    p = run("umoci", "unpack", "--image", f"{layout}:latest", bundle)
    if not check(f"umoci unpack {name}", p.returncode == 0, p.stderr):
        return
    app = os.path.join(bundle, "rootfs", "app")
    mode = os.stat(app).st_mode & 0o777 if os.path.exists(app) else None
    check(f"{name}: rootfs/app, mode 0755", mode == 0o755, mode)
    with open(os.path.join(bundle, "config.json")) as f:
        args = json.load(f).get("process", {}).get("args")
    check(f"{name}: the runtime config's args are the entrypoint", args == ["/app"], args)
    r = run(app)
    check(f"{name}: the unpacked app runs", r.returncode == 0 and GREETING in r.stdout, (r.returncode, r.stderr))


def main():
    missing = [t for t in ("skopeo", "umoci") if not shutil.which(t)]
    if missing:
        print(f"SKIPPED: {' and '.join(missing)} not installed (apt-get install skopeo umoci)")
        return SKIP
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    exe, tar, lay = (os.path.join(WORK, n) for n in ("hello", "hello.tar", "hello.oci"))
    p = run(WASMC, EXAMPLE, "-o", exe, "--oci", tar, "--oci-layout", lay)
    if not check("wasmc --oci --oci-layout", p.returncode == 0, p.stderr):
        return 1
    arch = {"x86_64": "amd64", "aarch64": "arm64", "riscv64": "riscv64"}[os.uname().machine]
    with open(os.path.join(lay, "index.json")) as f:
        manifest_digest = json.load(f)["manifests"][0]["digest"]
    with open(exe, "rb") as f:
        exe_bytes = f.read()

    p = run("skopeo", "inspect", f"oci-archive:{tar}")
    if check("skopeo inspect oci-archive:", p.returncode == 0, p.stderr):
        info = json.loads(p.stdout)
        check("skopeo inspect: digest, architecture, os, one layer",
              info.get("Digest") == manifest_digest and info.get("Architecture") == arch
              and info.get("Os") == "linux" and len(info.get("Layers", [])) == 1, info)
    p = run("skopeo", "inspect", "--config", f"oci-archive:{tar}")
    if check("skopeo inspect --config", p.returncode == 0, p.stderr):
        config = json.loads(p.stdout)
        check("skopeo inspect --config: the entrypoint", config.get("config", {}).get("Entrypoint") == ["/app"],
              config)

    copy = os.path.join(WORK, "copy.oci")
    p = run("skopeo", "copy", f"oci-archive:{tar}", f"oci:{copy}:latest")
    if check("skopeo copy oci-archive: to oci:", p.returncode == 0, p.stderr):
        unpack_and_run("skopeo's copy", copy)
    unpack_and_run("wasmc's layout", lay)
    # The layer, as umoci unpacked it, is the executable.
    app = os.path.join(WORK, "bundle-wasmc's layout", "rootfs", "app")
    check("the unpacked app is the executable, byte for byte",
          os.path.exists(app) and hashlib.sha256(open(app, "rb").read()).digest() == hashlib.sha256(exe_bytes).digest())
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


sys.exit(main())
