;; An out-of-bounds load must trap even when its value ends up unused. LLVM deletes loads
;; whose values are unused; every memory load is kept alive through the optimizer
;; (codegen/cg_keep_loads.cpp) and the unused ones end volatile. a-f: found by the
;; differential fuzzer (tests/fuzz/diff: 12% of modules at -O2 before the fix); g-q: the
;; other ways a value dies in LLVM or a load moves or shrinks in code generation, each of
;; which lost the trap before.
(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (func (export "a") (result i32)
    (drop (f32.ne (f32.div (f32.const 1) (f32x4.extract_lane 1 (v128.load (i32.const 0x9999999a))))
                  (f32.const 2)))
    (i32.const 7))
  (func (export "b") (result i32)
    (drop (block (result i32) (i32.load (i32.const 0x9999999a))))
    (i32.const 7))
  (func (export "c") (result i32) (local i32)
    (local.set 0 (i32.load (i32.const 0x9999999a)))
    (drop (local.get 0))
    (i32.const 7))
  (func (export "d") (result i32) (local i32)
    (local.set 0 (i32.load (i32.const 0x9999999a)))
    (if (local.get 0) (then nop))
    (i32.const 7))
  (func (export "e") (result i32)
    (drop (i32.add (i32.add (i32.add (i32.add (i32.add (i32.load (i32.const 0x9999999a))
      (i32.const 1)) (i32.const 1)) (i32.const 1)) (i32.const 1)) (i32.const 1)))
    (i32.const 7))
  (func (export "f") (result i32)
    (drop (select (i32.load (i32.const 0x9999999a)) (i32.const 1) (i32.const 1)))
    (i32.const 7))
  ;; A select whose condition is constant: the load is not chosen.
  (func (export "g") (param i32) (result i32)
    (select (i32.const 5) (i32.load (local.get 0)) (i32.const 1)))
  ;; A value that folds away: x * 0, x & 0, zext8(x) < 256.
  (func (export "h") (param i32) (result i32)
    (i32.mul (i32.load (local.get 0)) (i32.const 0)))
  (func (export "i") (param i32) (result i32)
    (i32.lt_u (i32.load8_u (local.get 0)) (i32.const 256)))
  ;; A store that a later store to the same address overwrites (DSE), of a loaded value.
  (func (export "j") (param i32)
    (i32.store (i32.const 16) (i32.load (local.get 0)))
    (i32.store (i32.const 16) (i32.const 0)))
  ;; A global set twice: the first value is dead.
  (func (export "k") (param i32)
    (global.set $g (i32.load (local.get 0)))
    (global.set $g (i32.const 0)))
  ;; A callee's loaded result that its caller drops, once inlined.
  (func $load (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "l") (param i32) (result i32)
    (drop (call $load (local.get 0)))
    (i32.const 7))
  ;; A callee whose loaded parameter its caller's constant makes unused, once inlined.
  (func $pick (param i32 i32) (result i32) (select (local.get 0) (i32.const 3) (local.get 1)))
  (func (export "m") (param i32) (result i32)
    (call $pick (i32.load (local.get 0)) (i32.const 0)))
  ;; A loop whose only effect is its loads: it must not be deleted.
  (func (export "n") (param i32) (local i32)
    (loop $l
      (drop (i32.load (local.get 0)))
      (local.set 0 (i32.add (local.get 0) (i32.const 0x1000)))
      (br_if $l (i32.lt_u (local.tee 1 (i32.add (local.get 1) (i32.const 1))) (i32.const 8)))))
  ;; A load whose value only one branch uses: it must not sink into that branch.
  (func (export "o") (param i32 i32) (result i32) (local i32)
    (local.set 2 (i32.load (local.get 0)))
    (if (result i32) (local.get 1) (then (local.get 2)) (else (i32.const 9))))
  ;; Only a lane of a vector load is used: the load must not narrow to that lane.
  (func (export "p") (param i32) (result i32)
    (i32x4.extract_lane 0 (v128.load (local.get 0))))
  ;; Code generation: a load only a branch uses must not sink into it (MachineSink), a load
  ;; used in part must not narrow to that part (DAGCombiner): wrap, mask, low lane.
  (func (export "r") (param i32 i32) (local i32)
    (local.set 2 (i32.load (local.get 0)))
    (if (local.get 1) (then (i32.store (i32.const 8) (local.get 2)))))
  (func (export "s") (param i32) (result i32)
    (i32.wrap_i64 (i64.load (local.get 0))))
  (func (export "t") (param i32) (result i32)
    (i32.and (i32.load (local.get 0)) (i32.const 255)))
  ;; A sum of loads that is never used, in a loop the vectorizer would take.
  (func (export "q") (param i32) (local i32 i32)
    (loop $l
      (local.set 2 (i32.add (local.get 2) (i32.load (i32.add (local.get 0) (i32.shl (local.get 1) (i32.const 2))))))
      (br_if $l (i32.lt_u (local.tee 1 (i32.add (local.get 1) (i32.const 1))) (i32.const 64))))))
