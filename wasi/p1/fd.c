/*
 * fd_read, fd_write, fd_pread, fd_pwrite, fd_seek, fd_tell: data through
 * descriptors of the table (fd_table.h), with iovecs in guest memory.
 */
#include "fd_table.h"
#include "guest_memory.h"
#include "iovec.h"
#include "os.h"
#include "wasi_p1.h"

/* How many iovecs one readv/writev gets; fd_write loops for the rest, a read may be short. */
#define IOV_BATCH 64

/* The descriptor with `rights`, its iovecs checked and the u32 result slot found. */
static int32_t prepare(struct rt_instance *caller, int32_t fd, uint64_t rights, int32_t iovs, int32_t iovs_len,
		int32_t result_out, int *host_fd, uint8_t **result, struct wasi_iovs *list)
{
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, rights, &err);
	if (!entry)
		return err;
	err = wasi_iovs_init(list, caller, iovs, iovs_len);
	if (err)
		return err;
	*result = guest_ptr(caller, (uint32_t)result_out, 4);
	if (!*result)
		return WASI_EFAULT;
	*host_fd = entry->host_fd;
	return WASI_ESUCCESS;
}

/* Loops until everything is written: a short write must not drop the rest of the output. */
int32_t wasi_p1_fd_write(struct rt_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten_out)
{
	int host_fd;
	uint8_t *nwritten;
	struct wasi_iovs list;
	int32_t err = prepare(caller, fd, WASI_RIGHT_FD_WRITE, iovs, iovs_len, nwritten_out, &host_fd, &nwritten, &list);
	if (err)
		return err;
	if (list.total > UINT32_MAX)
		return WASI_EINVAL;
	uint64_t written = 0;
	while (wasi_iovs_left(&list)) {
		struct os_iovec batch[IOV_BATCH];
		bool complete;
		int n = wasi_iovs_fill(&list, batch, IOV_BATCH, &complete);
		long ret = os_writev(host_fd, batch, n);
		if (ret == -OS_EINTR)
			continue;
		if (ret == -OS_EAGAIN) {
			os_wait_fd(host_fd, OS_POLLOUT);
			continue;
		}
		if (ret < 0 && written == 0)
			return wasi_errno_from_linux(-ret);
		if (ret <= 0)
			break; /* report what was written; the error comes back on the next call */
		written += (uint64_t)ret;
		wasi_iovs_advance(&list, (uint64_t)ret);
	}
	guest_store_u32(nwritten, (uint32_t)written);
	return WASI_ESUCCESS;
}

int32_t wasi_p1_fd_read(struct rt_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nread_out)
{
	int host_fd;
	uint8_t *nread;
	struct wasi_iovs list;
	int32_t err = prepare(caller, fd, WASI_RIGHT_FD_READ, iovs, iovs_len, nread_out, &host_fd, &nread, &list);
	if (err)
		return err;
	struct os_iovec batch[IOV_BATCH];
	bool complete;
	int n = wasi_iovs_fill(&list, batch, IOV_BATCH, &complete);
	long ret;
	do
		ret = os_readv(host_fd, batch, n);
	while (ret == -OS_EINTR);
	if (ret < 0)
		return wasi_errno_from_linux(-ret);
	guest_store_u32(nread, (uint32_t)ret);
	return WASI_ESUCCESS;
}

/*
 * Streams that cannot seek (pipes, terminals) lack the seek and tell rights;
 * for them the answer is ESPIPE, as lseek and pread themselves would give.
 */
static bool unseekable_stream(const struct wasi_fd *entry)
{
	return !(entry->rights_base & WASI_RIGHT_FD_SEEK) && entry->filetype != WASI_FILETYPE_REGULAR_FILE &&
	       entry->filetype != WASI_FILETYPE_DIRECTORY && entry->filetype != WASI_FILETYPE_BLOCK_DEVICE;
}

/* The entry of fd for a call at an offset, or NULL with *err: not open, or a stream (ESPIPE). */
static struct wasi_fd *seekable_entry(int32_t fd, int32_t *err)
{
	struct wasi_fd *entry = wasi_fd_get(fd, 0, err);
	if (entry && unseekable_stream(entry)) {
		*err = WASI_ESPIPE;
		return NULL;
	}
	return entry;
}

/* One positioned transfer (preadv/pwritev); a short count is the caller's to continue. */
static int32_t positioned(struct rt_instance *caller, int32_t fd, uint64_t right, int32_t iovs, int32_t iovs_len,
		int64_t offset, int32_t result_out)
{
	int host_fd;
	uint8_t *result;
	struct wasi_iovs list;
	int32_t err;
	if (!seekable_entry(fd, &err))
		return err;
	err = prepare(caller, fd, right | WASI_RIGHT_FD_SEEK, iovs, iovs_len, result_out, &host_fd, &result,
			&list);
	if (err)
		return err;
	if (offset < 0)
		return WASI_EINVAL;
	struct os_iovec batch[IOV_BATCH];
	bool complete;
	int n = wasi_iovs_fill(&list, batch, IOV_BATCH, &complete);
	long ret;
	do
		ret = right == WASI_RIGHT_FD_READ ? os_preadv(host_fd, batch, n, offset)
						  : os_pwritev(host_fd, batch, n, offset);
	while (ret == -OS_EINTR);
	if (ret < 0)
		return wasi_errno_from_linux(-ret);
	guest_store_u32(result, (uint32_t)ret);
	return WASI_ESUCCESS;
}

int32_t wasi_p1_fd_pread(struct rt_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len, int64_t offset,
		int32_t nread_out)
{
	return positioned(caller, fd, WASI_RIGHT_FD_READ, iovs, iovs_len, offset, nread_out);
}

int32_t wasi_p1_fd_pwrite(struct rt_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len, int64_t offset,
		int32_t nwritten_out)
{
	return positioned(caller, fd, WASI_RIGHT_FD_WRITE, iovs, iovs_len, offset, nwritten_out);
}

static int32_t seek(int32_t fd, uint64_t right, int64_t offset, int whence, uint8_t *out)
{
	int32_t err;
	struct wasi_fd *entry = seekable_entry(fd, &err);
	if (!entry)
		return err;
	if (!(entry->rights_base & right))
		return entry->filetype == WASI_FILETYPE_DIRECTORY ? WASI_EBADF : WASI_ENOTCAPABLE;
	if (!out)
		return WASI_EFAULT;
	long ret = os_lseek(entry->host_fd, offset, whence);
	if (ret < 0)
		return wasi_errno_from_linux(-ret);
	guest_store_u64(out, (uint64_t)ret);
	return WASI_ESUCCESS;
}

int32_t wasi_p1_fd_seek(struct rt_instance *caller, int32_t fd, int64_t offset, int32_t whence, int32_t offset_out)
{
	if ((uint32_t)whence > 2) /* WASI's SET, CUR, END are Linux's 0, 1, 2 */
		return WASI_EINVAL;
	/* Asking where one is needs only fd_tell. */
	uint64_t right = offset == 0 && whence == 1 ? WASI_RIGHT_FD_TELL : WASI_RIGHT_FD_SEEK;
	return seek(fd, right, offset, whence, guest_ptr(caller, (uint32_t)offset_out, 8));
}

int32_t wasi_p1_fd_tell(struct rt_instance *caller, int32_t fd, int32_t offset_out)
{
	return seek(fd, WASI_RIGHT_FD_TELL, 0, 1, guest_ptr(caller, (uint32_t)offset_out, 8));
}
