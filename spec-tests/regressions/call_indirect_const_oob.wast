;; call_indirect through a table of known elements with a constant index far beyond it: the
;; check traps, but unoptimized code addressed the constant arrays with the index on the dead
;; path after it, and array + 8 * 0x0fffffff overflowed a 32-bit relocation: the link failed.
;; Found by the differential fuzzer (tests/fuzz/diff, seed 1371 at -O0); run at -O0 and -O2.
(module
  (type $v (func))
  (table 2 funcref)
  (elem (i32.const 0) $f $f)
  (func $f)
  (func (export "far") (call_indirect (type $v) (i32.const 0x0fffffff)))
  (func (export "farther") (call_indirect (type $v) (i32.const 0x7fffffff)))
  (func (export "near") (call_indirect (type $v) (i32.const 1))))
(assert_trap (invoke "far") "undefined element")
(assert_trap (invoke "farther") "undefined element")
(assert_return (invoke "near"))
