;; The harness's own test: every command marked `;; FAIL` (on its first line)
;; must fail, every other one pass (run.py --selftest). It shows that each
;; check can fail.

(module
  (func (export "i32") (param i32) (result i32) (local.get 0))
  (func (export "i64") (param i64) (result i64) (local.get 0))
  (func (export "f32") (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
  (func (export "f64") (param i64) (result f64) (f64.reinterpret_i64 (local.get 0)))
  (func (export "f32-id") (param f32) (result f32) (local.get 0))
  (func (export "two") (param i32 i64) (result i64 i32) (local.get 1) (local.get 0))
  (func (export "v128") (param v128) (result v128) (local.get 0))
  (func (export "ext") (param externref) (result externref) (local.get 0))
  (func (export "ext-null?") (param externref) (result i32) (ref.is_null (local.get 0)))
  (func (export "func-null") (result funcref) (ref.null func))
  (global (export "g") i32 (i32.const 7))
  (global (export "gm") (mut i64) (i64.const -1))
)

(assert_return (invoke "i32" (i32.const 42)) (i32.const 42))
(assert_return (invoke "i32" (i32.const 42)) (i32.const 43)) ;; FAIL: wrong value
(assert_return (invoke "i32" (i32.const -1)) (i32.const 0xffffffff))
(assert_return (invoke "i64" (i64.const -2)) (i64.const 0xfffffffffffffffe))
(assert_return (invoke "i64" (i64.const 1)) (i64.const 0x100000001)) ;; FAIL: upper half
(assert_return (invoke "two" (i32.const 3) (i64.const 4)) (i64.const 4) (i32.const 3))
(assert_return (invoke "two" (i32.const 3) (i64.const 4)) (i64.const 4) (i32.const 4)) ;; FAIL: second result

;; NaN patterns: canonical is exactly the quiet bit (any sign), arithmetic has the quiet bit.
(assert_return (invoke "f32" (i32.const 0x7fc00000)) (f32.const nan:canonical))
(assert_return (invoke "f32" (i32.const 0xffc00000)) (f32.const nan:canonical))
(assert_return (invoke "f32" (i32.const 0x7fc00001)) (f32.const nan:canonical)) ;; FAIL: payload
(assert_return (invoke "f32" (i32.const 0x7fc00001)) (f32.const nan:arithmetic))
(assert_return (invoke "f32" (i32.const 0x7f800001)) (f32.const nan:arithmetic)) ;; FAIL: signaling
(assert_return (invoke "f32" (i32.const 0x7f800000)) (f32.const nan:arithmetic)) ;; FAIL: infinity
(assert_return (invoke "f64" (i64.const 0xfff8000000000000)) (f64.const nan:canonical))
(assert_return (invoke "f64" (i64.const 0x7ff8000000000001)) (f64.const nan:canonical)) ;; FAIL: payload
(assert_return (invoke "f64" (i64.const 0x7ff8000000000001)) (f64.const nan:arithmetic))
(assert_return (invoke "f64" (i64.const 0x7ff0000000000001)) (f64.const nan:arithmetic)) ;; FAIL: signaling
(assert_return (invoke "f32-id" (f32.const -0.0)) (f32.const -0.0))
(assert_return (invoke "f32-id" (f32.const -0.0)) (f32.const 0.0)) ;; FAIL: sign of zero
(assert_return (invoke "f32-id" (f32.const nan:0x1234)) (f32.const nan:0x1234))
(assert_return (invoke "f32-id" (f32.const nan:0x1234)) (f32.const nan:0x1235)) ;; FAIL: payload

;; v128: lanes of each shape, NaN patterns per lane.
(assert_return (invoke "v128" (v128.const i32x4 1 2 3 4)) (v128.const i32x4 1 2 3 4))
(assert_return (invoke "v128" (v128.const i32x4 1 2 3 4)) (v128.const i32x4 1 2 3 5)) ;; FAIL: last lane
(assert_return (invoke "v128" (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15))
  (v128.const i16x8 0x0100 0x0302 0x0504 0x0706 0x0908 0x0b0a 0x0d0c 0x0f0e))
(assert_return (invoke "v128" (v128.const i64x2 -1 0)) (v128.const i8x16 -1 -1 -1 -1 -1 -1 -1 -1 0 0 0 0 0 0 0 1)) ;; FAIL: lane 15
(assert_return (invoke "v128" (v128.const i32x4 0x7fc00000 0x7fc00001 1 0xffc00000))
  (v128.const f32x4 nan:canonical nan:arithmetic 1e-45 nan:canonical))
(assert_return (invoke "v128" (v128.const i32x4 0x7fc00000 0x7fc00001 1 0xffc00000)) ;; FAIL: lane 1 is not canonical
  (v128.const f32x4 nan:canonical nan:canonical 1e-45 nan:canonical))
(assert_return (invoke "v128" (v128.const i64x2 0x7ff8000000000000 0x7ff4000000000000)) ;; FAIL: lane 1 is signaling
  (v128.const f64x2 nan:canonical nan:arithmetic))

;; References: host references are distinct from null and from each other.
(assert_return (invoke "ext" (ref.extern 1)) (ref.extern 1))
(assert_return (invoke "ext" (ref.extern 1)) (ref.extern 2)) ;; FAIL: another reference
(assert_return (invoke "ext" (ref.extern 0)) (ref.null extern)) ;; FAIL: 0 is not null
(assert_return (invoke "ext" (ref.null extern)) (ref.null extern))
(assert_return (invoke "ext-null?" (ref.extern 0)) (i32.const 0))
(assert_return (invoke "ext-null?" (ref.null extern)) (i32.const 1))
(assert_return (invoke "func-null") (ref.null func))

;; Globals.
(assert_return (get "g") (i32.const 7))
(assert_return (get "g") (i32.const 8)) ;; FAIL: wrong value
(assert_return (get "gm") (i64.const -1))
