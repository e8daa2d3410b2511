/*
 * Code generation: WebAssembly function bodies to LLVM IR, target machines,
 * optimization and object emission. The only part of wasmc that knows LLVM.
 */
#ifndef WASMC_CODEGEN_H
#define WASMC_CODEGEN_H

#include <stdbool.h>

#include "module.h"

struct cg_options {
	const char *triple;      /* NULL: the host's */
	const char *cpu;         /* NULL: the architecture's portable baseline */
	const char *features;    /* NULL: none beyond the CPU's */
	int opt_level;           /* 0..3 */
	const char *module_name; /* the descriptor's name ("main" if NULL) */
	/*
	 * Per import (module->imports order): the host symbol to bind it to at
	 * link time, called as symbol(caller instance, args...), or NULL to leave
	 * the import to the embedder, which fills the instance's import slots.
	 */
	const char *const *import_symbols;
	bool verify;             /* run LLVM's verifier on the generated module */
	const char *emit_llvm;   /* if set, also write the optimized IR to this path */
};

/* Compiles a validated module to an object file at obj_path. */
bool cg_compile(const struct wasm_module *module, const struct cg_options *options, const char *obj_path,
		struct wasm_error *err);

/* The LLVM version wasmc was built against, e.g. "19.1.7". */
const char *cg_llvm_version(void);

/* The host's target triple as LLVM names it. */
const char *cg_host_triple(void);

#endif
