/*
 * What the test programs share in playing wasmc's generated code: module
 * registration, trampolines for the two signatures they use, calls through
 * rt_call, and output through WASI fd_write as a wasm program would make it.
 * Guest memory layout: [256, 272) an iovec and a result, [512, 4096) text.
 */
#ifndef WASMC_TESTS_GUEST_H
#define WASMC_TESTS_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rt.h"
#include "wasi_p1.h"

#define GUEST_IOVEC 256u
#define GUEST_RESULT 264u
#define GUEST_TEXT 512u
#define GUEST_TEXT_MAX 3584u

/* What the compiler emits for every module: its descriptor's address in RT_MODULE_SECTION. */
#define GUEST_MODULE(descriptor)                                                                     \
	__attribute__((used, section(RT_MODULE_SECTION))) static const struct rt_module *const guest_module_entry = \
		&(descriptor)

typedef void (*guest_fn_v)(struct rt_instance *);         /* ":" */
typedef int32_t (*guest_fn_i)(struct rt_instance *, int32_t); /* "i:i" */

static inline void guest_tramp_v(const struct rt_funcref *ref, uint8_t (*args_results)[16])
{
	((guest_fn_v)ref->code)(ref->instance);
}

static inline void guest_tramp_i(const struct rt_funcref *ref, uint8_t (*args_results)[16])
{
	int32_t arg;
	__builtin_memcpy(&arg, args_results[0], 4);
	int32_t result = ((guest_fn_i)ref->code)(ref->instance, arg);
	__builtin_memcpy(args_results[0], &result, 4);
}

/* Calls function f of the instance's module from the host, as an embedder would. */
static inline enum rt_trap guest_call(struct rt_instance *inst, uint32_t f, int32_t arg, int32_t *result)
{
	uint8_t slots[1][16] = { { 0 } };
	__builtin_memcpy(slots[0], &arg, 4);
	enum rt_trap kind = rt_call(rt_instance_func(inst, f), inst->module->func_trampolines[f], slots);
	if (result)
		__builtin_memcpy(result, slots[0], 4);
	return kind;
}

/* A line of output built up piece by piece. */
struct guest_line {
	char text[256];
	uint32_t len;
};

static inline void line_str(struct guest_line *line, const char *s)
{
	while (*s && line->len < sizeof line->text)
		line->text[line->len++] = *s++;
}

static inline void line_dec(struct guest_line *line, uint64_t value)
{
	char digits[20];
	int n = 0;
	do
		digits[n++] = (char)('0' + value % 10);
	while (value /= 10);
	while (n && line->len < sizeof line->text)
		line->text[line->len++] = digits[--n];
}

/* Writes len bytes through wasi_p1_fd_write from guest memory; the WASI errno. */
static inline int32_t guest_write(struct rt_instance *inst, int32_t fd, const char *text, uint32_t len)
{
	if (len > GUEST_TEXT_MAX)
		len = GUEST_TEXT_MAX;
	uint8_t *m = inst->mem0_base;
	__builtin_memcpy(m + GUEST_TEXT, text, len);
	uint32_t iov[2] = { GUEST_TEXT, len };
	__builtin_memcpy(m + GUEST_IOVEC, iov, sizeof iov);
	return wasi_p1_fd_write(inst, fd, GUEST_IOVEC, 1, GUEST_RESULT);
}

static inline void guest_say(struct rt_instance *inst, const char *text)
{
	uint32_t len = 0;
	while (text[len])
		len++;
	guest_write(inst, 1, text, len);
}

static inline void guest_say_line(struct rt_instance *inst, struct guest_line *line)
{
	line_str(line, "\n");
	guest_write(inst, 1, line->text, line->len);
}

#endif
