/*
 * Edge cases of the path_* calls, as Linux's *at calls answer them (and
 * Wasmtime where it refuses more): a trailing '/' on a name that is created,
 * removed or renamed (the last component is not followed there), reopening a
 * preopen with exactly the rights it advertises, symbolic links whose
 * contents point out of the preopen.
 */
#include <stdint.h>

#include "check.h"

#define DIR_FD 3
#define FILE_RIGHTS (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_FILESTAT_GET)

static void exists(const char *path)
{
	__wasi_filestat_t st;
	__wasi_errno_t err = __wasi_path_filestat_get(DIR_FD, 0, path, &st);
	if (err)
		printf("  %s: %s\n", path, errno_name(err));
	else
		printf("  %s: type %u\n", path, st.filetype);
}

static void setup(void)
{
	__wasi_fd_t fd;
	WASI("create file", __wasi_path_open(DIR_FD, 0, "file", __WASI_OFLAGS_CREAT, FILE_RIGHTS, 0, 0, &fd));
	WASI("close file", __wasi_fd_close(fd));
	WASI("mkdir dir", __wasi_path_create_directory(DIR_FD, "dir"));
	WASI("symlink lf -> file", __wasi_path_symlink("file", DIR_FD, "lf"));
	WASI("symlink ld -> dir", __wasi_path_symlink("dir", DIR_FD, "ld"));
	WASI("symlink dang -> nowhere", __wasi_path_symlink("nowhere", DIR_FD, "dang"));
}

static void trailing_slashes(void)
{
	printf("-- a trailing slash on a new name\n");
	WASI("path_link file new/", __wasi_path_link(DIR_FD, 0, "file", DIR_FD, "new/"));
	WASI("path_link lf new/ (follow)", __wasi_path_link(DIR_FD, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "lf", DIR_FD,
							    "new/"));
	WASI("path_link file dir/", __wasi_path_link(DIR_FD, 0, "file", DIR_FD, "dir/"));
	WASI("path_link file/ new", __wasi_path_link(DIR_FD, 0, "file/", DIR_FD, "new"));
	WASI("path_link lf/ new", __wasi_path_link(DIR_FD, 0, "lf/", DIR_FD, "new"));
	WASI("path_symlink file new/", __wasi_path_symlink("file", DIR_FD, "new/"));
	WASI("path_symlink file file/", __wasi_path_symlink("file", DIR_FD, "file/"));
	WASI("path_rename file new/", __wasi_path_rename(DIR_FD, "file", DIR_FD, "new/"));
	WASI("path_rename file/ new", __wasi_path_rename(DIR_FD, "file/", DIR_FD, "new"));
	WASI("path_rename lf/ new", __wasi_path_rename(DIR_FD, "lf/", DIR_FD, "new"));
	WASI("path_rename ld/ new", __wasi_path_rename(DIR_FD, "ld/", DIR_FD, "new"));
	WASI("path_rename dir ld/", __wasi_path_rename(DIR_FD, "dir", DIR_FD, "ld/"));
	WASI("path_rename dir dang/", __wasi_path_rename(DIR_FD, "dir", DIR_FD, "dang/"));
	WASI("path_open new/ creat", __wasi_path_open(DIR_FD, 0, "new/", __WASI_OFLAGS_CREAT, FILE_RIGHTS, 0, 0,
						      &(__wasi_fd_t){ 0 }));
	WASI("path_open file/ creat", __wasi_path_open(DIR_FD, 0, "file/", __WASI_OFLAGS_CREAT, FILE_RIGHTS, 0, 0,
						       &(__wasi_fd_t){ 0 }));
	WASI("path_create_directory dang/", __wasi_path_create_directory(DIR_FD, "dang/"));
	WASI("path_create_directory lf/", __wasi_path_create_directory(DIR_FD, "lf/"));
	WASI("path_remove_directory ld/", __wasi_path_remove_directory(DIR_FD, "ld/"));
	WASI("path_unlink_file ld/", __wasi_path_unlink_file(DIR_FD, "ld/"));
	WASI("path_unlink_file dang/", __wasi_path_unlink_file(DIR_FD, "dang/"));
	printf("nothing was made, moved or removed:\n");
	exists("new");
	exists("nowhere");
	exists("file");
	exists("dir");
	exists("ld");
	printf("-- what a trailing slash allows\n");
	WASI("path_create_directory made/", __wasi_path_create_directory(DIR_FD, "made/"));
	WASI("path_rename made/ moved/", __wasi_path_rename(DIR_FD, "made/", DIR_FD, "moved/"));
	WASI("path_rename moved dir/", __wasi_path_rename(DIR_FD, "moved", DIR_FD, "dir/"));
	WASI("path_remove_directory dir/", __wasi_path_remove_directory(DIR_FD, "dir/"));
	WASI("path_create_directory dir", __wasi_path_create_directory(DIR_FD, "dir"));
	exists("ld/");
}

