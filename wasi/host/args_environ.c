/*
 * The command line as the program was started with, and the environment
 * only as far as it has been granted (the security model: nothing unless
 * passed; grants.c builds the list), for preview 1's args_* and environ_*
 * and WASI 0.2's wasi:cli/environment.
 */
#include "args_environ.h"
#include "fd_table.h"
#include "grants.h"
#include "wasi_host.h"

static struct wasi_string_list args, granted;

bool wasi_host_init(int argc, char **argv, char **envp)
{
	args.items = argv;
	args.count = argc > 0 ? (uint32_t)argc : 0;
	wasi_fd_table_init();
	return wasi_grants_apply(envp, &granted.items, &granted.count);
}

const struct wasi_string_list *wasi_arguments(void)
{
	return &args;
}

const struct wasi_string_list *wasi_environment(void)
{
	return &granted;
}
