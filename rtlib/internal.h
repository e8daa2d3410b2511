/* What the runtime's files share among themselves; nothing here is public. */
#ifndef WASMC_RT_INTERNAL_H
#define WASMC_RT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "os.h"
#include "rt.h"
#include "rt_out.h"
#include "rt_string.h"

/* alloc.c: rt_alloc without the trap; NULL when out of memory. */
void *rt_alloc_raw(size_t size);

/* memory.c: whether addr lies in a linear memory's reservation (guard included). */
bool rt_memory_reserved(uintptr_t addr);

/* stack.c: the wasm stack (one per process), made on first use. */
struct rt_stack {
	uintptr_t guard; /* lowest address: the PROT_NONE guard region starts here */
	uintptr_t lo;    /* lowest usable address */
	uintptr_t hi;    /* the top */
	uintptr_t limit; /* stack_limit of every instance: lo plus a margin for host calls */
};
const struct rt_stack *rt_stack_get(void);
bool rt_stack_in_guard(uintptr_t addr);
/* Runs fn(arg) on the wasm stack, switching to it unless already there. */
void rt_stack_run(void (*fn)(void *), void *arg);
/* The bounds [*lo, *hi) of the stack holding sp, for walking frames safely. */
bool rt_stack_bounds(uintptr_t sp, uintptr_t *lo, uintptr_t *hi);
/* entry.c tells where the process stack begins, so host frames can be walked too. */
void rt_stack_set_main_top(uintptr_t top);

/* trap.c */
/* Runs fn(arg) on the wasm stack; a trap inside ends it and is returned. */
enum rt_trap rt_protected_run(void (*fn)(void *), void *arg);
/*
 * Raises a trap whose innermost frame is at pc (0: no backtrace), with the
 * frame pointer fp of that frame's caller chain and the stack pointer sp.
 */
_Noreturn void rt_trap_raise(enum rt_trap kind, uintptr_t pc, uintptr_t fp, uintptr_t sp);
/*
 * For runtime functions that generated code calls: traps as if their caller
 * (the wasm function) had called rt_trap, keeping the backtrace in wasm code.
 */
_Noreturn void rt_trap_in_callee(enum rt_trap kind);

/* backtrace.c */
#define RT_BACKTRACE_HEAD 48
#define RT_BACKTRACE_TAIL 16
struct rt_backtrace {
	uintptr_t head[RT_BACKTRACE_HEAD];     /* innermost frames' pcs */
	uintptr_t tail[RT_BACKTRACE_TAIL];     /* the outermost ones, a ring */
	uint64_t total;
};
void rt_backtrace_capture(struct rt_backtrace *bt, uintptr_t pc, uintptr_t fp, uintptr_t sp);
void rt_backtrace_print(const struct rt_backtrace *bt, int fd);
/* Modules whose functions backtraces can name; rt_instantiate adds them. */
void rt_backtrace_add_module(const struct rt_module *m);

/* signal.c: the SIGSEGV/SIGBUS handler on an alternate stack; idempotent. */
bool rt_signals_init(void);

#endif
