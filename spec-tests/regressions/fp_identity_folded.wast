;; A v128 constant made by an i16x8.add of two constants of other lane shapes, used as an f32x4
;; operand: lowering hides such a constant from LLVM's folder in a global (cg_opaque_fp_const),
;; and the C API's builder had left it a constant expression (bitcasts and i16 adds), which the
;; assembler could not encode: "value evaluated as 128810 is out of range", no executable at
;; -O0 or -O2. The initializer is now folded with the data layout (codegen/cg_fold.cpp).
;; Found by the differential fuzzer (seed 125386, reduced with wasm-reduce).
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