(assert_trap (invoke "a") "out of bounds memory access")
(assert_trap (invoke "b") "out of bounds memory access")
(assert_trap (invoke "c") "out of bounds memory access")
(assert_trap (invoke "d") "out of bounds memory access")
(assert_trap (invoke "e") "out of bounds memory access")
(assert_trap (invoke "f") "out of bounds memory access")
(assert_trap (invoke "g" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "g" (i32.const 65532)) (i32.const 5))
(assert_trap (invoke "h" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "h" (i32.const 0)) (i32.const 0))
(assert_trap (invoke "i" (i32.const 65536)) "out of bounds memory access")
(assert_return (invoke "i" (i32.const 65535)) (i32.const 1))
(assert_trap (invoke "j" (i32.const 65534)) "out of bounds memory access")
(assert_trap (invoke "k" (i32.const 65534)) "out of bounds memory access")
(assert_trap (invoke "l" (i32.const 65535)) "out of bounds memory access")
(assert_return (invoke "l" (i32.const 0)) (i32.const 7))
(assert_trap (invoke "m" (i32.const 65535)) "out of bounds memory access")
(assert_return (invoke "m" (i32.const 0)) (i32.const 3))
(assert_trap (invoke "n" (i32.const 0x9000)) "out of bounds memory access")
(assert_return (invoke "n" (i32.const 0x8000)))
(assert_trap (invoke "o" (i32.const 65533) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "o" (i32.const 65532) (i32.const 0)) (i32.const 9))
(assert_trap (invoke "p" (i32.const 65524)) "out of bounds memory access")
(assert_return (invoke "p" (i32.const 65520)) (i32.const 0))
(assert_trap (invoke "q" (i32.const 65284)) "out of bounds memory access")
(assert_return (invoke "q" (i32.const 65280)))
(assert_trap (invoke "r" (i32.const 65533) (i32.const 0)) "out of bounds memory access")
(assert_return (invoke "r" (i32.const 65532) (i32.const 1)))
(assert_trap (invoke "s" (i32.const 65532)) "out of bounds memory access")
(assert_return (invoke "s" (i32.const 65528)) (i32.const 0))
(assert_trap (invoke "t" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "t" (i32.const 65532)) (i32.const 0))
(module
  (memory 1)
  ;; Sign-extending the low byte in place, as a pair of shifts: a load of that byte alone.
  (func (export "u") (param i32) (result i32)
    (i32.shr_s (i32.shl (i32.load (local.get 0)) (i32.const 24)) (i32.const 24))))
