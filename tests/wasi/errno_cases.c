/*
 * The errno of each fd_* and path_* call per edge case, one line each, for
 * the table "Errno per case, against Wasmtime" in docs/wasi.md: the wrong
 * kind of descriptor, closed and never opened descriptors, directories
 * where files are needed and the reverse, empty paths, escapes, long names,
 * loops, bad pointers, readdir cookies, renumbering, seeking, renames and
 * removals that Linux refuses, fdflags, poll_oneoff's whole-call errors.
 */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

#define DIR_FD 3
#define NEVER_OPENED 1000
#define FILE_RIGHTS                                                                                        \
	(__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL |   \
	 __WASI_RIGHTS_FD_FILESTAT_GET | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE | __WASI_RIGHTS_FD_ALLOCATE | \
	 __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN)
#define DIR_RIGHTS                                                                        \
	(__WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_UNLINK_FILE | \
	 __WASI_RIGHTS_PATH_FILESTAT_GET)
#define BAD_POINTER 0xfffffff0u
#define MAX_NAMES 16

/* The imports themselves: wasi-libc's wrappers take C strings, which cannot hold a NUL. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_create_directory"))) int32_t
raw_path_create_directory(int32_t fd, const char *path, int32_t path_len);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_symlink"))) int32_t
raw_path_symlink(const char *target, int32_t target_len, int32_t fd, const char *path, int32_t path_len);

static char buf[256];
static __wasi_iovec_t iov = { (uint8_t *)buf, sizeof buf };
static __wasi_ciovec_t ciov = { (const uint8_t *)"x", 1 };

static __wasi_fd_t open_file(const char *path, __wasi_oflags_t oflags)
{
	__wasi_fd_t fd = 0;
	__wasi_errno_t err = __wasi_path_open(DIR_FD, 0, path, oflags, FILE_RIGHTS, 0, 0, &fd);
	if (err)
		printf("  open %s: %s\n", path, errno_name(err));
	return fd;
}

static void make_file(const char *path)
{
	(void)__wasi_fd_close(open_file(path, __WASI_OFLAGS_CREAT));
}

static __wasi_errno_t open_with(const char *path, __wasi_lookupflags_t lookup, __wasi_oflags_t oflags,
				__wasi_rights_t rights)
{
	__wasi_fd_t fd;
	__wasi_errno_t err = __wasi_path_open(DIR_FD, lookup, path, oflags, rights, 0, 0, &fd);
	if (!err)
		(void)__wasi_fd_close(fd);
	return err;
}

/* Operations on a descriptor of the wrong kind, closed or never opened. */
static void wrong_descriptors(void)
{
	printf("-- the wrong descriptor\n");
	__wasi_size_t n;
	__wasi_filesize_t pos;
	__wasi_fd_t file = open_file("file", __WASI_OFLAGS_CREAT);
	__wasi_fd_t closed = open_file("closed", __WASI_OFLAGS_CREAT);
	(void)__wasi_fd_close(closed);
	WASI("fd_read closed", __wasi_fd_read(closed, &iov, 1, &n));
	WASI("fd_read never opened", __wasi_fd_read(NEVER_OPENED, &iov, 1, &n));
	WASI("fd_read negative", __wasi_fd_read((__wasi_fd_t)-1, &iov, 1, &n));
	WASI("fd_read preopen", __wasi_fd_read(DIR_FD, &iov, 1, &n));
	WASI("fd_pread preopen", __wasi_fd_pread(DIR_FD, &iov, 1, 0, &n));
	WASI("fd_write preopen", __wasi_fd_write(DIR_FD, &ciov, 1, &n));
	WASI("fd_pwrite preopen", __wasi_fd_pwrite(DIR_FD, &ciov, 1, 0, &n));
	WASI("fd_seek preopen", __wasi_fd_seek(DIR_FD, 0, __WASI_WHENCE_CUR, &pos));
	WASI("fd_tell preopen", __wasi_fd_tell(DIR_FD, &pos));
	WASI("fd_allocate preopen", __wasi_fd_allocate(DIR_FD, 0, 1));
	WASI("fd_filestat_set_size preopen", __wasi_fd_filestat_set_size(DIR_FD, 0));
	WASI("fd_advise preopen", __wasi_fd_advise(DIR_FD, 0, 0, __WASI_ADVICE_DONTNEED));
	WASI("fd_datasync preopen", __wasi_fd_datasync(DIR_FD));
	WASI("fd_sync preopen", __wasi_fd_sync(DIR_FD));
	WASI("fd_fdstat_set_flags preopen nonblock", __wasi_fd_fdstat_set_flags(DIR_FD, __WASI_FDFLAGS_NONBLOCK));
	WASI("fd_readdir file", __wasi_fd_readdir(file, (uint8_t *)buf, sizeof buf, 0, &n));
	WASI("path_open file", __wasi_path_open(file, 0, "x", 0, 0, 0, 0, &(__wasi_fd_t){ 0 }));
	WASI("path_open stdout", __wasi_path_open(1, 0, "x", 0, 0, 0, 0, &(__wasi_fd_t){ 0 }));
	WASI("path_create_directory file", __wasi_path_create_directory(file, "x"));
	WASI("path_filestat_get file", __wasi_path_filestat_get(file, 0, "x", &(__wasi_filestat_t){ 0 }));
	WASI("path_unlink_file closed", __wasi_path_unlink_file(closed, "x"));
	WASI("fd_prestat_get file", __wasi_fd_prestat_get(file, &(__wasi_prestat_t){ 0 }));
	WASI("fd_prestat_get never opened", __wasi_fd_prestat_get(NEVER_OPENED, &(__wasi_prestat_t){ 0 }));
	WASI("fd_prestat_dir_name file", __wasi_fd_prestat_dir_name(file, (uint8_t *)buf, sizeof buf));
	WASI("fd_prestat_dir_name short buffer", __wasi_fd_prestat_dir_name(DIR_FD, (uint8_t *)buf, 1));
	printf("-- non-seekable descriptors (stdout is a pipe)\n");
	WASI("fd_pwrite stdout", __wasi_fd_pwrite(1, &ciov, 1, 0, &n));
	WASI("fd_pread stdout", __wasi_fd_pread(1, &iov, 1, 0, &n));
	WASI("fd_seek stdout", __wasi_fd_seek(1, 0, __WASI_WHENCE_CUR, &pos));
	WASI("fd_tell stdout", __wasi_fd_tell(1, &pos));
	(void)__wasi_fd_close(file);
}

