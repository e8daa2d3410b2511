/*
 * Reading requests from a client connection: the head into the
 * connection's buffer (what follows it stays there for the next request:
 * pipelining), then the whole body, with Content-Length or chunked, into a
 * file. Every read waits at most HTTP_READ_TIMEOUT_S (HTTP_IDLE_TIMEOUT_S
 * before a request's first byte), so a slow client cannot hold a worker.
 * Between requests the wait also ends when the server stops (stop_fd): a
 * request already begun is read and answered. Writes to the socket wait at
 * most HTTP_WRITE_TIMEOUT_S for room (http_send_all).
 */
#include "http_server.h"
#include "os.h"
#include "rt_out.h"

/*
 * Reads more bytes into buf[end, HTTP_HEAD_MAX): their count, 0 at the end,
 * -1 on timeout or error, or (idle: between requests) when the server stops.
 */
static long fill(struct http_conn *c, int timeout_s, bool idle)
{
	struct os_pollfd pfd[2] = { { c->fd, OS_POLLIN, 0 }, { c->stop_fd, OS_POLLIN, 0 } };
	struct os_timespec limit = { timeout_s, 0 };
	long ready;
	do
		ready = os_ppoll(pfd, idle && c->stop_fd >= 0 ? 2 : 1, &limit);
	while (ready == -OS_EINTR);
	if (ready <= 0 || !pfd[0].revents)
		return -1;
	long n;
	do
		n = os_read(c->fd, c->buf + c->end, HTTP_HEAD_MAX - c->end);
	while (n == -OS_EINTR);
	if (n < 0)
		return -1;
	c->end += (size_t)n;
	return n;
}

bool http_send_all(int fd, const void *p, size_t n)
{
	const char *at = p;
	while (n) {
		long w = os_write(fd, at, n);
		if (w == -OS_EINTR)
			continue;
		if (w == -OS_EAGAIN) {
			struct os_pollfd pfd = { fd, OS_POLLOUT, 0 };
			struct os_timespec limit = { HTTP_WRITE_TIMEOUT_S, 0 };
			long ready;
			do
				ready = os_ppoll(&pfd, 1, &limit);
			while (ready == -OS_EINTR);
			if (ready <= 0)
				return false;
			continue;
		}
		if (w <= 0)
			return false;
		at += w;
		n -= (size_t)w;
	}
	return true;
}

/* Moves the unconsumed bytes to the start of the buffer. */
static void compact(struct http_conn *c)
{
	if (c->start == 0)
		return;
	size_t n = c->end - c->start;
	for (size_t i = 0; i < n; i++)
		c->buf[i] = c->buf[c->start + i];
	c->start = 0;
	c->end = n;
}

/* Copies n body bytes from the connection (buffered first) to body_fd: 0, or 400 (the client ended it) / 408. */
static int copy_body(struct http_conn *c, uint64_t n, int body_fd)
{
	while (n) {
		if (c->start == c->end) {
			c->start = c->end = 0;
			long got = fill(c, HTTP_READ_TIMEOUT_S, false);
			if (got <= 0)
				return got == 0 ? 400 : 408;
		}
		size_t take = c->end - c->start;
		if (take > n)
			take = (size_t)n;
		if (!rt_write_all(body_fd, c->buf + c->start, take))
			return 500;
		c->start += take;
		n -= take;
	}
	return 0;
}

/* The next CRLF-terminated line of a chunked body, without its CRLF: 0, or 400 / 408. */
static int read_line(struct http_conn *c, const char **line, size_t *len)
{
	compact(c);
	for (;;) {
		for (size_t i = c->start; i + 1 < c->end; i++) {
			if (c->buf[i] == '\r' && c->buf[i + 1] == '\n') {
				*line = c->buf + c->start;
				*len = i - c->start;
				c->start = i + 2;
				return 0;
			}
		}
		if (c->end == HTTP_HEAD_MAX)
			return 400;
		long n = fill(c, HTTP_READ_TIMEOUT_S, false);
		if (n <= 0)
			return n == 0 ? 400 : 408;
	}
}

/* chunk-size in hex, then optional extensions after ';' (ignored); false if malformed. */
static bool chunk_size(const char *line, size_t len, uint64_t *size)
{
	size_t i = 0;
	uint64_t v = 0;
	for (; i < len; i++) {
		char ch = line[i];
		int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
			: ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
		if (d < 0)
			break;
		if (v >> 60)
			return false;
		v = v * 16 + (uint64_t)d;
	}
	size_t digits = i;
	while (i < len && (line[i] == ' ' || line[i] == '\t'))
		i++;
	if (digits == 0 || (i < len && line[i] != ';'))
		return false;
	*size = v;
	return true;
}

/* A chunked body (RFC 9112 section 7.1): chunks, the last one, trailer lines (read and dropped). */
static int read_chunked(struct http_conn *c, int body_fd)
{
	uint64_t total = 0;
	for (;;) {
		const char *line;
		size_t len;
		uint64_t size;
		int status = read_line(c, &line, &len);
		if (status)
			return status;
		if (!chunk_size(line, len, &size))
			return 400;
		if (size == 0)
			break;
		if (size > HTTP_BODY_MAX - total)
			return 413;
		total += size;
		status = copy_body(c, size, body_fd);
		if (!status)
			status = read_line(c, &line, &len);
		if (status)
			return status;
		if (len)
			return 400; /* the chunk's data must end in CRLF */
	}
	for (;;) {
		const char *line;
		size_t len;
		int status = read_line(c, &line, &len);
		if (status)
			return status;
		if (!len)
			return 0;
	}
}

int http_read_request(struct http_conn *c, struct http_head *head, int body_fd)
{
	compact(c);
	int status;
	while ((status = http_parse_head(c->buf, c->end, head)) == -1) {
		long n = c->end ? fill(c, HTTP_READ_TIMEOUT_S, false) : fill(c, HTTP_IDLE_TIMEOUT_S, true);
		if (n <= 0)
			return c->end == 0 ? HTTP_READ_CLOSED : n == 0 ? 400 : 408;
	}
	if (status)
		return status;
	/* The head moves to its own buffer, where it stays while the body's bytes pass through buf. */
	__builtin_memcpy(c->head, c->buf, head->head_size);
	http_parse_head(c->head, head->head_size, head);
	if (os_ftruncate(body_fd, 0) < 0 || os_lseek(body_fd, 0, 0) < 0)
		return 500;
	c->start = head->head_size;
	bool body_expected = head->chunked || head->content_length;
	if (head->expect_continue && body_expected && head->content_length <= HTTP_BODY_MAX &&
			!http_send_all(c->fd, "HTTP/1.1 100 Continue\r\n\r\n", 25))
		return HTTP_READ_CLOSED;
	if (head->chunked)
		return read_chunked(c, body_fd);
	if (head->content_length > HTTP_BODY_MAX)
		return 413;
	return copy_body(c, head->content_length, body_fd);
}
