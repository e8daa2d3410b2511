/*
 * The HTTP/1.1 server's request head parser (wasi/http/request_parse.c):
 * what it takes apart, every status it refuses with, and that each prefix
 * of a good head asks for more bytes rather than answering.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http_server.h"

static struct http_head head;

static int parse(const char *text)
{
	return http_parse_head(text, strlen(text), &head);
}

static void assert_bytes(const char *p, uint32_t len, const char *want)
{
	assert_int_equal(len, strlen(want));
	assert_memory_equal(p, want, len);
}

static void a_request(void **state)
{
	(void)state;
	const char *text = "POST /echo?x=1 HTTP/1.1\r\nHost: example.com\r\nContent-Length:  12 \r\n"
			   "X-Empty:\r\nX-Tab: a\tb\r\n\r\nbody follows";
	assert_int_equal(parse(text), 0);
	assert_bytes(head.method, head.method_len, "POST");
	assert_bytes(head.target, head.target_len, "/echo?x=1");
	assert_int_equal(head.minor, 1);
	assert_int_equal(head.field_count, 4);
	assert_bytes(head.fields[1].name, head.fields[1].name_len, "Content-Length");
	assert_bytes(head.fields[1].value, head.fields[1].value_len, "12");
	assert_bytes(head.fields[2].value, head.fields[2].value_len, "");
	assert_bytes(head.fields[3].value, head.fields[3].value_len, "a\tb");
	assert_non_null(head.host);
	assert_bytes(head.host->value, head.host->value_len, "example.com");
	assert_true(head.has_length);
	assert_int_equal(head.content_length, 12);
	assert_false(head.chunked);
	assert_true(head.keep_alive);
	assert_int_equal(head.head_size, strlen(text) - strlen("body follows"));
}

static void connection_and_framing(void **state)
{
	(void)state;
	assert_int_equal(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, close\r\n\r\n"), 0);
	assert_false(head.keep_alive);
	assert_int_equal(parse("GET / HTTP/1.0\r\n\r\n"), 0);
	assert_false(head.keep_alive);
	assert_null(head.host);
	assert_int_equal(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"), 0);
	assert_true(head.keep_alive);
	assert_int_equal(parse("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\n\r\n"), 0);
	assert_true(head.chunked);
	assert_int_equal(parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n"), 0);
	assert_int_equal(head.content_length, 5);
	assert_int_equal(parse("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\n\r\n"), 0);
	assert_true(head.expect_continue);
	assert_int_equal(parse("POST / HTTP/1.0\r\nExpect: 100-continue\r\n\r\n"), 0);
	assert_false(head.expect_continue);
	assert_int_equal(parse("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n"), 0);
	assert_int_equal(parse("GET http://x/y HTTP/1.1\r\nHost: x\r\n\r\n"), 0);
}

static void refusals(void **state)
{
	(void)state;
	/* Lengths from the literals: one case holds a NUL. */
#define CASE(text, status) { text, sizeof(text) - 1, status }
	static const struct {
		const char *text;
		size_t len;
		int status;
	} cases[] = {
		CASE("GARBAGE\r\n\r\n", 400),
		CASE("\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
		CASE("GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
		CASE("GET / HTTP/1.1 \r\nHost: x\r\n\r\n", 400),
		CASE("GET x HTTP/1.1\r\nHost: x\r\n\r\n", 400),
		CASE("G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
		CASE("GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n", 400),
		CASE("GET / HTTP/1.1\nHost: x\r\n\r\n", 400),
		CASE("GET / HTTP/1.1\rHost: x\r\n\r\n", 400),
		CASE("GET / HTTP/1.1\r\nHost: x\r\n\n", 400),
		CASE("GET / http/1.1\r\nHost: x\r\n\r\n", 400),
		CASE("GET / HTTP/1.10\r\nHost: x\r\n\r\n", 400),
		CASE("GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
		CASE("GET / HTTP/1.2\r\nHost: x\r\n\r\n", 505),
		CASE("GET / HTTP/1.1\r\n\r\n", 400),
		CASE("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n", 400),
		CASE("GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
		CASE("GET / HTTP/1.1\r\n: x\r\nHost: x\r\n\r\n", 400),
		CASE("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n\tb\r\n\r\n", 400),
		CASE("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x7f\r\n\r\n", 400),
		CASE("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x00" "b\r\n\r\n", 400),
		CASE("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400),
		CASE("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1,1\r\n\r\n", 400),
		CASE("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: \r\n\r\n", 400),
		CASE("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
		CASE("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400),
		CASE("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
		CASE("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
		CASE("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
		CASE("POST / HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n", 417),
		CASE("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 501),
	};
#undef CASE
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int got = http_parse_head(cases[i].text, cases[i].len, &head);
		if (got != cases[i].status)
			fail_msg("case %zu: %d, want %d", i, got, cases[i].status);
	}
}

static void limits(void **state)
{
	(void)state;
	char *big = malloc(HTTP_HEAD_MAX + 64);
	assert_non_null(big);
	memset(big, 'a', HTTP_HEAD_MAX + 64);
	memcpy(big, "GET /", 5);
	assert_int_equal(http_parse_head(big, HTTP_HEAD_MAX - 1, &head), -1);
	assert_int_equal(http_parse_head(big, HTTP_HEAD_MAX, &head), 414);
	memcpy(big, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ", 32);
	assert_int_equal(http_parse_head(big, HTTP_HEAD_MAX + 64, &head), 431);
	size_t n = 0;
	n += (size_t)sprintf(big, "GET / HTTP/1.1\r\nHost: x\r\n");
	for (uint32_t i = 1; i < HTTP_HEADERS_MAX; i++)
		n += (size_t)sprintf(big + n, "X: a\r\n");
	n += (size_t)sprintf(big + n, "\r\n");
	assert_int_equal(http_parse_head(big, n, &head), 0);
	assert_int_equal(head.field_count, HTTP_HEADERS_MAX);
	n -= 2;
	n += (size_t)sprintf(big + n, "X: a\r\n\r\n");
	assert_int_equal(http_parse_head(big, n, &head), 431);
	free(big);
}

/* Every proper prefix of a good head wants more bytes; the whole parses. */
static void prefixes(void **state)
{
	(void)state;
	const char *text = "PUT /a/b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nX-A:  v  \r\n\r\n";
	size_t len = strlen(text);
	for (size_t cut = 0; cut < len; cut++)
		if (http_parse_head(text, cut, &head) != -1)
			fail_msg("prefix of %zu bytes: %d", cut, http_parse_head(text, cut, &head));
	assert_int_equal(http_parse_head(text, len, &head), 0);
	assert_int_equal(head.head_size, len);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_request),
		cmocka_unit_test(connection_and_framing),
		cmocka_unit_test(refusals),
		cmocka_unit_test(limits),
		cmocka_unit_test(prefixes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