/* Directories where files are needed and the reverse, in path_open and the calls that remove. */
static void file_or_directory(void)
{
	printf("-- files and directories\n");
	WASI("path_open directory flag on a file", open_with("file", 0, __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READ));
	WASI("path_open trunc on a directory", open_with("dir", 0, __WASI_OFLAGS_TRUNC, __WASI_RIGHTS_FD_READ));
	WASI("path_open creat|excl on a file",
	     open_with("file", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, __WASI_RIGHTS_FD_READ));
	WASI("path_open creat|excl on a directory",
	     open_with("dir", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, __WASI_RIGHTS_FD_READ));
	WASI("path_open creat on a directory", open_with("dir", 0, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ));
	WASI("path_open creat|excl on a dangling link",
	     open_with("dang", 0, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, __WASI_RIGHTS_FD_READ));
	WASI("path_open fd_write on a directory", open_with("dir", 0, 0, __WASI_RIGHTS_FD_WRITE));
	WASI("path_unlink_file directory", __wasi_path_unlink_file(DIR_FD, "dir"));
	WASI("path_unlink_file directory/", __wasi_path_unlink_file(DIR_FD, "dir/"));
	WASI("path_remove_directory file", __wasi_path_remove_directory(DIR_FD, "file"));
	WASI("path_remove_directory non-empty", __wasi_path_remove_directory(DIR_FD, "full"));
	WASI("path_remove_directory .", __wasi_path_remove_directory(DIR_FD, "."));
	WASI("path_remove_directory dir/..", __wasi_path_remove_directory(DIR_FD, "dir/.."));
	WASI("path_create_directory existing file", __wasi_path_create_directory(DIR_FD, "file"));
	WASI("path_create_directory .", __wasi_path_create_directory(DIR_FD, "."));
	WASI("path_readlink a directory", __wasi_path_readlink(DIR_FD, "dir", (uint8_t *)buf, sizeof buf, &(__wasi_size_t){ 0 }));
	WASI("path_link a directory", __wasi_path_link(DIR_FD, 0, "dir", DIR_FD, "dir2"));
	WASI("path_symlink onto a file", __wasi_path_symlink("x", DIR_FD, "file"));
}

