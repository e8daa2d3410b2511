/*
 * wasi:io/streams over host descriptors (struct p2_stream in p2.h): stdio,
 * and files' read-, write- and append-via-stream. Nothing is buffered on
 * the host side, so flushes only report a closed stream, and writes go out
 * whole before they return (waiting while a pipe is full). Reads land in
 * one host buffer and are copied into a list allocated for exactly what
 * was read, as the Canonical ABI lowers a list.
 *
 * The end of input, a failed operation and a reader that went away (EPIPE)
 * close the stream: later operations give `closed`.
 */
#include "os.h"
#include "p2.h"

_Static_assert(sizeof(struct p2_stream) <= P2_REP_SIZE, "p2_stream fits a handle");

/* The most one read, skip or splice moves; the guest asks again for more. */
#define READ_MAX (64u * 1024)
/* What check-write allows: writes never wait on a host buffer, so any amount would do. */
#define WRITE_BUDGET (1024u * 1024)

/* Linux errnos os.h does not name. */
#define LINUX_EIO 5
#define LINUX_EPIPE 32

/* The runtime is single-threaded: one buffer serves every read. */
static uint8_t io_buffer[READ_MAX];
static const uint8_t zeroes[4096];

static uint32_t stream_new(enum p2_resource type, int host_fd, bool owns_fd, enum p2_stream_mode mode,
		uint64_t offset)
{
	struct p2_stream s = { .host_fd = host_fd, .owns_fd = owns_fd, .mode = (uint8_t)mode, .offset = offset };
	return p2_handle_new(type, &s, sizeof s);
}

uint32_t p2_input_stream_new(int host_fd, bool owns_fd, enum p2_stream_mode mode, uint64_t offset)
{
	return stream_new(P2_RES_INPUT_STREAM, host_fd, owns_fd, mode, offset);
}

uint32_t p2_output_stream_new(int host_fd, bool owns_fd, enum p2_stream_mode mode, uint64_t offset)
{
	return stream_new(P2_RES_OUTPUT_STREAM, host_fd, owns_fd, mode, offset);
}

/* Closes the stream's own descriptor (a dup); stdio's stay open. */
static void release(struct p2_stream *s)
{
	if (s->owns_fd)
		os_close(s->host_fd);
}

void p2_dtor_input_stream(void *rep)
{
	release(rep);
}

void p2_dtor_output_stream(void *rep)
{
	release(rep);
}

/* Whether a read of fd would not wait (data, the end, an error); regular files always. */
static bool readable_now(int fd)
{
	struct os_pollfd pfd = { fd, OS_POLLIN, 0 };
	struct os_timespec zero = { 0, 0 };
	return os_ppoll(&pfd, 1, &zero) != 0;
}

/*
 * Reads up to len (> 0) bytes into buf. Blocking: waits for at least one
 * byte or the end; else returns 0 when nothing is ready. The end of the
 * input marks the stream closed (and returns 0). Returns the count or a
 * negative Linux errno.
 */
static long stream_read(struct p2_stream *s, void *buf, size_t len, bool blocking)
{
	if (!blocking && s->mode == P2_STREAM_SEQUENTIAL && !readable_now(s->host_fd))
		return 0;
	for (;;) {
		struct os_iovec iov = { buf, len };
		long n = s->mode == P2_STREAM_AT_OFFSET ? os_preadv(s->host_fd, &iov, 1, (int64_t)s->offset)
							: os_read(s->host_fd, buf, len);
		if (n == -OS_EINTR)
			continue;
		if (n == -OS_EAGAIN) {
			if (!blocking)
				return 0;
			os_wait_fd(s->host_fd, OS_POLLIN);
			continue;
		}
		if (n == 0)
			s->closed = true;
		else if (n > 0 && s->mode == P2_STREAM_AT_OFFSET)
			s->offset += (uint64_t)n;
		return n;
	}
}

/* Where an append lands: the end of the file (a descriptor opened O_APPEND appends whatever pwrite is told). */
static int64_t end_of_file(int fd)
{
	struct os_stat st;
	return os_statx(fd, "", OS_AT_EMPTY_PATH, &st) < 0 ? 0 : (int64_t)st.size;
}

