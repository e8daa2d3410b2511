/* Resolving a path the program passes (fd + string in its memory) for the path_* functions. */
#ifndef WASMC_WASI_PATH_H
#define WASMC_WASI_PATH_H

#include "rt_abi.h"
#include "sandbox.h"

/*
 * The directory fd with `rights`, the path at [path, path + path_len) in the
 * caller's memory resolved beneath it (sandbox.h). On success the caller
 * releases *out with sandbox_release.
 */
int32_t path_lookup(struct rt_instance *caller, int32_t fd, uint64_t rights, int32_t path, int32_t path_len,
		bool follow_last, struct sandbox_path *out);

#endif
