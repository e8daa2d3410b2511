/*
 * The WASI descriptor table: WASI descriptor numbers to host descriptors,
 * with what WASI knows about each (file type, rights, flags, the guest path
 * of a preopened directory). 0, 1, 2 are the process's standard streams,
 * the preopens follow from 3 in the order granted, new descriptors take the
 * lowest free number. The table grows with mmap (no malloc in rtlib).
 */
#ifndef WASMC_WASI_FD_TABLE_H
#define WASMC_WASI_FD_TABLE_H

#include <stdbool.h>
#include <stdint.h>

#include "abi_p1.h"

struct wasi_fd {
	int host_fd;                /* -1: the slot is free */
	uint8_t filetype;           /* enum wasi_filetype, fixed when the descriptor is made */
	uint16_t fdflags;           /* WASI_FDFLAG_* as opened or last set */
	uint64_t rights_base;       /* WASI_RIGHT_* the descriptor has */
	uint64_t rights_inheriting; /* WASI_RIGHT_* descriptors opened through it may have */
	const char *preopen;        /* a preopened directory's guest path (NUL-terminated), else NULL */
	bool readonly;              /* under a read-only grant: a missing write right is EPERM */
};

/*
 * The open descriptor `fd` holding every right in `rights`, or NULL with
 * *err set: WASI_EBADF if it is not open or is of a kind that never has one
 * of the rights (a directory for fd_read, a file for fd_readdir: Wasmtime's
 * answer), WASI_ENOTCAPABLE if a right is missing (WASI_EPERM for a write
 * right under a read-only grant, as Wasmtime). The pointer is valid until
 * the next wasi_fd_add/wasi_fd_close.
 */
struct wasi_fd *wasi_fd_get(int32_t fd, uint64_t rights, int32_t *err);

/*
 * Adds host_fd under the lowest free WASI number, stored at *fd_out.
 * Returns WASI_ESUCCESS, or WASI_ENFILE / WASI_ENOMEM (then host_fd is
 * closed: ownership passes in either case).
 */
int32_t wasi_fd_add(int host_fd, uint8_t filetype, uint16_t fdflags, uint64_t rights_base,
		uint64_t rights_inheriting, int32_t *fd_out);

/*
 * Adds a preopened directory with its guest path: all directory rights and
 * any inheriting ones, or, `readonly`, none of WASI_RIGHTS_WRITE (but
 * WASI_RIGHTS_OPEN_WRITE inheriting, which path_open then refuses).
 */
int32_t wasi_fd_add_preopen(int host_fd, const char *guest_path, bool readonly, int32_t *fd_out);

/* Closes fd and frees its number: WASI_EBADF if it is not open. */
int32_t wasi_fd_close(int32_t fd);

/* Moves `from` onto `to` (closing what `to` held): fd_renumber. */
int32_t wasi_fd_renumber(int32_t from, int32_t to);

/* The WASI file type of statx/stat mode bits (OS_S_IFMT). */
uint8_t wasi_filetype_of_mode(uint32_t mode);

/* The rights a descriptor of `filetype` can have at most. */
uint64_t wasi_rights_of_filetype(uint8_t filetype);

/* The WASI fdflags of a host descriptor's status flags (F_GETFL). */
uint16_t wasi_fdflags_of_host(int host_fd);

/* Puts the process's 0, 1, 2 in the table; the preopens follow from the grants (grants.c). */
void wasi_fd_table_init(void);

#endif