(assert_trap (invoke "u" (i32.const 65533)) "out of bounds memory access")
(assert_return (invoke "u" (i32.const 65532)) (i32.const 0))
(module
  (memory 1)
  (data (i32.const 0) "\9a\99\99\99")
  ;; Pointer chasing whose last pointer nobody uses: the loads and the loop's phi form a
  ;; cycle that nothing else uses, which code generation deletes (differential fuzzer,
  ;; seed 113507).
  (func (export "v") (param i32 i32) (local i32)
    (loop $l
      (local.set 0 (i32.load (local.get 0)))
      (br_if $l (i32.lt_u (local.tee 2 (i32.add (local.get 2) (i32.const 1))) (local.get 1))))))
(assert_trap (invoke "v" (i32.const 0) (i32.const 4)) "out of bounds memory access")
(assert_return (invoke "v" (i32.const 0) (i32.const 1)))
(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  ;; A load whose value only a phi behind a branch takes (the early return's): code generation
  ;; split that edge and sank the load into it (differential fuzzer, seed 114254).
  (func (export "x") (param i32 i32) (result i32) (local i32)
    (local.set 2 (i32.load16_s (local.get 0)))
    (if (i32.eqz (local.get 1)) (then (return (local.get 2))))
    (global.set $g (local.get 1))
    (i32.const 5)))
(assert_trap (invoke "x" (i32.const 65535) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "x" (i32.const 0) (i32.const 1)) (i32.const 5))
(module
  (memory 1)
  (global $a (mut i32) (i32.const 0))
  ;; The load decides only when the select's condition is zero: a logical and whose second
  ;; test instruction selection branched on apart, and MachineSink moved the load behind the
  ;; first (differential fuzzer, seed 113570, reduced).
  (func (export "y") (param i32 i32)
    (if (i64.eqz (select (i64.const 1) (i64.load8_s offset=3 (local.get 0)) (local.get 1)))
      (then (global.set $a (i32.const 1))))))
(assert_trap (invoke "y" (i32.const 65533) (i32.const 1)) "out of bounds memory access")
(assert_return (invoke "y" (i32.const 0) (i32.const 0)))
(module
  (memory 1)
  ;; b[i] = i + 1 after a load of a[i] whose value is dropped: its keep-alive stays through
  ;; the vectorizer, which took the loop without wasmc-widen's check (cg_widen.cpp skipped
  ;; loops with calls); it must trap after exactly the stores below the end of a.
  (func (export "z") (param $a i32) (param $b i32) (param $n i32) (local $i i32) (local $k i32)
    (loop $l
      (local.set $k (i32.shl (local.get $i) (i32.const 2)))
      (drop (i32.load (i32.add (local.get $a) (local.get $k))))
      (i32.store (i32.add (local.get $b) (local.get $k)) (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n)))))
  (func (export "i32") (param i32) (result i32) (i32.load (local.get 0))))
(assert_trap (invoke "z" (i32.const 65132) (i32.const 8192) (i32.const 2000)) "out of bounds memory access")
(assert_return (invoke "i32" (i32.const 8592)) (i32.const 101))
(assert_return (invoke "i32" (i32.const 8596)) (i32.const 0))
(assert_trap (invoke "z" (i32.const 65124) (i32.const 16384) (i32.const 2000)) "out of bounds memory access")
(assert_return (invoke "i32" (i32.const 16784)) (i32.const 101))
(assert_return (invoke "i32" (i32.const 16792)) (i32.const 103))
(assert_return (invoke "i32" (i32.const 16796)) (i32.const 0))
(assert_return (invoke "z" (i32.const 0) (i32.const 32768) (i32.const 1000)))
(assert_return (invoke "i32" (i32.const 36764)) (i32.const 1000))
(module
  (memory 1)
  ;; Lane 7 of the i16x8 view of load16x4_u's result is a zero-extension's top half: a known
  ;; 0, for which instruction selection dropped the load (differential fuzzer, seed 123548,
  ;; reduced).
  (func (export "e7") (param i32) (result i32)
    (i16x8.extract_lane_u 7 (v128.load16x4_u offset=3 (local.get 0)))))
(assert_trap (invoke "e7" (i32.const 65526)) "out of bounds memory access")
(assert_return (invoke "e7" (i32.const 65525)) (i32.const 0))
