/*
 * libFuzzer target: the HTTP server's request head parser
 * (wasi/http/request_parse.c) on arbitrary bytes. Besides crashes and
 * sanitizer reports, a bug is an answer outside the documented ones or a
 * parsed head pointing outside the input. Build with -DWASMC_FUZZ=ON (clang).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "http_server.h"

static bool inside(const uint8_t *data, size_t size, const char *p, uint32_t len)
{
	return (const uint8_t *)p >= data && (const uint8_t *)p + len <= data + size;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct http_head head;
	int status = http_parse_head((const char *)data, size, &head);
	switch (status) {
	case -1:
		if (size >= HTTP_HEAD_MAX)
			abort(); /* a full buffer must be answered */
		return 0;
	case 400: case 414: case 417: case 431: case 501: case 505:
		return 0;
	case 0:
		break;
	default:
		abort();
	}
	if (head.head_size > size || head.head_size > HTTP_HEAD_MAX || head.field_count > HTTP_HEADERS_MAX ||
			!inside(data, size, head.method, head.method_len) || !inside(data, size, head.target, head.target_len))
		abort();
	for (uint32_t i = 0; i < head.field_count; i++)
		if (!inside(data, size, head.fields[i].name, head.fields[i].name_len) ||
				!inside(data, size, head.fields[i].value, head.fields[i].value_len))
			abort();
	if (head.minor == 1 && !head.host)
		abort();
	if (head.chunked && head.has_length)
		abort();
	return 0;
}
