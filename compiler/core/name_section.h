/* The `name` custom section: module and function names for diagnostics and backtraces. */
#ifndef WASMC_NAME_SECTION_H
#define WASMC_NAME_SECTION_H

#include "module.h"

/*
 * Fills the module's names from a `name` section. The spec makes a bad name
 * section no reason to reject a module: a malformed one is ignored whole.
 */
void wasm_read_name_section(struct wasm_module *m, struct arena *arena, const struct wasm_custom *section);

#endif
