/*
 * read-directory and the directory-entry-stream it returns: the entries
 * of a directory but "." and "..", read with getdents64 through the
 * stream's own open file description of the directory, a page of them at
 * a time.
 */
#include "fs.h"

#include "rt_string.h"
#include "wasi_errno.h"

#define DIRENTS_BUF OS_PAGE_SIZE

/* The representation of directory-entry-stream handles. */
struct p2_dir_stream {
	int host_fd;       /* the stream's own, closed with it */
	bool end;          /* getdents64 said there is no more */
	uint32_t pos, len; /* the unread part of buf */
	uint8_t *buf;      /* DIRENTS_BUF bytes (mapped on the first read), or NULL */
};

_Static_assert(sizeof(struct p2_dir_stream) <= P2_REP_SIZE, "directory-entry-stream representation");

long p2_fs_reopen_dir(int host_fd)
{
	return os_openat(host_fd, ".", OS_O_RDONLY | OS_O_DIRECTORY | OS_O_CLOEXEC, 0);
}

/* result<own<directory-entry-stream>, error-code>: the handle at 4. */
void wasi_p2_filesystem_types_descriptor_read_directory(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	uint8_t *out = p2_fs_result(ctx, ret, 8);
	int32_t err;
	struct wasi_fd *entry = p2_fs_dir(self, WASI_RIGHT_FD_READDIR, &err);
	if (!entry) {
		p2_fs_fail(out, 4, err);
		return;
	}
	long host_fd = p2_fs_reopen_dir(entry->host_fd);
	if (host_fd < 0) {
		p2_fs_fail(out, 4, wasi_errno_from_linux(-host_fd));
		return;
	}
	struct p2_dir_stream s = { .host_fd = (int)host_fd };
	p2_fs_ok(out);
	p2_store_u32(out + 4, p2_handle_new(P2_RES_DIRECTORY_ENTRY_STREAM, &s, sizeof s));
}

/* Linux's DT_* values to descriptor-type. */
static uint8_t type_of_dt(uint8_t dt)
{
	switch (dt) {
	case 1: return P2_FS_TYPE_FIFO;
	case 2: return P2_FS_TYPE_CHARACTER_DEVICE;
	case 4: return P2_FS_TYPE_DIRECTORY;
	case 6: return P2_FS_TYPE_BLOCK_DEVICE;
	case 8: return P2_FS_TYPE_REGULAR_FILE;
	case 10: return P2_FS_TYPE_SYMBOLIC_LINK;
	case 12: return P2_FS_TYPE_SOCKET;
	default: return P2_FS_TYPE_UNKNOWN;
	}
}

/* Refills the buffer when it is used up: WASI_ESUCCESS with s->end set when the directory is done. */
static int32_t fill(struct p2_dir_stream *s)
{
	if (s->pos < s->len || s->end)
		return WASI_ESUCCESS;
	if (!s->buf) {
		s->buf = os_mmap_anon(DIRENTS_BUF, OS_PROT_READ | OS_PROT_WRITE, 0);
		if (!s->buf)
			return WASI_ENOMEM;
	}
	long n = os_getdents64(s->host_fd, s->buf, DIRENTS_BUF);
	if (n < 0)
		return wasi_errno_from_linux(-n);
	s->pos = 0;
	s->len = (uint32_t)n;
	s->end = n == 0;
	return WASI_ESUCCESS;
}

/*
 * The next entry but "." and "..", or NULL at the end (or with *err set).
 * linux_dirent64: u64 d_ino, i64 d_off, u16 d_reclen, u8 d_type, char d_name[].
 */
static const uint8_t *next_entry(struct p2_dir_stream *s, int32_t *err)
{
	for (;;) {
		*err = fill(s);
		if (*err || s->end)
			return NULL;
		const uint8_t *d = s->buf + s->pos;
		uint16_t reclen;
		__builtin_memcpy(&reclen, d + 16, 2);
		s->pos += reclen;
		const char *name = (const char *)d + 19;
		if (!(name[0] == '.' && (name[1] == 0 || (name[1] == '.' && name[2] == 0))))
			return d;
	}
}

/* result<option<directory-entry>, error-code>: the option at 4, the entry (type, name) at 8. */
void wasi_p2_filesystem_types_directory_entry_stream_read_directory_entry(struct wasi_p2_ctx *ctx, uint32_t self,
		uint32_t ret)
{
	uint8_t *out = p2_fs_result(ctx, ret, 20);
	struct p2_dir_stream *s = p2_handle_get(self, P2_RES_DIRECTORY_ENTRY_STREAM);
	int32_t err;
	const uint8_t *d = next_entry(s, &err);
	if (err) {
		p2_fs_fail(out, 4, err);
		return;
	}
	if (!d) {
		p2_fs_ok(out);
		p2_store_u8(out + 4, 0);
		return;
	}
	const char *name = (const char *)d + 19;
	uint32_t name_len = (uint32_t)rt_strlen(name);
	uint8_t type = type_of_dt(d[18]);
	struct os_stat st;
	if (type == P2_FS_TYPE_UNKNOWN && os_statx(s->host_fd, name, OS_AT_SYMLINK_NOFOLLOW, &st) == 0)
		type = p2_fs_type_of_mode(st.mode); /* file systems that leave d_type unknown */
	uint32_t copy = p2_alloc_copy(ctx, name, name_len);
	out = p2_fs_result(ctx, ret, 20);
	p2_fs_ok(out);
	p2_store_u8(out + 4, 1);
	p2_store_u8(out + 8, type);
	p2_store_u32(out + 12, copy);
	p2_store_u32(out + 16, name_len);
}

/* Closes the stream's descriptor and unmaps its buffer. */
void p2_dtor_directory_entry_stream(void *rep)
{
	struct p2_dir_stream *s = rep;
	os_close(s->host_fd);
	if (s->buf)
		os_munmap(s->buf, DIRENTS_BUF);
}

void wasi_p2_filesystem_types_drop_directory_entry_stream(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_DIRECTORY_ENTRY_STREAM);
}