static void renames(void)
{
	printf("-- path_rename\n");
	WASI("path_rename directory onto non-empty directory", __wasi_path_rename(DIR_FD, "dir", DIR_FD, "full"));
	WASI("path_rename directory onto empty directory", __wasi_path_rename(DIR_FD, "empty", DIR_FD, "dir"));
	WASI("path_rename directory onto itself", __wasi_path_rename(DIR_FD, "dir", DIR_FD, "dir"));
	WASI("path_rename file onto itself", __wasi_path_rename(DIR_FD, "file", DIR_FD, "file"));
	WASI("path_rename file onto a hard link of itself", __wasi_path_rename(DIR_FD, "file", DIR_FD, "hard"));
	WASI("path_rename file onto a directory", __wasi_path_rename(DIR_FD, "file", DIR_FD, "dir"));
	WASI("path_rename directory onto a file", __wasi_path_rename(DIR_FD, "dir", DIR_FD, "file"));
	WASI("path_rename directory into itself", __wasi_path_rename(DIR_FD, "full", DIR_FD, "full/sub"));
	WASI("path_rename .", __wasi_path_rename(DIR_FD, ".", DIR_FD, "dot"));
	WASI("path_rename onto .", __wasi_path_rename(DIR_FD, "dir", DIR_FD, "."));
	WASI("path_rename missing", __wasi_path_rename(DIR_FD, "missing", DIR_FD, "x"));
	WASI("path_rename into a missing directory", __wasi_path_rename(DIR_FD, "file", DIR_FD, "missing/x"));
}

static void paths(void)
{
	printf("-- empty paths\n");
	WASI("path_open \"\"", open_with("", 0, 0, __WASI_RIGHTS_FD_READ));
	WASI("path_filestat_get \"\"", __wasi_path_filestat_get(DIR_FD, 0, "", &(__wasi_filestat_t){ 0 }));
	WASI("path_create_directory \"\"", __wasi_path_create_directory(DIR_FD, ""));
	WASI("path_remove_directory \"\"", __wasi_path_remove_directory(DIR_FD, ""));
	WASI("path_unlink_file \"\"", __wasi_path_unlink_file(DIR_FD, ""));
	WASI("path_readlink \"\"", __wasi_path_readlink(DIR_FD, "", (uint8_t *)buf, sizeof buf, &(__wasi_size_t){ 0 }));
	WASI("path_rename \"\" x", __wasi_path_rename(DIR_FD, "", DIR_FD, "x"));
	WASI("path_rename file \"\"", __wasi_path_rename(DIR_FD, "file", DIR_FD, ""));
	WASI("path_link \"\" x", __wasi_path_link(DIR_FD, 0, "", DIR_FD, "x"));
	WASI("path_symlink file \"\"", __wasi_path_symlink("file", DIR_FD, ""));
	WASI("path_symlink \"\" x", __wasi_path_symlink("", DIR_FD, "x"));
	printf("-- .. out of the preopen\n");
	WASI("path_open ..", open_with("..", 0, 0, __WASI_RIGHTS_FD_READDIR));
	WASI("path_filestat_get dir/../..", __wasi_path_filestat_get(DIR_FD, 0, "dir/../..", &(__wasi_filestat_t){ 0 }));
	WASI("path_create_directory ../x", __wasi_path_create_directory(DIR_FD, "../x"));
	WASI("path_unlink_file ../x", __wasi_path_unlink_file(DIR_FD, "../x"));
	WASI("path_rename file ../x", __wasi_path_rename(DIR_FD, "file", DIR_FD, "../x"));
	WASI("path_link file ../x", __wasi_path_link(DIR_FD, 0, "file", DIR_FD, "../x"));
	WASI("path_open /", open_with("/", 0, 0, __WASI_RIGHTS_FD_READDIR));
	printf("-- bytes in names\n");
	WASI("path_create_directory with a NUL", raw_path_create_directory(DIR_FD, "nul\0x", 5));
	WASI("path_symlink target with a NUL", raw_path_symlink("file\0x", 6, DIR_FD, "nul", 3));
	WASI("path_create_directory not UTF-8", __wasi_path_create_directory(DIR_FD, "\xff\xfe"));
	WASI("path_remove_directory not UTF-8", __wasi_path_remove_directory(DIR_FD, "\xff\xfe"));
	printf("-- loops and long names\n");
	WASI("path_open loop, follow", open_with("loop", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, 0, __WASI_RIGHTS_FD_READ));
	WASI("path_open loop, nofollow", open_with("loop", 0, 0, __WASI_RIGHTS_FD_READ));
	WASI("path_open loop/x", open_with("loop/x", 0, 0, __WASI_RIGHTS_FD_READ));
	WASI("path_filestat_get loop, follow",
	     __wasi_path_filestat_get(DIR_FD, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "loop", &(__wasi_filestat_t){ 0 }));
	WASI("path_filestat_get loop, nofollow", __wasi_path_filestat_get(DIR_FD, 0, "loop", &(__wasi_filestat_t){ 0 }));
	WASI("path_open a link to a directory, directory, nofollow",
	     open_with("ld", 0, __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR));
	static char name[300], path[5000];
	memset(name, 'n', sizeof name - 1);
	for (size_t i = 0; i + 2 < sizeof path; i += 2)
		memcpy(path + i, "d/", 2);
	WASI("path_open 299-byte name", open_with(name, 0, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ));
	WASI("path_create_directory 299-byte name", __wasi_path_create_directory(DIR_FD, name));
	WASI("path_filestat_get 4998-byte path", __wasi_path_filestat_get(DIR_FD, 0, path, &(__wasi_filestat_t){ 0 }));
}

