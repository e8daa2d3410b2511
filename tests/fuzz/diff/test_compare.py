#!/usr/bin/env python3
"""The comparison rules of compare.py, each case one that must hold or must fail."""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402
import native  # noqa: E402
import reference  # noqa: E402


class Values(unittest.TestCase):
    def test_binaryen_float_text(self):
        self.assertEqual(compare.float_bits("1.5", 32), 0x3FC00000)
        self.assertEqual(compare.float_bits("0.10000000149011612", 32), 0x3DCCCCCD)
        self.assertEqual(compare.float_bits("1.e+300", 64), 0x7E37E43C8800759C)
        self.assertEqual(compare.float_bits("-0", 64), 1 << 63)
        self.assertEqual(compare.float_bits("-inf", 32), 0xFF800000)
        self.assertEqual(compare.float_bits("nan:0x400000", 32), 0x7FC00000)
        self.assertEqual(compare.float_bits("-nan:0x1", 32), 0xFF800001)

    def test_integers(self):
        self.assertTrue(compare.value_matches("-1", "i", "ffffffff"))
        self.assertFalse(compare.value_matches("-1", "i", "fffffffe"))
        self.assertTrue(compare.value_matches("-4029 -1", "I", "fffffffffffff043"))  # a log: low, high
        self.assertTrue(compare.value_matches("-5", "I", "fffffffffffffffb"))       # a result: whole

    def test_nans(self):
        self.assertTrue(compare.value_matches("nan:0x400000", "f", "ffc00000"))    # quiet: any quiet NaN
        self.assertTrue(compare.value_matches("-nan:0x7fea44", "f", "7fc00000"))
        self.assertFalse(compare.value_matches("nan:0x400000", "f", "7f800001"))   # not a signalling one
        self.assertFalse(compare.value_matches("-nan:0x394770", "f", "fff94770"))  # signalling: exact
        self.assertTrue(compare.value_matches("-nan:0x394770", "f", "ffb94770"))
        self.assertFalse(compare.value_matches("1.5", "f", "7fc00000"))

    def test_v128(self):
        ref = "i32x4 0x7fc00000 0x7fc00000 0x00000000 0x00000000"
        self.assertTrue(compare.value_matches(ref, "v", "ffffea44,ffffffff,0,0"))
        self.assertFalse(compare.value_matches(ref, "v", "ffffea44,ffffffff,0,1"))
        self.assertTrue(compare.value_matches("i32x4 0x00000000 0x7ff80000 0x1 0x2", "v", "1234,fff80000,1,2"))
        self.assertFalse(compare.value_matches("i32x4 0x3f800000 0x0 0x0 0x0", "v", "7fc00000,0,0,0"))


class Traces(unittest.TestCase):
    REF = """[fuzz-exec] calling a
[LoggingExternalInterface logging 5]
[fuzz-exec] note result: a => (1, 2.5)
[fuzz-exec] calling b
[trap i32.div_s by 0]
[fuzz-exec] calling c
"""

    def outcome(self, *calls):
        return native.Outcome(calls=list(calls))

    def test_same(self):
        ref = reference.parse(self.REF)
        ours = self.outcome(([("i", "5")], "result", [("i", "1"), ("f", "40200000")]),
                            ([], "trap", "integer divide by zero"), ([], "result", []))
        self.assertIsNone(compare.compare(ref, ours))

    def test_differences(self):
        ref = reference.parse(self.REF)
        wrong_log = self.outcome(([("i", "6")], "result", [("i", "1"), ("f", "40200000")]),
                                 ([], "trap", "integer divide by zero"), ([], "result", []))
        wrong_trap = self.outcome(([("i", "5")], "result", [("i", "1"), ("f", "40200000")]),
                                  ([], "trap", "integer overflow"), ([], "result", []))
        no_trap = self.outcome(([("i", "5")], "result", [("i", "1"), ("f", "40200000")]),
                               ([], "result", []), ([], "result", []))
        missing = self.outcome(([("i", "5")], "result", [("i", "1"), ("f", "40200000")]))
        for ours in (wrong_log, wrong_trap, no_trap, missing):
            self.assertIsNotNone(compare.compare(ref, ours))

    def test_traps_map_to_the_spec(self):
        self.assertEqual(compare.spec_trap("final > memory: 5 > 3"), "out of bounds memory access")
        self.assertEqual(compare.spec_trap("i32.truncSFloat overflow"), "integer overflow")
        self.assertEqual(compare.spec_trap("truncSFloat of nan"), "invalid conversion to integer")
        self.assertEqual(compare.spec_trap("callIndirect: function types don't match"), "indirect call type mismatch")
        self.assertTrue(compare.spec_trap("something new").startswith("binaryen: "))


if __name__ == "__main__":
    unittest.main()
