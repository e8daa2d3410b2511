/*
 * The descriptor methods on paths (open-at, stat-at, metadata-hash-at,
 * set-times-at, readlink-at, create-directory-at, remove-directory-at,
 * unlink-file-at, symlink-at, rename-at, link-at): the host layer's path
 * operations (fs_ops.h), which preview 1's path_* share, so that the
 * sandbox and the rights are the same. Paths are checked first, so that one
 * out of bounds traps (the Canonical ABI) rather than giving EFAULT.
 */
#include "fs.h"

#include "fs_ops.h"
#include "wasi_errno.h"

/* The rights of a descriptor opened to write; without them, path_open asks the host for read access only. */
#define WRITE_RIGHTS (WASI_RIGHTS_OPEN_WRITE | WASI_RIGHT_FD_DATASYNC)
#define READ_RIGHTS (WASI_RIGHT_FD_READ | WASI_RIGHT_FD_READDIR)
#define SYNC_FLAGS (P2_FS_FILE_INTEGRITY_SYNC | P2_FS_DATA_INTEGRITY_SYNC | P2_FS_REQUESTED_WRITE_SYNC)

/* The preview-1 number of directory descriptor h: WASI_ENOTDIR for another kind, as Wasmtime. */
static int32_t dir_fd(uint32_t h, int32_t *fd)
{
	int32_t err;
	if (!p2_fs_dir(h, 0, &err))
		return err;
	*fd = p2_fs_fd(h);
	return WASI_ESUCCESS;
}

/* The path string in guest memory: a trap if it is out of bounds. */
static const char *check_path(struct wasi_p2_ctx *ctx, uint32_t path, uint32_t path_len)
{
	return (const char *)p2_guest(ctx, path, path_len);
}

/*
 * A descriptor not opened to write is opened to read (as Wasmtime), so
 * that it can at least be stat'ed and synced. A read-only grant refuses
 * `write` and `mutate-directory` (preview 1 refuses the write rights);
 * writing a directory is is-directory. What a directory may change is
 * the grant's to say, as in preview 1 and Wasmtime: `mutate-directory` is
 * only reported back by get-flags (the adapter never asks for it).
 */
static int32_t open_at(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t path_flags, uint32_t path, uint32_t path_len,
		uint32_t open_flags, uint32_t flags, int32_t *opened, uint8_t *opened_flags)
{
	int32_t fd, err = dir_fd(self, &fd);
	if (err)
		return err;
	flags &= P2_FS_FLAGS_ALL;
	bool write = flags & P2_FS_WRITE, read = (flags & P2_FS_READ) || !write;
	if ((flags & (P2_FS_WRITE | P2_FS_MUTATE_DIRECTORY)) && wasi_fd_get(fd, 0, &err)->readonly)
		return WASI_EPERM;
	uint64_t rights = WASI_RIGHTS_ALL;
	if (!write)
		rights &= ~WRITE_RIGHTS;
	if (!read)
		rights &= ~READ_RIGHTS;
	int32_t fdflags = 0;
	if (flags & P2_FS_FILE_INTEGRITY_SYNC)
		fdflags |= WASI_FDFLAG_SYNC;
	if (flags & P2_FS_DATA_INTEGRITY_SYNC)
		fdflags |= WASI_FDFLAG_DSYNC;
	if (flags & P2_FS_REQUESTED_WRITE_SYNC)
		fdflags |= WASI_FDFLAG_RSYNC;
	err = host_path_open(fd, (int32_t)(path_flags & P2_FS_PATH_FLAGS_ALL), check_path(ctx, path, path_len), path_len,
			(int32_t)(open_flags & P2_FS_OPEN_FLAGS_ALL), rights, WASI_RIGHTS_ALL, fdflags, opened);
	if (err)
		return err;
	bool dir = wasi_fd_get(*opened, 0, &err)->filetype == WASI_FILETYPE_DIRECTORY;
	if (dir && write) { /* with open-flags directory, preview 1 opens it read-only whatever was asked */
		wasi_fd_close(*opened);
		return WASI_EISDIR;
	}
	*opened_flags = (uint8_t)((read ? P2_FS_READ : 0) |
			(dir ? flags & P2_FS_MUTATE_DIRECTORY : (write ? P2_FS_WRITE : 0) | (flags & SYNC_FLAGS)));
	return WASI_ESUCCESS;
}

