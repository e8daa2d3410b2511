/*
 * A read-only grant (--dir-ro, WASMC_DIR_RO): /ro holds data.txt and sub/;
 * /rw is an ordinary grant beside it. Reads work, every write, creation,
 * removal, rename, link and time change under /ro is refused with EPERM (as
 * Wasmtime's read-only preopens answer), the rights withheld show in
 * fdstat (the write rights of opening files stay inheriting, so that such
 * an open is asked for and refused), and /rw stays writable.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

/* The WASI descriptor of the preopen named `name`. */
static __wasi_fd_t preopen(const char *name)
{
	for (__wasi_fd_t fd = 3;; fd++) {
		__wasi_prestat_t ps;
		char buf[64] = { 0 };
		if (__wasi_fd_prestat_get(fd, &ps) != 0) {
			printf("no preopen %s\n", name);
			exit(1);
		}
		if (ps.u.dir.pr_name_len < sizeof buf && __wasi_fd_prestat_dir_name(fd, (uint8_t *)buf, ps.u.dir.pr_name_len) == 0 &&
		    !strcmp(buf, name))
			return fd;
	}
}

static void show_rights(const char *label, int fd)
{
	__wasi_fdstat_t st;
	WASI(label, __wasi_fd_fdstat_get(fd, &st));
	printf("  read %d readdir %d write %d create-file %d unlink %d; inheriting write %d\n",
	       !!(st.fs_rights_base & __WASI_RIGHTS_FD_READ), !!(st.fs_rights_base & __WASI_RIGHTS_FD_READDIR),
	       !!(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE), !!(st.fs_rights_base & __WASI_RIGHTS_PATH_CREATE_FILE),
	       !!(st.fs_rights_base & __WASI_RIGHTS_PATH_UNLINK_FILE),
	       !!(st.fs_rights_inheriting & __WASI_RIGHTS_FD_WRITE));
}

int main(void)
{
	__wasi_fd_t ro = preopen("/ro");
	show_rights("fdstat /ro", ro);
	show_rights("fdstat /rw", preopen("/rw"));

	char buf[32] = { 0 };
	int fd = open("/ro/data.txt", O_RDONLY);
	printf("open /ro/data.txt read-only: %s\n", fd >= 0 ? "OK" : errno_name(errno));
	printf("  read \"%.*s\"\n", (int)read(fd, buf, sizeof buf - 1), buf);
	show_rights("fdstat of it", fd);
	LIBC("write to it", write(fd, "x", 1));
	close(fd);
	struct stat st;
	LIBC("stat /ro/sub", stat("/ro/sub", &st));

	LIBC("open /ro/data.txt write-only", open("/ro/data.txt", O_WRONLY));
	LIBC("open /ro/data.txt read-write", open("/ro/data.txt", O_RDWR));
	LIBC("open /ro/data.txt truncating", open("/ro/data.txt", O_RDONLY | O_TRUNC));
	LIBC("create /ro/new.txt", open("/ro/new.txt", O_WRONLY | O_CREAT, 0644));
	LIBC("create /ro/sub/new.txt", open("/ro/sub/new.txt", O_WRONLY | O_CREAT, 0644));
	LIBC("mkdir /ro/dir", mkdir("/ro/dir", 0755));
	LIBC("rmdir /ro/sub", rmdir("/ro/sub"));
	LIBC("unlink /ro/data.txt", unlink("/ro/data.txt"));
	LIBC("rename /ro/data.txt", rename("/ro/data.txt", "/ro/moved.txt"));
	LIBC("rename /ro/data.txt to /rw", rename("/ro/data.txt", "/rw/moved.txt"));
	LIBC("link /ro/data.txt", link("/ro/data.txt", "/ro/link.txt"));
	LIBC("symlink in /ro", symlink("data.txt", "/ro/sym"));
	LIBC("truncate /ro/data.txt", truncate("/ro/data.txt", 0));
	WASI("path_filestat_set_times /ro/data.txt",
	     __wasi_path_filestat_set_times(ro, 0, "data.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
	WASI("fd_filestat_set_times /ro", __wasi_fd_filestat_set_times(ro, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
	__wasi_fd_t sub;
	WASI("path_open /ro/sub asking for write rights",
	     __wasi_path_open(ro, 0, "sub", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_WRITE, 0, 0, &sub));
	WASI("path_open /ro/sub", __wasi_path_open(ro, 0, "sub", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_PATH_OPEN |
	     __WASI_RIGHTS_PATH_CREATE_FILE, ~0ull, 0, &sub));
	show_rights("fdstat of /ro/sub", sub);
	WASI("create through /ro/sub", __wasi_path_open(sub, 0, "new.txt", __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ, 0,
	     0, &sub));

	LIBC("link /ro/data.txt into /rw", link("/ro/data.txt", "/rw/copy.txt"));
	fd = open("/rw/new.txt", O_WRONLY | O_CREAT, 0644);
	printf("create /rw/new.txt: %s\n", fd >= 0 ? "OK" : errno_name(errno));
	LIBC("write to it", write(fd, "x", 1));
	close(fd);
	LIBC("unlink /rw/new.txt", unlink("/rw/new.txt"));
	return 0;
}
