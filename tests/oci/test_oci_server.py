#!/usr/bin/env python3
"""The OCI image of an HTTP server (docs/serving.md): a wasi:http/incoming-handler
component (tests/component/programs/http_hello.c, built as run_http_tests.py
builds it) compiled with --oci. Its config exposes 8080/tcp and its entrypoint
is ["/app", "--listen", "0.0.0.0:8080"]; the layer's app, extracted, serves
GET / (on an ephemeral port: the test must not take 8080). With umoci, the
unpacked bundle's runtime config carries the same arguments.

Exit status 77 (skipped) when jco cannot be installed: never a pass.

usage: test_oci_server.py WASMC CLANG WORKDIR
"""

import io
import json
import os
import shutil
import subprocess
import sys
import tarfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "component"))
import run_http_tests as http  # noqa: E402

WASMC, CLANG, WORK = sys.argv[1:4]
ENTRYPOINT = ["/app", "--listen", "0.0.0.0:8080"]


def main():
    fetch = http.run([os.path.join(http.HERE, "fetch_jco.sh")])
    if fetch.returncode != 0:
        print(f"SKIPPED: jco is not available: {fetch.stderr.strip()}")
        return http.SKIP
    jco = fetch.stdout.strip()
    t = http.Tests()
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    comp = http.build_component(t, CLANG, jco, WORK)
    if not comp:
        return 1
    server, tar = os.path.join(WORK, "server"), os.path.join(WORK, "server.tar")
    c = http.run([WASMC, comp, "-o", server, "--oci", tar])
    if not t.check(c.returncode == 0 and not c.stderr, "wasmc --oci of a wasi:http server", c.stderr):
        return 1
    with tarfile.open(tar) as archive:
        files = {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}
    index = json.loads(files["index.json"])
    manifest = json.loads(files["blobs/sha256/" + index["manifests"][0]["digest"][7:]])
    config = json.loads(files["blobs/sha256/" + manifest["config"]["digest"][7:]])
    t.check(config.get("config") == {"ExposedPorts": {"8080/tcp": {}}, "Entrypoint": ENTRYPOINT},
            "config: ExposedPorts 8080/tcp, entrypoint --listen 0.0.0.0:8080", config.get("config"))
    layer = files["blobs/sha256/" + manifest["layers"][0]["digest"][7:]]
    rootfs = os.path.join(WORK, "rootfs")
    with tarfile.open(fileobj=io.BytesIO(layer)) as lt:
        lt.extractall(rootfs)
    s = http.Server(t, os.path.join(rootfs, "app"), WORK)
    try:
        if s.port:
            r = http.one(s.port, "GET", "/")
            t.check(r and r.status == 200 and r.body == http.HELLO, "the layer's server answers GET /", repr(r))
    finally:
        s.kill()
    if shutil.which("umoci"):
        layout = os.path.join(WORK, "layout")
        p = subprocess.run(["skopeo", "copy", f"oci-archive:{tar}", f"oci:{layout}:latest"], capture_output=True,
                           text=True, timeout=600) if shutil.which("skopeo") else None
        if p is None or t.check(p.returncode == 0, "skopeo copy", p.stderr):
            if p is None:
                c = http.run([WASMC, comp, "-o", server, "--oci-layout", layout])
                t.check(c.returncode == 0, "wasmc --oci-layout", c.stderr)
            bundle = os.path.join(WORK, "bundle")
            u = http.run(["umoci", "unpack", "--image", f"{layout}:latest", bundle])
            if t.check(u.returncode == 0, "umoci unpack", u.stderr):
                with open(os.path.join(bundle, "config.json")) as f:
                    args = json.load(f).get("process", {}).get("args")
                t.check(args == ENTRYPOINT, "umoci's runtime config: the server's arguments", args)
    print(f"{t.passed} passed, {t.failed} failed")
    return 1 if t.failed else 0


sys.exit(main())
