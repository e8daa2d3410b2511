/* Resolving a path the program passes (fd + string in its memory) for the path_* functions. */
#ifndef WASMC_WASI_PATH_H
#define WASMC_WASI_PATH_H

#include "os.h"
#include "rt_abi.h"
#include "sandbox.h"

/*
 * The directory fd with `rights`, the path at [path, path + path_len) in the
 * caller's memory resolved beneath it (sandbox.h). On success the caller
 * releases *out with sandbox_release.
 */
int32_t path_lookup(struct rt_instance *caller, int32_t fd, uint64_t rights, int32_t path, int32_t path_len,
		bool follow_last, struct sandbox_path *out);

/*
 * What path_open, path_filestat_get and path_readlink do, with the results
 * in host memory (shared with WASI 0.2's open-at, stat-at, readlink-at):
 * the new descriptor's number; the file's statx; the link's target, cut at
 * `size` bytes, and its length.
 */
int32_t path_open(struct rt_instance *caller, int32_t fd, int32_t dirflags, int32_t path, int32_t path_len,
		int32_t oflags, uint64_t rights_base, uint64_t rights_inheriting, int32_t fdflags, int32_t *opened);
int32_t path_stat(struct rt_instance *caller, int32_t fd, int32_t flags, int32_t path, int32_t path_len,
		struct os_stat *st);
int32_t path_readlink(struct rt_instance *caller, int32_t fd, int32_t path, int32_t path_len, char *buf,
		uint32_t size, uint32_t *used);

#endif
