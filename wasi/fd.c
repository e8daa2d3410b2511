/*
 * fd_*: WASI descriptors 0, 1 and 2 are the process's standard streams.
 * There are no preopened directories yet, so any other descriptor is EBADF.
 */
#include "guest_memory.h"
#include "os.h"
#include "wasi.h"

#define STD_FD_COUNT 3
#define IOV_BATCH 64

#define RIGHTS_ALL ((1ull << 30) - 1)
#define RIGHT_FD_SEEK (1ull << 2)
#define RIGHT_FD_TELL (1ull << 5)

enum {
	FILETYPE_UNKNOWN = 0,
	FILETYPE_BLOCK_DEVICE = 1,
	FILETYPE_CHARACTER_DEVICE = 2,
	FILETYPE_DIRECTORY = 3,
	FILETYPE_REGULAR_FILE = 4,
	FILETYPE_SOCKET_STREAM = 6,
	FILETYPE_SYMBOLIC_LINK = 7,
};

enum {
	FDFLAG_APPEND = 1,
	FDFLAG_DSYNC = 2,
	FDFLAG_NONBLOCK = 4,
	FDFLAG_SYNC = 16,
};

static uint8_t closed_mask;

static bool is_open(int32_t fd)
{
	return (uint32_t)fd < STD_FD_COUNT && !(closed_mask & (1u << fd));
}

/* An iovec in guest memory: u32 buf, u32 len. */
static uint32_t iov_buf(const uint8_t *vec, uint32_t i)
{
	return guest_load_u32(vec + 8 * (size_t)i);
}

static uint32_t iov_len(const uint8_t *vec, uint32_t i)
{
	return guest_load_u32(vec + 8 * (size_t)i + 4);
}

/* Checks all iovecs before any byte moves, so a bad one fails the call whole. */
static int32_t check_iovs(struct rt_instance *caller, int32_t iovs, int32_t iovs_len, uint64_t *total)
{
	const uint8_t *vec = guest_ptr(caller, (uint32_t)iovs, (uint64_t)(uint32_t)iovs_len * 8);
	if (!vec)
		return WASI_EFAULT;
	uint64_t sum = 0;
	for (uint32_t i = 0; i < (uint32_t)iovs_len; i++) {
		if (!guest_ptr(caller, iov_buf(vec, i), iov_len(vec, i)))
			return WASI_EFAULT;
		sum += iov_len(vec, i);
	}
	*total = sum;
	return WASI_ESUCCESS;
}

/* Host iovecs for guest iovecs first.., the first of them `skip` bytes in; returns how many. */
static int fill_batch(struct rt_instance *caller, const uint8_t *vec, uint32_t first, uint32_t count, uint32_t skip,
		struct os_iovec *batch)
{
	int n = 0;
	for (uint32_t i = first; i < count && n < IOV_BATCH; i++, skip = 0)
		batch[n++] = (struct os_iovec){ caller->mem0_base + iov_buf(vec, i) + skip, iov_len(vec, i) - skip };
	return n;
}

/* Loops until everything is written: a short write must not drop the rest of the output. */
int32_t wasi_p1_fd_write(struct rt_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten_out)
{
	if (!is_open(fd))
		return WASI_EBADF;
	uint64_t total;
	int32_t err = check_iovs(caller, iovs, iovs_len, &total);
	uint8_t *nwritten = guest_ptr(caller, (uint32_t)nwritten_out, 4);
	if (err)
		return err;
	if (!nwritten)
		return WASI_EFAULT;
	if (total > UINT32_MAX)
		return WASI_EINVAL;
	const uint8_t *vec = caller->mem0_base + (uint32_t)iovs;
	uint32_t count = (uint32_t)iovs_len, index = 0, skip = 0;
	uint64_t written = 0;
	for (;;) {
		while (index < count && iov_len(vec, index) == skip) {
			index++;
			skip = 0;
		}
		if (index == count)
			break;
		struct os_iovec batch[IOV_BATCH];
		int n = fill_batch(caller, vec, index, count, skip, batch);
		long ret = os_writev(fd, batch, n);
		if (ret == -OS_EINTR)
			continue;
		if (ret == -OS_EAGAIN) {
			os_wait_fd(fd, OS_POLLOUT);
			continue;
		}
		if (ret < 0 && written == 0)
			return wasi_errno_from_linux(-ret);
		if (ret <= 0)
			break; /* report what was written; the error comes back on the next call */
		written += (uint64_t)ret;
		for (uint64_t left = (uint64_t)ret; left;) {
			uint64_t rest = iov_len(vec, index) - skip;
			if (left < rest) {
				skip += (uint32_t)left;
				break;
			}
			left -= rest;
			index++;
			skip = 0;
		}
	}
	guest_store_u32(nwritten, (uint32_t)written);
	return WASI_ESUCCESS;
}

