/*
 * LEB128 integers as the binary format limits them: the largest and
 * smallest values, each boundary of the final byte, over-long encodings,
 * truncation, and where the error is reported.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "builder.h"
#include "reader.h"

/* Bytes before the integer, so that an offset of 0 cannot pass for "the start". */
enum { PREFIX = 3 };

enum leb_kind { U32, S32, S33, S64, U64 };

struct leb_result {
	bool ok;
	uint64_t value; /* signed results sign-extended */
	size_t pos;     /* the reader's position afterwards */
	struct wasm_error err;
};

/* Reads one integer from PREFIX junk bytes followed by `bytes`; `extra` more bytes follow outside r.end. */
static struct leb_result read_leb_limited(enum leb_kind kind, const uint8_t *bytes, size_t n, size_t extra)
{
	uint8_t input[32];
	assert_true(PREFIX + n + extra <= sizeof(input));
	memset(input, 0xee, sizeof(input));
	if (n)
		memcpy(input + PREFIX, bytes, n);

	struct leb_result res = { 0 };
	struct wasm_reader r;
	rd_init(&r, input, PREFIX + n + extra, &res.err);
	r.pos = PREFIX;
	r.end = PREFIX + n;
	uint32_t u32;
	int32_t s32;
	int64_t s64;
	switch (kind) {
	case U32:
		res.ok = rd_u32(&r, &u32);
		res.value = u32;
		break;
	case S32:
		res.ok = rd_s32(&r, &s32);
		res.value = (uint64_t)(int64_t)s32;
		break;
	case S33:
		res.ok = rd_s33(&r, &s64);
		res.value = (uint64_t)s64;
		break;
	case S64:
		res.ok = rd_s64(&r, &s64);
		res.value = (uint64_t)s64;
		break;
	case U64:
		res.ok = rd_u64(&r, &res.value);
		break;
	}
	res.pos = r.pos;
	return res;
}

static void expect_leb(enum leb_kind kind, const uint8_t *bytes, size_t n, uint64_t expected)
{
	struct leb_result res = read_leb_limited(kind, bytes, n, 0);
	if (!res.ok)
		fail_msg("rejected: %s", res.err.message);
	assert_int_equal(res.err.kind, WASM_ERR_NONE);
	assert_int_equal(res.value, expected);
	assert_int_equal(res.pos, PREFIX + n);
}

static void expect_leb_error(enum leb_kind kind, const uint8_t *bytes, size_t n, const char *message, size_t offset)
{
	struct leb_result res = read_leb_limited(kind, bytes, n, 0);
	assert_false(res.ok);
	assert_int_equal(res.err.kind, WASM_ERR_MALFORMED);
	if (!starts_with(res.err.message, message))
		fail_msg("\"%s\" is not \"%s\"", res.err.message, message);
	assert_int_equal(res.err.offset, offset);
}

static void expect_too_large(enum leb_kind kind, const uint8_t *bytes, size_t n)
{
	expect_leb_error(kind, bytes, n, "integer too large", PREFIX);
}

static void expect_too_long(enum leb_kind kind, const uint8_t *bytes, size_t n)
{
	expect_leb_error(kind, bytes, n, "integer representation too long", PREFIX);
}

static void test_u32_min_max(void **state)
{
	expect_leb(U32, BYTES(0x00), 0);
	expect_leb(U32, BYTES(0x7f), 127);
	expect_leb(U32, BYTES(0x80, 0x01), 128);
	expect_leb(U32, BYTES(0xe5, 0x8e, 0x26), 624485);
	expect_leb(U32, BYTES(0xff, 0xff, 0xff, 0xff, 0x0f), UINT32_MAX);
}

static void test_u32_last_byte_boundary(void **state)
{
	expect_leb(U32, BYTES(0x80, 0x80, 0x80, 0x80, 0x0f), 0xf0000000u);
	expect_too_large(U32, BYTES(0x80, 0x80, 0x80, 0x80, 0x10));
	expect_too_large(U32, BYTES(0xff, 0xff, 0xff, 0xff, 0x1f));
	expect_too_large(U32, BYTES(0xff, 0xff, 0xff, 0xff, 0x7f));
}

