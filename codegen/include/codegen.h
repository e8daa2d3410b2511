/*
 * Code generation: WebAssembly function bodies to LLVM IR, target machines,
 * optimization and object emission. The only part of wasmc that knows LLVM.
 */
#ifndef WASMC_CODEGEN_H
#define WASMC_CODEGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "module.h"

/* A constant byte array for the runtime to find by name. */
struct cg_data {
	const char *symbol;
	const void *bytes;
	size_t size;
};

/* What codegen measures for wasmc --time-report; all optional. */
struct cg_report {
	/*
	 * Called as each stage ends: "lower", "verify", "optimize", "codegen"
	 * (instruction selection to the object); for a split module, whose parts
	 * run at once on -j threads, once: "parts". Called on the caller's thread.
	 */
	void (*stage_done)(const char *stage, void *arg);
	void *arg;
	/* Per function index, filled when not NULL: seconds to lower its body; its LLVM instructions after optimization. */
	double *lower_seconds;
	uint32_t *insn_count;
};

/*
 * One part of cg_compile_objects as a compile cache sees it: which bodies it
 * holds and what its code takes from other parts' bodies.
 */
struct cg_part_input {
	uint32_t index, count;
	uint32_t begin, end;    /* the function indices whose bodies it holds (none: part 0 of a split module) */
	/*
	 * What a split module's part learns from every body (which tables are
	 * never written, their known elements), serialized; NULL when the part
	 * reads them from the whole module itself (count 1), or without fetch.
	 */
	const uint8_t *facts;
	size_t facts_size;
	/* The small callees of other parts it lowers for the inliner (cg_part_imports.c), ascending. */
	const uint32_t *imports;
	uint32_t import_count;
};

/* Hooks around each part of cg_compile_objects, called on the worker threads; all optional. */
struct cg_part_hooks {
	/* Before the part is compiled: true when obj_path now holds its object, and the part is skipped. */
	bool (*fetch)(void *arg, const struct cg_part_input *in, const char *obj_path);
	/* The part's object is written, by the compile or by fetch. Must be thread-safe. */
	void (*done)(void *arg, const struct cg_part_input *in, bool fetched);
	void *arg;
};

/*
 * The options of a compile. A field that changes the objects made must also
 * be part of the compile cache's key (compiler/driver/cache.c).
 */
struct cg_options {
	const char *triple;      /* NULL: the host's */
	const char *cpu;         /* NULL: the architecture's portable baseline; "native": the host's */
	const char *features;    /* added to the architecture's base features; "native": the host's */
	int opt_level;           /* 0..3 */
	const char *module_name; /* the descriptor's name ("main" if NULL) */
	/*
	 * Per import (module->imports order): the host symbol to bind it to at
	 * link time, called as symbol(caller instance, args...), or NULL to leave
	 * the import to the embedder, which fills the instance's import slots.
	 */
	const char *const *import_symbols;
	/*
	 * Function imports without a symbol get a stub that traps "call to
	 * unknown import MODULE.FIELD" when called, instead of an import slot
	 * (wasmc --allow-unknown-imports for executables).
	 */
	bool trap_unbound_imports;
	/*
	 * Check the runtime's interrupt flag (RT_INTERRUPT_SYMBOL, rt_limits.h)
	 * at loop latches and entries of functions that call, inserted after
	 * optimization, and trap "interrupted" when it is set (wasmc --timeout).
	 * Off: no check, the code is what it was without.
	 */
	bool interrupt_checks;
	/*
	 * Charge each wasm operator to the runtime's fuel counter (RT_FUEL_COUNTER_SYMBOL)
	 * and trap "all fuel consumed by WebAssembly" at loop headers and entries
	 * of calling functions once it is below zero (wasmc --fuel; cg_fuel.c).
	 */
	bool fuel;
	bool verify;             /* run LLVM's verifier on the generated module */
	const char *emit_llvm;   /* if set, also write the optimized IR to this path */
	/* Constant byte arrays emitted under global symbols (an executable's WASI grants, a component's plan). */
	const struct cg_data *data;
	size_t data_count;
	const struct cg_report *report; /* NULL: nothing measured */
	/*
	 * The wasm code per object when a module is split (cg_object_count); 0:
	 * the default. Only tests and measurements set it (WASMC_PARTITION_KB).
	 */
	size_t partition_bytes;
	const struct cg_part_hooks *hooks; /* NULL: none */
};

/*
 * How many objects cg_compile_objects makes of module: 1 for a module of
 * less than twice options->partition_bytes of code, else one holding the
 * instance, the descriptor and data plus one per contiguous range of function
 * bodies. It depends on the module and partition_bytes alone, never on the
 * number of threads, so that the output is the same for any thread count.
 */
uint32_t cg_object_count(const struct wasm_module *module, const struct cg_options *options);

/*
 * Compiles a validated module to `count` objects (cg_object_count, or 1 for
 * one object holding everything, as cg_compile makes), each in its own LLVM
 * context, on up to `jobs` threads. The objects link in the order given.
 * On failure, err holds the first failing part's error (the function named
 * when known); the objects written are left for the caller to remove. A NULL
 * path lowers its part and verifies the IR without optimizing or writing
 * anything (tests/fuzz/fuzz_lower.c).
 */
bool cg_compile_objects(const struct wasm_module *module, const struct cg_options *options, unsigned jobs,
		const char *const *obj_paths, uint32_t count, struct wasm_error *err);

/* The LLVM version wasmc was built against, e.g. "19.1.7". */
const char *cg_llvm_version(void);

/* The host's target triple as LLVM names it. */
const char *cg_host_triple(void);

/* The host's CPU name and features ("znver3 +sse2,..."), what --cpu/--features native pick; free() it. NULL: out of memory. */
char *cg_host_cpu(void);

/*
 * Checks a CPU and a feature list (+name,-name,...) for triple; either may be
 * NULL (the baseline) or "native" (the host's, only when triple's
 * architecture is the host's). False with one line in msg otherwise.
 */
bool cg_target_check(const char *triple, const char *cpu, const char *features, char *msg, size_t size);

#endif
