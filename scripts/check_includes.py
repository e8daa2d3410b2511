#!/usr/bin/env python3
"""Refuses quoted includes that name a path (`#include "../codegen/cg.h"`,
`#include "wasi/p2.h"`): every header comes through the include directories
that CMake gives a library, which hold only its own folder and the public
headers of the libraries below it (docs/architecture.md). A relative path
would reach another folder's private header around them.
Usage: check_includes.py SOURCE_ROOT; prints each offence as FILE:LINE and
exits 1 if there is any."""
import pathlib
import re
import sys

FOLDERS = ("compiler", "codegen", "rtlib", "wasi", "spec-tests", "tests", "bench")
SUFFIXES = {".c", ".h", ".cpp", ".S", ".def", ".inc"}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]*)"')


def ours(relative):
    """Not what tests fetch at run time (tests/.cache/, node_modules/): other projects' code."""
    return not any(part.startswith(".") or part == "node_modules" for part in relative.parts)


def offences(root):
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in SUFFIXES or not path.is_file() or not ours(path.relative_to(root)):
                continue
            # Hidden folders are caches of fetched code (tests/.cache: Yosys's headers), not ours.
            if any(part.startswith(".") for part in path.relative_to(root).parts):
                continue
            for n, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                m = INCLUDE.match(line)
                if m and "/" in m.group(1):
                    yield f"{path.relative_to(root)}:{n}: include by path \"{m.group(1)}\": " \
                          "use the library's include directories (docs/architecture.md)"


def main():
    root = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent
    found = list(offences(root))
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
