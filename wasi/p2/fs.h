/*
 * wasi:filesystem (types, preopens) for WASI 0.2, on top of the host's
 * descriptor table (fd_table.h): a descriptor handle holds a preview-1
 * descriptor number, so rights, read-only grants and every path rule of the
 * sandbox are preview 1's. Files: fs_descriptor.c (the descriptor and its
 * file), fs_io.c (read, write, streams), fs_path.c (the *-at functions,
 * over the host's path operations, fs_ops.h), fs_dir.c
 * (directory-entry-stream), fs_preopens.c, fs_error.c (error-code and the
 * results carrying it).
 */
#ifndef WASMC_WASI_P2_FS_H
#define WASMC_WASI_P2_FS_H

#include <stdint.h>

#include "fd_table.h"
#include "os.h"
#include "p2.h"

/* wasi:filesystem/types error-code, in the WIT's order. */
enum p2_fs_error {
	P2_FS_ACCESS,
	P2_FS_WOULD_BLOCK,
	P2_FS_ALREADY,
	P2_FS_BAD_DESCRIPTOR,
	P2_FS_BUSY,
	P2_FS_DEADLOCK,
	P2_FS_QUOTA,
	P2_FS_EXIST,
	P2_FS_FILE_TOO_LARGE,
	P2_FS_ILLEGAL_BYTE_SEQUENCE,
	P2_FS_IN_PROGRESS,
	P2_FS_INTERRUPTED,
	P2_FS_INVALID,
	P2_FS_IO,
	P2_FS_IS_DIRECTORY,
	P2_FS_LOOP,
	P2_FS_TOO_MANY_LINKS,
	P2_FS_MESSAGE_SIZE,
	P2_FS_NAME_TOO_LONG,
	P2_FS_NO_DEVICE,
	P2_FS_NO_ENTRY,
	P2_FS_NO_LOCK,
	P2_FS_INSUFFICIENT_MEMORY,
	P2_FS_INSUFFICIENT_SPACE,
	P2_FS_NOT_DIRECTORY,
	P2_FS_NOT_EMPTY,
	P2_FS_NOT_RECOVERABLE,
	P2_FS_UNSUPPORTED,
	P2_FS_NO_TTY,
	P2_FS_NO_SUCH_DEVICE,
	P2_FS_OVERFLOW,
	P2_FS_NOT_PERMITTED,
	P2_FS_PIPE,
	P2_FS_READ_ONLY,
	P2_FS_INVALID_SEEK,
	P2_FS_TEXT_FILE_BUSY,
	P2_FS_CROSS_DEVICE,
	P2_FS_ERROR_COUNT
};

/* descriptor-type */
enum p2_fs_type {
	P2_FS_TYPE_UNKNOWN,
	P2_FS_TYPE_BLOCK_DEVICE,
	P2_FS_TYPE_CHARACTER_DEVICE,
	P2_FS_TYPE_DIRECTORY,
	P2_FS_TYPE_FIFO,
	P2_FS_TYPE_SYMBOLIC_LINK,
	P2_FS_TYPE_REGULAR_FILE,
	P2_FS_TYPE_SOCKET,
};

/* descriptor-flags */
#define P2_FS_READ 1
#define P2_FS_WRITE 2
#define P2_FS_FILE_INTEGRITY_SYNC 4
#define P2_FS_DATA_INTEGRITY_SYNC 8
#define P2_FS_REQUESTED_WRITE_SYNC 16
#define P2_FS_MUTATE_DIRECTORY 32
#define P2_FS_FLAGS_ALL 63

/* open-flags are preview 1's oflags bit for bit (create, directory, exclusive, truncate); path-flags its lookupflags. */
#define P2_FS_OPEN_FLAGS_ALL 15
#define P2_FS_PATH_FLAGS_ALL 1

/* The representation of descriptor handles. */
struct p2_descriptor {
	int32_t fd;    /* the preview-1 descriptor (fd_table.h), closed with the handle */
	uint8_t flags; /* descriptor-flags as opened */
};

/* ---- Errors and results (fs_error.c) ---- */

/* The error-code of a preview-1 errno (not WASI_ESUCCESS); one with no counterpart is `io`. */
uint8_t p2_fs_error_of_wasi(int32_t wasi_errno);

/*
 * The return area of a result<T, error-code> of `size` bytes (a trap if it
 * is out of bounds), and its two outcomes: ok (tag 0, the payload the
 * caller stores), or the error of a preview-1 errno stored at
 * `payload_offset` (the alignment of T, 1 for result<_, error-code>).
 */
uint8_t *p2_fs_result(struct wasi_p2_ctx *ctx, uint32_t ret, uint32_t size);
void p2_fs_ok(uint8_t *out);
void p2_fs_fail(uint8_t *out, uint32_t payload_offset, int32_t wasi_errno);

/* A result<_, error-code> for a preview-1 errno (WASI_ESUCCESS is ok). */
void p2_fs_result_empty(struct wasi_p2_ctx *ctx, uint32_t ret, int32_t wasi_errno);

/* ---- Descriptors (fs_descriptor.c) ---- */

/*
 * The preview-1 entry of descriptor handle h (a trap if h is not a live
 * descriptor) holding `rights`, or NULL with *err set: a missing right is
 * WASI_EPERM under a read-only grant, else WASI_ENOTCAPABLE, both
 * not-permitted for WASI 0.2.
 */
struct wasi_fd *p2_fs_entry(uint32_t h, uint64_t rights, int32_t *err);

/*
 * The same for a descriptor that must not be a directory (else WASI_EBADF,
 * as Wasmtime) / must be one (else WASI_ENOTDIR), checked before the rights.
 */
struct wasi_fd *p2_fs_file(uint32_t h, uint64_t rights, int32_t *err);
struct wasi_fd *p2_fs_dir(uint32_t h, uint64_t rights, int32_t *err);

/* The preview-1 descriptor number of descriptor handle h (a trap if h is not one). */
int32_t p2_fs_fd(uint32_t h);

/* A new descriptor handle for preview-1 descriptor fd, which it owns from then on. */
uint32_t p2_fs_descriptor_new(int32_t fd, uint8_t flags);

/* The descriptor-type of statx mode bits. */
uint8_t p2_fs_type_of_mode(uint32_t mode);

/* Stores a descriptor-stat (96 bytes, align 8) / metadata-hash-value (16 bytes, align 8). */
void p2_fs_store_stat(uint8_t *out, const struct os_stat *st);
void p2_fs_store_hash(uint8_t *out, const struct os_stat *st);

/*
 * Folds two new-timestamp values (tag 0 no-change, 1 now, 2 timestamp
 * (seconds, nanoseconds)) into preview 1's (atim, mtim, fstflags):
 * WASI_ESUCCESS, WASI_EINVAL for an unknown tag or nanoseconds past a
 * second, WASI_EOVERFLOW for a time preview 1's u64 of nanoseconds cannot hold.
 */
int32_t p2_fs_times(int32_t atim_tag, uint64_t atim_s, uint32_t atim_ns, int32_t mtim_tag, uint64_t mtim_s,
		uint32_t mtim_ns, uint64_t *atim, uint64_t *mtim, int32_t *fst_flags);

/*
 * A new open file description of directory host_fd, with its own read
 * position (for a directory-entry-stream or a preopen's descriptor), or
 * -errno (fs_dir.c).
 */
long p2_fs_reopen_dir(int host_fd);

#endif
