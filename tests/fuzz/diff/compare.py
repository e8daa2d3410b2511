"""Comparing a module's trace under wasmc with binaryen's, by the rules of docs/testing.md
("Differential fuzzing"): values bit for bit except NaNs as the spec allows, traps by kind,
and what binaryen's interpreter cannot be compared on (its call depth limit, references'
identities) set aside explicitly.
"""

import struct

# binaryen's trap messages (a prefix or a part) -> the spec's trap (rtlib's message).
BINARYEN_TRAPS = [
    ("unreachable", "unreachable"),
    ("> memory", "out of bounds memory access"),
    ("out of bounds segment access in memory.", "out of bounds memory access"),
    ("out of bounds memory access", "out of bounds memory access"),
    ("by 0", "integer divide by zero"),
    ("div_s overflow", "integer overflow"),
    ("Float overflow", "integer overflow"),
    ("Float of nan", "invalid conversion to integer"),
    ("callTable overflow", "undefined element"),
    ("uninitialized table element", "uninitialized element"),
    ("callIndirect: function types don't match", "indirect call type mismatch"),
    ("callIndirect: function signatures don't match", "indirect call type mismatch"),
    ("out of bounds table access", "out of bounds table access"),
    ("out of bounds segment access in table.", "out of bounds table access"),
    ("null", "null reference"),
]

STACK_LIMIT = "stack limit"  # binaryen's call depth limit, far below a real stack: not comparable


def spec_trap(binaryen_message):
    for part, spec in BINARYEN_TRAPS:
        if part in binaryen_message:
            return spec
    return "binaryen: " + binaryen_message


def float_bits(text, width):
    """binaryen's printing of an f32/f64 (1.5, -0, 1.e+300, inf, -nan:0x400000) as bits."""
    mantissa = 23 if width == 32 else 52
    exp_all = ((1 << (width - 1 - mantissa)) - 1) << mantissa
    sign = 1 << (width - 1) if text.startswith("-") else 0
    body = text.lstrip("-")
    if body.startswith("nan"):
        payload = int(body.split(":", 1)[1], 16) if ":" in body else 1 << (mantissa - 1)
        return sign | exp_all | payload
    if body == "inf":
        return sign | exp_all
    value = float(text)
    if width == 32:
        return struct.unpack("<I", struct.pack("<f", value))[0]
    return struct.unpack("<Q", struct.pack("<d", value))[0]


def is_nan(bits, width):
    mantissa = 23 if width == 32 else 52
    exp_all = ((1 << (width - 1 - mantissa)) - 1) << mantissa
    return bits & exp_all == exp_all and bits & ((1 << mantissa) - 1) != 0


def floats_match(ref, ours, width):
    """Bit for bit, but a quiet NaN of binaryen's (what arithmetic makes, and the spec lets
    arithmetic make any quiet NaN: sign and payload free) matches any quiet NaN; a signalling
    NaN only comes from moves and bit operations, which the spec makes exact."""
    if ref == ours:
        return True
    quiet = 1 << (22 if width == 32 else 51)
    return is_nan(ref, width) and is_nan(ours, width) and bool(ref & quiet) and bool(ours & quiet)


def v128_matches(ref, ours):
    """i32x4 lanes; neither side knows the shape, so lanes that differ match if they are quiet NaNs
    on both sides as f32x4 lanes, or all differing bits fall in f64x2 lanes that are."""
    if ref == ours:
        return True
    if all(r == o or floats_match(r, o, 32) for r, o in zip(ref, ours)):
        return True
    wide = [(ref[i] | ref[i + 1] << 32, ours[i] | ours[i + 1] << 32) for i in (0, 2)]
    return all(r == o or floats_match(r, o, 64) for r, o in wide)


def value_matches(ref_text, our_type, our_hex):
    ours = int(our_hex, 16) if our_type not in "rev" else our_hex
    if our_type == "i":
        return int(ref_text) & 0xFFFFFFFF == ours
    if our_type == "I":
        parts = ref_text.split(" ")
        if len(parts) == 2:  # logs print an i64 as its low and high halves
            return (int(parts[0]) & 0xFFFFFFFF) | (int(parts[1]) & 0xFFFFFFFF) << 32 == ours
        return int(ref_text) & 0xFFFFFFFFFFFFFFFF == ours
    if our_type in "fF":
        width = 32 if our_type == "f" else 64
        return floats_match(float_bits(ref_text, width), ours, width)
    if our_type == "v":
        lanes = ref_text.split(" ")
        return lanes[0] == "i32x4" and v128_matches([int(x, 16) for x in lanes[1:]],
                                                    [int(x, 16) for x in our_hex.split(",")])
    # References: binaryen prints a null one as TYPE(null) in a tuple, a bare TYPE alone (either way).
    if "(" not in ref_text:
        return True
    return (ref_text.endswith("(null)")) == (ours == "null")


def split_results(text):
    if text.startswith("(") and text.endswith(")"):
        return text[1:-1].split(", ")
    return [text]


def compare(ref_calls, outcome):
    """None if the traces agree, else a one-line description of the first difference.
    Returns "stack limit" (a string starting with it) when binaryen hit its depth limit."""
    if outcome.error:
        return outcome.error
    if not ref_calls:
        return None if outcome.inst_trap else "binaryen did not instantiate (or call anything), wasmc did"
    if outcome.inst_trap:
        return f"wasmc did not instantiate: {outcome.inst_trap}"
    for i, ref in enumerate(ref_calls):
        if i >= len(outcome.calls):
            return f"{ref.name}: no report from wasmc"
        logs, end, values = outcome.calls[i]
        if ref.end == "trap" and ref.values.startswith(STACK_LIMIT):
            return f"{STACK_LIMIT} in {ref.name}: not compared from here on"
        for j, (ref_log, ours) in enumerate(zip(ref.logs, logs)):
            if not value_matches(ref_log, *ours):
                return f"{ref.name}: log {j}: binaryen {ref_log}, wasmc {ours[0]}:{ours[1]}"
        if len(ref.logs) != len(logs):
            return f"{ref.name}: {len(ref.logs)} logs from binaryen, {len(logs)} from wasmc"
        if ref.end == "trap" or end == "trap":
            want = spec_trap(ref.values) if ref.end == "trap" else "no trap"
            got = values if end == "trap" else "no trap"
            if want != got:
                return f"{ref.name}: binaryen {ref.values if ref.end == 'trap' else 'returned'}, wasmc {got}"
            continue
        if ref.end == "result":
            texts = split_results(ref.values)
            if len(texts) != len(values):
                return f"{ref.name}: {len(texts)} results from binaryen, {len(values)} from wasmc"
            for k, (text, ours) in enumerate(zip(texts, values)):
                if not value_matches(text, *ours):
                    return f"{ref.name}: result {k}: binaryen {text}, wasmc {ours[0]}:{ours[1]}"
    if len(outcome.calls) != len(ref_calls):
        return f"{len(ref_calls)} calls by binaryen, {len(outcome.calls)} by wasmc"
    return None
