#!/usr/bin/env python3
"""wasmc outside its build folder: installed with `cmake --install` into a
scratch prefix, or packaged with `cpack -G DEB` and installed with dpkg into a
scratch root (the system is never touched). Either way the installed wasmc
compiles examples/hello.c's module from an unrelated folder, with no
WASMC_RUNTIME_DIR or WASMC_LLD to help it, and the result runs.

usage: test_install.py prefix BUILD_DIR CMAKE HELLO.wasm
       test_install.py deb    BUILD_DIR CPACK HELLO.wasm
"""

import glob
import os
import shutil
import subprocess
import sys
import tempfile

HELLO_OUTPUT = "Hello from WebAssembly, compiled by wasmc!\nargument 1: installed\n"
RUNTIME_ARCHS = ("x86_64", "aarch64", "riscv64")
EM_AARCH64 = 183
results = {"passed": 0, "failed": 0}


def check(name, ok, detail=""):
    if ok:
        results["passed"] += 1
        print(f"ok   {name}")
    else:
        results["failed"] += 1
        print(f"FAIL {name} {detail}")


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def clean_env():
    """The environment without the overrides that would hide a wrong layout."""
    env = dict(os.environ)
    for name in ("WASMC_RUNTIME_DIR", "WASMC_LLD"):
        env.pop(name, None)
    return env


def check_layout(name, prefix):
    """PREFIX/{bin,lib/wasmc/<arch>,share/man,share/doc} as cmake/Install.cmake lays them out."""
    check(f"{name}: bin/wasmc", os.access(os.path.join(prefix, "bin/wasmc"), os.X_OK))
    for arch in RUNTIME_ARCHS:
        libdir = os.path.join(prefix, "lib/wasmc", arch)
        present = sorted(os.listdir(libdir)) if os.path.isdir(libdir) else []
        check(f"{name}: lib/wasmc/{arch} holds librt.a and libwasi.a, not the spec harness",
              "librt.a" in present and "libwasi.a" in present and "libharness.a" not in present, str(present))
    check(f"{name}: share/doc/wasmc/README.md and docs/",
          os.path.isfile(os.path.join(prefix, "share/doc/wasmc/README.md"))
          and os.path.isfile(os.path.join(prefix, "share/doc/wasmc/docs/wasi.md")))


def elf_machine(path):
    """e_machine of an ELF file, None if it is not one."""
    try:
        with open(path, "rb") as f:
            head = f.read(20)
    except OSError:
        return None
    return int.from_bytes(head[18:20], "little") if head[:4] == b"\x7fELF" else None


