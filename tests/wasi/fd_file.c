/* Every fd_* function on a regular file, with its error paths (fd 3 is the granted directory). */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

#define DIR_FD 3
#define FILE_RIGHTS                                                                                         \
	(__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL |       \
	 __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES | \
	 __WASI_RIGHTS_FD_ADVISE | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_SYNC | __WASI_RIGHTS_FD_DATASYNC |   \
	 __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS)

static __wasi_filestat_t stat_of(__wasi_fd_t fd)
{
	__wasi_filestat_t st;
	WASI("  filestat_get", __wasi_fd_filestat_get(fd, &st));
	return st;
}

static void write_str(__wasi_fd_t fd, const char *a, const char *b)
{
	__wasi_ciovec_t iov[2] = { { (const uint8_t *)a, strlen(a) }, { (const uint8_t *)b, strlen(b) } };
	__wasi_size_t n = 0;
	WASI("fd_write 2 iovecs", __wasi_fd_write(fd, iov, 2, &n));
	printf("  wrote %u\n", (unsigned)n);
}

static void seek_to(__wasi_fd_t fd, int64_t offset, __wasi_whence_t whence)
{
	__wasi_filesize_t pos = 0;
	WASI("fd_seek", __wasi_fd_seek(fd, offset, whence, &pos));
	printf("  now at %llu\n", (unsigned long long)pos);
}

