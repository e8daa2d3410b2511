/*
 * Resource limits of an executable (docs/limits.md): the largest size of a
 * linear memory, the wasm stack's size, a time limit and fuel. wasmc bakes the
 * options --max-memory, --max-wasm-stack, --timeout and --fuel into the executable
 * as NUL-terminated texts under the symbols below; with --runtime-grants the
 * WASMC_* variables of the same names override them at start-up.
 *
 * The one parser of sizes and durations, shared by the compiler (hosted) and
 * the runtime (freestanding): header-only, with no library calls.
 *   size:     decimal digits, then nothing (bytes), KiB, MiB or GiB: 65536, 512KiB, 64MiB, 2GiB
 *   duration: decimal digits, then ms, s, m or h: 500ms, 1s, 2m, 1h
 *   count:    decimal digits: 1000000
 */
#ifndef WASMC_RT_LIMITS_H
#define WASMC_RT_LIMITS_H

#include <stdbool.h>
#include <stdint.h>

#define RT_MAX_MEMORY_SYMBOL "wasmc_max_memory"
#define RT_MAX_WASM_STACK_SYMBOL "wasmc_max_wasm_stack"
#define RT_TIMEOUT_SYMBOL "wasmc_timeout"
#define RT_FUEL_SYMBOL "wasmc_fuel"

/* The run-time forms (wasmc --runtime-grants); never shown to the program. */
#define RT_MAX_MEMORY_VARIABLE "WASMC_MAX_MEMORY"
#define RT_MAX_WASM_STACK_VARIABLE "WASMC_MAX_WASM_STACK"
#define RT_TIMEOUT_VARIABLE "WASMC_TIMEOUT"
#define RT_FUEL_VARIABLE "WASMC_FUEL"

/*
 * Nonzero once the time limit has passed: set by the runtime's timer signal,
 * read by the checks that wasmc --timeout emits at function entries and loop
 * headers, which then trap RT_TRAP_INTERRUPTED.
 */
#define RT_INTERRUPT_SYMBOL "rt_interrupt_pending"
extern volatile uint32_t rt_interrupt_pending;

/*
 * The fuel left (wasmc --fuel): set at start-up to the limit, lowered by the
 * code wasmc --fuel compiles by the cost of each piece of wasm operators, and
 * tested at loop headers and function entries, which trap
 * RT_TRAP_OUT_OF_FUEL once it is below zero.
 */
#define RT_FUEL_COUNTER_SYMBOL "rt_fuel_left"
extern int64_t rt_fuel_left;

/* The wasm stack's size bounds (--max-wasm-stack). */
#define RT_WASM_STACK_MIN (4ull << 10)
#define RT_WASM_STACK_MAX (1ull << 30)
/* The longest time limit: about 292 years in nanoseconds would overflow sooner, so a round year. */
#define RT_TIMEOUT_MAX_NS (365ull * 24 * 3600 * 1000000000ull)
/* The most fuel: what the signed counter holds. */
#define RT_FUEL_MAX ((uint64_t)INT64_MAX)

enum rt_limit {
	RT_LIMIT_MAX_MEMORY,    /* bytes per linear memory */
	RT_LIMIT_MAX_WASM_STACK, /* bytes of stack for wasm code */
	RT_LIMIT_TIMEOUT,       /* nanoseconds of wall-clock time */
	RT_LIMIT_FUEL,          /* wasm operators executed */
	RT_LIMIT_COUNT
};

/* digits * scale, suffix matched exactly; false on anything else or overflow. */
static inline bool rt_limit_parse_scaled(const char *s, const char *const *suffixes, const uint64_t *scales,
		unsigned count, uint64_t *out)
{
	if (*s < '0' || *s > '9')
		return false;
	uint64_t v = 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	for (unsigned i = 0; i < count; i++) {
		const char *a = s, *b = suffixes[i];
		while (*a && *a == *b)
			a++, b++;
		if (*a || *b)
			continue;
		if (v > UINT64_MAX / scales[i])
			return false;
		*out = v * scales[i];
		return true;
	}
	return false;
}

/* A size in bytes: 65536, 512KiB, 64MiB, 2GiB. */
static inline bool rt_parse_size(const char *s, uint64_t *bytes)
{
	static const char *const suffixes[] = { "", "KiB", "MiB", "GiB" };
	static const uint64_t scales[] = { 1, 1ull << 10, 1ull << 20, 1ull << 30 };
	return rt_limit_parse_scaled(s, suffixes, scales, 4, bytes);
}

/* A duration in nanoseconds, 1 ns up to RT_TIMEOUT_MAX_NS: 500ms, 1s, 2m, 1h. */
static inline bool rt_parse_duration(const char *s, uint64_t *ns)
{
	static const char *const suffixes[] = { "ms", "s", "m", "h" };
	static const uint64_t scales[] = { 1000000ull, 1000000000ull, 60000000000ull, 3600000000000ull };
	uint64_t v;
	if (!rt_limit_parse_scaled(s, suffixes, scales, 4, &v) || v == 0 || v > RT_TIMEOUT_MAX_NS)
		return false;
	*ns = v;
	return true;
}

/* A count, 1 up to RT_FUEL_MAX: decimal digits only. */
static inline bool rt_parse_count(const char *s, uint64_t *count)
{
	static const char *const suffixes[] = { "" };
	static const uint64_t scales[] = { 1 };
	uint64_t v;
	if (!rt_limit_parse_scaled(s, suffixes, scales, 1, &v) || v == 0 || v > RT_FUEL_MAX)
		return false;
	*count = v;
	return true;
}

/* A limit's text checked and its value in range: the parser above plus each limit's bounds. */
static inline bool rt_limit_parse(enum rt_limit which, const char *s, uint64_t *value)
{
	switch (which) {
	case RT_LIMIT_MAX_MEMORY:
		return rt_parse_size(s, value);
	case RT_LIMIT_MAX_WASM_STACK:
		return rt_parse_size(s, value) && *value >= RT_WASM_STACK_MIN && *value <= RT_WASM_STACK_MAX;
	case RT_LIMIT_TIMEOUT:
		return rt_parse_duration(s, value);
	case RT_LIMIT_FUEL:
		return rt_parse_count(s, value);
	default:
		return false;
	}
}

/* ---- The runtime's side (rtlib/limits.c) ---- */

/* Overrides a limit from its run-time variable's text; false (nothing changed) if the text is bad. */
bool rt_limit_set(enum rt_limit which, const char *text);
/* A limit's value: baked, overridden, or UINT64_MAX where none is set. */
uint64_t rt_limit_get(enum rt_limit which);
/*
 * At start-up, after the overrides: fills the fuel counter and arms the time
 * limit's timer if there is one. False if the OS refuses.
 */
bool rt_limits_start(void);

#endif
