/*
 * Writing responses: the status line, the handler's fields (without the
 * ones the server owns: Content-Length and hop-by-hop fields), then
 * Content-Length and Connection, then the body from its file.
 */
#include "http_server.h"
#include "os.h"

static const struct {
	uint16_t status;
	const char *reason;
} reasons[] = {
	{ 200, "OK" }, { 201, "Created" }, { 204, "No Content" }, { 301, "Moved Permanently" }, { 302, "Found" },
	{ 304, "Not Modified" }, { 400, "Bad Request" }, { 403, "Forbidden" }, { 404, "Not Found" },
	{ 405, "Method Not Allowed" }, { 408, "Request Timeout" }, { 413, "Content Too Large" },
	{ 414, "URI Too Long" }, { 417, "Expectation Failed" }, { 431, "Request Header Fields Too Large" },
	{ 500, "Internal Server Error" }, { 501, "Not Implemented" }, { 503, "Service Unavailable" }, { 505, "HTTP Version Not Supported" },
};

static const char *reason_of(uint16_t status)
{
	for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "";
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool named(const struct http_field_ref *f, const char *word)
{
	uint32_t i = 0;
	for (; i < f->name_len && word[i]; i++)
		if (lower(f->name[i]) != word[i])
			return false;
	return i == f->name_len && !word[i];
}

static bool server_owned(const struct http_field_ref *f)
{
	static const char *const owned[] = { "content-length", "connection", "keep-alive", "transfer-encoding",
		"upgrade", "te", "proxy-connection" };
	for (size_t i = 0; i < sizeof owned / sizeof owned[0]; i++)
		if (named(f, owned[i]))
			return true;
	return false;
}

/* The response head, buffered; a failed write is remembered. */
struct sink {
	int fd;
	bool failed;
	size_t len;
	char buf[4096];
};

static void put(struct sink *k, const char *p, size_t n)
{
	if (k->len + n > sizeof k->buf) {
		k->failed |= !http_send_all(k->fd, k->buf, k->len);
		k->len = 0;
		if (n > sizeof k->buf) {
			k->failed |= !http_send_all(k->fd, p, n);
			return;
		}
	}
	__builtin_memcpy(k->buf + k->len, p, n);
	k->len += n;
}

static void put_str(struct sink *k, const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	put(k, s, n);
}

static void put_dec(struct sink *k, uint64_t v)
{
	char digits[20];
	int n = 0;
	do {
		digits[19 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	put(k, digits + 20 - n, (size_t)n);
}

static bool flush(struct sink *k)
{
	k->failed |= !http_send_all(k->fd, k->buf, k->len);
	k->len = 0;
	return !k->failed;
}

/* The status line: "HTTP/1.1 200 OK". */
static void put_status(struct sink *k, uint16_t status)
{
	put_str(k, "HTTP/1.1 ");
	put_dec(k, status);
	put_str(k, " ");
	put_str(k, reason_of(status));
	put_str(k, "\r\n");
}

static bool send_body(int fd, int body_fd, uint64_t size)
{
	char chunk[16384];
	for (uint64_t at = 0; at < size;) {
		size_t want = size - at < sizeof chunk ? (size_t)(size - at) : sizeof chunk;
		long n = os_pread(body_fd, chunk, want, (int64_t)at);
		if (n <= 0 || !http_send_all(fd, chunk, (size_t)n))
			return false;
		at += (uint64_t)n;
	}
	return true;
}

bool http_write_response(int fd, const struct http_response_head *r, int body_fd)
{
	struct sink k = { .fd = fd };
	put_status(&k, r->status);
	for (uint32_t i = 0; i < r->field_count; i++) {
		const struct http_field_ref *f = &r->fields[i];
		if (server_owned(f))
			continue;
		put(&k, f->name, f->name_len);
		put_str(&k, ": ");
		put(&k, f->value, f->value_len);
		put_str(&k, "\r\n");
	}
	put_str(&k, "content-length: ");
	put_dec(&k, r->body_size);
	put_str(&k, r->keep_alive ? "\r\n\r\n" : "\r\nconnection: close\r\n\r\n");
	uint64_t body = r->head_only ? 0 : r->body_size;
	if (body <= sizeof k.buf - k.len) { /* a small response goes out in one write */
		if (body && os_pread(body_fd, k.buf + k.len, (size_t)body, 0) != (long)body)
			return false;
		k.len += (size_t)body;
		return flush(&k);
	}
	return flush(&k) && send_body(fd, body_fd, body);
}

bool http_write_status(int fd, uint16_t status, bool keep_alive)
{
	struct sink k = { .fd = fd };
	const char *reason = reason_of(status);
	put_status(&k, status);
	put_str(&k, "content-type: text/plain\r\ncontent-length: ");
	size_t len = 0;
	while (reason[len])
		len++;
	put_dec(&k, len + 1);
	put_str(&k, keep_alive ? "\r\n\r\n" : "\r\nconnection: close\r\n\r\n");
	put(&k, reason, len);
	put_str(&k, "\n");
	return flush(&k);
}
