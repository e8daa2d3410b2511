;; An out-of-bounds load must trap even when its value only reaches a local nobody reads.
(module
  (memory 1)
  (func (export "f") (param i32) (local i32) (local.set 1 (i32.load offset=65536 (local.get 0))))
  (func (export "g") (param i32) (result i32) (local i32) (local.set 1 (i32.load offset=65536 (local.get 0))) (i32.const 1)))
(assert_trap (invoke "f" (i32.const 0)) "out of bounds memory access")
(assert_trap (invoke "g" (i32.const 0)) "out of bounds memory access")