static void pointers(void)
{
	printf("-- pointers and iovec counts\n");
	__wasi_fd_t file = open_file("file", 0);
	__wasi_size_t n;
	WASI_BAD_POINTER("fd_read iovec array out of bounds",
			 __wasi_fd_read(file, (__wasi_iovec_t *)(uintptr_t)BAD_POINTER, 1, &n));
	WASI_BAD_POINTER("fd_read iovec count past memory", __wasi_fd_read(file, &iov, 0x10000000, &n));
	__wasi_iovec_t bad_buffer = { (uint8_t *)(uintptr_t)BAD_POINTER, 64 };
	WASI_BAD_POINTER("fd_read buffer out of bounds", __wasi_fd_read(file, &bad_buffer, 1, &n));
	WASI_BAD_POINTER("fd_read result out of bounds",
			 __wasi_fd_read(file, &iov, 1, (__wasi_size_t *)(uintptr_t)BAD_POINTER));
	WASI("fd_read no iovecs", __wasi_fd_read(file, &iov, 0, &n));
	printf("  read %u\n", (unsigned)n);
	WASI("fd_write an empty iovec", __wasi_fd_write(file, &(__wasi_ciovec_t){ (const uint8_t *)"", 0 }, 1, &n));
	printf("  wrote %u\n", (unsigned)n);
	WASI_BAD_POINTER("fd_readdir buffer out of bounds",
			 __wasi_fd_readdir(DIR_FD, (uint8_t *)(uintptr_t)BAD_POINTER, 64, 0, &n));
	WASI_BAD_POINTER("path_open result out of bounds",
			 __wasi_path_open(DIR_FD, 0, "file", 0, 0, 0, 0, (__wasi_fd_t *)(uintptr_t)BAD_POINTER));
	WASI_BAD_POINTER("fd_prestat_dir_name out of bounds",
			 __wasi_fd_prestat_dir_name(DIR_FD, (uint8_t *)(uintptr_t)BAD_POINTER, 64));
	WASI_BAD_POINTER("path_readlink buffer out of bounds",
			 __wasi_path_readlink(DIR_FD, "lf", (uint8_t *)(uintptr_t)BAD_POINTER, 64, &n));
	(void)__wasi_fd_close(file);
}

