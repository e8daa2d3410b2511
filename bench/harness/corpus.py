"""The benchmark programs: bench/kernels/NAME.c, each taking one size argument and printing a checksum."""

import os
from dataclasses import dataclass, field

BENCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KERNELS_DIR = os.path.join(BENCH_DIR, "kernels")


@dataclass(frozen=True)
class Program:
    name: str
    category: str
    size: str            # the default argument: 0.3-3 s natively
    quick_size: str      # the argument in --quick mode: milliseconds
    wasm_flags: tuple = field(default=())  # extra clang flags for the wasm32-wasi build only

    @property
    def source(self):
        return os.path.join(KERNELS_DIR, self.name + ".c")


PROGRAMS = [
    Program("hash", "integer", "300", "2"),
    Program("lz77", "integer", "60", "1"),
    Program("sort", "integer", "1000000", "20000"),
    Program("interp", "integer", "6000000", "20000"),
    Program("nbody", "float", "6000000", "1000"),
    Program("spectral", "float", "2500", "100"),
    Program("matmul", "float", "900", "64"),
    Program("stencil", "float", "350", "2"),
    Program("walk", "memory", "10", "1"),
    Program("chase", "memory", "3000000", "1000"),
    Program("fib", "calls", "33", "20"),
    Program("dispatch", "calls", "4500", "5"),
    # Scalar wasm loops that native code vectorizes (issue 15): the wasm is built without -msimd128,
    # as toolchains ship it by default.
    Program("jacobi1d", "vector", "2000", "5"),
    Program("gemver", "vector", "150", "1"),
    Program("blur", "vector", "300", "1"),
    Program("dot", "vector", "400", "2"),
    Program("trisolv", "vector", "500", "2"),
    Program("floyd", "vector", "1000", "100"),
    # The vectorizer targets wasm's SIMD only with simd128 enabled; natively x86-64's baseline SSE2 is on.
    Program("simd", "simd", "40000", "10", ("-msimd128",)),
]

STARTUP_SOURCE = os.path.join(BENCH_DIR, "startup", "hello.c")


def select(names):
    """The programs named (all when names is empty); an unknown name raises ValueError."""
    if not names:
        return list(PROGRAMS)
    by_name = {p.name: p for p in PROGRAMS}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValueError("unknown program(s): " + ", ".join(unknown) + "; known: " + ", ".join(by_name))
    return [by_name[n] for n in names]
