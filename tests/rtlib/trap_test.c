/*
 * Traps that end the program: this module's "_start" does what its first
 * argument says, and check.py checks the exit status and stderr.
 *   unreachable   rt_trap two calls deep          -> "wasm trap: unreachable", exit 134
 *   oob           a load past the end of memory   -> "out of bounds memory access"
 *   stack         unchecked deep recursion        -> "call stack exhausted" (guard page)
 *   checked       recursion with prologue checks  -> "call stack exhausted" (stack_limit)
 *   memory_init   memory.init out of bounds       -> the backtrace starts in the wasm caller
 *   instantiate   a trap while instantiating      -> exit 134
 *   crash         a null pointer, not wasm's      -> killed by SIGSEGV, not a trap
 *   exit          proc_exit(7)                    -> exit 7
 */
#include "guest.h"

enum { F_START, F_OUTER, F_INNER, F_OOB, F_RECURSE, F_RECURSE_CHECKED, F_INIT_OOB, F_COUNT };

struct trap_instance {
	struct rt_instance header;
	struct rt_funcref *funcs[F_COUNT];
	struct rt_memory *memories[1];
	struct rt_funcref refs[F_COUNT];
};

#define GUEST_FN __attribute__((noinline))

GUEST_FN int32_t trap_inner(struct rt_instance *inst, int32_t arg)
{
	if (arg == 1)
		rt_trap(RT_TRAP_UNREACHABLE);
	return arg;
}

GUEST_FN int32_t trap_outer(struct rt_instance *inst, int32_t arg)
{
	int32_t r = trap_inner(inst, arg);
	__asm__ volatile("" : "+r"(r));
	return r + 1;
}

GUEST_FN int32_t oob_load(struct rt_instance *inst, int32_t addr)
{
	return *(volatile int32_t *)(inst->mem0_base + (uint32_t)addr);
}

GUEST_FN int32_t recurse(struct rt_instance *inst, int32_t depth)
{
	if (depth < 0) /* never: it ends in the guard */
		return 0;
	volatile uint8_t pad[100];
	pad[0] = (uint8_t)depth;
	int32_t r = recurse(inst, depth + 1);
	__asm__ volatile("" : "+r"(r) : : "memory");
	return r + pad[0];
}

GUEST_FN int32_t recurse_checked(struct rt_instance *inst, int32_t depth)
{
	volatile uint8_t pad[100];
	if ((uintptr_t)__builtin_frame_address(0) < inst->stack_limit)
		rt_trap(RT_TRAP_STACK_EXHAUSTED);
	pad[0] = (uint8_t)depth;
	int32_t r = recurse_checked(inst, depth + 1);
	__asm__ volatile("" : "+r"(r) : : "memory");
	return r + pad[0];
}

GUEST_FN int32_t init_oob(struct rt_instance *inst, int32_t dst)
{
	static const uint8_t segment[8] = { 0 };
	rt_memory_init(inst->mem0, (uint32_t)dst, segment, sizeof segment, 0, sizeof segment);
	return 0;
}

/* The first argument, in guest memory at 1024; "" if none. */
static const char *mode(struct rt_instance *inst)
{
	uint8_t *m = inst->mem0_base;
	if (wasi_p1_args_sizes_get(inst, 0, 4) != WASI_ESUCCESS)
		return "";
	uint32_t argc;
	__builtin_memcpy(&argc, m, 4);
	if (argc < 2 || wasi_p1_args_get(inst, 16, 1024) != WASI_ESUCCESS)
		return "";
	uint32_t arg1;
	__builtin_memcpy(&arg1, m + 20, 4);
	return (const char *)m + arg1;
}

static bool is(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

GUEST_FN void trap_start(struct rt_instance *inst)
{
	const char *m = mode(inst);
	int32_t r = 0;
	if (is(m, "unreachable"))
		r = trap_outer(inst, 1);
	else if (is(m, "oob"))
		r = oob_load(inst, 65536);
	else if (is(m, "stack"))
		r = recurse(inst, 0);
	else if (is(m, "checked"))
		r = recurse_checked(inst, 0);
	else if (is(m, "memory_init"))
		r = init_oob(inst, 65530);
	else if (is(m, "crash")) {
		volatile int32_t *null = NULL;
		__asm__ volatile("" : "+r"(null)); /* a plain null load the compiler cannot see */
		r = *null;
	}
	else if (is(m, "exit"))
		wasi_p1_proc_exit(inst, 7);
	__asm__ volatile("" : : "r"(r));
	guest_say(inst, "no trap\n");
}

static void instantiate(struct rt_instance *header)
{
	struct trap_instance *inst = (struct trap_instance *)header;
	struct rt_memory *memory = rt_memory_new(header, 1, 1);
	inst->memories[0] = memory;
	header->mem0 = memory;
	header->mem0_base = memory->base;
	static const void *const code[F_COUNT] = {
		(const void *)trap_start, (const void *)trap_outer, (const void *)trap_inner, (const void *)oob_load,
		(const void *)recurse, (const void *)recurse_checked, (const void *)init_oob,
	};
	for (uint32_t f = 0; f < F_COUNT; f++) {
		inst->refs[f] = (struct rt_funcref){ (void *)code[f], rt_type_id(header->module->func_signatures[f]), 0,
			header };
		inst->funcs[f] = &inst->refs[f];
	}
	if (is(mode(header), "instantiate"))
		rt_trap(RT_TRAP_UNREACHABLE);
}

static const char *const func_names[F_COUNT] = {
	"_start", "trap_outer", "trap_inner", "oob_load", "recurse", "recurse_checked", "init_oob",
};
static const void *const func_code[F_COUNT] = {
	(const void *)trap_start, (const void *)trap_outer, (const void *)trap_inner, (const void *)oob_load,
	(const void *)recurse, (const void *)recurse_checked, (const void *)init_oob,
};
static const char *const func_signatures[F_COUNT] = { [F_START] = ":", [F_OUTER ... F_COUNT - 1] = "i:i" };
static const rt_trampoline func_trampolines[F_COUNT] = {
	[F_START] = guest_tramp_v,
	[F_OUTER ... F_COUNT - 1] = guest_tramp_i,
};
static const struct rt_export exports[] = { { "_start", 6, RT_EXTERN_FUNC, F_START } };

static const struct rt_module module = {
	.name = "trap",
	.instance_size = sizeof(struct trap_instance),
	.func_count = F_COUNT,
	.memory_count = 1,
	.export_count = 1,
	.exports = exports,
	.func_signatures = func_signatures,
	.func_trampolines = func_trampolines,
	.func_names = func_names,
	.func_code = func_code,
	.funcs_offset = offsetof(struct trap_instance, funcs),
	.memories_offset = offsetof(struct trap_instance, memories),
	.tables_offset = sizeof(struct trap_instance),
	.globals_offset = sizeof(struct trap_instance),
	.instantiate = instantiate,
};
GUEST_MODULE(module);
