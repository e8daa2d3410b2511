/*
 * libFuzzer target: the HTTP server's connection reader
 * (wasi/http/connection.c, with the head parser) on arbitrary bytes over
 * the fake OS of tests/unit/http_fake_os.c. The first byte sets how many
 * bytes each read delivers (0: all it can); the rest is the connection.
 * Requests are read until one is refused or the bytes end. Besides crashes
 * and sanitizer reports, a bug is a status outside the documented ones, a
 * head pointing outside the connection's head buffer, or a body that is not
 * as long as its Content-Length said. Build with -DWASMC_FUZZ=ON (clang).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "http_fake_os.h"
#include "http_server.h"

static struct http_conn conn;
static struct http_head head;

static bool in_head(const char *p, uint32_t len)
{
	return p >= conn.head && p + len <= conn.head + sizeof conn.head;
}

static void check(void)
{
	if (head.head_size > HTTP_HEAD_MAX || !in_head(head.method, head.method_len) ||
			!in_head(head.target, head.target_len))
		abort();
	for (uint32_t i = 0; i < head.field_count; i++)
		if (!in_head(head.fields[i].name, head.fields[i].name_len) ||
				!in_head(head.fields[i].value, head.fields[i].value_len))
			abort();
	size_t body;
	fake_os_body(&body);
	if ((!head.chunked && body != head.content_length) || body > HTTP_BODY_MAX)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	fake_os_input(data + 1, size - 1, data[0]);
	conn = (struct http_conn){ .fd = FAKE_CONN_FD, .stop_fd = -1 };
	for (;;) {
		int status = http_read_request(&conn, &head, FAKE_BODY_FD);
		switch (status) {
		case 0:
			check();
			continue;
		case HTTP_READ_CLOSED: case 400: case 408: case 413: case 414: case 417: case 431: case 501: case 505:
			return 0;
		default:
			abort();
		}
	}
}