static void test_u32_padding_within_five_bytes_accepted(void **state)
{
	expect_leb(U32, BYTES(0x80, 0x00), 0);
	expect_leb(U32, BYTES(0x81, 0x80, 0x80, 0x80, 0x00), 1);
}

static void test_u32_too_long(void **state)
{
	expect_too_long(U32, BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
	expect_too_long(U32, BYTES(0xff, 0xff, 0xff, 0xff, 0x8f, 0x00));
}

static void test_s32_min_max(void **state)
{
	expect_leb(S32, BYTES(0x00), 0);
	expect_leb(S32, BYTES(0x3f), 63);
	expect_leb(S32, BYTES(0x40), (uint64_t)-64);
	expect_leb(S32, BYTES(0x7f), (uint64_t)-1);
	expect_leb(S32, BYTES(0xc0, 0x00), 64);
	expect_leb(S32, BYTES(0xff, 0xff, 0xff, 0xff, 0x07), INT32_MAX);
	expect_leb(S32, BYTES(0x80, 0x80, 0x80, 0x80, 0x78), (uint64_t)(int64_t)INT32_MIN);
}

static void test_s32_last_byte_boundary(void **state)
{
	expect_leb(S32, BYTES(0x80, 0x80, 0x80, 0x80, 0x07), 0x70000000);
	expect_leb(S32, BYTES(0xff, 0xff, 0xff, 0xff, 0x7f), (uint64_t)-1);
	expect_too_large(S32, BYTES(0x80, 0x80, 0x80, 0x80, 0x08));
	expect_too_large(S32, BYTES(0xff, 0xff, 0xff, 0xff, 0x77));
	expect_too_large(S32, BYTES(0xff, 0xff, 0xff, 0xff, 0x0f));
	expect_too_large(S32, BYTES(0x80, 0x80, 0x80, 0x80, 0x70));
}

static void test_s32_too_long(void **state)
{
	expect_too_long(S32, BYTES(0xff, 0xff, 0xff, 0xff, 0xff, 0x7f));
	expect_too_long(S32, BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
}

static void test_s33_min_max(void **state)
{
	expect_leb(S33, BYTES(0x40), (uint64_t)-64); /* the empty block type */
	expect_leb(S33, BYTES(0x7f), (uint64_t)-1);
	expect_leb(S33, BYTES(0xff, 0xff, 0xff, 0xff, 0x0f), UINT32_MAX);
	expect_leb(S33, BYTES(0x80, 0x80, 0x80, 0x80, 0x70), (uint64_t)-((int64_t)1 << 32));
}

static void test_s33_last_byte_boundary(void **state)
{
	expect_too_large(S33, BYTES(0x80, 0x80, 0x80, 0x80, 0x10));
	expect_too_large(S33, BYTES(0xff, 0xff, 0xff, 0xff, 0x6f));
	expect_too_long(S33, BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
}

static void test_s64_min_max(void **state)
{
	expect_leb(S64, BYTES(0x7f), (uint64_t)-1);
	expect_leb(S64, BYTES(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00), INT64_MAX);
	expect_leb(S64, BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f), (uint64_t)INT64_MIN);
}

static void test_s64_last_byte_boundary(void **state)
{
	expect_leb(S64, BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00), 0);
	expect_leb(S64, BYTES(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f), (uint64_t)-1);
	expect_too_large(S64, BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01));
	expect_too_large(S64, BYTES(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7e));
	expect_too_long(S64, BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00));
}

static void test_u64_min_max(void **state)
{
	expect_leb(U64, BYTES(0x00), 0);
	expect_leb(U64, BYTES(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01), UINT64_MAX);
	expect_leb(U64, BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01), (uint64_t)1 << 63);
}

static void test_u64_last_byte_boundary(void **state)
{
	expect_too_large(U64, BYTES(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02));
	expect_too_large(U64, BYTES(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f));
	expect_too_long(U64, BYTES(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x81, 0x00));
}

