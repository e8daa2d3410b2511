/*
 * wasi:filesystem/preopens get-directories: a descriptor for each
 * preopened directory of preview 1's table, with its guest path.
 */
#include "fs.h"

#include "rt_string.h"
#include "wasi_errno.h"

#define FIRST_PREOPEN 3

/* The preopens follow the standard streams without a gap (grants.c adds them first, in order). */
static int32_t preopen_count(void)
{
	int32_t err, n = 0;
	struct wasi_fd *entry;
	while ((entry = wasi_fd_get(FIRST_PREOPEN + n, 0, &err)) && entry->preopen)
		n++;
	return n;
}

/*
 * A new descriptor for the preopen at fd: its own open file description
 * of the directory, with the preopen's rights and read-only grant, so that
 * dropping it leaves the preopen (and its number) alone. Not itself a
 * preopen: a second call lists the same directories. Returns the handle,
 * or 0 if the host has no descriptor to spare.
 */
static uint32_t descriptor_of(int32_t fd)
{
	int32_t err, copy;
	struct wasi_fd *entry = wasi_fd_get(fd, 0, &err);
	bool readonly = entry->readonly;
	long host_fd = p2_fs_reopen_dir(entry->host_fd);
	if (host_fd < 0 || wasi_fd_add((int)host_fd, WASI_FILETYPE_DIRECTORY, 0, entry->rights_base,
					entry->rights_inheriting, &copy))
		return 0;
	wasi_fd_get(copy, 0, &err)->readonly = readonly;
	return p2_fs_descriptor_new(copy, P2_FS_READ | (readonly ? 0 : P2_FS_MUTATE_DIRECTORY));
}

/*
 * list<tuple<own<descriptor>, string>>: 12-byte elements (handle at 0,
 * string at 4), the array allocated first, then each path. A preopen the
 * host cannot open again (out of descriptors) is left out.
 */
void wasi_p2_filesystem_preopens_get_directories(struct wasi_p2_ctx *ctx, uint32_t ret)
{
	int32_t count = preopen_count();
	uint32_t array = p2_alloc(ctx, 4, (uint32_t)count * 12);
	uint32_t listed = 0;
	for (int32_t i = 0; i < count; i++) {
		int32_t err;
		const char *guest_path = wasi_fd_get(FIRST_PREOPEN + i, 0, &err)->preopen;
		uint32_t h = descriptor_of(FIRST_PREOPEN + i);
		if (!h)
			continue;
		uint32_t len = (uint32_t)rt_strlen(guest_path);
		uint32_t path = p2_alloc_copy(ctx, guest_path, len);
		uint8_t *elem = p2_guest(ctx, array + listed * 12, 12);
		p2_store_u32(elem, h);
		p2_store_u32(elem + 4, path);
		p2_store_u32(elem + 8, len);
		listed++;
	}
	uint8_t *out = p2_guest(ctx, ret, 8);
	p2_store_u32(out, array);
	p2_store_u32(out + 4, listed);
}
