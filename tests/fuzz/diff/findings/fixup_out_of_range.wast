;; OPEN (fails today at -O0 and -O2, and did before the deleted-load fix): wasmc cannot
;; compile this module: "error: <unknown>:0: value evaluated as 128810 is out of range." (an
;; assembler fixup). Found by the differential fuzzer (seed 125386, reduced with wasm-reduce).
(module
  (memory 16 17)
  (func (export "f") (param f32 f64 f32 f64 f32)
    (drop
      (v128.load offset=4 align=4
        (select (i32.const 55119) (i32.const 0)
          (i32x4.all_true
            (f32x4.mul
              (v128.const i32x4 0x00000000 0x40e00000 0x00000000 0xb8100000)
              (i16x8.add (v128.const i32x4 0x254cffdf 0x00010000 0x00000001 0x0000fff0)
                         (v128.const i32x4 0xfffff74b 0xffffffff 0x00000000 0x00000100)))))))))
(assert_return (invoke "f" (f32.const 0) (f64.const 0) (f32.const 0) (f64.const 0) (f32.const 0)))
