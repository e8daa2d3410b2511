/*
 * wasi:filesystem's error-code: preview 1's errno values mapped to it, the
 * results that carry it, and filesystem-error-code for stream errors.
 */
#include "fs.h"

#include "wasi_errno.h"

/* The preview-1 errno of each error-code (the adapter maps them back the same way). */
static const uint8_t wasi_errno_of[P2_FS_ERROR_COUNT] = {
	[P2_FS_ACCESS] = WASI_EACCES,
	[P2_FS_WOULD_BLOCK] = WASI_EAGAIN,
	[P2_FS_ALREADY] = WASI_EALREADY,
	[P2_FS_BAD_DESCRIPTOR] = WASI_EBADF,
	[P2_FS_BUSY] = WASI_EBUSY,
	[P2_FS_DEADLOCK] = WASI_EDEADLK,
	[P2_FS_QUOTA] = WASI_EDQUOT,
	[P2_FS_EXIST] = WASI_EEXIST,
	[P2_FS_FILE_TOO_LARGE] = WASI_EFBIG,
	[P2_FS_ILLEGAL_BYTE_SEQUENCE] = WASI_EILSEQ,
	[P2_FS_IN_PROGRESS] = WASI_EINPROGRESS,
	[P2_FS_INTERRUPTED] = WASI_EINTR,
	[P2_FS_INVALID] = WASI_EINVAL,
	[P2_FS_IO] = WASI_EIO,
	[P2_FS_IS_DIRECTORY] = WASI_EISDIR,
	[P2_FS_LOOP] = WASI_ELOOP,
	[P2_FS_TOO_MANY_LINKS] = WASI_EMLINK,
	[P2_FS_MESSAGE_SIZE] = WASI_EMSGSIZE,
	[P2_FS_NAME_TOO_LONG] = WASI_ENAMETOOLONG,
	[P2_FS_NO_DEVICE] = WASI_ENODEV,
	[P2_FS_NO_ENTRY] = WASI_ENOENT,
	[P2_FS_NO_LOCK] = WASI_ENOLCK,
	[P2_FS_INSUFFICIENT_MEMORY] = WASI_ENOMEM,
	[P2_FS_INSUFFICIENT_SPACE] = WASI_ENOSPC,
	[P2_FS_NOT_DIRECTORY] = WASI_ENOTDIR,
	[P2_FS_NOT_EMPTY] = WASI_ENOTEMPTY,
	[P2_FS_NOT_RECOVERABLE] = WASI_ENOTRECOVERABLE,
	[P2_FS_UNSUPPORTED] = WASI_ENOTSUP,
	[P2_FS_NO_TTY] = WASI_ENOTTY,
	[P2_FS_NO_SUCH_DEVICE] = WASI_ENXIO,
	[P2_FS_OVERFLOW] = WASI_EOVERFLOW,
	[P2_FS_NOT_PERMITTED] = WASI_EPERM,
	[P2_FS_PIPE] = WASI_EPIPE,
	[P2_FS_READ_ONLY] = WASI_EROFS,
	[P2_FS_INVALID_SEEK] = WASI_ESPIPE,
	[P2_FS_TEXT_FILE_BUSY] = WASI_ETXTBSY,
	[P2_FS_CROSS_DEVICE] = WASI_EXDEV,
};

/*
 * Besides the table: a missing right (preview 1's ENOTCAPABLE) is not
 * permitted, as Wasmtime answers for what a descriptor was not opened for;
 * ENOSYS is unsupported; EMFILE and ENFILE, which error-code lacks, are
 * insufficient-memory (the resource exhausted is the host's).
 */
uint8_t p2_fs_error_of_wasi(int32_t wasi_errno)
{
	switch (wasi_errno) {
	case WASI_ENOTCAPABLE: return P2_FS_NOT_PERMITTED;
	case WASI_ENOSYS: return P2_FS_UNSUPPORTED;
	case WASI_EMFILE:
	case WASI_ENFILE: return P2_FS_INSUFFICIENT_MEMORY;
	default: break;
	}
	for (uint8_t code = 0; code < P2_FS_ERROR_COUNT; code++)
		if (wasi_errno_of[code] == wasi_errno)
			return code;
	return P2_FS_IO;
}

uint8_t *p2_fs_result(struct wasi_p2_ctx *ctx, uint32_t ret, uint32_t size)
{
	return p2_guest(ctx, ret, size);
}

void p2_fs_ok(uint8_t *out)
{
	p2_store_u8(out, 0);
}

void p2_fs_fail(uint8_t *out, uint32_t payload_offset, int32_t wasi_errno)
{
	p2_store_u8(out, 1);
	p2_store_u8(out + payload_offset, p2_fs_error_of_wasi(wasi_errno));
}

void p2_fs_result_empty(struct wasi_p2_ctx *ctx, uint32_t ret, int32_t wasi_errno)
{
	uint8_t *out = p2_fs_result(ctx, ret, 2);
	if (wasi_errno)
		p2_fs_fail(out, 1, wasi_errno);
	else
		p2_fs_ok(out);
}

/* option<error-code>: some for every error (the streams keep a Linux errno), none only for 0. */
void wasi_p2_filesystem_types_filesystem_error_code(struct wasi_p2_ctx *ctx, uint32_t err, uint32_t ret)
{
	const struct p2_error *e = p2_handle_get(err, P2_RES_ERROR);
	uint8_t *out = p2_guest(ctx, ret, 2);
	if (e->linux_errno <= 0) {
		p2_store_u8(out, 0);
		return;
	}
	p2_store_u8(out, 1);
	p2_store_u8(out + 1, p2_fs_error_of_wasi(wasi_errno_from_linux(e->linux_errno)));
}
