/*
 * libFuzzer target: decode and validate arbitrary bytes, as a core module or,
 * when they start with a component's preamble, as a component. Any crash,
 * leak, sanitizer report or time-out is a bug. Build with -DWASMC_FUZZ=ON
 * (clang).
 */
#include <stddef.h>
#include <stdint.h>

#include "component.h"
#include "module.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena;
	arena_init(&arena);
	struct wasm_error err;
	if (component_is_component(data, size)) {
		struct component c;
		if (component_decode(data, size, &arena, &c, &err))
			component_validate(&c, &arena, &err);
	} else {
		struct wasm_module module;
		if (wasm_decode(data, size, &arena, &module, &err))
			wasm_validate(&module, &arena, &err);
	}
	arena_free(&arena);
	return 0;
}
