/*
 * The operations on two paths that preview 1 and WASI 0.2 share (see
 * fs_ops.h): link and rename, each path resolved beneath its own directory
 * descriptor.
 */
#include "fs_ops.h"

#include "abi_p1.h"
#include "wasi_errno.h"

/*
 * Both paths resolved, or neither (the first released when the second
 * fails). The new path is a name (host_path_lookup_name); so is the old one
 * unless a link in it is to be followed (path_link's old path: there a
 * trailing '/' follows a link too, as Linux's linkat).
 */
static int32_t lookup_two(int32_t old_fd, uint64_t old_rights, const char *old_path, uint32_t old_len,
		int32_t old_lookup_flags, bool old_is_name, int32_t new_fd, uint64_t new_rights, const char *new_path,
		uint32_t new_len, struct sandbox_path *old_p, struct sandbox_path *new_p)
{
	int32_t err = old_is_name ? host_path_lookup_name(old_fd, old_rights, old_path, old_len, old_p)
			: host_path_lookup(old_fd, old_rights, old_path, old_len,
					old_lookup_flags & WASI_LOOKUP_SYMLINK_FOLLOW, old_p);
	if (err)
		return err;
	err = host_path_lookup_name(new_fd, new_rights, new_path, new_len, new_p);
	if (err)
		sandbox_release(old_p);
	return err;
}

/* An old path ending in '/' must name a directory (else ENOTDIR; a missing one ENOENT). */
static int32_t old_slash(const struct sandbox_path *p)
{
	enum host_path_kind kind;
	int32_t err = host_path_kind(p, &kind);
	if (err)
		return err;
	return kind == HOST_PATH_MISSING ? WASI_ENOENT : kind == HOST_PATH_OTHER ? WASI_ENOTDIR : WASI_ESUCCESS;
}

/*
 * Our resolution already followed a link in the old path's last component if
 * asked; linkat itself never does. A new name ending in '/' is never made
 * (ENOENT, or EEXIST when it exists), as Linux.
 */
int32_t host_path_link(int32_t old_fd, int32_t old_lookup_flags, const char *old_path, uint32_t old_len,
		int32_t new_fd, const char *new_path, uint32_t new_len)
{
	struct sandbox_path from, to;
	int32_t err = lookup_two(old_fd, WASI_RIGHT_PATH_LINK_SOURCE, old_path, old_len, old_lookup_flags, false,
			new_fd, WASI_RIGHT_PATH_LINK_TARGET, new_path, new_len, &from, &to);
	if (err)
		return err;
	if (from.must_be_dir)
		err = old_slash(&from);
	if (!err && to.must_be_dir)
		err = host_path_new_name_slash(&to);
	if (!err) {
		long ret = os_linkat(from.dir_fd, from.name, to.dir_fd, to.name, 0);
		err = ret < 0 ? wasi_errno_from_linux(-ret) : WASI_ESUCCESS;
	}
	sandbox_release(&from);
	sandbox_release(&to);
	return err;
}

/* A '/' after either name makes both directories: the old one must be (ENOTDIR), renameat checks the new. */
int32_t host_path_rename(int32_t old_fd, const char *old_path, uint32_t old_len, int32_t new_fd,
		const char *new_path, uint32_t new_len)
{
	struct sandbox_path from, to;
	int32_t err = lookup_two(old_fd, WASI_RIGHT_PATH_RENAME_SOURCE, old_path, old_len, 0, true, new_fd,
			WASI_RIGHT_PATH_RENAME_TARGET, new_path, new_len, &from, &to);
	if (err)
		return err;
	if (from.must_be_dir || to.must_be_dir)
		err = old_slash(&from);
	if (!err) {
		long ret = os_renameat(from.dir_fd, from.name, to.dir_fd, to.name);
		err = ret < 0 ? wasi_errno_from_linux(-ret) : WASI_ESUCCESS;
	}
	sandbox_release(&from);
	sandbox_release(&to);
	return err;
}
