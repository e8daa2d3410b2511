"""The function exports of a binary module, in order, with their parameter types: what the
harness calls (with zeros), as binaryen's --fuzz-exec does."""

import os
import sys

# The binary reading helpers of the spec runner, which reads globals' types the same way.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "spec-tests"))
from run import VALTYPE_LETTERS as LETTERS, read_leb as leb, skip_limits as limits  # noqa: E402


def name(data, i):
    length, i = leb(data, i)
    return data[i:i + length].decode("utf-8"), i + length


def function_exports(path):
    """[(name, parameter letters)] of the function exports in order."""
    return read(path)[0]


def read(path):
    """The function exports [(name, parameter letters)] and each type's result letters."""
    with open(path, "rb") as f:
        data = f.read()
    types, results, funcs, exports = [], [], [], []
    i = 8
    while i < len(data):
        section = data[i]
        size, i = leb(data, i + 1)
        end = i + size
        count, i = leb(data, i) if section in (1, 2, 3, 7) else (0, i)
        for _ in range(count):
            if section == 1:  # 0x60 params results
                n, i = leb(data, i + 1)
                types.append("".join(LETTERS[b] for b in data[i:i + n]))
                n, i = leb(data, i + n)
                results.append("".join(LETTERS[b] for b in data[i:i + n]))
                i += n
            elif section == 2:
                _, i = name(data, i)
                _, i = name(data, i)
                kind = data[i]
                i += 1
                if kind == 0:
                    t, i = leb(data, i)
                    funcs.append(t)
                elif kind == 1:
                    i = limits(data, i + 1)
                elif kind == 2:
                    i = limits(data, i)
                else:
                    i += 2
            elif section == 3:
                t, i = leb(data, i)
                funcs.append(t)
            else:
                export, i = name(data, i)
                kind = data[i]
                index, i = leb(data, i + 1)
                if kind == 0:
                    exports.append((export, types[funcs[index]]))
        i = end
    return exports, results
