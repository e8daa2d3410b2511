/*
 * Every path_* function and fd_readdir with cookies, with their error
 * paths, inside the granted directory (fd 3).
 */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

#define DIR_FD 3
#define FILE_RIGHTS (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_FILESTAT_GET)
#define DIR_RIGHTS (__WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_PATH_FILESTAT_GET)
#define MAX_NAMES 16

/* The import itself: wasi-libc's wrapper would take the string's length first. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_create_directory"))) int32_t
raw_path_create_directory(int32_t fd, int32_t path, int32_t path_len);

static void create(const char *path, const char *contents)
{
	__wasi_fd_t fd;
	printf("create %s: %s\n", path, errno_name(__wasi_path_open(DIR_FD, 0, path, __WASI_OFLAGS_CREAT, FILE_RIGHTS,
									0, 0, &fd)));
	__wasi_ciovec_t iov = { (const uint8_t *)contents, strlen(contents) };
	__wasi_size_t n;
	if (__wasi_fd_write(fd, &iov, 1, &n) || __wasi_fd_close(fd))
		printf("  write failed\n");
}

static void stat_path(const char *label, __wasi_lookupflags_t flags, const char *path)
{
	__wasi_filestat_t st;
	__wasi_errno_t err = __wasi_path_filestat_get(DIR_FD, flags, path, &st);
	if (err)
		printf("%s: %s\n", label, errno_name(err));
	else if (st.filetype == __WASI_FILETYPE_DIRECTORY) /* size and link count depend on the file system */
		printf("%s: OK type %u\n", label, st.filetype);
	else
		printf("%s: OK type %u size %llu nlink %llu\n", label, st.filetype, (unsigned long long)st.size,
		       (unsigned long long)st.nlink);
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a directory in calls of buf_len bytes, resuming at the last whole entry's cookie. */
static void list(__wasi_fd_t dir, size_t buf_len)
{
	static uint8_t buf[4096];
	char *names[MAX_NAMES];
	int count = 0, calls = 0;
	__wasi_dircookie_t cookie = 0;
	for (;;) {
		__wasi_size_t used;
		__wasi_errno_t err = __wasi_fd_readdir(dir, buf, buf_len, cookie, &used);
		calls++;
		if (err) {
			printf("  fd_readdir: %s\n", errno_name(err));
			return;
		}
		size_t at = 0;
		while (at + sizeof(__wasi_dirent_t) <= used) {
			__wasi_dirent_t d;
			memcpy(&d, buf + at, sizeof d);
			if (at + sizeof d + d.d_namlen > used)
				break; /* cut at the buffer's end: ask again from here */
			if (count < MAX_NAMES) {
				char *name = malloc(d.d_namlen + 8);
				snprintf(name, d.d_namlen + 8, "%.*s/%u", (int)d.d_namlen, (char *)buf + at + sizeof d,
					 d.d_type);
				names[count++] = name;
			}
			cookie = d.d_next;
			at += sizeof d + d.d_namlen;
		}
		if (used < buf_len)
			break;
		if (at == 0)
			buf_len *= 2; /* not even one entry fit: a bigger buffer, as wasi-libc does */
	}
	qsort(names, count, sizeof names[0], compare);
	printf("  %d entries in %s call(s):", count, calls > 1 ? "several" : "one");
	for (int i = 0; i < count; i++)
		printf(" %s", names[i]);
	printf("\n");
}

