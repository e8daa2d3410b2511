;; NaN bits must survive a return. A function returning three or more floats returned them
;; as an LLVM struct, and x86-64 code returns the third floating-point field in the x87
;; register ST0 (flds/fstps), which quiets a signalling NaN: f32 0xffb94770 came back as
;; 0xfff94770. Multi-value results now carry floats as their bits (cg_func_type). Found by the
;; differential fuzzer (tests/fuzz/diff); fails at -O0 and -O2 without the fix.
(module
  (func (export "one") (result f32) (f32.const -nan:0x394770))
  (func (export "two") (result f32 f32) (f32.const 2) (f32.const -nan:0x394770))
  (func (export "three") (result f64 f32 f32) (f64.const 1) (f32.const 2) (f32.const -nan:0x394770))
  (func $three (result f32 f32 f32) (f32.const 1) (f32.const 2) (f32.const -nan:0x394770))
  (func (export "inner") (result i32)
    (call $three) (i32.reinterpret_f32) (return) (drop) (drop)))
(assert_return (invoke "one") (f32.const -nan:0x394770))
(assert_return (invoke "two") (f32.const 2) (f32.const -nan:0x394770))
(assert_return (invoke "three") (f64.const 1) (f32.const 2) (f32.const -nan:0x394770))
(assert_return (invoke "inner") (i32.const 0xffb94770))