/* result<own<descriptor>, error-code>: the handle at 4. */
void wasi_p2_filesystem_types_descriptor_open_at(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t path_flags,
		uint32_t path, uint32_t path_len, uint32_t open_flags, uint32_t flags, uint32_t ret)
{
	check_path(ctx, path, path_len);
	uint8_t *out = p2_fs_result(ctx, ret, 8);
	int32_t opened;
	uint8_t opened_flags;
	int32_t err = open_at(ctx, self, path_flags, path, path_len, open_flags, flags, &opened, &opened_flags);
	if (err) {
		p2_fs_fail(out, 4, err);
		return;
	}
	p2_fs_ok(out);
	p2_store_u32(out + 4, p2_fs_descriptor_new(opened, opened_flags));
}

/* The statx of a path beneath directory descriptor self, or a preview-1 errno. */
static int32_t stat_at(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t path_flags, uint32_t path, uint32_t path_len,
		struct os_stat *st)
{
	const char *bytes = check_path(ctx, path, path_len);
	int32_t fd, err = dir_fd(self, &fd);
	return err ? err : host_path_stat(fd, (int32_t)(path_flags & P2_FS_PATH_FLAGS_ALL), bytes, path_len, st);
}

/* result<descriptor-stat, error-code>: the record at 8. */
void wasi_p2_filesystem_types_descriptor_stat_at(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t path_flags,
		uint32_t path, uint32_t path_len, uint32_t ret)
{
	struct os_stat st;
	int32_t err = stat_at(ctx, self, path_flags, path, path_len, &st);
	uint8_t *out = p2_fs_result(ctx, ret, 104);
	if (err) {
		p2_fs_fail(out, 8, err);
		return;
	}
	p2_fs_ok(out);
	p2_fs_store_stat(out + 8, &st);
}

/* result<metadata-hash-value, error-code>: the two u64 at 8. */
void wasi_p2_filesystem_types_descriptor_metadata_hash_at(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t path_flags,
		uint32_t path, uint32_t path_len, uint32_t ret)
{
	struct os_stat st;
	int32_t err = stat_at(ctx, self, path_flags, path, path_len, &st);
	uint8_t *out = p2_fs_result(ctx, ret, 24);
	if (err) {
		p2_fs_fail(out, 8, err);
		return;
	}
	p2_fs_ok(out);
	p2_fs_store_hash(out + 8, &st);
}

void wasi_p2_filesystem_types_descriptor_set_times_at(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t path_flags,
		uint32_t path, uint32_t path_len, int32_t atim_tag, uint64_t atim_s, uint32_t atim_ns, int32_t mtim_tag,
		uint64_t mtim_s, uint32_t mtim_ns, uint32_t ret)
{
	const char *bytes = check_path(ctx, path, path_len);
	uint64_t atim, mtim;
	int32_t fst_flags, fd;
	int32_t err = dir_fd(self, &fd);
	if (!err)
		err = p2_fs_times(atim_tag, atim_s, atim_ns, mtim_tag, mtim_s, mtim_ns, &atim, &mtim, &fst_flags);
	if (!err)
		err = host_path_set_times(fd, (int32_t)(path_flags & P2_FS_PATH_FLAGS_ALL), bytes, path_len, (int64_t)atim,
				(int64_t)mtim, fst_flags);
	p2_fs_result_empty(ctx, ret, err);
}

