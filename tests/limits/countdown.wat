;; A loop of exactly 100 iterations in _start, for exact fuel (wasmc --fuel):
;; 2 operators before the loop, 5 per iteration. The loop header tests the
;; fuel before each iteration, after the previous one was charged: the last
;; test sees 2 + 99 * 5 = 497 spent, so --fuel 497 finishes and 496 traps.
(module
  (memory (export "memory") 1)
  (func (export "_start") (local i32)
    i32.const 100
    local.set 0
    (loop
      local.get 0
      i32.const 1
      i32.sub
      local.tee 0
      br_if 0)))