/* Writes all of buf[0..len), waiting while the descriptor is full. Returns 0 or a negative Linux errno. */
static long stream_write(struct p2_stream *s, const uint8_t *buf, size_t len)
{
	while (len) {
		struct os_iovec iov = { (void *)buf, len };
		long n;
		if (s->mode == P2_STREAM_SEQUENTIAL)
			n = os_write(s->host_fd, buf, len);
		else
			n = os_pwritev(s->host_fd, &iov, 1,
					s->mode == P2_STREAM_APPEND ? end_of_file(s->host_fd) : (int64_t)s->offset);
		if (n == -OS_EINTR)
			continue;
		if (n == -OS_EAGAIN) {
			os_wait_fd(s->host_fd, OS_POLLOUT);
			continue;
		}
		if (n <= 0)
			return n < 0 ? n : -LINUX_EIO;
		buf += n;
		len -= (size_t)n;
		if (s->mode == P2_STREAM_AT_OFFSET)
			s->offset += (uint64_t)n;
	}
	return 0;
}

/* A failed operation closes the stream; the failure: 0 for `closed` (EPIPE), else the errno to report. */
static int32_t close_on_failure(struct p2_stream *s, long ret)
{
	s->closed = true;
	return ret == -LINUX_EPIPE ? 0 : (int32_t)-ret;
}

/*
 * Stores the err case of result<T, stream-error> at guest address ret, the
 * stream-error at offset `payload` (4, or 8 after a u64): `closed` when
 * failure is 0, else last-operation-failed with a new error of that errno.
 */
static void store_stream_error(struct wasi_p2_ctx *ctx, uint32_t ret, uint32_t payload, int32_t failure)
{
	uint32_t error = failure ? p2_error_new(failure) : 0;
	uint8_t *out = p2_guest(ctx, ret, payload + 8);
	p2_store_u8(out, 1);
	p2_store_u8(out + payload, failure ? 0 : 1);
	if (failure)
		p2_store_u32(out + payload + 4, error);
}

/* Stores ok(_) of result<_, stream-error>. */
static void store_ok_empty(struct wasi_p2_ctx *ctx, uint32_t ret)
{
	p2_store_u8(p2_guest(ctx, ret, 12), 0);
}

/* Stores ok(v) of result<u64, stream-error>. */
static void store_ok_u64(struct wasi_p2_ctx *ctx, uint32_t ret, uint64_t v)
{
	uint8_t *out = p2_guest(ctx, ret, 16);
	p2_store_u8(out, 0);
	p2_store_u64(out + 8, v);
}

/*
 * Reads up to len bytes (at most READ_MAX) into io_buffer. Returns the
 * count, or -1 with *failure set as close_on_failure says (0: closed).
 */
static long read_some(struct p2_stream *s, uint64_t len, bool blocking, int32_t *failure)
{
	*failure = 0;
	if (s->closed)
		return -1;
	if (len == 0)
		return 0;
	long n = stream_read(s, io_buffer, len < READ_MAX ? (size_t)len : READ_MAX, blocking);
	if (n < 0)
		*failure = close_on_failure(s, n);
	return n < 0 || (n == 0 && s->closed) ? -1 : n;
}

/* read / blocking-read: result<list<u8>, stream-error>. */
static void read_list(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t len, uint32_t ret, bool blocking)
{
	int32_t failure;
	long n = read_some(p2_handle_get(self, P2_RES_INPUT_STREAM), len, blocking, &failure);
	if (n < 0) {
		store_stream_error(ctx, ret, 4, failure);
		return;
	}
	uint32_t ptr = p2_alloc_copy(ctx, io_buffer, (uint32_t)n);
	uint8_t *out = p2_guest(ctx, ret, 12);
	p2_store_u8(out, 0);
	p2_store_u32(out + 4, ptr);
	p2_store_u32(out + 8, (uint32_t)n);
}

void wasi_p2_io_streams_input_stream_read(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t len, uint32_t ret)
{
	read_list(ctx, self, len, ret, false);
}

void wasi_p2_io_streams_input_stream_blocking_read(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t len,
		uint32_t ret)
{
	read_list(ctx, self, len, ret, true);
}

/* skip / blocking-skip: reads and drops; result<u64, stream-error>. */
static void skip(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t len, uint32_t ret, bool blocking)
{
	int32_t failure;
	long n = read_some(p2_handle_get(self, P2_RES_INPUT_STREAM), len, blocking, &failure);
	if (n < 0)
		store_stream_error(ctx, ret, 8, failure);
	else
		store_ok_u64(ctx, ret, (uint64_t)n);
}

void wasi_p2_io_streams_input_stream_skip(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t len, uint32_t ret)
{
	skip(ctx, self, len, ret, false);
}

void wasi_p2_io_streams_input_stream_blocking_skip(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t len,
		uint32_t ret)
{
	skip(ctx, self, len, ret, true);
}

/* A pollable for the stream's descriptor; a closed stream is ready at once. */
static uint32_t subscribe(uint32_t self, enum p2_resource type, int16_t events)
{
	const struct p2_stream *s = p2_handle_get(self, type);
	int fd = s->host_fd;
	return s->closed ? p2_pollable_new_ready() : p2_pollable_new_fd(fd, events);
}

