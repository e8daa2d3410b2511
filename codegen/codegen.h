/*
 * Code generation: WebAssembly function bodies to LLVM IR, target machines,
 * optimization and object emission. The only part of wasmc that knows LLVM.
 */
#ifndef WASMC_CODEGEN_H
#define WASMC_CODEGEN_H

/* The LLVM version wasmc was built against, e.g. "19.1.7". */
const char *cg_llvm_version(void);

/* The host's target triple as LLVM names it. */
const char *cg_host_triple(void);

#endif