/* The names of a listing from `cookie` on, and the cookie after each. */
static int list(__wasi_fd_t dir, __wasi_dircookie_t cookie, char names[][32], __wasi_dircookie_t *next)
{
	static uint8_t entries[4096];
	__wasi_size_t used;
	if (__wasi_fd_readdir(dir, entries, sizeof entries, cookie, &used))
		return -1;
	int count = 0;
	for (__wasi_size_t at = 0; at + sizeof(__wasi_dirent_t) <= used && count < MAX_NAMES;) {
		__wasi_dirent_t d;
		memcpy(&d, entries + at, sizeof d);
		at += sizeof d;
		snprintf(names[count], 32, "%.*s", (int)d.d_namlen, (const char *)entries + at);
		next[count++] = d.d_next;
		at += d.d_namlen;
	}
	return count;
}

static int index_of(char names[][32], int count, const char *name)
{
	for (int i = 0; i < count; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

/* The cookie past the end, and the cookie of an entry deleted since it was read. */
static void readdir_cookies(void)
{
	printf("-- fd_readdir cookies\n");
	__wasi_fd_t dir;
	WASI("path_open cookies", __wasi_path_open(DIR_FD, 0, "cookies", __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, 0, 0, &dir));
	static char names[MAX_NAMES][32], again[MAX_NAMES][32];
	__wasi_dircookie_t next[MAX_NAMES], next_again[MAX_NAMES];
	int count = list(dir, 0, names, next);
	printf("  entries %d\n", count);
	__wasi_size_t used = 1;
	WASI("fd_readdir at the last entry's cookie", __wasi_fd_readdir(dir, (uint8_t *)buf, sizeof buf,
									 next[count - 1], &used));
	printf("  bytes %u\n", (unsigned)used);
	/*
	 * The first of a, b, c in listing order is deleted after it was read, and
	 * reading goes on from its cookie (what a recursive delete does): the
	 * entries after it must all come, none skipped.
	 */
	int first = count;
	for (const char *n = "abc"; *n; n++) {
		int i = index_of(names, count, (char[]){ *n, 0 });
		first = i >= 0 && i < first ? i : first;
	}
	WASI("path_unlink_file the first of a, b, c", __wasi_path_unlink_file(dir, names[first]));
	int rest = list(dir, next[first], again, next_again);
	int same = rest == count - first - 1;
	for (int i = 0; same && i < rest; i++)
		same = !strcmp(again[i], names[first + 1 + i]);
	printf("  from the deleted entry's cookie, every entry after it: %d\n", same);
	(void)__wasi_fd_close(dir);
}

static void descriptors(void)
{
	printf("-- fd_renumber, fd_close\n");
	__wasi_fd_t a = open_file("file", 0), b = open_file("file2", __WASI_OFLAGS_CREAT);
	WASI("fd_renumber onto itself", __wasi_fd_renumber(a, a));
	WASI("fd_fdstat_get after", __wasi_fd_fdstat_get(a, &(__wasi_fdstat_t){ 0 }));
	(void)__wasi_fd_close(b);
	WASI("fd_renumber from closed", __wasi_fd_renumber(b, a));
	WASI("fd_renumber to closed", __wasi_fd_renumber(a, b));
	WASI("fd_renumber to never opened", __wasi_fd_renumber(a, NEVER_OPENED));
	__wasi_fd_t second;
	WASI("path_open . (a second directory)",
	     __wasi_path_open(DIR_FD, 0, ".", __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, 0, 0, &second));
	__wasi_fd_t spare = open_file("file", 0);
	WASI("fd_renumber onto the preopen", __wasi_fd_renumber(spare, DIR_FD));
	WASI("fd_prestat_get renumbered-over preopen", __wasi_fd_prestat_get(DIR_FD, &(__wasi_prestat_t){ 0 }));
	WASI("fd_renumber the directory back onto it", __wasi_fd_renumber(second, DIR_FD));
	WASI("path_filestat_get through it", __wasi_path_filestat_get(DIR_FD, 0, "file", &(__wasi_filestat_t){ 0 }));
	printf("-- fd_seek, fd_allocate, fd_fdstat_set_flags\n");
	__wasi_filesize_t pos;
	WASI("fd_seek whence 3", __wasi_fd_seek(a, 0, 3, &pos));
	WASI("fd_seek set -1", __wasi_fd_seek(a, -1, __WASI_WHENCE_SET, &pos));
	WASI("fd_seek cur -1 at 0", __wasi_fd_seek(a, -1, __WASI_WHENCE_CUR, &pos));
	WASI("fd_seek end -1000", __wasi_fd_seek(a, -1000, __WASI_WHENCE_END, &pos));
	WASI("fd_seek past the end", __wasi_fd_seek(a, 1000, __WASI_WHENCE_SET, &pos));
	printf("  at %llu\n", (unsigned long long)pos);
	WASI("fd_allocate 0+10", __wasi_fd_allocate(a, 0, 10));
	WASI("fd_allocate len 0", __wasi_fd_allocate(a, 0, 0));
	WASI("fd_fdstat_set_flags sync", __wasi_fd_fdstat_set_flags(a, __WASI_FDFLAGS_SYNC));
	WASI("fd_fdstat_set_flags dsync", __wasi_fd_fdstat_set_flags(a, __WASI_FDFLAGS_DSYNC));
	WASI("fd_fdstat_set_flags rsync", __wasi_fd_fdstat_set_flags(a, __WASI_FDFLAGS_RSYNC));
	WASI("fd_fdstat_set_flags unknown bit", __wasi_fd_fdstat_set_flags(a, 0x20));
	WASI("fd_fdstat_set_flags nonblock", __wasi_fd_fdstat_set_flags(a, __WASI_FDFLAGS_NONBLOCK));
	WASI("fd_close", __wasi_fd_close(a));
	WASI("fd_close again", __wasi_fd_close(a));
	WASI("fd_close the preopen", __wasi_fd_close(DIR_FD));
	WASI("fd_close never opened", __wasi_fd_close(NEVER_OPENED));
}

static void poll_errors(void)
{
	printf("-- poll_oneoff\n");
	__wasi_event_t events[2];
	__wasi_size_t n;
	__wasi_subscription_t sub = { .userdata = 1, .u = { .tag = __WASI_EVENTTYPE_FD_READ } };
	WASI("poll_oneoff no subscriptions", __wasi_poll_oneoff(&sub, events, 0, &n));
	sub.u.u.fd_read.file_descriptor = NEVER_OPENED;
	WASI("poll_oneoff fd_read never opened", __wasi_poll_oneoff(&sub, events, 1, &n));
	sub.u.u.fd_read.file_descriptor = DIR_FD;
	WASI("poll_oneoff fd_read on a directory", __wasi_poll_oneoff(&sub, events, 1, &n));
	sub.u.tag = __WASI_EVENTTYPE_CLOCK;
	sub.u.u.clock.id = __WASI_CLOCKID_PROCESS_CPUTIME_ID;
	sub.u.u.clock.timeout = 1;
	WASI("poll_oneoff process CPU-time clock", __wasi_poll_oneoff(&sub, events, 1, &n));
	sub.u.tag = 7;
	WASI("poll_oneoff unknown tag", __wasi_poll_oneoff(&sub, events, 1, &n));
}

static void setup(void)
{
	WASI("mkdir dir", __wasi_path_create_directory(DIR_FD, "dir"));
	WASI("mkdir empty", __wasi_path_create_directory(DIR_FD, "empty"));
	WASI("mkdir full", __wasi_path_create_directory(DIR_FD, "full"));
	WASI("mkdir full/sub", __wasi_path_create_directory(DIR_FD, "full/sub"));
	WASI("mkdir cookies", __wasi_path_create_directory(DIR_FD, "cookies"));
	make_file("cookies/a");
	make_file("cookies/b");
	make_file("cookies/c");
	WASI("symlink loop -> loop", __wasi_path_symlink("loop", DIR_FD, "loop"));
	WASI("symlink ld -> dir", __wasi_path_symlink("dir", DIR_FD, "ld"));
	WASI("symlink lf -> file", __wasi_path_symlink("file", DIR_FD, "lf"));
	WASI("symlink dang -> nowhere", __wasi_path_symlink("nowhere", DIR_FD, "dang"));
}

int main(void)
{
	setup();
	wrong_descriptors();
	WASI("link hard -> file", __wasi_path_link(DIR_FD, 0, "file", DIR_FD, "hard"));
	file_or_directory();
	renames();
	paths();
	pointers();
	readdir_cookies();
	poll_errors();
	descriptors();
	return 0;
}
