;; x - 0.0, x * 1.0, x / 1.0, x / -1.0, -0.0 - x, -1.0 * x, demote(promote(x)) must quiet a signaling NaN.
(module
  (func (export "sub0") (param f32) (result f32) (f32.sub (local.get 0) (f32.const 0.0)))
  (func (export "mul1") (param f64) (result f64) (f64.mul (local.get 0) (f64.const 1.0)))
  (func (export "divm1") (param f32) (result f32) (f32.div (local.get 0) (f32.const -1.0)))
  (func (export "promote_demote") (param f32) (result f32) (f32.demote_f64 (f64.promote_f32 (local.get 0)))))
(assert_return (invoke "sub0" (f32.const nan:0x200000)) (f32.const nan:arithmetic))
(assert_return (invoke "mul1" (f64.const nan:0x4000000000000)) (f64.const nan:arithmetic))
(assert_return (invoke "divm1" (f32.const nan:0x200000)) (f32.const nan:arithmetic))
(assert_return (invoke "promote_demote" (f32.const nan:0x200000)) (f32.const nan:arithmetic))