int main(void)
{
	WASI("path_create_directory d", __wasi_path_create_directory(DIR_FD, "d"));
	WASI("path_create_directory d again", __wasi_path_create_directory(DIR_FD, "d"));
	WASI("path_create_directory d/sub/", __wasi_path_create_directory(DIR_FD, "d/sub/"));
	WASI("path_create_directory missing/x", __wasi_path_create_directory(DIR_FD, "missing/x"));
	create("d/a", "aaa");
	create("d/bb", "bb");
	create("d/a-rather-long-file-name", "");

	__wasi_fd_t dir;
	WASI("path_open d", __wasi_path_open(DIR_FD, 0, "d", __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, DIR_RIGHTS, 0, &dir));
	printf("readdir, one big buffer\n");
	list(dir, 4096);
	printf("readdir, 40-byte buffer\n");
	list(dir, 40);
	uint8_t small[30];
	__wasi_size_t used;
	WASI("fd_readdir 30 bytes", __wasi_fd_readdir(dir, small, sizeof small, 0, &used));
	printf("  bufused %u\n", (unsigned)used);
	WASI("fd_readdir at end cookie", __wasi_fd_readdir(dir, small, 0, 0, &used));
	printf("  bufused %u\n", (unsigned)used);
	__wasi_fd_t file;
	WASI("path_open d/a", __wasi_path_open(DIR_FD, 0, "d/a", 0, FILE_RIGHTS, 0, 0, &file));
	WASI("fd_readdir on a file", __wasi_fd_readdir(file, small, sizeof small, 0, &used));
	WASI("fd_close file", __wasi_fd_close(file));
	WASI("path_open via d", __wasi_path_open(dir, 0, "bb", 0, FILE_RIGHTS, 0, 0, &file));
	WASI("fd_close file", __wasi_fd_close(file));
	WASI("path_open via d, a right d does not pass on", __wasi_path_open(dir, 0, "bb", 0, __WASI_RIGHTS_FD_WRITE,
										 0, 0, &file));
	__wasi_fdstat_t fs;
	WASI("  fd_fdstat_get", __wasi_fd_fdstat_get(file, &fs));
	printf("  can write: %d\n", (fs.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0);
	WASI("  fd_close", __wasi_fd_close(file));
	WASI("path_create_directory via d (no right)", __wasi_path_create_directory(dir, "x"));
	WASI("fd_close d", __wasi_fd_close(dir));

	WASI("path_remove_directory d", __wasi_path_remove_directory(DIR_FD, "d"));
	WASI("path_remove_directory d/a", __wasi_path_remove_directory(DIR_FD, "d/a"));
	WASI("path_unlink_file d", __wasi_path_unlink_file(DIR_FD, "d"));
	WASI("path_unlink_file d/a", __wasi_path_unlink_file(DIR_FD, "d/a"));
	WASI("path_unlink_file d/a again", __wasi_path_unlink_file(DIR_FD, "d/a"));
	WASI("path_unlink_file d/bb/", __wasi_path_unlink_file(DIR_FD, "d/bb/"));
	WASI("path_rename d/bb c", __wasi_path_rename(DIR_FD, "d/bb", DIR_FD, "c"));
	stat_path("path_filestat_get c", 0, "c");
	WASI("path_rename missing", __wasi_path_rename(DIR_FD, "d/bb", DIR_FD, "c"));
	WASI("path_rename d onto c", __wasi_path_rename(DIR_FD, "d", DIR_FD, "c"));
	WASI("path_link c c2", __wasi_path_link(DIR_FD, 0, "c", DIR_FD, "c2"));
	stat_path("path_filestat_get c2", 0, "c2");
	WASI("path_link c c2 again", __wasi_path_link(DIR_FD, 0, "c", DIR_FD, "c2"));
	WASI("path_link d (a directory)", __wasi_path_link(DIR_FD, 0, "d", DIR_FD, "d2"));

	WASI("path_symlink c lc", __wasi_path_symlink("c", DIR_FD, "lc"));
	WASI("path_symlink c lc again", __wasi_path_symlink("c", DIR_FD, "lc"));
	char target[64] = { 0 };
	WASI("path_readlink lc", __wasi_path_readlink(DIR_FD, "lc", (uint8_t *)target, sizeof target, &used));
	printf("  %u bytes: %.*s\n", (unsigned)used, (int)used, target);
	WASI("path_symlink long", __wasi_path_symlink("some/long/target", DIR_FD, "long"));
	memset(target, 0, sizeof target);
	WASI("path_readlink into 4 bytes", __wasi_path_readlink(DIR_FD, "long", (uint8_t *)target, 4, &used));
	printf("  %u bytes: %.*s\n", (unsigned)used, (int)used, target);
	WASI("path_readlink a file", __wasi_path_readlink(DIR_FD, "c", (uint8_t *)target, sizeof target, &used));
	stat_path("path_filestat_get lc nofollow", 0, "lc");
	stat_path("path_filestat_get lc follow", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "lc");
	stat_path("path_filestat_get long follow", __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "long");
	stat_path("path_filestat_get d/../c", 0, "d/../c");
	stat_path("path_filestat_get ./d/./sub/", 0, "./d/./sub/");
	stat_path("path_filestat_get c/", 0, "c/");
	WASI("path_symlink d ld", __wasi_path_symlink("d", DIR_FD, "ld"));
	create("ld/through-link", "x");
	stat_path("path_filestat_get d/through-link", 0, "d/through-link");
	WASI("path_link lc hl (follow)", __wasi_path_link(DIR_FD, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "lc", DIR_FD, "hl"));
	stat_path("path_filestat_get hl", 0, "hl");

	WASI("path_filestat_set_times c", __wasi_path_filestat_set_times(DIR_FD, 0, "c", 5000000000ull, 7000000000ull,
		__WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
	__wasi_filestat_t st;
	WASI("path_filestat_get c", __wasi_path_filestat_get(DIR_FD, 0, "c", &st));
	printf("  atim %llu mtim %llu\n", (unsigned long long)st.atim, (unsigned long long)st.mtim);
	WASI("path_filestat_set_times lc nofollow", __wasi_path_filestat_set_times(DIR_FD, 0, "lc", 0, 9000000000ull,
		__WASI_FSTFLAGS_MTIM));
	WASI("path_filestat_get lc", __wasi_path_filestat_get(DIR_FD, 0, "lc", &st));
	printf("  link mtim %llu\n", (unsigned long long)st.mtim);
	WASI("path_filestat_get c", __wasi_path_filestat_get(DIR_FD, 0, "c", &st));
	printf("  target mtim %llu\n", (unsigned long long)st.mtim);
	WASI("path_filestat_set_times lc follow", __wasi_path_filestat_set_times(DIR_FD,
		__WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "lc", 0, 8000000000ull, __WASI_FSTFLAGS_MTIM));
	WASI("path_filestat_get c", __wasi_path_filestat_get(DIR_FD, 0, "c", &st));
	printf("  target mtim %llu\n", (unsigned long long)st.mtim);
	WASI("path_filestat_set_times bad flags", __wasi_path_filestat_set_times(DIR_FD, 0, "c", 0, 0,
		__WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
	WASI("path_filestat_set_times missing", __wasi_path_filestat_set_times(DIR_FD, 0, "nope", 0, 0,
		__WASI_FSTFLAGS_MTIM_NOW));

	/* Following links when opening. */
	__wasi_fd_t fd;
	WASI("path_open lc nofollow", __wasi_path_open(DIR_FD, 0, "lc", 0, FILE_RIGHTS, 0, 0, &fd));
	WASI("path_open lc follow", __wasi_path_open(DIR_FD, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "lc", 0, FILE_RIGHTS,
						  0, 0, &fd));
	char text[8] = { 0 };
	__wasi_iovec_t iov = { (uint8_t *)text, sizeof text - 1 };
	WASI("  fd_read", __wasi_fd_read(fd, &iov, 1, &used));
	printf("  read: %s\n", text);
	WASI("  fd_close", __wasi_fd_close(fd));
	WASI("path_symlink loop1", __wasi_path_symlink("loop2", DIR_FD, "loop1"));
	WASI("path_symlink loop2", __wasi_path_symlink("loop1", DIR_FD, "loop2"));
	WASI("path_open loop1 follow", __wasi_path_open(DIR_FD, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "loop1", 0,
							 FILE_RIGHTS, 0, 0, &fd));
	WASI("path_open loop1/x", __wasi_path_open(DIR_FD, 0, "loop1/x", 0, FILE_RIGHTS, 0, 0, &fd));
	WASI("path_symlink dangling", __wasi_path_symlink("created-through-link", DIR_FD, "dangling"));
	WASI("path_open dangling follow creat", __wasi_path_open(DIR_FD, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dangling",
		__WASI_OFLAGS_CREAT, FILE_RIGHTS, 0, 0, &fd));
	WASI("  fd_close", __wasi_fd_close(fd));
	stat_path("path_filestat_get created-through-link", 0, "created-through-link");
	WASI("path_unlink_file lc", __wasi_path_unlink_file(DIR_FD, "lc"));
	stat_path("path_filestat_get c still there", 0, "c");

	/* Empty the tree and remove it. */
	WASI("path_remove_directory d/sub", __wasi_path_remove_directory(DIR_FD, "d/sub"));
	WASI("path_unlink_file d/a-rather-long-file-name", __wasi_path_unlink_file(DIR_FD, "d/a-rather-long-file-name"));
	WASI("path_unlink_file d/through-link", __wasi_path_unlink_file(DIR_FD, "d/through-link"));
	WASI("path_remove_directory d", __wasi_path_remove_directory(DIR_FD, "d"));
	WASI("path_remove_directory ld (a link)", __wasi_path_remove_directory(DIR_FD, "ld"));
	WASI("path_remove_directory .", __wasi_path_remove_directory(DIR_FD, "."));
	WASI_BAD_POINTER("path_create_directory bad pointer", raw_path_create_directory(DIR_FD, 0xfffffff0, 100));
	printf("readdir of the granted directory\n");
	list(DIR_FD, 4096);
	return 0;
}
