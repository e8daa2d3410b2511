#!/bin/sh
# Installs what wasmc needs from Debian 12's packages, builds it, compiles a
# shipped example to a native executable and runs it. Safe to run again: apt-get skips what is installed and the
# build is incremental.
set -eu
cd "$(dirname "$0")/.."

PACKAGES="llvm-19-dev clang-19 lld-19 libclang-rt-19-dev libclang-rt-19-dev-wasm32 wasi-libc
libcmocka-dev libelf-dev libdwarf-dev libzstd-dev libssl-dev wabt binaryen qemu-user-static cmake make
python3 git ca-certificates gnuplot-nox dpkg-dev man-db skopeo umoci"

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "setup: installing$missing"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi

scripts/build.sh

echo "setup: compiling examples/hello.c (built to wasm32-wasi) with wasmc, then running it"
build/wasmc build/examples/hello.wasm -o build/hello
build/hello from the README