int main(void)
{
	__wasi_fd_t fd, other;
	WASI("path_open creat|excl", __wasi_path_open(DIR_FD, 0, "f.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL,
						   FILE_RIGHTS, 0, 0, &fd));
	WASI("path_open creat|excl again", __wasi_path_open(DIR_FD, 0, "f.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL,
							 FILE_RIGHTS, 0, 0, &other));
	write_str(fd, "hello ", "world");
	__wasi_filesize_t pos = 0;
	WASI("fd_tell", __wasi_fd_tell(fd, &pos));
	printf("  at %llu\n", (unsigned long long)pos);
	seek_to(fd, 0, __WASI_WHENCE_SET);

	char a[5], b[20] = { 0 };
	__wasi_iovec_t iov[2] = { { (uint8_t *)a, sizeof a }, { (uint8_t *)b, sizeof b } };
	__wasi_size_t n = 0;
	WASI("fd_read 2 iovecs", __wasi_fd_read(fd, iov, 2, &n));
	printf("  read %u: %.5s|%s\n", (unsigned)n, a, b);
	WASI("fd_read at end", __wasi_fd_read(fd, iov, 2, &n));
	printf("  read %u\n", (unsigned)n);

	char c[6] = { 0 };
	__wasi_iovec_t piov = { (uint8_t *)c, 5 };
	WASI("fd_pread @6", __wasi_fd_pread(fd, &piov, 1, 6, &n));
	printf("  pread %u: %s\n", (unsigned)n, c);
	__wasi_ciovec_t wiov = { (const uint8_t *)"WORLD", 5 };
	WASI("fd_pwrite @6", __wasi_fd_pwrite(fd, &wiov, 1, 6, &n));
	WASI("fd_tell after pwrite", __wasi_fd_tell(fd, &pos));
	printf("  at %llu (unchanged)\n", (unsigned long long)pos);
	seek_to(fd, -5, __WASI_WHENCE_END);
	WASI("fd_read", __wasi_fd_read(fd, &piov, 1, &n));
	printf("  read %u: %s\n", (unsigned)n, c);
	seek_to(fd, -2, __WASI_WHENCE_CUR);
	WASI("fd_seek whence 7", __wasi_fd_seek(fd, 0, 7, &pos));
	WASI("fd_seek before start", __wasi_fd_seek(fd, -100, __WASI_WHENCE_SET, &pos));
	WASI("fd_pread negative offset", __wasi_fd_pread(fd, &piov, 1, (uint64_t)-1, &n));

	__wasi_filestat_t st = stat_of(fd);
	printf("  filetype %u size %llu nlink %llu\n", st.filetype, (unsigned long long)st.size,
	       (unsigned long long)st.nlink);
	WASI("fd_filestat_set_size 4", __wasi_fd_filestat_set_size(fd, 4));
	st = stat_of(fd);
	printf("  size %llu\n", (unsigned long long)st.size);
	WASI("fd_filestat_set_times", __wasi_fd_filestat_set_times(fd, 1000000000123ull, 2000000000456ull,
									__WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
	st = stat_of(fd);
	printf("  atim %llu mtim %llu\n", (unsigned long long)st.atim, (unsigned long long)st.mtim);
	WASI("fd_filestat_set_times mtim only", __wasi_fd_filestat_set_times(fd, 0, 3000000000000ull,
									__WASI_FSTFLAGS_MTIM));
	st = stat_of(fd);
	printf("  atim %llu mtim %llu\n", (unsigned long long)st.atim, (unsigned long long)st.mtim);
	WASI("fd_filestat_set_times atim and atim_now", __wasi_fd_filestat_set_times(fd, 1, 0,
				__WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
	WASI("fd_filestat_set_times now", __wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
	st = stat_of(fd);
	printf("  mtim moved: %s\n", st.mtim > 3000000000000ull ? "yes" : "no");

	WASI("fd_advise sequential", __wasi_fd_advise(fd, 0, 0, __WASI_ADVICE_SEQUENTIAL));
	WASI("fd_advise dontneed", __wasi_fd_advise(fd, 0, 100, __WASI_ADVICE_DONTNEED));
	WASI("fd_advise 9", __wasi_fd_advise(fd, 0, 0, 9));
	WASI("fd_allocate 0+100", __wasi_fd_allocate(fd, 0, 100));
	st = stat_of(fd);
	printf("  size %llu\n", (unsigned long long)st.size);
	WASI("fd_allocate len 0", __wasi_fd_allocate(fd, 0, 0));
	WASI("fd_sync", __wasi_fd_sync(fd));
	WASI("fd_datasync", __wasi_fd_datasync(fd));

	__wasi_fdstat_t fs;
	WASI("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &fs));
	printf("  filetype %u flags %u base==asked %d inheriting %llu\n", fs.fs_filetype, fs.fs_flags,
	       fs.fs_rights_base == FILE_RIGHTS, (unsigned long long)fs.fs_rights_inheriting);
	WASI("fd_fdstat_set_flags append", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND));
	WASI("fd_fdstat_get", __wasi_fd_fdstat_get(fd, &fs));
	printf("  flags %u\n", fs.fs_flags);
	seek_to(fd, 0, __WASI_WHENCE_SET);
	write_str(fd, "+", "");
	st = stat_of(fd);
	printf("  size %llu (appended)\n", (unsigned long long)st.size);
	WASI("fd_fdstat_set_flags sync", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_SYNC));
	WASI("fd_fdstat_set_flags 0", __wasi_fd_fdstat_set_flags(fd, 0));

	WASI_BAD_POINTER("fd_write bad iovec", __wasi_fd_write(fd, (const __wasi_ciovec_t *)0xfffffff0u, 1, &n));
	WASI_BAD_POINTER("fd_filestat_get bad pointer", __wasi_fd_filestat_get(fd, (__wasi_filestat_t *)0xffffffc0u));

	/* Truncating open, then renumber one descriptor onto another. */
	WASI("path_open trunc", __wasi_path_open(DIR_FD, 0, "f.txt", __WASI_OFLAGS_TRUNC, FILE_RIGHTS, 0, 0, &other));
	st = stat_of(other);
	printf("  size %llu\n", (unsigned long long)st.size);
	WASI("fd_renumber", __wasi_fd_renumber(fd, other));
	write_str(other, "via ", "renumbered");
	WASI("fd_write old number", __wasi_fd_write(fd, &wiov, 1, &n));
	WASI("fd_renumber to closed", __wasi_fd_renumber(other, 77));
	WASI("fd_renumber from closed", __wasi_fd_renumber(77, other));
	WASI("fd_close", __wasi_fd_close(other));
	WASI("fd_close again", __wasi_fd_close(other));
	WASI("fd_sync closed", __wasi_fd_sync(other));

	/* Rights: a write-only descriptor cannot read, seek or stat. */
	WASI("path_open write only", __wasi_path_open(DIR_FD, 0, "f.txt", 0, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
	WASI("  fd_read", __wasi_fd_read(fd, iov, 2, &n));
	WASI("  fd_seek", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
	WASI("  fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
	WASI("  fd_allocate", __wasi_fd_allocate(fd, 0, 1));
	WASI("  fd_pwrite (needs seek)", __wasi_fd_pwrite(fd, &wiov, 1, 0, &n));
	WASI("  fd_write", __wasi_fd_write(fd, &wiov, 1, &n));
	WASI("  fd_close", __wasi_fd_close(fd));

	/* Open flags and their errors. */
	WASI("path_open missing", __wasi_path_open(DIR_FD, 0, "missing", 0, FILE_RIGHTS, 0, 0, &fd));
	WASI("path_open directory flag on a file", __wasi_path_open(DIR_FD, 0, "f.txt", __WASI_OFLAGS_DIRECTORY,
									 FILE_RIGHTS, 0, 0, &fd));
	WASI("path_open creat|directory", __wasi_path_open(DIR_FD, 0, "new", __WASI_OFLAGS_CREAT |
							__WASI_OFLAGS_DIRECTORY, 0, 0, 0, &fd));
	WASI("path_open file/", __wasi_path_open(DIR_FD, 0, "f.txt/", 0, FILE_RIGHTS, 0, 0, &fd));
	WASI("path_open bad oflags", __wasi_path_open(DIR_FD, 0, "f.txt", 0x10, FILE_RIGHTS, 0, 0, &fd));
	WASI("path_open through a file", __wasi_path_open(DIR_FD, 0, "f.txt/x", 0, FILE_RIGHTS, 0, 0, &fd));
	WASI("path_open empty path", __wasi_path_open(DIR_FD, 0, "", 0, FILE_RIGHTS, 0, 0, &fd));
	WASI("path_open write a directory", __wasi_path_open(DIR_FD, 0, ".", 0, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
	WASI("path_open on a file descriptor", __wasi_path_open(1, 0, "x", 0, 0, 0, 0, &fd));
	WASI("path_open on a closed descriptor", __wasi_path_open(55, 0, "x", 0, 0, 0, 0, &fd));
	WASI("path_open append", __wasi_path_open(DIR_FD, 0, "f.txt", 0, FILE_RIGHTS, 0, __WASI_FDFLAGS_APPEND, &fd));
	__wasi_fdstat_t afs;
	WASI("  fd_fdstat_get", __wasi_fd_fdstat_get(fd, &afs));
	printf("  flags %u\n", afs.fs_flags);
	WASI("  fd_close", __wasi_fd_close(fd));

	/* A standard stream that is a pipe (the test runner captures stdout) cannot seek. */
	WASI("fd_seek stdout", __wasi_fd_seek(1, 0, __WASI_WHENCE_CUR, &pos));
	WASI("fd_tell stdout", __wasi_fd_tell(1, &pos));
	fflush(stdout);
	return 0;
}
