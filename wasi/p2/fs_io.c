/*
 * A descriptor's data: read and write at an offset, and the streams over
 * it (read-via-stream, write-via-stream, append-via-stream), each with its
 * own host descriptor so that it outlives nothing it depends on.
 */
#include "fs.h"

#include "wasi_errno.h"

/* What one read asks the host for at most (Linux's own cap on a read); a shorter read is allowed. */
#define READ_MAX 0x7ffff000u

/*
 * The file descriptor h holding `right` (reading or writing). One not
 * opened for it is a bad descriptor, as Wasmtime answers for streams (and
 * POSIX's read and write, and wasi-libc for preview 1's missing rights);
 * under a read-only grant writing stays not permitted, as in preview 1.
 */
static struct wasi_fd *file_for(uint32_t h, uint64_t right, int32_t *err)
{
	struct wasi_fd *entry = p2_fs_file(h, right, err);
	if (!entry && *err == WASI_ENOTCAPABLE)
		*err = WASI_EBADF;
	return entry;
}

/*
 * How many bytes a read of len at offset asks for: for a regular file, no
 * more than it holds from offset on, so that the list is allocated with
 * the size it will have (the guest frees it with that size).
 */
static int32_t read_size(int host_fd, uint64_t len, uint64_t offset, uint32_t *size)
{
	*size = len < READ_MAX ? (uint32_t)len : READ_MAX;
	struct os_stat st;
	long ret = os_statx(host_fd, "", OS_AT_EMPTY_PATH, &st);
	if (ret < 0)
		return wasi_errno_from_linux(-ret);
	uint64_t left = st.size > offset ? st.size - offset : 0;
	if ((st.mode & OS_S_IFMT) == OS_S_IFREG && left < *size)
		*size = (uint32_t)left;
	return WASI_ESUCCESS;
}

/*
 * result<tuple<list<u8>, bool>, error-code>: the list at 4, the
 * end-of-file bool at 12 (nothing was left to read, as Wasmtime says).
 * The bytes are read straight into the list's memory (the adapter lends
 * exactly one buffer for it).
 */
void wasi_p2_filesystem_types_descriptor_read(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t len, uint64_t offset,
		uint32_t ret)
{
	uint8_t *out = p2_fs_result(ctx, ret, 16);
	int32_t err;
	uint32_t size = 0;
	struct wasi_fd *entry = file_for(self, WASI_RIGHT_FD_READ, &err);
	if (entry)
		err = offset > INT64_MAX ? WASI_EINVAL : read_size(entry->host_fd, len, offset, &size);
	if (err) {
		p2_fs_fail(out, 4, err);
		return;
	}
	int host_fd = entry->host_fd;
	uint32_t list = p2_alloc(ctx, 1, size);
	long n;
	do
		n = os_preadv(host_fd, &(struct os_iovec){ p2_guest(ctx, list, size), size }, 1, (int64_t)offset);
	while (n == -OS_EINTR);
	out = p2_fs_result(ctx, ret, 16);
	if (n < 0) {
		p2_fs_fail(out, 4, wasi_errno_from_linux(-n));
		return;
	}
	p2_fs_ok(out);
	p2_store_u32(out + 4, list);
	p2_store_u32(out + 8, (uint32_t)n);
	p2_store_u8(out + 12, n == 0 && len > 0);
}

/* result<filesize, error-code>: the count at 8. One transfer, which may be short. */
void wasi_p2_filesystem_types_descriptor_write(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t buf, uint32_t buf_len,
		uint64_t offset, uint32_t ret)
{
	uint8_t *bytes = p2_guest(ctx, buf, buf_len);
	uint8_t *out = p2_fs_result(ctx, ret, 16);
	int32_t err;
	struct wasi_fd *entry = file_for(self, WASI_RIGHT_FD_WRITE, &err);
	if (!entry || offset > INT64_MAX) {
		p2_fs_fail(out, 8, entry ? WASI_EINVAL : err);
		return;
	}
	long n;
	do
		n = os_pwritev(entry->host_fd, &(struct os_iovec){ bytes, buf_len }, 1, (int64_t)offset);
	while (n == -OS_EINTR);
	if (n < 0) {
		p2_fs_fail(out, 8, wasi_errno_from_linux(-n));
		return;
	}
	p2_fs_ok(out);
	p2_store_u64(out + 8, (uint64_t)n);
}

/* result<own<stream>, error-code> (the handle at 4) of a new stream over a dup of the file's host descriptor. */
static void new_stream(struct wasi_p2_ctx *ctx, uint32_t self, bool input, enum p2_stream_mode mode, uint64_t offset,
		uint32_t ret)
{
	uint8_t *out = p2_fs_result(ctx, ret, 8);
	int32_t err;
	struct wasi_fd *entry = file_for(self, input ? WASI_RIGHT_FD_READ : WASI_RIGHT_FD_WRITE, &err);
	if (!entry) {
		p2_fs_fail(out, 4, err);
		return;
	}
	long host_fd = os_dup_cloexec(entry->host_fd);
	if (host_fd < 0) {
		p2_fs_fail(out, 4, wasi_errno_from_linux(-host_fd));
		return;
	}
	uint32_t stream = input ? p2_input_stream_new((int)host_fd, true, mode, offset)
				: p2_output_stream_new((int)host_fd, true, mode, offset);
	p2_fs_ok(out);
	p2_store_u32(out + 4, stream);
}

void wasi_p2_filesystem_types_descriptor_read_via_stream(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t offset,
		uint32_t ret)
{
	new_stream(ctx, self, true, P2_STREAM_AT_OFFSET, offset, ret);
}

void wasi_p2_filesystem_types_descriptor_write_via_stream(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t offset,
		uint32_t ret)
{
	new_stream(ctx, self, false, P2_STREAM_AT_OFFSET, offset, ret);
}

void wasi_p2_filesystem_types_descriptor_append_via_stream(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	new_stream(ctx, self, false, P2_STREAM_APPEND, 0, ret);
}
