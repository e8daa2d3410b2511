;; Import resolution: registered instances and the spectest module (run.py --selftest).

(module $M
  (func (export "f") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (global (export "g") i32 (i32.const 5))
  (global (export "gm") (mut i32) (i32.const 6))
  (table (export "t") 2 4 funcref)
  (memory (export "m") 1 2)
)
(register "M" $M)

(module $N
  (import "M" "f" (func $f (param i32) (result i32)))
  (import "M" "g" (global $g i32))
  (import "M" "gm" (global $gm (mut i32)))
  (import "M" "t" (table 2 funcref))
  (import "M" "m" (memory 1))
  (import "spectest" "print_i32" (func $print (param i32)))
  (import "spectest" "global_i32" (global $sg i32))
  (import "spectest" "global_f64" (global $sf f64))
  (import "spectest" "table" (table 10 20 funcref))
  (func (export "call") (param i32) (result i32) (call $print (local.get 0)) (call $f (local.get 0)))
  (func (export "sum") (result i32) (i32.add (global.get $g) (global.get $gm)))
  (func (export "spectest") (result i32 f64) (global.get $sg) (global.get $sf))
  (func (export "set") (global.set $gm (i32.const 10)))
)
(assert_return (invoke "call" (i32.const 1)) (i32.const 2))
(assert_return (invoke "sum") (i32.const 11))
(assert_return (invoke "spectest") (i32.const 666) (f64.const 666.6))
(invoke "set")
(assert_return (invoke $M "f" (i32.const 9)) (i32.const 10))
(assert_return (get $M "gm") (i32.const 10))
(assert_return (invoke $N "sum") (i32.const 15))

(module
  (import "spectest" "memory" (memory 1 2))
  (data (i32.const 65535) "\2a")
  (func (export "load") (param i32) (result i32) (i32.load8_u (local.get 0))))
(assert_return (invoke "load" (i32.const 65535)) (i32.const 42))
(assert_trap (invoke "load" (i32.const 65536)) "out of bounds memory access")
(module (import "spectest" "memory" (memory 1)) (func (export "grow") (result i32) (memory.grow (i32.const 1))))
(assert_return (invoke "grow") (i32.const 1))
(assert_return (invoke "grow") (i32.const -1))
(assert_unlinkable (module (import "spectest" "memory" (memory 3))) "incompatible import type")

(assert_unlinkable (module (import "M" "nope" (func))) "unknown import")
(assert_unlinkable (module (import "nope" "f" (func))) "unknown import")
(assert_unlinkable (module (import "M" "f" (func (param i64) (result i32)))) "incompatible import type")
(assert_unlinkable (module (import "M" "f" (global i32))) "incompatible import type")
(assert_unlinkable (module (import "M" "g" (global (mut i32)))) "incompatible import type")
(assert_unlinkable (module (import "M" "gm" (global i32))) "incompatible import type")
(assert_unlinkable (module (import "M" "g" (global i64))) "incompatible import type")
(assert_unlinkable (module (import "M" "t" (table 3 funcref))) "incompatible import type")
(assert_unlinkable (module (import "M" "t" (table 2 3 funcref))) "incompatible import type")
(assert_unlinkable (module (import "M" "t" (table 2 externref))) "incompatible import type")
(assert_unlinkable (module (import "M" "m" (memory 2))) "incompatible import type")
(assert_unlinkable (module (import "M" "m" (memory 1 1))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "memory" (memory 0 1))) "incompatible import type")
(assert_unlinkable (module (import "spectest" "global_i32" (global f32))) "incompatible import type")
(assert_unlinkable (module (import "M" "f" (func (param i32) (result i32)))) "unknown import") ;; FAIL: links
(module (import "M" "nope" (func))) ;; FAIL: unlinkable module

;; A failed instantiation keeps the segments it already applied (spec 2.0).
(module $T (table (export "t") 3 funcref) (func (export "f") (result i32) (i32.const 7)))
(register "T" $T)
(assert_trap
  (module
    (import "T" "t" (table 3 funcref))
    (func $g (result i32) (i32.const 8))
    (elem (i32.const 1) $g)
    (func $s (unreachable)) (start $s))
  "unreachable")
(module $U
  (import "T" "t" (table 3 funcref))
  (type $r (func (result i32)))
  (func (export "at") (param i32) (result i32) (call_indirect (type $r) (local.get 0))))
(assert_return (invoke "at" (i32.const 1)) (i32.const 8))
(assert_trap (invoke "at" (i32.const 0)) "uninitialized element")
