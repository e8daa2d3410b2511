/*
 * What the differential fuzz driver (tests/fuzz/diff/) needs of the
 * harness: the `fuzzing-support` host module that binaryen's generated
 * modules (wasm-opt -ttf) import, whose log functions print each value as a
 * line `log TYPE:HEX`, and the report of a `call` command, `result LINE
 * TYPE:HEX...` or `trap LINE MESSAGE`. TYPE is the signature letter; floats
 * are printed as their bits and v128 as its four i32 lanes, lane 0 first, so
 * that the driver sees NaN payloads exactly.
 */
#include "harness.h"

typedef int64_t v128 __attribute__((vector_size(16)));

static void print_bits(uint8_t type, const uint8_t *bits)
{
	uint64_t v = 0;
	out_str(" ");
	out_mem((const char *)&type, 1);
	out_str(":");
	switch (type) {
	case RT_SIG_I32:
	case RT_SIG_F32:
		memcpy(&v, bits, 4);
		out_hex(v, 1);
		break;
	case RT_SIG_V128:
		for (unsigned lane = 0; lane < 4; lane++) {
			uint32_t x;
			memcpy(&x, bits + 4 * lane, 4);
			out_str(lane ? "," : "");
			out_hex(x, 1);
		}
		break;
	case RT_SIG_FUNCREF:
	case RT_SIG_EXTERNREF:
		memcpy(&v, bits, 8);
		out_str(v ? "nonnull" : "null");
		break;
	default:
		memcpy(&v, bits, 8);
		out_hex(v, 1);
		break;
	}
}

static void log_line(uint8_t type, const void *bits)
{
	out_str("log");
	print_bits(type, bits);
	out_str("\n");
	out_flush();
}

static void log_i32(struct rt_instance *ctx, int32_t a) { log_line(RT_SIG_I32, &a); }
static void log_i64(struct rt_instance *ctx, int64_t a) { log_line(RT_SIG_I64, &a); }
static void log_f32(struct rt_instance *ctx, float a) { log_line(RT_SIG_F32, &a); }
static void log_f64(struct rt_instance *ctx, double a) { log_line(RT_SIG_F64, &a); }
static void log_v128(struct rt_instance *ctx, v128 a) { log_line(RT_SIG_V128, &a); }

static const struct {
	const char *name, *signature;
	void *code;
} funcs[] = {
	{ "log-i32", "i:", (void *)log_i32 },
	{ "log-i64", "I:", (void *)log_i64 },
	{ "log-f32", "f:", (void *)log_f32 },
	{ "log-f64", "F:", (void *)log_f64 },
	{ "log-v128", "v:", (void *)log_v128 },
};

#define NFUNCS (sizeof funcs / sizeof funcs[0])

struct instance *fuzz_support_instance(void)
{
	static struct instance inst;
	static struct host_export exports[NFUNCS];
	static struct rt_instance host_context;
	if (inst.host_exports)
		return &inst;
	for (uint32_t i = 0; i < NFUNCS; i++) {
		struct rt_funcref *ref = rt_alloc(sizeof *ref);
		*ref = (struct rt_funcref){ .code = funcs[i].code, .type_id = rt_type_id(funcs[i].signature),
			.instance = &host_context };
		exports[i] = (struct host_export){ funcs[i].name,
			{ .kind = RT_EXTERN_FUNC, .ptr = ref, .signature = funcs[i].signature } };
	}
	inst.host_exports = exports;
	inst.host_export_count = NFUNCS;
	return &inst;
}

void fuzz_report_call(const struct command *cmd, uint8_t (*slots)[16], enum rt_trap kind, struct bytes types)
{
	if (kind != RT_TRAP_NONE) {
		out_str("trap ");
		out_bytes(cmd->line);
		out_str(" ");
		out_str(rt_trap_message(kind));
	} else {
		out_str("result ");
		out_bytes(cmd->line);
		for (uint32_t i = 0; i < types.len; i++)
			print_bits((uint8_t)types.ptr[i], slots[i]);
	}
	out_str("\n");
	out_flush();
}
