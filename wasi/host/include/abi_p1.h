/*
 * WASI preview-1 ABI values (wasi_snapshot_preview1.witx): file types,
 * rights, descriptor flags, open flags and the byte layouts of the structs
 * the host writes into guest memory.
 */
#ifndef WASMC_WASI_ABI_P1_H
#define WASMC_WASI_ABI_P1_H

#include <stdint.h>

enum wasi_filetype {
	WASI_FILETYPE_UNKNOWN = 0,
	WASI_FILETYPE_BLOCK_DEVICE = 1,
	WASI_FILETYPE_CHARACTER_DEVICE = 2,
	WASI_FILETYPE_DIRECTORY = 3,
	WASI_FILETYPE_REGULAR_FILE = 4,
	WASI_FILETYPE_SOCKET_DGRAM = 5,
	WASI_FILETYPE_SOCKET_STREAM = 6,
	WASI_FILETYPE_SYMBOLIC_LINK = 7,
};

/* Rights: bit n of a u64. */
#define WASI_RIGHT_FD_DATASYNC (1ull << 0)
#define WASI_RIGHT_FD_READ (1ull << 1)
#define WASI_RIGHT_FD_SEEK (1ull << 2)
#define WASI_RIGHT_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define WASI_RIGHT_FD_SYNC (1ull << 4)
#define WASI_RIGHT_FD_TELL (1ull << 5)
#define WASI_RIGHT_FD_WRITE (1ull << 6)
#define WASI_RIGHT_FD_ADVISE (1ull << 7)
#define WASI_RIGHT_FD_ALLOCATE (1ull << 8)
#define WASI_RIGHT_PATH_CREATE_DIRECTORY (1ull << 9)
#define WASI_RIGHT_PATH_CREATE_FILE (1ull << 10)
#define WASI_RIGHT_PATH_LINK_SOURCE (1ull << 11)
#define WASI_RIGHT_PATH_LINK_TARGET (1ull << 12)
#define WASI_RIGHT_PATH_OPEN (1ull << 13)
#define WASI_RIGHT_FD_READDIR (1ull << 14)
#define WASI_RIGHT_PATH_READLINK (1ull << 15)
#define WASI_RIGHT_PATH_RENAME_SOURCE (1ull << 16)
#define WASI_RIGHT_PATH_RENAME_TARGET (1ull << 17)
#define WASI_RIGHT_PATH_FILESTAT_GET (1ull << 18)
#define WASI_RIGHT_PATH_FILESTAT_SET_SIZE (1ull << 19)
#define WASI_RIGHT_PATH_FILESTAT_SET_TIMES (1ull << 20)
#define WASI_RIGHT_FD_FILESTAT_GET (1ull << 21)
#define WASI_RIGHT_FD_FILESTAT_SET_SIZE (1ull << 22)
#define WASI_RIGHT_FD_FILESTAT_SET_TIMES (1ull << 23)
#define WASI_RIGHT_PATH_SYMLINK (1ull << 24)
#define WASI_RIGHT_PATH_REMOVE_DIRECTORY (1ull << 25)
#define WASI_RIGHT_PATH_UNLINK_FILE (1ull << 26)
#define WASI_RIGHT_POLL_FD_READWRITE (1ull << 27)
#define WASI_RIGHT_SOCK_SHUTDOWN (1ull << 28)
#define WASI_RIGHT_SOCK_ACCEPT (1ull << 29)
#define WASI_RIGHTS_ALL ((1ull << 30) - 1)

/* What a regular file (or other non-directory) can have. */
/* What a read-only grant withholds from its directory and everything opened through it. */
#define WASI_RIGHTS_WRITE                                                                                     \
	(WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ALLOCATE | WASI_RIGHT_FD_FILESTAT_SET_SIZE |                     \
	 WASI_RIGHT_FD_FILESTAT_SET_TIMES | WASI_RIGHT_PATH_CREATE_DIRECTORY | WASI_RIGHT_PATH_CREATE_FILE |   \
	 WASI_RIGHT_PATH_LINK_SOURCE | WASI_RIGHT_PATH_LINK_TARGET | WASI_RIGHT_PATH_RENAME_SOURCE |           \
	 WASI_RIGHT_PATH_RENAME_TARGET | WASI_RIGHT_PATH_FILESTAT_SET_SIZE |                                   \
	 WASI_RIGHT_PATH_FILESTAT_SET_TIMES | WASI_RIGHT_PATH_SYMLINK | WASI_RIGHT_PATH_REMOVE_DIRECTORY |     \
	 WASI_RIGHT_PATH_UNLINK_FILE)

