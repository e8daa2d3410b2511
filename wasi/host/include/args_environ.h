/*
 * The command line and the granted environment as args_environ.c holds
 * them, for WASI 0.2's wasi:cli/environment (the same lists preview 1's
 * args_get and environ_get give).
 */
#ifndef WASMC_WASI_ARGS_ENVIRON_H
#define WASMC_WASI_ARGS_ENVIRON_H

#include <stdint.h>

struct wasi_string_list {
	char **items; /* NUL-terminated; environment entries are "NAME=VALUE" */
	uint32_t count;
};

/* The program's arguments, the program name first. */
const struct wasi_string_list *wasi_arguments(void);

/* The environment variables the program may see (grants.h). */
const struct wasi_string_list *wasi_environment(void);

#endif
