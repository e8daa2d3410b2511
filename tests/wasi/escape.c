/*
 * Attempts to leave the granted directory (fd 3, the run folder's
 * "sandbox"), one kind per run: argv[1] names it, argv[2] is the host path
 * of a file outside. The test runner has put links in the sandbox:
 * abs -> the outside folder (absolute), up -> ../outside (relative).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"

#define DIR_FD 3
#define RIGHTS (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_FILESTAT_GET)
#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW

static void try_open_as(const char *label, const char *path, __wasi_lookupflags_t flags)
{
	__wasi_fd_t fd;
	printf("path_open %s: %s\n", label, errno_name(__wasi_path_open(DIR_FD, flags, path, 0, RIGHTS, 0, 0, &fd)));
}

static void try_open(const char *path, __wasi_lookupflags_t flags)
{
	try_open_as(path, path, flags);
}

static void try_stat(const char *path)
{
	__wasi_filestat_t st;
	printf("path_filestat_get %s: %s\n", path, errno_name(__wasi_path_filestat_get(DIR_FD, FOLLOW, path, &st)));
}

static void try_libc_as(const char *label, const char *path)
{
	errno = 0;
	int fd = open(path, O_RDONLY);
	printf("open(%s): %s\n", label, fd < 0 ? errno_name(errno) : "OK (escaped!)");
}

static void try_libc(const char *path)
{
	try_libc_as(path, path);
}

int main(int argc, char **argv)
{
	const char *kind = argc > 1 ? argv[1] : "";
	if (!strcmp(kind, "dotdot")) {
		try_open("..", 0);
		try_open("../outside/secret.txt", 0);
		try_open("inner/../../outside/secret.txt", 0);
		try_open("inner/../inner/../..", 0);
		try_stat("..");
		WASI("path_create_directory ../made", __wasi_path_create_directory(DIR_FD, "../made"));
		WASI("path_rename inner ../moved", __wasi_path_rename(DIR_FD, "inner", DIR_FD, "../moved"));
		try_libc("/sandbox/../outside/secret.txt");
		try_open("inner/..", 0); /* still inside: allowed */
	} else if (!strcmp(kind, "absolute")) {
		try_open("/", 0);
		try_open("/etc/passwd", 0);
		try_open_as("the outside file's host path", argc > 2 ? argv[2] : "/", 0);
		try_stat("/etc");
		WASI("path_symlink /etc etc", __wasi_path_symlink("/etc", DIR_FD, "etc")); /* refused when made (Wasmtime) */
		try_open("etc/passwd", FOLLOW); /* nothing was made */
		try_open("etc/passwd", 0);
	} else if (!strcmp(kind, "symlink_absolute")) {
		try_open("abs/secret.txt", 0);
		try_open("abs", FOLLOW);
		try_stat("abs");
		try_stat("abs/secret.txt");
		WASI("path_create_directory abs/new", __wasi_path_create_directory(DIR_FD, "abs/new"));
		try_libc("/sandbox/abs/secret.txt");
		try_open("abs", 0); /* the link itself, not followed: ELOOP, not an escape */
	} else if (!strcmp(kind, "symlink_dotdot")) {
		try_open("up/secret.txt", 0);
		try_open("up", FOLLOW);
		try_stat("up/secret.txt");
		WASI("path_symlink ../../x inner/deep", __wasi_path_symlink("../../x", DIR_FD, "inner/deep"));
		try_open("inner/deep", FOLLOW); /* nothing was made (links made on the host: up, abs) */
		WASI("path_symlink .. inner/parent", __wasi_path_symlink("..", DIR_FD, "inner/parent"));
		try_open("inner/parent/inner", FOLLOW); /* inside: allowed */
		try_open("inner/parent/inner/parent/../x", FOLLOW);
		WASI("path_link up/secret.txt stolen", __wasi_path_link(DIR_FD, FOLLOW, "up/secret.txt", DIR_FD, "stolen"));
		try_libc("/sandbox/up/secret.txt");
	} else if (!strcmp(kind, "ungranted")) {
		try_libc_as("the outside file's host path", argc > 2 ? argv[2] : "/");
		try_libc("/etc/passwd");
		try_libc("secret.txt"); /* relative to no granted directory */
		__wasi_fd_t fd;
		WASI("path_open through stdin", __wasi_path_open(0, 0, "secret.txt", 0, RIGHTS, 0, 0, &fd));
		WASI("path_open through fd 9", __wasi_path_open(9, 0, "secret.txt", 0, RIGHTS, 0, 0, &fd));
	} else {
		printf("unknown kind '%s'\n", kind);
		return 2;
	}
	return 0;
}
