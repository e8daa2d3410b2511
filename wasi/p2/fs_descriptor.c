/*
 * The descriptor resource and the file under it: get-type, get-flags,
 * stat, metadata-hash, is-same-object, set-size, set-times, sync,
 * sync-data, advise, [resource-drop]descriptor.
 */
#include "fs.h"

#include "fs_ops.h"
#include "wasi_errno.h"

#define NS_PER_S 1000000000u

_Static_assert(sizeof(struct p2_descriptor) <= P2_REP_SIZE, "descriptor representation");

struct wasi_fd *p2_fs_entry(uint32_t h, uint64_t rights, int32_t *err)
{
	const struct p2_descriptor *d = p2_handle_get(h, P2_RES_DESCRIPTOR);
	return wasi_fd_get(d->fd, rights, err);
}

/* The entry of h when it is a directory (want_dir) or not, checked before its rights. */
static struct wasi_fd *entry_of_kind(uint32_t h, bool want_dir, int32_t wrong_kind, uint64_t rights, int32_t *err)
{
	struct wasi_fd *entry = p2_fs_entry(h, 0, err);
	if (!entry)
		return NULL;
	if ((entry->filetype == WASI_FILETYPE_DIRECTORY) != want_dir) {
		*err = wrong_kind;
		return NULL;
	}
	return p2_fs_entry(h, rights, err);
}

struct wasi_fd *p2_fs_file(uint32_t h, uint64_t rights, int32_t *err)
{
	return entry_of_kind(h, false, WASI_EBADF, rights, err);
}

struct wasi_fd *p2_fs_dir(uint32_t h, uint64_t rights, int32_t *err)
{
	return entry_of_kind(h, true, WASI_ENOTDIR, rights, err);
}

int32_t p2_fs_fd(uint32_t h)
{
	return ((const struct p2_descriptor *)p2_handle_get(h, P2_RES_DESCRIPTOR))->fd;
}

uint32_t p2_fs_descriptor_new(int32_t fd, uint8_t flags)
{
	struct p2_descriptor d = { .fd = fd, .flags = flags };
	return p2_handle_new(P2_RES_DESCRIPTOR, &d, sizeof d);
}

/* Closes the preview-1 descriptor (and so the host one). */
void p2_dtor_descriptor(void *rep)
{
	wasi_fd_close(((struct p2_descriptor *)rep)->fd);
}

void wasi_p2_filesystem_types_drop_descriptor(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_DESCRIPTOR);
}

uint8_t p2_fs_type_of_mode(uint32_t mode)
{
	switch (mode & OS_S_IFMT) {
	case OS_S_IFBLK: return P2_FS_TYPE_BLOCK_DEVICE;
	case OS_S_IFCHR: return P2_FS_TYPE_CHARACTER_DEVICE;
	case OS_S_IFDIR: return P2_FS_TYPE_DIRECTORY;
	case OS_S_IFIFO: return P2_FS_TYPE_FIFO;
	case OS_S_IFLNK: return P2_FS_TYPE_SYMBOLIC_LINK;
	case OS_S_IFREG: return P2_FS_TYPE_REGULAR_FILE;
	case OS_S_IFSOCK: return P2_FS_TYPE_SOCKET;
	default: return P2_FS_TYPE_UNKNOWN;
	}
}

/* option<datetime> at out: none for a time before the epoch, which datetime cannot hold. */
static void store_time(uint8_t *out, int64_t ns)
{
	__builtin_memset(out, 0, 24);
	if (ns < 0)
		return;
	p2_store_u8(out, 1);
	p2_store_u64(out + 8, (uint64_t)ns / NS_PER_S);
	p2_store_u32(out + 16, (uint32_t)((uint64_t)ns % NS_PER_S));
}

void p2_fs_store_stat(uint8_t *out, const struct os_stat *st)
{
	__builtin_memset(out, 0, 8);
	p2_store_u8(out, p2_fs_type_of_mode(st->mode));
	p2_store_u64(out + 8, st->nlink);
	p2_store_u64(out + 16, st->size);
	store_time(out + 24, st->atim);
	store_time(out + 48, st->mtim);
	store_time(out + 72, st->ctim);
}

/*
 * The inode number and the device as they are: preview 1 shows both to
 * the program already, and the adapter turns `lower` into the inode number
 * that stat and readdir report, which then match preview 1's.
 */
void p2_fs_store_hash(uint8_t *out, const struct os_stat *st)
{
	p2_store_u64(out, st->ino);
	p2_store_u64(out + 8, st->dev);
}

/* The statx of descriptor h holding `rights`, or a preview-1 errno. */
static int32_t stat_of(uint32_t h, uint64_t rights, struct os_stat *st)
{
	int32_t err;
	struct wasi_fd *entry = p2_fs_entry(h, rights, &err);
	if (!entry)
		return err;
	long ret = os_statx(entry->host_fd, "", OS_AT_EMPTY_PATH, st);
	return ret < 0 ? wasi_errno_from_linux(-ret) : WASI_ESUCCESS;
}

void wasi_p2_filesystem_types_descriptor_get_type(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	uint8_t *out = p2_fs_result(ctx, ret, 2);
	struct os_stat st;
	int32_t err = stat_of(self, 0, &st);
	if (err) {
		p2_fs_fail(out, 1, err);
		return;
	}
	p2_fs_ok(out);
	p2_store_u8(out + 1, p2_fs_type_of_mode(st.mode));
}

