/*
 * libFuzzer target: decode and validate arbitrary bytes as a core module
 * and, when valid, lower every function to LLVM IR and verify it (no
 * optimization, no code generation): the code between a valid module and
 * LLVM. A crash, a sanitizer report, a leak, a time-out or IR the verifier
 * rejects is a bug. Build with -DWASMC_FUZZ=ON (clang).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen.h"
#include "module.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena;
	arena_init(&arena);
	struct wasm_error err;
	struct wasm_module module;
	if (wasm_decode(data, size, &arena, &module, &err) && wasm_validate(&module, &arena, &err)) {
		struct cg_options options = { .opt_level = 0, .verify = true };
		const char *const paths[] = { NULL };
		bool refused = !cg_compile_objects(&module, &options, 1, paths, 1, &err);
		/* A valid module must lower: only a limit of ours, or a proposal not implemented, may refuse it. */
		if (refused && (strstr(err.message, "internal error") ||
				       (err.kind != WASM_ERR_LIMIT && err.kind != WASM_ERR_UNSUPPORTED))) {
			fprintf(stderr, "fuzz_lower: a valid module did not lower: %s\n", err.message);
			abort();
		}
	}
	arena_free(&arena);
	return 0;
}