/*
 * The rights of opening a file for writing: a read-only directory still
 * passes them on (wasi-libc asks only for what the directory passes on),
 * so that path_open can refuse such an open with EPERM.
 */
#define WASI_RIGHTS_OPEN_WRITE (WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ALLOCATE | WASI_RIGHT_FD_FILESTAT_SET_SIZE)

#define WASI_RIGHTS_FILE                                                                                      \
	(WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_READ | WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_FDSTAT_SET_FLAGS |  \
	 WASI_RIGHT_FD_SYNC | WASI_RIGHT_FD_TELL | WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_ADVISE |                \
	 WASI_RIGHT_FD_ALLOCATE | WASI_RIGHT_FD_FILESTAT_GET | WASI_RIGHT_FD_FILESTAT_SET_SIZE |               \
	 WASI_RIGHT_FD_FILESTAT_SET_TIMES | WASI_RIGHT_POLL_FD_READWRITE)
/* What a directory can have. */
#define WASI_RIGHTS_DIRECTORY                                                                                 \
	(WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_FDSTAT_SET_FLAGS | WASI_RIGHT_FD_SYNC |                       \
	 WASI_RIGHT_PATH_CREATE_DIRECTORY | WASI_RIGHT_PATH_CREATE_FILE | WASI_RIGHT_PATH_LINK_SOURCE |        \
	 WASI_RIGHT_PATH_LINK_TARGET | WASI_RIGHT_PATH_OPEN | WASI_RIGHT_FD_READDIR |                          \
	 WASI_RIGHT_PATH_READLINK | WASI_RIGHT_PATH_RENAME_SOURCE | WASI_RIGHT_PATH_RENAME_TARGET |            \
	 WASI_RIGHT_PATH_FILESTAT_GET | WASI_RIGHT_PATH_FILESTAT_SET_SIZE |                                    \
	 WASI_RIGHT_PATH_FILESTAT_SET_TIMES | WASI_RIGHT_FD_FILESTAT_GET | WASI_RIGHT_FD_FILESTAT_SET_TIMES |  \
	 WASI_RIGHT_PATH_SYMLINK | WASI_RIGHT_PATH_REMOVE_DIRECTORY | WASI_RIGHT_PATH_UNLINK_FILE)

/* fdflags */
#define WASI_FDFLAG_APPEND 1
#define WASI_FDFLAG_DSYNC 2
#define WASI_FDFLAG_NONBLOCK 4
#define WASI_FDFLAG_RSYNC 8
#define WASI_FDFLAG_SYNC 16

/* oflags */
#define WASI_OFLAG_CREAT 1
#define WASI_OFLAG_DIRECTORY 2
#define WASI_OFLAG_EXCL 4
#define WASI_OFLAG_TRUNC 8

/* lookupflags */
#define WASI_LOOKUP_SYMLINK_FOLLOW 1

/* fstflags */
#define WASI_FSTFLAG_ATIM 1
#define WASI_FSTFLAG_ATIM_NOW 2
#define WASI_FSTFLAG_MTIM 4
#define WASI_FSTFLAG_MTIM_NOW 8

/* Struct sizes and field offsets in guest memory. */
#define WASI_FDSTAT_SIZE 24 /* u8 filetype @0, u16 flags @2, u64 rights base @8, inheriting @16 */
#define WASI_FILESTAT_SIZE 64 /* dev @0, ino @8, u8 filetype @16, nlink @24, size @32, atim @40, mtim @48, ctim @56 */
#define WASI_DIRENT_SIZE 24 /* d_next @0, d_ino @8, u32 d_namlen @16, u8 d_type @20 */
#define WASI_PRESTAT_SIZE 8 /* u8 tag (0: dir) @0, u32 name length @4 */

#endif
