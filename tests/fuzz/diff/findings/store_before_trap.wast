;; OPEN (fails today at -O2; passes at -O0, and failed the same way before the deleted-load
;; fix): a loop that stores to a global and then traps on an out-of-bounds load. The trap must
;; come after the store, but LLVM thinks a load cannot fault: it takes the global's stores out
;; of the loop (LICM's scalar promotion, to the loop's exits), and the loop leaves only by the
;; trap, so the store is lost. Found by the differential fuzzer (seed 202931, reduced with
;; wasm-reduce; 1 module of about 2,300 on each target at -O2).
(module
  (memory 1)
  (global $g (mut f32) (f32.const 1))
  (global $n (mut i32) (i32.const 10))
  (func (export "f")
    (loop $l
      (global.set $n (i32.sub (global.get $n) (i32.const 1)))
      (global.set $g (f32.const 2))
      (block $b (br_if $b (i32.eqz (i32.load16_u offset=4 (i32.const -2881924)))))
      (global.set $n (i32.const -1))
      (br $l)))
  (func (export "g") (result f32) (global.get $g)))
(assert_trap (invoke "f") "out of bounds memory access")
(assert_return (invoke "g") (f32.const 2))
