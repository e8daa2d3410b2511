/* Driving the pipeline: load a file, decode, validate (and later compile and link). */
#ifndef WASMC_DRIVER_H
#define WASMC_DRIVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>

#include "component.h"
#include "module.h"

/* A module loaded from a file, decoded and (optionally) validated. */
struct loaded_module {
	const char *path;
	uint8_t *bytes;
	size_t size;
	struct arena arena;
	struct wasm_module module;     /* a core module; only its bytes when a component */
	const struct component *component; /* a component, else NULL */
};

/*
 * Loads and decodes `path`, and validates it if `validate` is set. On
 * failure prints one line to stderr (file, offset, reason) and returns false;
 * the module is released either way on failure.
 */
bool driver_load(struct loaded_module *lm, const char *path, bool validate);
void driver_release(struct loaded_module *lm);

/* Writes all of bytes to fd, retrying short writes; false on an error. */
bool driver_write_all(int fd, const void *bytes, size_t size);

/* Prints a short human-readable summary of a loaded module or component. */
void inspect_print(const struct loaded_module *lm, FILE *out);
/* A component's summary: imports, exports, core modules, core instances and their wiring, lifts and lowers. */
void inspect_print_component(const struct component *c, const char *path, FILE *out);
/* A function type as `(i32, i64) -> (f32)`. */
void inspect_print_func_type(const struct wasm_func_type *t, FILE *out);

#endif
