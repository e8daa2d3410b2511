/* Binding a module's imports to host functions (WASI preview 1) at link time. */
#ifndef WASMC_IMPORTS_H
#define WASMC_IMPORTS_H

#include <stdbool.h>
#include <stdio.h>

#include "module.h"

/*
 * Fills symbols[i] (one per import) with the host symbol for each function
 * import that wasmc provides. Imports it does not provide are all listed on
 * `diag` (one line each, FILE:0xOFFSET) and make it return false, except
 * function imports of modules other than WASI's when allow_unknown is set:
 * those stay NULL (codegen binds them to stubs that trap when called). A
 * WASI function imported with another type is always an error.
 */
bool imports_bind(const struct wasm_module *m, const char *path, const char **symbols, bool allow_unknown, FILE *diag);

#endif
