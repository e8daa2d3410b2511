/*
 * The table itself and directories read through it: fd_close, fd_renumber,
 * fd_prestat_get, fd_prestat_dir_name, fd_readdir.
 */
#include "fd_table.h"
#include "guest_memory.h"
#include "os.h"
#include "rt_string.h"
#include "wasi_p1.h"

#define SEEK_SET 0
#define DIRENTS_BUF 4096

int32_t wasi_p1_fd_close(struct rt_instance *caller, int32_t fd)
{
	return wasi_fd_close(fd);
}

int32_t wasi_p1_fd_renumber(struct rt_instance *caller, int32_t fd, int32_t to)
{
	return wasi_fd_renumber(fd, to);
}

/* An open descriptor that is not a preopen answers not_preopen (Wasmtime: EBADF, ENOTDIR for dir_name). */
static struct wasi_fd *preopen(int32_t fd, int32_t not_preopen, int32_t *err)
{
	struct wasi_fd *entry = wasi_fd_get(fd, 0, err);
	if (entry && !entry->preopen) {
		*err = not_preopen;
		return NULL;
	}
	return entry;
}

int32_t wasi_p1_fd_prestat_get(struct rt_instance *caller, int32_t fd, int32_t prestat_out)
{
	int32_t err;
	struct wasi_fd *entry = preopen(fd, WASI_EBADF, &err);
	if (!entry)
		return err;
	uint8_t *out = guest_ptr(caller, (uint32_t)prestat_out, WASI_PRESTAT_SIZE);
	if (!out)
		return WASI_EFAULT;
	memset(out, 0, WASI_PRESTAT_SIZE); /* tag 0: a directory */
	guest_store_u32(out + 4, (uint32_t)rt_strlen(entry->preopen));
	return WASI_ESUCCESS;
}

/* The guest path without a terminating NUL; a buffer too small is ENAMETOOLONG (as Wasmtime). */
int32_t wasi_p1_fd_prestat_dir_name(struct rt_instance *caller, int32_t fd, int32_t path, int32_t path_len)
{
	int32_t err;
	struct wasi_fd *entry = preopen(fd, WASI_ENOTDIR, &err);
	if (!entry)
		return err;
	size_t len = rt_strlen(entry->preopen);
	if ((uint32_t)path_len < len)
		return WASI_ENAMETOOLONG;
	uint8_t *out = guest_ptr(caller, (uint32_t)path, len);
	if (!out)
		return WASI_EFAULT;
	memcpy(out, entry->preopen, len);
	return WASI_ESUCCESS;
}

/* Linux's DT_* values to WASI file types. */
static uint8_t filetype_of_dt(uint8_t dt)
{
	switch (dt) {
	case 2: return WASI_FILETYPE_CHARACTER_DEVICE;
	case 4: return WASI_FILETYPE_DIRECTORY;
	case 6: return WASI_FILETYPE_BLOCK_DEVICE;
	case 8: return WASI_FILETYPE_REGULAR_FILE;
	case 10: return WASI_FILETYPE_SYMBOLIC_LINK;
	case 12: return WASI_FILETYPE_SOCKET_STREAM;
	default: return WASI_FILETYPE_UNKNOWN;
	}
}

/* Copies what fits of `bytes` to out + *used, never past `size`. */
static void put(uint8_t *out, uint32_t size, uint32_t *used, const void *bytes, uint32_t len)
{
	uint32_t room = size - *used;
	uint32_t n = len < room ? len : room;
	memcpy(out + *used, bytes, n);
	*used += n;
}

/*
 * Entries from `cookie` on (0: the start; otherwise the d_next of an entry,
 * which is Linux's d_off, a position for lseek). The last entry is cut at
 * the buffer's end, as the spec says: a full buffer tells the program to
 * come back with the last whole entry's d_next.
 */
int32_t wasi_p1_fd_readdir(struct rt_instance *caller, int32_t fd, int32_t buf, int32_t buf_len, int64_t cookie,
		int32_t bufused_out)
{
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, WASI_RIGHT_FD_READDIR, &err);
	if (!entry)
		return err;
	uint32_t size = (uint32_t)buf_len;
	uint8_t *out = guest_ptr(caller, (uint32_t)buf, size);
	uint8_t *bufused = guest_ptr(caller, (uint32_t)bufused_out, 4);
	if (!out || !bufused)
		return WASI_EFAULT;
	long ret = os_lseek(entry->host_fd, cookie, SEEK_SET);
	if (ret < 0)
		return wasi_errno_from_linux(-ret);
	uint32_t used = 0;
	_Alignas(8) uint8_t dents[DIRENTS_BUF];
	while (used < size) {
		long n = os_getdents64(entry->host_fd, dents, sizeof dents);
		if (n < 0)
			return wasi_errno_from_linux(-n);
		if (n == 0)
			break;
		/* linux_dirent64: u64 d_ino, i64 d_off, u16 d_reclen, u8 d_type, char d_name[] */
		for (long at = 0; at < n && used < size;) {
			const uint8_t *d = dents + at;
			uint16_t reclen;
			memcpy(&reclen, d + 16, 2);
			const char *name = (const char *)d + 19;
			uint32_t name_len = (uint32_t)rt_strlen(name);
			uint8_t dirent[WASI_DIRENT_SIZE] = { 0 };
			memcpy(dirent + 0, d + 8, 8); /* d_next: this entry's d_off */
			memcpy(dirent + 8, d + 0, 8); /* d_ino */
			guest_store_u32(dirent + 16, name_len);
			dirent[20] = filetype_of_dt(d[18]);
			put(out, size, &used, dirent, sizeof dirent);
			put(out, size, &used, name, name_len);
			at += reclen;
		}
	}
	guest_store_u32(bufused, used);
	return WASI_ESUCCESS;
}