static void reopen_preopen(void)
{
	printf("-- a preopen reopened with its own rights\n");
	__wasi_fdstat_t st;
	WASI("fd_fdstat_get preopen", __wasi_fd_fdstat_get(DIR_FD, &st));
	__wasi_fd_t fd;
	WASI("path_open . directory, the preopen's rights",
	     __wasi_path_open(DIR_FD, 0, ".", __WASI_OFLAGS_DIRECTORY, st.fs_rights_base, st.fs_rights_inheriting, 0,
			      &fd));
	__wasi_fdstat_t again;
	WASI("fd_fdstat_get reopened", __wasi_fd_fdstat_get(fd, &again));
	printf("  same type %d, same rights %d\n", again.fs_filetype == st.fs_filetype,
	       again.fs_rights_base == st.fs_rights_base && again.fs_rights_inheriting == st.fs_rights_inheriting);
	WASI("fd_datasync reopened", __wasi_fd_datasync(fd));
	WASI("fd_close reopened", __wasi_fd_close(fd));
	WASI("path_open dir, the preopen's rights, no oflags",
	     __wasi_path_open(DIR_FD, 0, "dir", 0, st.fs_rights_base, st.fs_rights_inheriting, 0, &fd));
	WASI("fd_close", __wasi_fd_close(fd));
	WASI("path_open file, the preopen's rights",
	     __wasi_path_open(DIR_FD, 0, "file", 0, st.fs_rights_base, st.fs_rights_inheriting, 0, &fd));
	WASI("fd_close", __wasi_fd_close(fd));
	WASI("path_open dir, fd_write", __wasi_path_open(DIR_FD, 0, "dir", 0, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
}

static void symlink_targets(void)
{
	printf("-- symbolic links that would lead out\n");
	WASI("path_symlink /etc", __wasi_path_symlink("/etc", DIR_FD, "s_abs"));
	WASI("path_symlink ..", __wasi_path_symlink("..", DIR_FD, "s_up"));
	WASI("path_symlink ../outside", __wasi_path_symlink("../outside", DIR_FD, "s_up2"));
	WASI("path_symlink ../../etc", __wasi_path_symlink("../../etc", DIR_FD, "s_up3"));
	WASI("path_symlink dir/../..", __wasi_path_symlink("dir/../..", DIR_FD, "s_up4"));
	WASI("path_symlink dir/.. in dir", __wasi_path_symlink("../..", DIR_FD, "dir/s_up5"));
	WASI("path_symlink dir/.. via ld", __wasi_path_symlink("../..", DIR_FD, "ld/s_up6"));
	exists("s_abs");
	exists("s_up");
	exists("dir/s_up5");
	printf("-- and links that stay inside\n");
	WASI("path_symlink . ", __wasi_path_symlink(".", DIR_FD, "s_dot"));
	WASI("path_symlink ../file in dir", __wasi_path_symlink("../file", DIR_FD, "dir/s_file"));
	WASI("path_symlink dir/../file", __wasi_path_symlink("dir/../file", DIR_FD, "s_file2"));
	WASI("path_symlink x/.. (dangling)", __wasi_path_symlink("x/..", DIR_FD, "s_x"));
	exists("dir/s_file");
}

int main(void)
{
	setup();
	trailing_slashes();
	reopen_preopen();
	symlink_targets();
	return 0;
}
