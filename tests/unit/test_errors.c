/* The error record: the first failure wins, and a long message is cut at the buffer, not past it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "error.h"

static void test_fail_records_kind_offset_message(void **state)
{
	struct wasm_error err = { 0 };
	assert_false(wasm_fail(&err, WASM_ERR_INVALID, 42, "unknown local %u", 7u));
	assert_int_equal(err.kind, WASM_ERR_INVALID);
	assert_int_equal(err.offset, 42);
	assert_string_equal(err.message, "unknown local 7");
}

static void test_fail_keeps_first_error(void **state)
{
	struct wasm_error err = { 0 };
	wasm_fail(&err, WASM_ERR_MALFORMED, 10, "unexpected end");
	assert_false(wasm_fail(&err, WASM_ERR_INVALID, 20, "type mismatch"));
	assert_false(wasm_fail(&err, WASM_ERR_LIMIT, 30, "out of memory"));
	assert_int_equal(err.kind, WASM_ERR_MALFORMED);
	assert_int_equal(err.offset, 10);
	assert_string_equal(err.message, "unexpected end");
}

/* A later, shorter message must not overwrite even the start of the first. */
static void test_fail_later_short_message_leaves_first_intact(void **state)
{
	struct wasm_error err = { 0 };
	wasm_fail(&err, WASM_ERR_UNSUPPORTED, 5, "feature %s is not supported yet", "gc");
	wasm_fail(&err, WASM_ERR_MALFORMED, 0, "x");
	assert_string_equal(err.message, "feature gc is not supported yet");
	assert_int_equal(err.kind, WASM_ERR_UNSUPPORTED);
}

/* The error sits in a struct between guards, so that an overflow shows even where ASan cannot see it. */
struct guarded_error {
	uint8_t before[32];
	struct wasm_error err;
	uint8_t after[64];
};

static void test_long_message_truncated_in_bounds(void **state)
{
	char long_text[1000];
	memset(long_text, 'x', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	long_text[0] = 'A';

	struct guarded_error g;
	memset(&g, 0xa5, sizeof(g));
	g.err.kind = WASM_ERR_NONE;
	assert_false(wasm_fail(&g.err, WASM_ERR_INVALID, 1, "%s%s", long_text, "tail"));

	const size_t cap = sizeof(g.err.message);
	assert_int_equal(strnlen(g.err.message, cap), cap - 1);
	assert_int_equal(g.err.message[cap - 1], '\0');
	assert_int_equal(g.err.message[0], 'A');
	assert_int_equal(g.err.message[cap - 2], 'x');
	for (size_t i = 0; i < sizeof(g.before); i++)
		assert_int_equal(g.before[i], 0xa5);
	for (size_t i = 0; i < sizeof(g.after); i++)
		assert_int_equal(g.after[i], 0xa5);
	assert_int_equal(g.err.kind, WASM_ERR_INVALID);
	assert_int_equal(g.err.offset, 1);
}

static void test_message_of_exactly_buffer_size(void **state)
{
	struct wasm_error err = { 0 };
	const size_t cap = sizeof(err.message);
	char text[sizeof(err.message) + 1];
	memset(text, 'y', cap);
	text[cap] = '\0'; /* one character too many for the terminator */
	wasm_fail(&err, WASM_ERR_MALFORMED, 0, "%s", text);
	assert_int_equal(strlen(err.message), cap - 1);

	struct wasm_error fits = { 0 };
	text[cap - 1] = '\0'; /* exactly fills it */
	wasm_fail(&fits, WASM_ERR_MALFORMED, 0, "%s", text);
	assert_int_equal(strlen(fits.message), cap - 1);
	assert_memory_equal(fits.message, text, cap);
}

static void test_kind_names(void **state)
{
	assert_string_equal(wasm_error_kind_name(WASM_ERR_NONE), "ok");
	assert_string_equal(wasm_error_kind_name(WASM_ERR_MALFORMED), "malformed");
	assert_string_equal(wasm_error_kind_name(WASM_ERR_INVALID), "invalid");
	assert_string_equal(wasm_error_kind_name(WASM_ERR_UNSUPPORTED), "unsupported");
	assert_string_equal(wasm_error_kind_name(WASM_ERR_LIMIT), "limit");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fail_records_kind_offset_message),
		cmocka_unit_test(test_fail_keeps_first_error),
		cmocka_unit_test(test_fail_later_short_message_leaves_first_intact),
		cmocka_unit_test(test_long_message_truncated_in_bounds),
		cmocka_unit_test(test_message_of_exactly_buffer_size),
		cmocka_unit_test(test_kind_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
