;; OPEN (fails at -O2, passes at -O0; also fails with the wasmc of e6d3e12): a loop decrements a
;; global and then traps on an out-of-bounds store. The global's new value must be visible after
;; the trap, but LICM promotes the global to a register for the loop and stores it back only at
;; the loop's exit, which the trap never reaches. The same kind as store_before_trap.wast, with
;; a trapping store instead of a load. Found by the differential fuzzer (seed 133596, reduced
;; with wasm-reduce).
(module
  (memory 1)
  (global $g (mut i32) (i32.const 10))
  (func (export "f")
    (loop $l
      (if (global.get $g)
        (then
          (global.set $g (i32.sub (global.get $g) (i32.const 1)))
          (i64.store offset=22 (i32.const -123) (i64.const 23))
          (br $l)))))
  (func (export "g") (result i32) (global.get $g)))
(assert_trap (invoke "f") "out of bounds memory access")
(assert_return (invoke "g") (i32.const 9))
