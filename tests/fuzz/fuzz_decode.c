/*
 * libFuzzer target: decode and validate arbitrary bytes. Any crash, leak,
 * sanitizer report or time-out is a bug. Build with -DWASMC_FUZZ=ON (clang).
 */
#include <stddef.h>
#include <stdint.h>

#include "module.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena;
	arena_init(&arena);
	struct wasm_module module;
	struct wasm_error err;
	if (wasm_decode(data, size, &arena, &module, &err))
		wasm_validate(&module, &arena, &err);
	arena_free(&arena);
	return 0;
}