/* Running out of bytes is reported where the missing byte should be, at the end of the input. */
static void test_truncated_at_end_of_input(void **state)
{
	expect_leb_error(U32, BYTES(0xff, 0xff), "unexpected end", PREFIX + 2);
	expect_leb_error(S32, BYTES(0x80), "unexpected end", PREFIX + 1);
	expect_leb_error(S33, BYTES(0xff, 0xff, 0xff, 0xff), "unexpected end", PREFIX + 4);
	expect_leb_error(S64, BYTES(0x80, 0x80, 0x80), "unexpected end", PREFIX + 3);
	expect_leb_error(U64, BYTES(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), "unexpected end", PREFIX + 9);
}

/* The limit is the section's or body's end, not the input's: the bytes past it would make the integer too long. */
static void test_truncated_at_end_of_section(void **state)
{
	struct leb_result res = read_leb_limited(U32, BYTES(0xff, 0xff), 4);
	assert_false(res.ok);
	assert_int_equal(res.err.kind, WASM_ERR_MALFORMED);
	assert_true(starts_with(res.err.message, "unexpected end"));
	assert_int_equal(res.err.offset, PREFIX + 2);
}

static void test_empty_input(void **state)
{
	struct leb_result res = read_leb_limited(U32, NULL, 0, 0);
	assert_false(res.ok);
	assert_true(starts_with(res.err.message, "unexpected end"));
	assert_int_equal(res.err.offset, PREFIX);
}

/* A vector length larger than the bytes left cannot be honest; it is refused before anything is allocated. */
static void test_count_bounded_by_bytes_left(void **state)
{
	const uint8_t input[] = { 0x02, 0xaa, 0xbb, 0xcc, 0x03, 0xaa, 0xbb };
	struct wasm_error err = { 0 };
	struct wasm_reader r;
	uint32_t count = 0;

	rd_init(&r, input, 4, &err);
	assert_true(rd_count(&r, 1, &count));
	assert_int_equal(count, 2);
	assert_int_equal(r.pos, 1);

	rd_init(&r, input, 4, &err);
	assert_false(rd_count(&r, 2, &count)); /* 2 elements of 2 bytes in 3 bytes */
	assert_true(starts_with(err.message, "unexpected end"));
	assert_int_equal(err.offset, 0);

	err = (struct wasm_error){ 0 };
	rd_init(&r, input, sizeof(input), &err);
	r.pos = 4;
	assert_false(rd_count(&r, 1, &count)); /* 3 elements, 2 bytes left */
	assert_int_equal(err.kind, WASM_ERR_MALFORMED);
	assert_int_equal(err.offset, 4);
}

static void test_count_huge(void **state)
{
	const uint8_t input[] = { 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00, 0x00, 0x00 };
	struct wasm_error err = { 0 };
	struct wasm_reader r;
	uint32_t count = 0;
	rd_init(&r, input, sizeof(input), &err);
	assert_false(rd_count(&r, 1, &count));
	assert_true(starts_with(err.message, "unexpected end"));
	assert_int_equal(err.offset, 0);
	assert_int_equal(r.pos, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_u32_min_max),
		cmocka_unit_test(test_u32_last_byte_boundary),
		cmocka_unit_test(test_u32_padding_within_five_bytes_accepted),
		cmocka_unit_test(test_u32_too_long),
		cmocka_unit_test(test_s32_min_max),
		cmocka_unit_test(test_s32_last_byte_boundary),
		cmocka_unit_test(test_s32_too_long),
		cmocka_unit_test(test_s33_min_max),
		cmocka_unit_test(test_s33_last_byte_boundary),
		cmocka_unit_test(test_s64_min_max),
		cmocka_unit_test(test_s64_last_byte_boundary),
		cmocka_unit_test(test_u64_min_max),
		cmocka_unit_test(test_u64_last_byte_boundary),
		cmocka_unit_test(test_truncated_at_end_of_input),
		cmocka_unit_test(test_truncated_at_end_of_section),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_count_bounded_by_bytes_left),
		cmocka_unit_test(test_count_huge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