/* result<string, error-code>: (ptr, len) at 4, the string in fresh guest memory (one allocation). */
void wasi_p2_filesystem_types_descriptor_readlink_at(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t path,
		uint32_t path_len, uint32_t ret)
{
	const char *bytes = check_path(ctx, path, path_len);
	char target[SANDBOX_PATH_MAX];
	uint32_t len = 0;
	int32_t fd, err = dir_fd(self, &fd);
	if (!err)
		err = host_path_readlink(fd, bytes, path_len, target, sizeof target, &len);
	uint8_t *out = p2_fs_result(ctx, ret, 12);
	if (err) {
		p2_fs_fail(out, 4, err);
		return;
	}
	uint32_t copy = p2_alloc_copy(ctx, target, len);
	out = p2_fs_result(ctx, ret, 12);
	p2_fs_ok(out);
	p2_store_u32(out + 4, copy);
	p2_store_u32(out + 8, len);
}

/* A host operation on (fd, path): create a directory, remove a directory, unlink a file. */
typedef int32_t (*path_op)(int32_t fd, const char *path, uint32_t len);

static void on_path(struct wasi_p2_ctx *ctx, path_op op, uint32_t self, uint32_t path, uint32_t path_len, uint32_t ret)
{
	const char *bytes = check_path(ctx, path, path_len);
	int32_t fd, err = dir_fd(self, &fd);
	if (!err)
		err = op(fd, bytes, path_len);
	p2_fs_result_empty(ctx, ret, err);
}

void wasi_p2_filesystem_types_descriptor_create_directory_at(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t path,
		uint32_t path_len, uint32_t ret)
{
	on_path(ctx, host_path_create_directory, self, path, path_len, ret);
}

void wasi_p2_filesystem_types_descriptor_remove_directory_at(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t path,
		uint32_t path_len, uint32_t ret)
{
	on_path(ctx, host_path_remove_directory, self, path, path_len, ret);
}

void wasi_p2_filesystem_types_descriptor_unlink_file_at(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t path,
		uint32_t path_len, uint32_t ret)
{
	on_path(ctx, host_path_unlink_file, self, path, path_len, ret);
}

/* The link's contents (old-path): absolute or leading out of the directory is EPERM (host_path_symlink). */
void wasi_p2_filesystem_types_descriptor_symlink_at(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t old_path,
		uint32_t old_len, uint32_t new_path, uint32_t new_len, uint32_t ret)
{
	const char *target = check_path(ctx, old_path, old_len);
	const char *bytes = check_path(ctx, new_path, new_len);
	int32_t fd, err = dir_fd(self, &fd);
	if (!err)
		err = host_path_symlink(target, old_len, fd, bytes, new_len);
	p2_fs_result_empty(ctx, ret, err);
}

/* Both descriptors must be directories. */
static int32_t dir_fds(uint32_t a, uint32_t b, int32_t *fd_a, int32_t *fd_b)
{
	int32_t err = dir_fd(a, fd_a);
	return err ? err : dir_fd(b, fd_b);
}

void wasi_p2_filesystem_types_descriptor_rename_at(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t old_path,
		uint32_t old_len, uint32_t new_descriptor, uint32_t new_path, uint32_t new_len, uint32_t ret)
{
	const char *from = check_path(ctx, old_path, old_len);
	const char *to = check_path(ctx, new_path, new_len);
	int32_t fd, new_fd, err = dir_fds(self, new_descriptor, &fd, &new_fd);
	if (!err)
		err = host_path_rename(fd, from, old_len, new_fd, to, new_len);
	p2_fs_result_empty(ctx, ret, err);
}

void wasi_p2_filesystem_types_descriptor_link_at(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t old_path_flags,
		uint32_t old_path, uint32_t old_len, uint32_t new_descriptor, uint32_t new_path, uint32_t new_len,
		uint32_t ret)
{
	const char *from = check_path(ctx, old_path, old_len);
	const char *to = check_path(ctx, new_path, new_len);
	int32_t fd, new_fd, err = dir_fds(self, new_descriptor, &fd, &new_fd);
	if (!err)
		err = host_path_link(fd, (int32_t)(old_path_flags & P2_FS_PATH_FLAGS_ALL), from, old_len, new_fd, to,
				new_len);
	p2_fs_result_empty(ctx, ret, err);
}
