/* UTF-8 as names must be: well-formed, no overlongs, surrogates or code points past U+10FFFF. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "builder.h"
#include "reader.h"

static void expect_valid(const uint8_t *s, size_t n)
{
	if (!utf8_valid(s, n))
		fail_msg("rejected a valid %zu-byte string", n);
}

static void expect_invalid(const uint8_t *s, size_t n)
{
	if (utf8_valid(s, n))
		fail_msg("accepted an invalid %zu-byte string starting %02x", n, n ? s[0] : 0);
}

static void test_empty_and_ascii(void **state)
{
	expect_valid(NULL, 0);
	expect_valid(BYTES(0x00));
	expect_valid(BYTES('h', 'e', 'l', 'l', 'o'));
	expect_valid(BYTES(0x7f));
}

static void test_two_byte_sequences(void **state)
{
	expect_valid(BYTES(0xc2, 0x80)); /* U+0080, the smallest */
	expect_valid(BYTES(0xc3, 0xa9)); /* é */
	expect_valid(BYTES(0xdf, 0xbf)); /* U+07FF, the largest */
}

static void test_three_byte_sequences(void **state)
{
	expect_valid(BYTES(0xe0, 0xa0, 0x80)); /* U+0800 */
	expect_valid(BYTES(0xe2, 0x82, 0xac)); /* € */
	expect_valid(BYTES(0xed, 0x9f, 0xbf)); /* U+D7FF, just below the surrogates */
	expect_valid(BYTES(0xee, 0x80, 0x80)); /* U+E000, just above */
	expect_valid(BYTES(0xef, 0xbf, 0xbf)); /* U+FFFF */
}

static void test_four_byte_sequences(void **state)
{
	expect_valid(BYTES(0xf0, 0x90, 0x80, 0x80)); /* U+10000 */
	expect_valid(BYTES(0xf0, 0x9f, 0x98, 0x80)); /* 😀 */
	expect_valid(BYTES(0xf4, 0x8f, 0xbf, 0xbf)); /* U+10FFFF, the last code point */
}

static void test_mixed_lengths(void **state)
{
	expect_valid(BYTES('a', 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 'z'));
	/* One bad byte anywhere spoils the string. */
	expect_invalid(BYTES('a', 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xff));
}

static void test_overlongs(void **state)
{
	expect_invalid(BYTES(0xc0, 0x80));             /* U+0000 in two bytes */
	expect_invalid(BYTES(0xc1, 0xbf));             /* U+007F in two bytes */
	expect_invalid(BYTES(0xe0, 0x80, 0x80));       /* U+0000 in three */
	expect_invalid(BYTES(0xe0, 0x9f, 0xbf));       /* U+07FF in three */
	expect_invalid(BYTES(0xf0, 0x80, 0x80, 0x80)); /* U+0000 in four */
	expect_invalid(BYTES(0xf0, 0x8f, 0xbf, 0xbf)); /* U+FFFF in four */
}

static void test_surrogates(void **state)
{
	expect_invalid(BYTES(0xed, 0xa0, 0x80)); /* U+D800 */
	expect_invalid(BYTES(0xed, 0xaf, 0xbf)); /* U+DBFF */
	expect_invalid(BYTES(0xed, 0xb0, 0x80)); /* U+DC00 */
	expect_invalid(BYTES(0xed, 0xbf, 0xbf)); /* U+DFFF */
	/* A surrogate pair encoded as two three-byte sequences (CESU-8). */
	expect_invalid(BYTES(0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80));
}

static void test_beyond_last_code_point(void **state)
{
	expect_invalid(BYTES(0xf4, 0x90, 0x80, 0x80)); /* U+110000 */
	expect_invalid(BYTES(0xf7, 0xbf, 0xbf, 0xbf)); /* U+1FFFFF */
}

static void test_truncated_sequences(void **state)
{
	expect_invalid(BYTES(0xc3));
	expect_invalid(BYTES(0xe2, 0x82));
	expect_invalid(BYTES(0xf0, 0x9f, 0x98));
	expect_invalid(BYTES('a', 0xf0));
	/* A lead byte followed by too few continuation bytes and then ASCII. */
	expect_invalid(BYTES(0xe2, 0x82, 'a'));
	expect_invalid(BYTES(0xc3, 'a'));
	/* Cut short by the length although the bytes after it would complete the sequence. */
	const uint8_t e_acute[] = { 0xc3, 0xa9 };
	const uint8_t euro[] = { 0xe2, 0x82, 0xac };
	const uint8_t emoji[] = { 0xf0, 0x9f, 0x98, 0x80 };
	expect_invalid(e_acute, 1);
	expect_invalid(euro, 2);
	expect_invalid(emoji, 3);
	expect_valid(emoji, 4);
}

static void test_stray_continuation_bytes(void **state)
{
	expect_invalid(BYTES(0x80));
	expect_invalid(BYTES(0xbf));
	expect_invalid(BYTES('a', 0x80, 'b'));
	expect_invalid(BYTES(0xc3, 0xa9, 0xa9)); /* one too many */
}

static void test_bytes_never_in_utf8(void **state)
{
	for (unsigned byte = 0xf5; byte <= 0xff; byte++) {
		/* Followed by continuation bytes, so only the lead byte can be at fault. */
		const uint8_t s[4] = { (uint8_t)byte, 0x80, 0x80, 0x80 };
		if (utf8_valid(s, sizeof(s)))
			fail_msg("accepted lead byte %02x", byte);
		if (utf8_valid(s, 1))
			fail_msg("accepted lone byte %02x", byte);
	}
}

/* rd_name applies the check and reports it at the name's length. */
static void test_name_with_bad_utf8(void **state)
{
	const uint8_t input[] = { 0xee, 0x03, 'a', 0xed, 0xa0, 0x80 };
	struct wasm_error err = { 0 };
	struct wasm_reader r;
	struct wasm_name name = { 0 };
	rd_init(&r, input, 6, &err);
	r.pos = 1;
	assert_false(rd_name(&r, &name));
	assert_int_equal(err.kind, WASM_ERR_MALFORMED);
	assert_true(starts_with(err.message, "malformed UTF-8 encoding"));
	assert_int_equal(err.offset, 1);
}

static void test_name_read(void **state)
{
	const uint8_t input[] = { 0x04, 0xc3, 0xa9, 'a', 'b', 'x' };
	struct wasm_error err = { 0 };
	struct wasm_reader r;
	struct wasm_name name = { 0 };
	rd_init(&r, input, sizeof(input), &err);
	assert_true(rd_name(&r, &name));
	assert_int_equal(name.len, 4);
	assert_ptr_equal(name.str, (const char *)input + 1);
	assert_int_equal(r.pos, 5);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_ascii),
		cmocka_unit_test(test_two_byte_sequences),
		cmocka_unit_test(test_three_byte_sequences),
		cmocka_unit_test(test_four_byte_sequences),
		cmocka_unit_test(test_mixed_lengths),
		cmocka_unit_test(test_overlongs),
		cmocka_unit_test(test_surrogates),
		cmocka_unit_test(test_beyond_last_code_point),
		cmocka_unit_test(test_truncated_sequences),
		cmocka_unit_test(test_stray_continuation_bytes),
		cmocka_unit_test(test_bytes_never_in_utf8),
		cmocka_unit_test(test_name_with_bad_utf8),
		cmocka_unit_test(test_name_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