def check_compiles_hello(name, prefix, hello_wasm):
    """From a folder unrelated to the build and the prefix, compile and run hello."""
    wasmc = os.path.join(prefix, "bin/wasmc")
    work = tempfile.mkdtemp(prefix="wasmc-install-work-")
    try:
        p = run([wasmc, hello_wasm, "-o", "hello"], cwd=work, env=clean_env(), timeout=300)
        check(f"{name}: wasmc hello.wasm -o hello", p.returncode == 0, p.stderr)
        if p.returncode == 0:
            p = run(["./hello", "installed"], cwd=work, timeout=60)
            check(f"{name}: ./hello prints the greeting", p.returncode == 0 and p.stdout == HELLO_OUTPUT,
                  f"status {p.returncode}, stdout {p.stdout!r}")
        # Linking for another target needs that target's installed runtime; running it would need qemu.
        p = run([wasmc, hello_wasm, "--target", "aarch64", "-o", "hello-arm64"], cwd=work, env=clean_env(),
                timeout=300)
        check(f"{name}: wasmc --target aarch64 links an AArch64 executable",
              p.returncode == 0 and elf_machine(os.path.join(work, "hello-arm64")) == EM_AARCH64, p.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def render_man(page):
    """The man page as text: man-db's man -l, else groff (ASCII, so that \\- prints as '-')."""
    env = dict(os.environ, MANWIDTH="100", MANPAGER="cat", PAGER="cat", LC_ALL="C.UTF-8")
    if shutil.which("man"):
        return run(["man", "-l", page], env=env)
    if shutil.which("groff"):
        return run(["groff", "-man", "-Tascii", "-ww", page], env=env)
    sys.exit("test_install.py: neither man nor groff is installed (Debian package man-db)")


def check_man(name, prefix):
    page = os.path.join(prefix, "share/man/man1/wasmc.1")
    if not os.path.isfile(page):
        check(f"{name}: share/man/man1/wasmc.1", False, "missing")
        return
    p = render_man(page)
    check(f"{name}: man -l wasmc.1 renders NAME, SYNOPSIS and --target",
          p.returncode == 0 and "NAME" in p.stdout and "SYNOPSIS" in p.stdout and "--target" in p.stdout
          and "wasmc - an ahead-of-time" in p.stdout, p.stderr or p.stdout[:400])
    if shutil.which("groff"):
        p = run(["groff", "-man", "-Tascii", "-ww", "-z", page])
        check(f"{name}: groff -ww reads wasmc.1 without a warning", p.returncode == 0 and not p.stderr, p.stderr)


def test_prefix(build, cmake, hello_wasm, scratch):
    prefix = os.path.join(scratch, "prefix")
    p = run([cmake, "--install", build, "--prefix", prefix], timeout=300)
    check("prefix: cmake --install", p.returncode == 0, p.stderr)
    if p.returncode:
        return
    check_layout("prefix", prefix)
    check_man("prefix", prefix)
    check_compiles_hello("prefix", prefix, hello_wasm)


def deb_field(deb, field):
    return run(["dpkg-deb", "--field", deb, field]).stdout.strip()


def test_deb(build, cpack, hello_wasm, scratch):
    out = os.path.join(scratch, "packages")
    p = run([cpack, "-G", "DEB", "--config", os.path.join(build, "CPackConfig.cmake"), "-B", out],
            cwd=build, timeout=600)
    debs = glob.glob(os.path.join(out, "wasmc_*.deb"))
    check("deb: cpack -G DEB makes one wasmc_*.deb", p.returncode == 0 and len(debs) == 1, p.stdout + p.stderr)
    if len(debs) != 1:
        return
    deb = debs[0]
    info = run(["dpkg-deb", "--info", deb])
    print(info.stdout)
    depends = [d.strip().split(" ")[0] for d in deb_field(deb, "Depends").split(",")]
    check("deb: Package wasmc, Maintainer set", deb_field(deb, "Package") == "wasmc"
          and "@" in deb_field(deb, "Maintainer"))
    check("deb: Depends on lld-19 and the C/C++ runtime",
          {"lld-19", "libc6", "libstdc++6"} <= set(depends), str(depends))

    # Would it install here? apt resolves its Depends against this Debian without installing it.
    p = run(["apt-get", "-s", "-o", "Debug::NoLocking=1", "install", deb], timeout=300)
    check("deb: apt-get -s install resolves its dependencies", p.returncode == 0 and "Inst wasmc" in p.stdout,
          p.stdout[-800:] + p.stderr)

    # Installed by dpkg into a scratch root with its own database: the system is not touched.
    # Its dependencies are the host's (checked above), not in the empty database, hence --force-depends.
    root = os.path.join(scratch, "root")
    admin = os.path.join(root, "var/lib/dpkg")
    for sub in ("info", "updates"):
        os.makedirs(os.path.join(admin, sub))
    open(os.path.join(admin, "status"), "w").close()
    p = run(["dpkg", "--root", root, "--force-depends", "--force-not-root", "--log", os.devnull, "-i", deb],
            timeout=300)
    status = run(["dpkg", "--root", root, "-s", "wasmc"]).stdout
    check("deb: dpkg --root SCRATCH -i installs it", p.returncode == 0 and "install ok installed" in status,
          p.stdout + p.stderr)
    if p.returncode:
        return
    prefix = os.path.join(root, "usr")
    check_layout("deb", prefix)
    check_man("deb", prefix)
    check_compiles_hello("deb", prefix, hello_wasm)

    p = run(["dpkg", "--root", root, "--force-not-root", "--log", os.devnull, "--purge", "wasmc"], timeout=300)
    left = [os.path.join(d, f) for d, _, files in os.walk(prefix) for f in files]
    check("deb: dpkg --purge removes every file", p.returncode == 0 and not left, p.stderr + str(left[:5]))


def main():
    if len(sys.argv) != 5 or sys.argv[1] not in ("prefix", "deb"):
        sys.exit(__doc__)
    mode, build, tool, hello_wasm = sys.argv[1:]
    scratch = tempfile.mkdtemp(prefix=f"wasmc-install-{mode}-")
    try:
        (test_prefix if mode == "prefix" else test_deb)(os.path.abspath(build), tool, os.path.abspath(hello_wasm),
                                                        scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] or not results["passed"] else 0)


if __name__ == "__main__":
    main()
