#!/bin/sh
# Installs what wasmc needs from Debian 12's packages, builds it, and runs it on
# a shipped example. Safe to run again: apt-get skips what is installed and the
# build is incremental.
set -eu
cd "$(dirname "$0")/.."

PACKAGES="llvm-19-dev clang-19 lld-19 libclang-rt-19-dev libclang-rt-19-dev-wasm32 wasi-libc
libcmocka-dev libelf-dev libdwarf-dev libzstd-dev wabt binaryen qemu-user-static cmake make
python3 git ca-certificates"

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

echo "setup: wasmc validate / inspect on examples/hello.c (compiled to wasm32-wasi)"
build/wasmc validate build/examples/hello.wasm
build/wasmc inspect build/examples/hello.wasm
