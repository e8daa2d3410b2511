;; f32/f64.min/max with a signaling NaN operand must return an arithmetic (quiet) NaN.
(module
  (func (export "f32.min") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
  (func (export "f64.max") (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1))))
(assert_return (invoke "f32.min" (f32.const 0) (f32.const nan:0x200000)) (f32.const nan:arithmetic))
(assert_return (invoke "f64.max" (f64.const nan:0x4000000000000) (f64.const 1)) (f64.const nan:arithmetic))