int32_t wasi_p1_fd_read(struct rt_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nread_out)
{
	if (!is_open(fd))
		return WASI_EBADF;
	uint64_t total;
	int32_t err = check_iovs(caller, iovs, iovs_len, &total);
	uint8_t *nread = guest_ptr(caller, (uint32_t)nread_out, 4);
	if (err)
		return err;
	if (!nread)
		return WASI_EFAULT;
	struct os_iovec batch[IOV_BATCH];
	int n = fill_batch(caller, caller->mem0_base + (uint32_t)iovs, 0, (uint32_t)iovs_len, 0, batch);
	long ret;
	do
		ret = os_readv(fd, batch, n);
	while (ret == -OS_EINTR);
	if (ret < 0)
		return wasi_errno_from_linux(-ret);
	guest_store_u32(nread, (uint32_t)ret);
	return WASI_ESUCCESS;
}

/* Pipes and terminals give ESPIPE from lseek itself. */
int32_t wasi_p1_fd_seek(struct rt_instance *caller, int32_t fd, int64_t offset, int32_t whence, int32_t offset_out)
{
	if (!is_open(fd))
		return WASI_EBADF;
	if ((uint32_t)whence > 2) /* WASI's SET, CUR, END are Linux's 0, 1, 2 */
		return WASI_EINVAL;
	uint8_t *out = guest_ptr(caller, (uint32_t)offset_out, 8);
	if (!out)
		return WASI_EFAULT;
	long ret = os_lseek(fd, offset, whence);
	if (ret < 0)
		return wasi_errno_from_linux(-ret);
	guest_store_u64(out, (uint64_t)ret);
	return WASI_ESUCCESS;
}

static uint8_t filetype_of(long type)
{
	switch (type) {
	case OS_S_IFCHR: return FILETYPE_CHARACTER_DEVICE;
	case OS_S_IFREG: return FILETYPE_REGULAR_FILE;
	case OS_S_IFDIR: return FILETYPE_DIRECTORY;
	case OS_S_IFBLK: return FILETYPE_BLOCK_DEVICE;
	case OS_S_IFSOCK: return FILETYPE_SOCKET_STREAM;
	case OS_S_IFLNK: return FILETYPE_SYMBOLIC_LINK;
	default: return FILETYPE_UNKNOWN; /* pipes: WASI preview 1 has no type for them */
	}
}

static uint16_t fdflags_of(long flags)
{
	uint16_t fdflags = 0;
	if (flags & OS_O_APPEND)
		fdflags |= FDFLAG_APPEND;
	if (flags & OS_O_NONBLOCK)
		fdflags |= FDFLAG_NONBLOCK;
	if ((flags & OS_O_SYNC) == OS_O_SYNC)
		fdflags |= FDFLAG_SYNC;
	else if (flags & OS_O_DSYNC)
		fdflags |= FDFLAG_DSYNC;
	return fdflags;
}

/*
 * All rights, except seek and tell where the stream cannot seek: wasi-libc's
 * isatty() looks for a character device without them, and a terminal
 * reported with them would lose line buffering.
 */
int32_t wasi_p1_fd_fdstat_get(struct rt_instance *caller, int32_t fd, int32_t fdstat_out)
{
	if (!is_open(fd))
		return WASI_EBADF;
	uint8_t *out = guest_ptr(caller, (uint32_t)fdstat_out, 24);
	if (!out)
		return WASI_EFAULT;
	long type = os_file_type(fd);
	long flags = os_fcntl_getfl(fd);
	if (type < 0)
		return wasi_errno_from_linux(-type);
	if (flags < 0)
		return wasi_errno_from_linux(-flags);
	bool seekable = type == OS_S_IFREG || type == OS_S_IFBLK || (type == OS_S_IFCHR && !os_isatty(fd));
	uint64_t rights = seekable ? RIGHTS_ALL : RIGHTS_ALL & ~(RIGHT_FD_SEEK | RIGHT_FD_TELL);
	uint16_t fdflags = fdflags_of(flags);
	__builtin_memset(out, 0, 24);
	out[0] = filetype_of(type);
	__builtin_memcpy(out + 2, &fdflags, 2);
	guest_store_u64(out + 8, rights);
	guest_store_u64(out + 16, rights);
	return WASI_ESUCCESS;
}

int32_t wasi_p1_fd_close(struct rt_instance *caller, int32_t fd)
{
	if (!is_open(fd))
		return WASI_EBADF;
	closed_mask |= (uint8_t)(1u << fd);
	long ret = os_close(fd);
	return ret < 0 && ret != -OS_EINTR ? wasi_errno_from_linux(-ret) : WASI_ESUCCESS;
}

int32_t wasi_p1_fd_prestat_get(struct rt_instance *caller, int32_t fd, int32_t prestat_out)
{
	return WASI_EBADF;
}

int32_t wasi_p1_fd_prestat_dir_name(struct rt_instance *caller, int32_t fd, int32_t path, int32_t path_len)
{
	return WASI_EBADF;
}
