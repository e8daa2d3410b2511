#!/usr/bin/env python3
"""OCI images of an executable (--oci FILE, --oci-layout DIR; docs/serving.md).

examples/hello.wasm is compiled with both options: the layout's JSON must hold
together (every digest the SHA-256 of its blob, sizes, media types, the
architecture, the entrypoint), the archive must be that layout as a tar
archive, the layer must hold /app, mode 0755, which runs and greets. The same
compile gives byte-identical images; --target aarch64 and riscv64 name arm64
and riscv64. Errors are one line, exit 2, and leave nothing behind.

usage: test_oci.py WASMC EXAMPLE.wasm WORKDIR
"""

import hashlib
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile

WASMC, EXAMPLE, WORK = sys.argv[1:4]
GREETING = "Hello from WebAssembly, compiled by wasmc!"
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    results["passed" if ok else "failed"] += 1
    print(f"{'ok  ' if ok else 'FAIL'} {name} {'' if ok else detail}")
    return ok


def wasmc(*args):
    p = subprocess.run([WASMC, *args], capture_output=True, text=True, timeout=600)
    return p.returncode, p.stderr


def read(path):
    with open(path, "rb") as f:
        return f.read()


def check_layout(name, files, arch, entrypoint, ports=None):
    """files: path in the layout -> bytes. Returns the layer's bytes, or None."""
    try:
        marker = json.loads(files["oci-layout"])
        index = json.loads(files["index.json"])
    except (KeyError, ValueError) as e:
        check(f"{name}: oci-layout and index.json", False, repr(e))
        return None
    check(f"{name}: oci-layout", marker == {"imageLayoutVersion": "1.0.0"}, marker)
    blobs = {p[len("blobs/sha256/"):]: b for p, b in files.items() if p.startswith("blobs/sha256/")}
    check(f"{name}: three blobs, each named by its SHA-256",
          len(blobs) == 3 and all(hashlib.sha256(b).hexdigest() == h for h, b in blobs.items()), sorted(blobs))

    def blob(desc, media_type):
        digest = desc.get("digest", "")
        ok = (desc.get("mediaType") == media_type and digest.startswith("sha256:") and digest[7:] in blobs
              and desc.get("size") == len(blobs[digest[7:]]))
        check(f"{name}: {media_type} descriptor (digest, size)", ok, desc)
        return blobs.get(digest[7:], b"")

    check(f"{name}: index", index.get("schemaVersion") == 2
          and index.get("mediaType") == "application/vnd.oci.image.index.v1+json"
          and len(index.get("manifests", [])) == 1, index)
    desc = index["manifests"][0]
    check(f"{name}: index platform and tag", desc.get("platform") == {"architecture": arch, "os": "linux"}
          and desc.get("annotations") == {"org.opencontainers.image.ref.name": "latest"}, desc)
    manifest = json.loads(blob(desc, "application/vnd.oci.image.manifest.v1+json"))
    check(f"{name}: manifest", manifest.get("schemaVersion") == 2
          and manifest.get("mediaType") == "application/vnd.oci.image.manifest.v1+json"
          and len(manifest.get("layers", [])) == 1, manifest)
    config = json.loads(blob(manifest["config"], "application/vnd.oci.image.config.v1+json"))
    layer = blob(manifest["layers"][0], "application/vnd.oci.image.layer.v1.tar")
    expected = {"Entrypoint": entrypoint}
    if ports:
        expected["ExposedPorts"] = {p: {} for p in ports}
    check(f"{name}: config", config.get("architecture") == arch and config.get("os") == "linux"
          and config.get("config") == expected
          and config.get("rootfs") == {"type": "layers",
                                       "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]}, config)
    with tarfile.open(fileobj=io.BytesIO(layer)) as t:
        members = t.getmembers()
        ok = [m.name for m in members] == ["app"] and members[0].isfile() and members[0].mode == 0o755
        check(f"{name}: the layer holds app, mode 0755", ok, [(m.name, oct(m.mode)) for m in members])
    return layer


def layout_files(root):
    files = {}
    for d, _, names in os.walk(root):
        for n in names:
            p = os.path.join(d, n)
            files[os.path.relpath(p, root)] = read(p)
    return files


def archive_files(path):
    with tarfile.open(path) as t:
        names = t.getnames()
        check(f"{os.path.basename(path)}: entries sorted, directories first", names == [
            "blobs", "blobs/sha256"] + sorted(n for n in names if n.startswith("blobs/sha256/")) + [
            "index.json", "oci-layout"], names)
        return {m.name: t.extractfile(m).read() for m in t.getmembers() if m.isfile()}


def leftovers():
    return sorted(n for n in os.listdir(WORK) if ".wasmc-" in n)


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    exe, tar, lay = (os.path.join(WORK, n) for n in ("hello", "hello.tar", "hello.oci"))
    rc, err = wasmc(EXAMPLE, "-o", exe, "--oci", tar, "--oci-layout", lay)
    if not check("wasmc --oci --oci-layout", rc == 0 and not err, f"exit {rc}: {err}"):
        return 1
    host_arch = {"x86_64": "amd64", "aarch64": "arm64", "riscv64": "riscv64"}[os.uname().machine]
    check("the archive is mode 0644", stat.S_IMODE(os.stat(tar).st_mode) == 0o644, oct(os.stat(tar).st_mode))
    files = layout_files(lay)
    layer = check_layout("layout", files, host_arch, ["/app"])
    check("the archive holds the layout, byte for byte", archive_files(tar) == files)
    if layer:
        with tarfile.open(fileobj=io.BytesIO(layer)) as t:
            t.extractall(os.path.join(WORK, "rootfs"))
        app = os.path.join(WORK, "rootfs", "app")
        check("the layer's app is the executable", read(app) == read(exe))
        p = subprocess.run([app], capture_output=True, text=True, timeout=60)
        check("the layer's app runs", p.returncode == 0 and GREETING in p.stdout, (p.returncode, p.stdout, p.stderr))

    # Deterministic: the same compile, the same bytes; and a layout is replaced by the new one.
    tar2 = os.path.join(WORK, "again.tar")
    rc, err = wasmc(EXAMPLE, "-o", os.path.join(WORK, "again"), "--oci", tar2, "--oci-layout", lay)
    check("compiled again: exit 0, the layout replaced", rc == 0 and not err, err)
    check("compiled again: the archive is byte-identical", rc == 0 and read(tar) == read(tar2))
    check("compiled again: the layout is identical", layout_files(lay) == files)
    rc, err = wasmc(EXAMPLE, "-o", os.path.join(WORK, "slash"), "--oci-layout", lay + "/")
    check("--oci-layout DIR/ replaces DIR", rc == 0 and layout_files(lay) == files, err)

    for target, arch in (("aarch64", "arm64"), ("riscv64", "riscv64")):
        t = os.path.join(WORK, f"hello-{target}.tar")
        rc, err = wasmc(EXAMPLE, "--target", target, "-o", os.path.join(WORK, f"hello-{target}"), "--oci", t)
        if check(f"--target {target} --oci", rc == 0, err):
            check_layout(f"--target {target}", archive_files(t), arch, ["/app"])

    # Errors: one line, exit 2, nothing left (no image, no executable, no temporary).
    os.makedirs(os.path.join(WORK, "full"))
    with open(os.path.join(WORK, "full", "keep"), "w") as f:
        f.write("not an image\n")
    locked = os.path.join(WORK, "locked")
    os.makedirs(locked)
    os.chmod(locked, 0o500)
    cases = [
        ("a missing folder", ["--oci", os.path.join(WORK, "nowhere", "x.tar")], "its folder does not exist"),
        ("a directory as --oci", ["--oci", lay], "is a directory"),
        ("a non-empty folder that is no layout", ["--oci-layout", os.path.join(WORK, "full")],
         "neither empty nor an OCI layout"),
        ("-c with --oci", ["-c", "--oci", os.path.join(WORK, "c.tar")], "not -c"),
        ("--oci without a value", ["--oci="], "--oci: expected a file"),
        ("the same path twice", ["--oci", tar, "--oci-layout", tar], "both name"),
        ("the image where the executable goes", ["--oci", os.path.join(WORK, "bad")], "both name"),
    ]
    if os.geteuid() != 0:  # root writes anywhere
        cases.append(("an unwritable folder", ["--oci", os.path.join(locked, "x.tar")], "not writable"))
    for name, args, words in cases:
        out = os.path.join(WORK, "bad")
        rc, err = wasmc(EXAMPLE, "-o", out, *args)
        check(f"error: {name}", rc == 2 and err.count("\n") == 1 and words in err and not os.path.exists(out)
              and not leftovers(), f"exit {rc}: {err!r} {leftovers()}")
    check("error: the non-layout folder is untouched", os.listdir(os.path.join(WORK, "full")) == ["keep"])
    # A failure while writing: a file size limit that the executable and the layer's blob fit
    # under but the archive does not (EFBIG). Nothing is left: no archive, layout or executable.
    limit = len(read(tar)) - 2048
    out, t, d = os.path.join(WORK, "big"), os.path.join(WORK, "big.tar"), os.path.join(WORK, "big.oci")

    def small_files():
        import resource
        import signal
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    p = subprocess.run([WASMC, EXAMPLE, "-o", out, "--oci", t, "--oci-layout", d], capture_output=True, text=True,
                       timeout=600, preexec_fn=small_files)
    check("error: writing the archive fails", p.returncode == 2 and p.stderr.count("\n") == 1
          and p.stderr.startswith("wasmc: --oci ") and not any(map(os.path.exists, (out, t, d)))
          and not leftovers(), f"exit {p.returncode}: {p.stderr!r} {leftovers()}")
    os.chmod(locked, 0o700)
    print(f"{results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


sys.exit(main())
