/*
 * The embedding API of the runtime: instantiating compiled modules and
 * calling into them from the host. Generated code's side of the contract is
 * rt_abi.h. The runtime is single-threaded: one wasm stack, one chain of
 * active calls.
 */
#ifndef WASMC_RT_H
#define WASMC_RT_H

#include "rt_abi.h"

/* The exit status of an executable that traps (128 + SIGABRT, as an abort would give). */
#define RT_TRAP_EXIT_CODE 134

/*
 * Calls ref through its trampoline (see rt_trampoline) on the wasm stack.
 * Returns RT_TRAP_NONE, or the trap that ended the call; calls nest (a host
 * function called by wasm may call rt_call again), and a trap unwinds only
 * to the innermost rt_call.
 */
enum rt_trap rt_call(const struct rt_funcref *ref, rt_trampoline tramp, uint8_t (*args_results)[16]);

/*
 * Allocates a zeroed instance of m, sets its header (module, host,
 * stack_limit), stores the import_count pointers of `imports` (in the order
 * of m->imports: a struct rt_funcref *, struct rt_table *, struct rt_memory *
 * or global cell each) into the first slots of their index spaces, and
 * runs m->instantiate on the wasm stack. Imports marked `bound` are bound
 * by the generated code itself: their pointers may be NULL and are not
 * used. An imported memory 0 also sets the header's mem0 and mem0_base. A
 * missing import, or a function import whose type id differs from its
 * declared signature, gives RT_TRAP_UNLINKABLE.
 * On success *out is the instance; on a trap it is NULL.
 */
enum rt_trap rt_instantiate(const struct rt_module *m, void *host, struct rt_instance **out,
		void *const *imports);

/* The export of m called name (of name_len bytes) with that kind, or NULL. */
const struct rt_export *rt_export_find(const struct rt_module *m, const char *name, uint32_t name_len,
		enum rt_extern_kind kind);
/* Function `index` of the instance's function index space. */
struct rt_funcref *rt_instance_func(struct rt_instance *instance, uint32_t index);
/*
 * Entity `index` of the instance's index space of `kind`, as rt_instantiate
 * takes imports: a struct rt_funcref *, struct rt_table *, struct rt_memory *
 * or global cell.
 */
void *rt_instance_extern(struct rt_instance *instance, enum rt_extern_kind kind, uint32_t index);

/*
 * The program's main, which rtlib's _start calls on the process stack and
 * whose result is the exit status. rtlib has none: libwasi.a brings the one
 * of WASI commands (wasi/entry/core_main.c: instantiate the module, call
 * its "_start"); a program that defines its own (the spec harness) replaces it.
 */
int rt_program_main(int argc, char **argv, char **envp);

/*
 * The program's main when the executable is a component command: carries
 * out the plan (rt_component_plan.h) and calls wasi:cli/run
 * (wasi/entry/component_main.c). core_main.c calls it when the plan is
 * linked in.
 */
int rt_component_main(const uint8_t *plan, int argc, char **argv, char **envp);

/*
 * The stack_limit every instance gets (the wasm stack's bottom plus a
 * margin for host functions), for host code that makes instance headers of
 * its own (WASI 0.2's lower contexts).
 */
uintptr_t rt_stack_limit(void);

/* The spec's message of a trap kind ("out of bounds memory access", ...). */
const char *rt_trap_message(enum rt_trap kind);
/* Prints "wasm trap: <message>" and the backtrace of the latest trap to stderr. */
void rt_trap_report(enum rt_trap kind);

#endif
