/*
 * The `spectest` host module that the testsuite imports from: print
 * functions (silent here: the verdicts own stdout), four globals, a table
 * and a memory. Host functions have generated code's ABI,
 * code(instance, args...), so that wasm calls them like any import.
 */
#include "harness.h"

static void print(struct rt_instance *ctx) {}
static void print_i32(struct rt_instance *ctx, int32_t a) {}
static void print_i64(struct rt_instance *ctx, int64_t a) {}
static void print_f32(struct rt_instance *ctx, float a) {}
static void print_f64(struct rt_instance *ctx, double a) {}
static void print_i32_f32(struct rt_instance *ctx, int32_t a, float b) {}
static void print_f64_f64(struct rt_instance *ctx, double a, double b) {}

static const struct {
	const char *name, *signature;
	void *code;
} funcs[] = {
	{ "print", ":", (void *)print },
	{ "print_i32", "i:", (void *)print_i32 },
	{ "print_i64", "I:", (void *)print_i64 },
	{ "print_f32", "f:", (void *)print_f32 },
	{ "print_f64", "F:", (void *)print_f64 },
	{ "print_i32_f32", "if:", (void *)print_i32_f32 },
	{ "print_f64_f64", "FF:", (void *)print_f64_f64 },
};

static const struct {
	const char *name;
	uint8_t type;
	uint64_t bits;
} globals[] = {
	{ "global_i32", RT_SIG_I32, 666 },
	{ "global_i64", RT_SIG_I64, 666 },
	{ "global_f32", RT_SIG_F32, 0x4426a666 },          /* 666.6f */
	{ "global_f64", RT_SIG_F64, 0x4084d4cccccccccdull }, /* 666.6 */
};

#define NFUNCS (sizeof funcs / sizeof funcs[0])
#define NGLOBALS (sizeof globals / sizeof globals[0])

struct instance *spectest_instance(void)
{
	static struct instance inst;
	static struct host_export exports[NFUNCS + NGLOBALS + 2];
	static struct rt_instance host_context; /* what host functions receive as their instance */
	if (inst.host_exports)
		return &inst;
	uint32_t n = 0;
	for (uint32_t i = 0; i < NFUNCS; i++) {
		struct rt_funcref *ref = rt_alloc(sizeof *ref);
		*ref = (struct rt_funcref){ .code = funcs[i].code, .type_id = rt_type_id(funcs[i].signature),
			.instance = &host_context };
		exports[n++] = (struct host_export){ funcs[i].name,
			{ .kind = RT_EXTERN_FUNC, .ptr = ref, .signature = funcs[i].signature } };
	}
	for (uint32_t i = 0; i < NGLOBALS; i++) {
		uint64_t *cell = rt_alloc(16);
		cell[0] = globals[i].bits;
		exports[n++] = (struct host_export){ globals[i].name,
			{ .kind = RT_EXTERN_GLOBAL, .ptr = cell, .global_type = globals[i].type } };
	}
	exports[n++] = (struct host_export){ "table",
		{ .kind = RT_EXTERN_TABLE, .ptr = rt_table_new(&host_context, 0x70, 10, 20) } };
	exports[n++] = (struct host_export){ "memory",
		{ .kind = RT_EXTERN_MEMORY, .ptr = rt_memory_new(&host_context, 1, 2) } };
	inst.host_exports = exports;
	inst.host_export_count = n;
	return &inst;
}
