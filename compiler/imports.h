/* Binding a module's imports to host functions (WASI preview 1) at link time. */
#ifndef WASMC_IMPORTS_H
#define WASMC_IMPORTS_H

#include <stdbool.h>
#include <stdio.h>

#include "module.h"

/*
 * Fills symbols[i] (one per import) with the host symbol for each function
 * import that wasmc provides. Imports it does not provide are listed on
 * `diag` (one line each) and make it return false, unless allow_unknown is
 * set, in which case they stay NULL for the embedder (or trap stubs).
 */
bool imports_bind(const struct wasm_module *m, const char *path, const char **symbols, bool allow_unknown, FILE *diag);

#endif