void wasi_p2_filesystem_types_descriptor_get_flags(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	uint8_t *out = p2_fs_result(ctx, ret, 2);
	const struct p2_descriptor *d = p2_handle_get(self, P2_RES_DESCRIPTOR);
	p2_fs_ok(out);
	p2_store_u8(out + 1, d->flags);
}

/* result<descriptor-stat, error-code>: the record at 8 (its alignment). */
void wasi_p2_filesystem_types_descriptor_stat(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	uint8_t *out = p2_fs_result(ctx, ret, 104);
	struct os_stat st;
	int32_t err = stat_of(self, WASI_RIGHT_FD_FILESTAT_GET, &st);
	if (err) {
		p2_fs_fail(out, 8, err);
		return;
	}
	p2_fs_ok(out);
	p2_fs_store_stat(out + 8, &st);
}

void wasi_p2_filesystem_types_descriptor_metadata_hash(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	uint8_t *out = p2_fs_result(ctx, ret, 24);
	struct os_stat st;
	int32_t err = stat_of(self, 0, &st);
	if (err) {
		p2_fs_fail(out, 8, err);
		return;
	}
	p2_fs_ok(out);
	p2_fs_store_hash(out + 8, &st);
}

/* The same file: the same device and inode (false when either cannot be asked). */
uint32_t wasi_p2_filesystem_types_descriptor_is_same_object(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t other)
{
	struct os_stat a, b;
	if (stat_of(self, 0, &a) || stat_of(other, 0, &b))
		return 0;
	return a.dev == b.dev && a.ino == b.ino;
}

void wasi_p2_filesystem_types_descriptor_set_size(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t size, uint32_t ret)
{
	int32_t err;
	struct wasi_fd *entry = p2_fs_file(self, 0, &err);
	if (entry)
		err = host_fd_set_size(p2_fs_fd(self), (int64_t)size);
	p2_fs_result_empty(ctx, ret, err);
}

/* One new-timestamp into preview 1's nanoseconds and fstflags bits (`set`, `now`). */
static int32_t fold_time(int32_t tag, uint64_t s, uint32_t ns, int32_t set, int32_t now, uint64_t *time,
		int32_t *fst_flags)
{
	*time = 0;
	switch (tag) {
	case 0: return WASI_ESUCCESS;
	case 1: *fst_flags |= now; return WASI_ESUCCESS;
	case 2:
		if (ns >= NS_PER_S)
			return WASI_EINVAL;
		if (s > (UINT64_MAX - ns) / NS_PER_S)
			return WASI_EOVERFLOW;
		*time = s * NS_PER_S + ns;
		*fst_flags |= set;
		return WASI_ESUCCESS;
	default: return WASI_EINVAL;
	}
}

int32_t p2_fs_times(int32_t atim_tag, uint64_t atim_s, uint32_t atim_ns, int32_t mtim_tag, uint64_t mtim_s,
		uint32_t mtim_ns, uint64_t *atim, uint64_t *mtim, int32_t *fst_flags)
{
	*fst_flags = 0;
	int32_t err = fold_time(atim_tag, atim_s, atim_ns, WASI_FSTFLAG_ATIM, WASI_FSTFLAG_ATIM_NOW, atim, fst_flags);
	return err ? err : fold_time(mtim_tag, mtim_s, mtim_ns, WASI_FSTFLAG_MTIM, WASI_FSTFLAG_MTIM_NOW, mtim,
			fst_flags);
}

void wasi_p2_filesystem_types_descriptor_set_times(struct wasi_p2_ctx *ctx, uint32_t self, int32_t atim_tag,
		uint64_t atim_s, uint32_t atim_ns, int32_t mtim_tag, uint64_t mtim_s, uint32_t mtim_ns, uint32_t ret)
{
	uint64_t atim, mtim;
	int32_t fst_flags;
	int32_t fd = p2_fs_fd(self);
	int32_t err = p2_fs_times(atim_tag, atim_s, atim_ns, mtim_tag, mtim_s, mtim_ns, &atim, &mtim, &fst_flags);
	if (!err)
		err = host_fd_set_times(fd, (int64_t)atim, (int64_t)mtim, fst_flags);
	p2_fs_result_empty(ctx, ret, err);
}

void wasi_p2_filesystem_types_descriptor_sync(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	p2_fs_result_empty(ctx, ret, host_fd_sync(p2_fs_fd(self)));
}

/*
 * Preview 1's fd_datasync right goes only with writing (path_open asks the
 * host for write access when it is asked for), so a descriptor opened to
 * read syncs its data with the right to sync.
 */
void wasi_p2_filesystem_types_descriptor_sync_data(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	int32_t err;
	struct wasi_fd *entry = p2_fs_entry(self, WASI_RIGHT_FD_SYNC, &err);
	if (entry) {
		long r = os_fdatasync(entry->host_fd);
		err = wasi_result(r);
	}
	p2_fs_result_empty(ctx, ret, err);
}

/* advice is preview 1's, value for value (normal, sequential, random, will-need, dont-need, no-reuse). */
void wasi_p2_filesystem_types_descriptor_advise(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t offset,
		uint64_t len, int32_t advice, uint32_t ret)
{
	int32_t err;
	if (p2_fs_file(self, 0, &err))
		err = host_fd_advise(p2_fs_fd(self), (int64_t)offset, (int64_t)len, advice);
	p2_fs_result_empty(ctx, ret, err);
}
