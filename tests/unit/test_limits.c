/*
 * The one parser of limit values (rtlib/include/rt_limits.h), shared by
 * wasmc's --max-memory, --max-wasm-stack and --timeout and the runtime's
 * WASMC_* variables: each unit, the bounds, and what it refuses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rt_limits.h"

static uint64_t size_of(const char *s)
{
	uint64_t v = 12345;
	assert_true(rt_parse_size(s, &v));
	return v;
}

static uint64_t duration_of(const char *s)
{
	uint64_t v = 12345;
	assert_true(rt_parse_duration(s, &v));
	return v;
}

static void sizes(void **state)
{
	(void)state;
	assert_int_equal(size_of("0"), 0);
	assert_int_equal(size_of("65536"), 65536);
	assert_int_equal(size_of("512KiB"), 512ull << 10);
	assert_int_equal(size_of("64MiB"), 64ull << 20);
	assert_int_equal(size_of("2GiB"), 2ull << 30);
	assert_int_equal(size_of("18446744073709551615"), UINT64_MAX);
	assert_int_equal(size_of("17179869183GiB"), 17179869183ull << 30);
}

static void bad_sizes(void **state)
{
	(void)state;
	const char *bad[] = { "", "MiB", "-1", "+1", " 1", "1 ", "1.5MiB", "1mib", "1MB", "1M", "1KiBx", "1B",
		"18446744073709551616", "17179869184GiB", "0x10", "1e3" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint64_t v = 7;
		assert_false(rt_parse_size(bad[i], &v));
		assert_int_equal(v, 7); /* untouched */
	}
}

static void durations(void **state)
{
	(void)state;
	assert_int_equal(duration_of("500ms"), 500000000ull);
	assert_int_equal(duration_of("1s"), 1000000000ull);
	assert_int_equal(duration_of("2m"), 120000000000ull);
	assert_int_equal(duration_of("1h"), 3600000000000ull);
	assert_int_equal(duration_of("1ms"), 1000000ull);
	assert_int_equal(duration_of("8760h"), RT_TIMEOUT_MAX_NS);
}

static void bad_durations(void **state)
{
	(void)state;
	const char *bad[] = { "", "1", "500", "0s", "0ms", "ms", "1.5s", "1sec", "1S", "1 s", "-1s", "1us", "1d",
		"8761h", "99999999999999999999s" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint64_t v = 7;
		assert_false(rt_parse_duration(bad[i], &v));
		assert_int_equal(v, 7);
	}
}

static void limit_bounds(void **state)
{
	(void)state;
	uint64_t v;
	assert_true(rt_limit_parse(RT_LIMIT_MAX_MEMORY, "0", &v));
	assert_int_equal(v, 0);
	assert_true(rt_limit_parse(RT_LIMIT_MAX_WASM_STACK, "4KiB", &v));
	assert_int_equal(v, RT_WASM_STACK_MIN);
	assert_true(rt_limit_parse(RT_LIMIT_MAX_WASM_STACK, "1GiB", &v));
	assert_false(rt_limit_parse(RT_LIMIT_MAX_WASM_STACK, "4095", &v));
	assert_false(rt_limit_parse(RT_LIMIT_MAX_WASM_STACK, "1025MiB", &v));
	assert_true(rt_limit_parse(RT_LIMIT_TIMEOUT, "200ms", &v));
	assert_int_equal(v, 200000000ull);
	assert_false(rt_limit_parse(RT_LIMIT_TIMEOUT, "64MiB", &v));
	assert_false(rt_limit_parse(RT_LIMIT_MAX_MEMORY, "1s", &v));
	assert_false(rt_limit_parse(RT_LIMIT_COUNT, "1", &v));
}

/* --fuel and WASMC_FUEL: digits only, 1 up to what the signed counter holds. */
static void fuel_counts(void **state)
{
	(void)state;
	uint64_t v;
	assert_true(rt_limit_parse(RT_LIMIT_FUEL, "1", &v));
	assert_int_equal(v, 1);
	assert_true(rt_limit_parse(RT_LIMIT_FUEL, "9223372036854775807", &v));
	assert_int_equal(v, RT_FUEL_MAX);
	const char *bad[] = { "0", "9223372036854775808", "18446744073709551616", "", "-1", "+5", "1e6", "1k",
		"100 ", " 100", "1KiB", "1s" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_false(rt_limit_parse(RT_LIMIT_FUEL, bad[i], &v));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes),
		cmocka_unit_test(bad_sizes),
		cmocka_unit_test(durations),
		cmocka_unit_test(bad_durations),
		cmocka_unit_test(limit_bounds),
		cmocka_unit_test(fuel_counts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
