#!/usr/bin/env python3
"""Writes wasmc's man page (roff, man(7) macros) from the output of `wasmc --help`.

    help2man.py WASMC VERSION OUTPUT

Like Debian's help2man, but for the layout of our --help (LLVM's style):
"OVERVIEW: wasmc, what it is" gives NAME, "USAGE:" lines the SYNOPSIS, each
"HEADING (a note):" a section whose indented "TERM   description" rows become
tagged paragraphs (continuation rows are indented further), and a loose
paragraph stays in the section it follows. The sections --help has no room
for (environment, files) are appended from EXTRA below.
"""
import re
import subprocess
import sys

EXTRA = [
    ("ENVIRONMENT", [
        ("WASMC_RUNTIME_DIR",
         "The folder holding ARCH/librt.a and ARCH/libwasi.a for each target. By default wasmc "
         "looks in lib/wasmc/ARCH beside its binary (a build tree), then in ../lib/wasmc/ARCH "
         "(an install)."),
        ("WASMC_LLD",
         "The linker of executables (default: the ld.lld-19 found when wasmc was built, "
         "/usr/bin/ld.lld-19 from Debian's lld-19)."),
    ]),
    ("FILES", [
        ("PREFIX/lib/wasmc/ARCH/librt.a, libwasi.a",
         "The freestanding runtime and the WASI host functions that every executable for ARCH "
         "(x86_64, aarch64, riscv64) links."),
        ("PREFIX/share/doc/wasmc/",
         "README.md and the guides: WASI and its grants, components, cross-compilation, benchmarks."),
    ]),
    ("SEE ALSO", "ld.lld(1), clang(1)"),
]


def roff(text):
    """Escapes text for roff: backslashes, minus signs (so that options print as ASCII '-')."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def split_row(row):
    """'TERM   description' -> (term, description); a term is options and their METAVARS."""
    m = re.match(r"(\S.*?)\s{2,}(\S.*)$", row)
    if m:
        return m.group(1), m.group(2)
    words = row.split(" ")
    n = 1
    while n < len(words) and (words[n].startswith("-") or not re.search(r"[a-z]", words[n])):
        n += 1
    return " ".join(words[:n]), " ".join(words[n:])


def parse(help_text):
    """-> (name line, synopsis lines, [(heading, note, [items])]); an item is (term, desc) or a paragraph."""
    name, synopsis, sections = "", [], []
    lines = help_text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.strip():
            continue
        if line.startswith("OVERVIEW:"):
            name = line[len("OVERVIEW:"):].strip()
        elif line.startswith("USAGE:"):
            synopsis.append(line[len("USAGE:"):].strip())
            while i < len(lines) and lines[i].startswith(" ") and lines[i].strip():
                synopsis.append(lines[i].strip())
                i += 1
        elif re.match(r"[A-Z]{2,}[A-Z ]*(\(|:$)", line):
            while not line.endswith(":") and i < len(lines) and lines[i].strip():
                line += " " + lines[i].strip()
                i += 1
            m = re.match(r"([A-Z][A-Z ]*[A-Z])\s*(?:\((.*)\))?:$", line)
            if not m:
                sys.exit(f"help2man.py: cannot read the heading {line!r}")
            sections.append((m.group(1), m.group(2), []))
        elif line.startswith("  ") and sections:
            items = sections[-1][2]
            if line.startswith("     ") and items and isinstance(items[-1], tuple):
                term, desc = items[-1]
                items[-1] = (term, (desc + " " + line.strip()).strip())
            else:
                items.append(split_row(line.strip()))
        elif sections:
            para = [line.strip()]
            while i < len(lines) and lines[i].strip() and not lines[i].startswith(" "):
                para.append(lines[i].strip())
                i += 1
            sections[-1][2].append(" ".join(para))
        else:
            sys.exit(f"help2man.py: text before the first heading: {line!r}")
    if not name or not synopsis or not sections:
        sys.exit("help2man.py: --help has no OVERVIEW, USAGE or sections")
    return name, synopsis, sections


def tagged(term, desc):
    return [".TP", "\\fB" + roff(term) + "\\fR", roff(desc)]


def man_page(help_text, version):
    name, synopsis, sections = parse(help_text)
    prog, _, what = name.partition(", ")
    out = [
        '.\\" Generated from `wasmc --help` by cmake/help2man.py: edit compiler/main.c instead.',
        f'.TH WASMC 1 "" "wasmc {roff(version)}" "User Commands"',
        ".SH NAME",
        f"{roff(prog)} \\- {roff(what or name)}",
        ".SH SYNOPSIS",
    ]
    for n, line in enumerate(synopsis):
        if n:
            out.append(".br")
        out.append(roff(line))
    out += [".SH DESCRIPTION", roff(f"{prog} is {what}." if what else name)]
    for heading, note, items in sections:
        out.append(".SH " + roff(heading))
        if note:
            out.append(roff(note if note.startswith(prog) else note[0].upper() + note[1:]) + ".")
        for item in items:
            out += tagged(*item) if isinstance(item, tuple) else [".PP", roff(item)]
    for heading, body in EXTRA:
        out.append(".SH " + heading)
        if isinstance(body, str):
            out.append(roff(body))
        else:
            for term, desc in body:
                out += tagged(term, desc)
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: help2man.py WASMC VERSION OUTPUT")
    wasmc, version, output = sys.argv[1:]
    help_text = subprocess.run([wasmc, "--help"], check=True, capture_output=True, text=True).stdout
    page = man_page(help_text, version)
    with open(output, "w") as f:
        f.write(page)


if __name__ == "__main__":
    main()
