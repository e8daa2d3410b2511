/*
 * What an executable may touch: its grants, baked in by the compiler
 * (wasmc --dir/--env/--inherit-env/--inherit-network/--runtime-grants) as a constant byte
 * array under WASI_GRANTS_SYMBOL, and, where --runtime-grants allows it,
 * taken from WASMC_* environment variables at start-up (docs/wasi.md).
 *
 * The array is a list of records, each a tag byte followed by its strings
 * (each NUL-terminated), ended by WASI_GRANT_END:
 *   WASI_GRANT_DIR          host path, guest path: a preopened directory
 *   WASI_GRANT_DIR_RO       host path, guest path: a read-only one (WASI_RIGHTS_WRITE withheld)
 *   WASI_GRANT_ENV          "NAME=VALUE": a variable the program sees
 *   WASI_GRANT_INHERIT_ENV  (none): the program sees the process environment
 *   WASI_GRANT_RUNTIME      (none): WASMC_DIR, WASMC_ENV_*, WASMC_INHERIT_ENV, WASMC_INHERIT_NETWORK count,
 *                           and the limits WASMC_MAX_MEMORY, WASMC_MAX_WASM_STACK, WASMC_TIMEOUT, WASMC_FUEL (rt_limits.h)
 *   WASI_GRANT_LISTEN_FDS   (none): adopt the LISTEN_FDS sockets (sock.h) after the preopens
 *   WASI_GRANT_INHERIT_NETWORK (none): wasi:sockets may bind and connect (wasi_grants_network)
 * An executable without the array (or an object, -c) has no grants.
 */
#ifndef WASMC_WASI_GRANTS_H
#define WASMC_WASI_GRANTS_H

#include <stdbool.h>
#include <stdint.h>

#define WASI_GRANTS_SYMBOL "wasmc_grants"

enum wasi_grant_tag {
	WASI_GRANT_END = 0,
	WASI_GRANT_DIR = 'd',
	WASI_GRANT_DIR_RO = 'D',
	WASI_GRANT_ENV = 'e',
	WASI_GRANT_INHERIT_ENV = 'i',
	WASI_GRANT_RUNTIME = 'r',
	WASI_GRANT_LISTEN_FDS = 'l',
	WASI_GRANT_INHERIT_NETWORK = 'n',
};

/* The run-time form (only with WASI_GRANT_RUNTIME); never shown to the program. */
#define WASI_RUNTIME_PREFIX "WASMC_"
#define WASI_RUNTIME_DIR "WASMC_DIR"       /* HOST[::GUEST] entries separated by ';' */
#define WASI_RUNTIME_DIR_RO "WASMC_DIR_RO" /* the same, read-only */
#define WASI_RUNTIME_ENV "WASMC_ENV_"      /* WASMC_ENV_NAME=VALUE grants NAME=VALUE */
#define WASI_RUNTIME_INHERIT_ENV "WASMC_INHERIT_ENV" /* =1: the process environment */
#define WASI_RUNTIME_INHERIT_NETWORK "WASMC_INHERIT_NETWORK" /* =1: the network */
#define WASI_DIR_SEPARATOR "::"            /* HOST::GUEST */

/*
 * At start-up: opens the granted directories as preopens (3, 4, ... in
 * order) and builds the environment the program sees. On a bad grant
 * prints one line to stderr and returns false.
 */
bool wasi_grants_apply(char **envp, char ***environ_out, uint32_t *count_out);

/*
 * Whether the program may use the host's network (after wasi_grants_apply):
 * without it wasi:sockets' bind and connect answer access-denied.
 */
bool wasi_grants_network(void);

#endif