uint32_t wasi_p2_io_streams_input_stream_subscribe(struct wasi_p2_ctx *ctx, uint32_t self)
{
	return subscribe(self, P2_RES_INPUT_STREAM, OS_POLLIN);
}

uint32_t wasi_p2_io_streams_output_stream_subscribe(struct wasi_p2_ctx *ctx, uint32_t self)
{
	return subscribe(self, P2_RES_OUTPUT_STREAM, OS_POLLOUT);
}

void wasi_p2_io_streams_output_stream_check_write(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	const struct p2_stream *s = p2_handle_get(self, P2_RES_OUTPUT_STREAM);
	if (s->closed)
		store_stream_error(ctx, ret, 8, 0);
	else
		store_ok_u64(ctx, ret, WRITE_BUDGET);
}

/* Writes len bytes of data, or of zeroes if data is NULL; stores result<_, stream-error>. */
static void write_all(struct wasi_p2_ctx *ctx, uint32_t self, const uint8_t *data, uint64_t len, uint32_t ret)
{
	struct p2_stream *s = p2_handle_get(self, P2_RES_OUTPUT_STREAM);
	if (s->closed) {
		store_stream_error(ctx, ret, 4, 0);
		return;
	}
	long err = 0;
	if (data)
		err = stream_write(s, data, (size_t)len);
	while (!data && !err && len) {
		size_t chunk = len < sizeof zeroes ? (size_t)len : sizeof zeroes;
		err = stream_write(s, zeroes, chunk);
		len -= chunk;
	}
	if (err)
		store_stream_error(ctx, ret, 4, close_on_failure(s, err));
	else
		store_ok_empty(ctx, ret);
}

/* write and blocking-write-and-flush: the same, since writes go out whole (any length: Wasmtime traps beyond 4096 bytes). */
void wasi_p2_io_streams_output_stream_write(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ptr, uint32_t len,
		uint32_t ret)
{
	write_all(ctx, self, p2_guest(ctx, ptr, len), len, ret);
}

void wasi_p2_io_streams_output_stream_blocking_write_and_flush(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ptr,
		uint32_t len, uint32_t ret)
{
	write_all(ctx, self, p2_guest(ctx, ptr, len), len, ret);
}

void wasi_p2_io_streams_output_stream_write_zeroes(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t len,
		uint32_t ret)
{
	write_all(ctx, self, NULL, len, ret);
}

void wasi_p2_io_streams_output_stream_blocking_write_zeroes_and_flush(struct wasi_p2_ctx *ctx, uint32_t self,
		uint64_t len, uint32_t ret)
{
	write_all(ctx, self, NULL, len, ret);
}

/* flush / blocking-flush: nothing is buffered; only a closed stream fails. */
static void flush(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	const struct p2_stream *s = p2_handle_get(self, P2_RES_OUTPUT_STREAM);
	if (s->closed)
		store_stream_error(ctx, ret, 4, 0);
	else
		store_ok_empty(ctx, ret);
}

void wasi_p2_io_streams_output_stream_flush(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	flush(ctx, self, ret);
}

void wasi_p2_io_streams_output_stream_blocking_flush(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	flush(ctx, self, ret);
}

/*
 * splice / blocking-splice: up to len bytes (at most READ_MAX) from src to
 * self; result<u64, stream-error> with the count. A closed output, or an
 * input at its end, gives `closed`.
 */
static void splice(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t src, uint64_t len, uint32_t ret, bool blocking)
{
	struct p2_stream *out = p2_handle_get(self, P2_RES_OUTPUT_STREAM);
	struct p2_stream *in = p2_handle_get(src, P2_RES_INPUT_STREAM);
	int32_t failure = 0;
	long n = out->closed ? -1 : read_some(in, len, blocking, &failure);
	if (n > 0) {
		long err = stream_write(out, io_buffer, (size_t)n);
		if (err) {
			failure = close_on_failure(out, err);
			n = -1;
		}
	}
	if (n < 0)
		store_stream_error(ctx, ret, 8, failure);
	else
		store_ok_u64(ctx, ret, (uint64_t)n);
}

void wasi_p2_io_streams_output_stream_splice(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t src, uint64_t len,
		uint32_t ret)
{
	splice(ctx, self, src, len, ret, false);
}

void wasi_p2_io_streams_output_stream_blocking_splice(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t src,
		uint64_t len, uint32_t ret)
{
	splice(ctx, self, src, len, ret, true);
}

void wasi_p2_io_streams_drop_input_stream(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_INPUT_STREAM);
}

void wasi_p2_io_streams_drop_output_stream(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_OUTPUT_STREAM);
}
