;; (loop (br 0)): nothing but an infinite loop, in _start.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (loop (br 0))))
