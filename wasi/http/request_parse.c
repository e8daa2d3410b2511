/*
 * A strict parser of HTTP/1.1 request heads (RFC 9112): lines end in CRLF;
 * the method is a token; the target is origin-form (or "*", or
 * absolute-form) of visible ASCII; header names are tokens with no space
 * before the colon; values hold no control character but tab; obsolete line
 * folding, a bare CR or LF, a repeated Host, a Content-Length that is not
 * digits or disagrees with another, or one beside Transfer-Encoding are all
 * refused. Refusing where RFC 9112 allows leniency keeps request smuggling
 * out.
 */
#include "http_server.h"

static bool is_tchar(char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	for (const char *t = "!#$%&'*+-.^_`|~"; *t; t++)
		if (c == *t)
			return true;
	return false;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether bytes [s, s + len) are `word`, ignoring case. */
static bool same(const char *s, uint32_t len, const char *word)
{
	uint32_t i = 0;
	for (; i < len && word[i]; i++)
		if (lower(s[i]) != word[i])
			return false;
	return i == len && !word[i];
}

/* The end of the line starting at p (the index of its CR), or -1 if incomplete; -2 on a bare CR or LF. */
static long line_end(const char *buf, size_t p, size_t len)
{
	for (size_t i = p; i < len; i++) {
		if (buf[i] == '\n')
			return -2;
		if (buf[i] == '\r')
			return i + 1 < len ? (buf[i + 1] == '\n' ? (long)i : -2) : -1;
	}
	return -1;
}

/* method SP request-target SP HTTP/1.x */
static int parse_request_line(const char *line, size_t len, struct http_head *h)
{
	size_t i = 0;
	while (i < len && is_tchar(line[i]))
		i++;
	if (i == 0 || i == len || line[i] != ' ')
		return 400;
	h->method = line;
	h->method_len = (uint32_t)i;
	size_t t = ++i;
	while (i < len && line[i] > ' ' && line[i] < 0x7f)
		i++;
	if (i == t || i == len || line[i] != ' ')
		return 400;
	h->target = line + t;
	h->target_len = (uint32_t)(i - t);
	bool origin = h->target[0] == '/';
	bool asterisk = h->target_len == 1 && h->target[0] == '*';
	bool absolute = h->target_len > 7 && (same(h->target, 7, "http://") || same(h->target, 8, "https://"));
	if (!origin && !asterisk && !absolute)
		return 400;
	const char *v = line + i + 1;
	size_t vlen = len - i - 1;
	if (vlen != 8 || v[0] != 'H' || v[1] != 'T' || v[2] != 'T' || v[3] != 'P' || v[4] != '/' || v[6] != '.' ||
			v[5] < '0' || v[5] > '9' || v[7] < '0' || v[7] > '9')
		return 400;
	if (v[5] != '1' || v[7] > '1')
		return 505;
	h->minor = (uint8_t)(v[7] - '0');
	return 0;
}

/* name ":" OWS value OWS */
static int parse_field(const char *line, size_t len, struct http_field_ref *f)
{
	size_t i = 0;
	while (i < len && is_tchar(line[i]))
		i++;
	if (i == 0 || i == len || line[i] != ':')
		return 400;
	f->name = line;
	f->name_len = (uint32_t)i;
	size_t a = i + 1, b = len;
	while (a < b && (line[a] == ' ' || line[a] == '\t'))
		a++;
	while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t'))
		b--;
	for (size_t k = a; k < b; k++)
		if (((unsigned char)line[k] < 0x20 && line[k] != '\t') || line[k] == 0x7f)
			return 400;
	f->value = line + a;
	f->value_len = (uint32_t)(b - a);
	return 0;
}

/* Digits only, no overflow past HTTP_BODY_MAX's range (a larger length is 413 later, not 400). */
static bool parse_length(const struct http_field_ref *f, uint64_t *out)
{
	if (!f->value_len || f->value_len > 19)
		return false;
	uint64_t v = 0;
	for (uint32_t i = 0; i < f->value_len; i++) {
		if (f->value[i] < '0' || f->value[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(f->value[i] - '0');
	}
	*out = v;
	return true;
}

/* Connection's comma-separated options: close, keep-alive. */
static void connection_options(const struct http_field_ref *f, bool *close, bool *keep_alive)
{
	uint32_t i = 0;
	while (i < f->value_len) {
		while (i < f->value_len && (f->value[i] == ' ' || f->value[i] == '\t' || f->value[i] == ','))
			i++;
		uint32_t s = i;
		while (i < f->value_len && f->value[i] != ',' && f->value[i] != ' ' && f->value[i] != '\t')
			i++;
		*close |= same(f->value + s, i - s, "close");
		*keep_alive |= same(f->value + s, i - s, "keep-alive");
	}
}

/* What the fields say about the message: Host, its body's framing, whether the connection stays open. */
static int interpret_fields(struct http_head *h)
{
	bool close = false, keep_alive = false, transfer_encoding = false;
	for (uint32_t i = 0; i < h->field_count; i++) {
		const struct http_field_ref *f = &h->fields[i];
		if (same(f->name, f->name_len, "host")) {
			if (h->host)
				return 400;
			h->host = f;
		} else if (same(f->name, f->name_len, "content-length")) {
			uint64_t n;
			if (!parse_length(f, &n) || (h->has_length && n != h->content_length))
				return 400;
			h->has_length = true;
			h->content_length = n;
		} else if (same(f->name, f->name_len, "transfer-encoding")) {
			if (transfer_encoding)
				return 501; /* a list of codings: only chunked alone is supported */
			transfer_encoding = true;
			if (!same(f->value, f->value_len, "chunked"))
				return 501;
			h->chunked = true;
		} else if (same(f->name, f->name_len, "connection")) {
			connection_options(f, &close, &keep_alive);
		} else if (same(f->name, f->name_len, "expect")) {
			if (!same(f->value, f->value_len, "100-continue"))
				return 417;
			h->expect_continue = h->minor == 1; /* HTTP/1.0 clients do not wait for it (RFC 9110 10.1.1) */
		}
	}
	if ((h->minor == 1 && !h->host) || (transfer_encoding && (h->has_length || h->minor == 0)))
		return 400;
	h->keep_alive = !close && (h->minor == 1 || keep_alive);
	return 0;
}

int http_parse_head(const char *buf, size_t len, struct http_head *h)
{
	*h = (struct http_head){ 0 };
	if (len > HTTP_HEAD_MAX)
		len = HTTP_HEAD_MAX;
	long end = line_end(buf, 0, len);
	if (end == -2)
		return 400;
	if (end == -1)
		return len < HTTP_HEAD_MAX ? -1 : 414;
	int status = parse_request_line(buf, (size_t)end, h);
	if (status)
		return status;
	size_t p = (size_t)end + 2;
	for (;;) {
		end = line_end(buf, p, len);
		if (end == -2)
			return 400;
		if (end == -1)
			return len < HTTP_HEAD_MAX ? -1 : 431;
		if ((size_t)end == p)
			break;
		if (buf[p] == ' ' || buf[p] == '\t')
			return 400; /* obsolete line folding */
		if (h->field_count == HTTP_HEADERS_MAX)
			return 431;
		status = parse_field(buf + p, (size_t)end - p, &h->fields[h->field_count++]);
		if (status)
			return status;
		p = (size_t)end + 2;
	}
	h->head_size = p + 2;
	return interpret_fields(h);
}
