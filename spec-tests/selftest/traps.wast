;; Traps, exhaustion, actions and instantiation failures (run.py --selftest).

(module
  (type $t (func (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $deep)
  (func (export "unreachable") (unreachable))
  (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
  ;; Recursion through the table: no optimizer can turn it into a loop.
  (func $deep (export "deep") (result i32) (i32.add (call_indirect (type $t) (i32.const 0)) (i32.const 1)))
)

(assert_trap (invoke "unreachable") "unreachable")
(assert_trap (invoke "unreachable") "integer divide by zero") ;; FAIL: another trap
(assert_trap (invoke "div" (i32.const 0)) "integer divide by zero")
(assert_trap (invoke "div" (i32.const 1)) "integer divide by zero") ;; FAIL: no trap
(assert_exhaustion (invoke "deep") "call stack exhausted")
(assert_exhaustion (invoke "div" (i32.const 1)) "call stack exhausted") ;; FAIL: no trap
(invoke "div" (i32.const 2))
(invoke "div" (i32.const 0)) ;; FAIL: an action that traps
(assert_return (invoke "div" (i32.const 1)) (i32.const 1))

;; Instantiation: the start function traps.
(assert_trap (module (func $s (unreachable)) (start $s)) "unreachable")
(assert_trap (module (func $s (unreachable)) (start $s)) "out of bounds memory access") ;; FAIL: another trap
(assert_trap (module (func $s) (start $s)) "unreachable") ;; FAIL: instantiates
(module (func $s (unreachable)) (start $s)) ;; FAIL: a module that traps
