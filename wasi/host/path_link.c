/*
 * The operations on two paths that preview 1 and WASI 0.2 share (see
 * fs_ops.h): link and rename, each path resolved beneath its own directory
 * descriptor.
 */
#include "fs_ops.h"

#include "abi_p1.h"
#include "wasi_errno.h"

/* Both paths resolved, or neither (the first released when the second fails). */
static int32_t lookup_two(int32_t old_fd, uint64_t old_rights, const char *old_path, uint32_t old_len,
		bool follow_old, int32_t new_fd, uint64_t new_rights, const char *new_path, uint32_t new_len,
		struct sandbox_path *old_p, struct sandbox_path *new_p)
{
	int32_t err = host_path_lookup(old_fd, old_rights, old_path, old_len, follow_old, old_p);
	if (err)
		return err;
	err = host_path_lookup(new_fd, new_rights, new_path, new_len, false, new_p);
	if (err)
		sandbox_release(old_p);
	return err;
}

/* Our resolution already followed a link in the old path's last component if asked; linkat itself never does. */
int32_t host_path_link(int32_t old_fd, int32_t old_lookup_flags, const char *old_path, uint32_t old_len,
		int32_t new_fd, const char *new_path, uint32_t new_len)
{
	struct sandbox_path from, to;
	int32_t err = lookup_two(old_fd, WASI_RIGHT_PATH_LINK_SOURCE, old_path, old_len,
			old_lookup_flags & WASI_LOOKUP_SYMLINK_FOLLOW, new_fd, WASI_RIGHT_PATH_LINK_TARGET, new_path,
			new_len, &from, &to);
	if (err)
		return err;
	long ret = os_linkat(from.dir_fd, from.name, to.dir_fd, to.name, 0);
	sandbox_release(&from);
	sandbox_release(&to);
	return ret < 0 ? wasi_errno_from_linux(-ret) : WASI_ESUCCESS;
}

int32_t host_path_rename(int32_t old_fd, const char *old_path, uint32_t old_len, int32_t new_fd,
		const char *new_path, uint32_t new_len)
{
	struct sandbox_path from, to;
	int32_t err = lookup_two(old_fd, WASI_RIGHT_PATH_RENAME_SOURCE, old_path, old_len, false, new_fd,
			WASI_RIGHT_PATH_RENAME_TARGET, new_path, new_len, &from, &to);
	if (err)
		return err;
	long ret = os_renameat(from.dir_fd, from.name, to.dir_fd, to.name);
	sandbox_release(&from);
	sandbox_release(&to);
	return ret < 0 ? wasi_errno_from_linux(-ret) : WASI_ESUCCESS;
}
