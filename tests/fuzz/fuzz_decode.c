/*
 * libFuzzer target: decode and validate arbitrary bytes, as a core module or,
 * when they start with a component's preamble, as a component (and plan a
 * valid component's instantiation and encode the plan). Any crash,
 * leak, sanitizer report or time-out is a bug. Build with -DWASMC_FUZZ=ON
 * (clang).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "component.h"
#include "component_plan.h"
#include "module.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena arena;
	arena_init(&arena);
	struct wasm_error err;
	if (component_is_component(data, size)) {
		struct component c;
		struct component_plan plan;
		uint8_t *bytes;
		size_t plan_size;
		static FILE *null_out;
		if (!null_out)
			null_out = fopen("/dev/null", "w");
		if (component_decode(data, size, &arena, &c, &err) && component_validate(&c, &arena, &err) &&
				null_out && component_plan_build(&c, "fuzz", &arena, &plan, null_out) &&
				component_plan_encode(&plan, &bytes, &plan_size))
			free(bytes);
	} else {
		struct wasm_module module;
		if (wasm_decode(data, size, &arena, &module, &err))
			wasm_validate(&module, &arena, &err);
	}
	arena_free(&arena);
	return 0;
}
