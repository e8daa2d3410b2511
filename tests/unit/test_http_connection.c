/*
 * Reading requests from a connection (wasi/http/connection.c) over a fake
 * OS (http_fake_os.c): pipelined requests, Content-Length and chunked
 * bodies, 100-continue, what is refused, each also when the bytes arrive
 * one at a time or in odd pieces.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "http_fake_os.h"
#include "http_server.h"

static struct http_conn conn;
static struct http_head head;

/* The piece sizes every case is read with: whole, one byte, odd pieces. */
static const size_t read_sizes[] = { 0, 1, 7, 4096 };

static void start(const char *text, size_t read_max)
{
	fake_os_input(text, strlen(text), read_max);
	memset(&conn, 0, sizeof conn);
	conn.fd = FAKE_CONN_FD;
	conn.stop_fd = -1;
}

static int next(void)
{
	return http_read_request(&conn, &head, FAKE_BODY_FD);
}

static void assert_text(const char *p, uint32_t len, const char *want)
{
	assert_int_equal(len, strlen(want));
	assert_memory_equal(p, want, len);
}

static void assert_body(const char *want)
{
	size_t size;
	const uint8_t *body = fake_os_body(&size);
	assert_int_equal(size, strlen(want));
	if (size)
		assert_memory_equal(body, want, size);
}

static void pipelined(void **state)
{
	(void)state;
	for (size_t r = 0; r < sizeof read_sizes / sizeof read_sizes[0]; r++) {
		start("GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
		      "GET /c HTTP/1.1\r\nHost: x\r\n\r\n", read_sizes[r]);
		assert_int_equal(next(), 0);
		assert_text(head.target, head.target_len, "/a");
		assert_body("");
		assert_int_equal(next(), 0);
		assert_text(head.target, head.target_len, "/b");
		assert_body("hello");
		assert_int_equal(next(), 0);
		assert_text(head.target, head.target_len, "/c");
		assert_body("");
		assert_int_equal(next(), HTTP_READ_CLOSED);
	}
}

static void chunked(void **state)
{
	(void)state;
	for (size_t r = 0; r < sizeof read_sizes / sizeof read_sizes[0]; r++) {
		start("POST /up HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
		      "5;name=value\r\nhello\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n"
		      "GET /after HTTP/1.1\r\nHost: x\r\n\r\n", read_sizes[r]);
		assert_int_equal(next(), 0);
		/* The head stays whole while the body's bytes pass through the buffer. */
		assert_text(head.target, head.target_len, "/up");
		assert_text(head.host->value, head.host->value_len, "x");
		assert_body("hello0123456789");
		assert_int_equal(next(), 0);
		assert_text(head.target, head.target_len, "/after");
		assert_int_equal(next(), HTTP_READ_CLOSED);
	}
}

static void continue_100(void **state)
{
	(void)state;
	start("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok", 0);
	assert_int_equal(next(), 0);
	assert_body("ok");
	size_t size;
	const uint8_t *out = fake_os_output(&size);
	assert_int_equal(size, 25);
	assert_memory_equal(out, "HTTP/1.1 100 Continue\r\n\r\n", 25);
	start("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n", 0);
	assert_int_equal(next(), 0);
	fake_os_output(&size);
	assert_int_equal(size, 0); /* no body to wait for: no 100 */
}

static void refused(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int status;
	} cases[] = {
		{ "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXX\r\n0\r\n\r\n", 400 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5 x\r\nhello\r\n0\r\n\r\n", 400 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000000\r\n", 400 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n4000001\r\n", 413 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n", 400 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nshort", 400 },
		{ "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 67108865\r\n\r\n", 413 },
		{ "GET / HTTP/1.1\r\nHost: x\r\n", 400 },
		{ "GET / HTTP/1.1\r\nHost", 400 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		for (size_t r = 0; r < sizeof read_sizes / sizeof read_sizes[0]; r++) {
			start(cases[i].text, read_sizes[r]);
			int got = next();
			if (got != cases[i].status)
				fail_msg("case %zu, pieces of %zu: %d, want %d", i, read_sizes[r], got, cases[i].status);
		}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pipelined),
		cmocka_unit_test(chunked),
		cmocka_unit_test(continue_100),
		cmocka_unit_test(refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
