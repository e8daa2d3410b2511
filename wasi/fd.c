/*
 * fd_read, fd_write, fd_pread, fd_pwrite, fd_seek, fd_tell: data through
 * descriptors of the table (fd_table.h), with iovecs in guest memory.
 */
#include "fd_table.h"
#include "guest_memory.h"
#include "os.h"
#include "wasi.h"

#define IOV_BATCH 64

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

/* The descriptor with `rights`, its iovecs checked and the u32 result slot found. */
static int32_t prepare(struct rt_instance *caller, int32_t fd, uint64_t rights, int32_t iovs, int32_t iovs_len,
		int32_t result_out, int *host_fd, uint8_t **result, uint64_t *total)
{
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, rights, &err);
	if (!entry)
		return err;
	err = check_iovs(caller, iovs, iovs_len, total);
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
	uint64_t total;
	int32_t err = prepare(caller, fd, WASI_RIGHT_FD_WRITE, iovs, iovs_len, nwritten_out, &host_fd, &nwritten, &total);
	if (err)
		return err;
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
	int host_fd;
	uint8_t *nread;
	uint64_t total;
	int32_t err = prepare(caller, fd, WASI_RIGHT_FD_READ, iovs, iovs_len, nread_out, &host_fd, &nread, &total);
	if (err)
		return err;
	struct os_iovec batch[IOV_BATCH];
	int n = fill_batch(caller, caller->mem0_base + (uint32_t)iovs, 0, (uint32_t)iovs_len, 0, batch);
	long ret;
	do
		ret = os_readv(host_fd, batch, n);
	while (ret == -OS_EINTR);
	if (ret < 0)
		return wasi_errno_from_linux(-ret);
	guest_store_u32(nread, (uint32_t)ret);
	return WASI_ESUCCESS;
}

/* One positioned transfer (preadv/pwritev); a short count is the caller's to continue. */
static int32_t positioned(struct rt_instance *caller, int32_t fd, uint64_t right, int32_t iovs, int32_t iovs_len,
		int64_t offset, int32_t result_out)
{
	int host_fd;
	uint8_t *result;
	uint64_t total;
	int32_t err = prepare(caller, fd, right | WASI_RIGHT_FD_SEEK, iovs, iovs_len, result_out, &host_fd, &result,
			&total);
	if (err)
		return err;
	if (offset < 0)
		return WASI_EINVAL;
	struct os_iovec batch[IOV_BATCH];
	int n = fill_batch(caller, caller->mem0_base + (uint32_t)iovs, 0, (uint32_t)iovs_len, 0, batch);
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

/*
 * Streams that cannot seek (pipes, terminals) lack the seek and tell rights;
 * for them the answer is ESPIPE, as lseek itself would give.
 */
static int32_t seek(int32_t fd, uint64_t right, int64_t offset, int whence, uint8_t *out)
{
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, 0, &err);
	if (!entry)
		return err;
	if (!(entry->rights_base & right)) {
		bool stream = entry->filetype != WASI_FILETYPE_REGULAR_FILE &&
			entry->filetype != WASI_FILETYPE_DIRECTORY && entry->filetype != WASI_FILETYPE_BLOCK_DEVICE;
		return stream ? WASI_ESPIPE : WASI_ENOTCAPABLE;
	}
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
