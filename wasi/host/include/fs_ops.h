/*
 * The file-system operations both ABIs share, on host values: descriptor
 * numbers of the table (fd_table.h), paths as bytes in host memory, results
 * as WASI errno values. Preview 1's fd_* and path_* functions and WASI 0.2's
 * descriptor methods are thin wrappers over these, so both give the same
 * answers, checked in the same order.
 *
 * A path is (bytes, len). bytes is NULL when the program's string lies
 * outside its memory: the operation then answers WASI_EFAULT after the
 * directory descriptor's checks (preview 1's order); WASI 0.2 traps before
 * it calls.
 */
#ifndef WASMC_WASI_FS_OPS_H
#define WASMC_WASI_FS_OPS_H

#include <stdbool.h>
#include <stdint.h>

#include "os.h"
#include "sandbox.h"

/* ---- Descriptors (fd_ops.c) ---- */

int32_t host_fd_set_size(int32_t fd, int64_t size);
/* atim, mtim: nanoseconds; fst_flags: preview 1's fstflags (WASI_FSTFLAG_*). */
int32_t host_fd_set_times(int32_t fd, int64_t atim, int64_t mtim, int32_t fst_flags);
/* advice: preview 1's (normal, sequential, random, willneed, dontneed, noreuse). */
int32_t host_fd_advise(int32_t fd, int64_t offset, int64_t len, int32_t advice);
int32_t host_fd_sync(int32_t fd);

/* ---- Paths beneath a directory descriptor (path_ops.c, path_link.c) ---- */

/*
 * Directory fd with `rights`, and the path resolved beneath it (sandbox.h).
 * On success the caller releases *out with sandbox_release.
 */
int32_t host_path_lookup(int32_t fd, uint64_t rights, const char *path, uint32_t len, bool follow_last,
		struct sandbox_path *out);

/*
 * The same for a name that is created, removed or renamed: a link in its last
 * component is never followed, not even before a trailing '/' (as Linux);
 * the trailing slashes set out->must_be_dir.
 */
int32_t host_path_lookup_name(int32_t fd, uint64_t rights, const char *path, uint32_t len, struct sandbox_path *out);

enum host_path_kind { HOST_PATH_MISSING, HOST_PATH_DIRECTORY, HOST_PATH_OTHER };
/* What the resolved name is, without following a link. */
int32_t host_path_kind(const struct sandbox_path *p, enum host_path_kind *kind);
/* A new name ending in '/' where no directory is made: EEXIST if it exists, else ENOENT (as Linux). */
int32_t host_path_new_name_slash(const struct sandbox_path *p);

/* The oflags and fdflags path_open refuses before anything else: WASI_EINVAL. */
int32_t host_path_open_flags_check(int32_t oflags, int32_t fdflags);
/* lookup_flags / dirflags: preview 1's lookupflags (WASI_LOOKUP_SYMLINK_FOLLOW). */
int32_t host_path_open(int32_t fd, int32_t dirflags, const char *path, uint32_t len, int32_t oflags,
		uint64_t rights_base, uint64_t rights_inheriting, int32_t fdflags, int32_t *opened);
/* The file's statx. */
int32_t host_path_stat(int32_t fd, int32_t lookup_flags, const char *path, uint32_t len, struct os_stat *st);
/* The link's target, cut at `size` bytes, and its length. */
int32_t host_path_readlink(int32_t fd, const char *path, uint32_t len, char *buf, uint32_t size, uint32_t *used);
int32_t host_path_set_times(int32_t fd, int32_t lookup_flags, const char *path, uint32_t len, int64_t atim,
		int64_t mtim, int32_t fst_flags);
int32_t host_path_create_directory(int32_t fd, const char *path, uint32_t len);
int32_t host_path_remove_directory(int32_t fd, const char *path, uint32_t len);
int32_t host_path_unlink_file(int32_t fd, const char *path, uint32_t len);
/* target: the link's contents (never NULL); absolute or leading out of the preopen: EPERM. */
int32_t host_path_symlink(const char *target, uint32_t target_len, int32_t fd, const char *path, uint32_t len);
int32_t host_path_link(int32_t old_fd, int32_t old_lookup_flags, const char *old_path, uint32_t old_len,
		int32_t new_fd, const char *new_path, uint32_t new_len);
int32_t host_path_rename(int32_t old_fd, const char *old_path, uint32_t old_len, int32_t new_fd,
		const char *new_path, uint32_t new_len);

#endif
