/*
 * The smallest program in the shape wasmc emits: one memory holding a data
 * segment, and a "_start" that writes it with fd_write. Its start-up time is
 * the runtime's floor.
 */
#include "guest.h"

struct hello_instance {
	struct rt_instance header;
	struct rt_funcref *funcs[1];
	struct rt_memory *memories[1];
	struct rt_funcref start;
};

static const char data[] = "hello\n";

static void hello_start(struct rt_instance *inst)
{
	wasi_p1_fd_write(inst, 1, 0, 1, 8);
}

static void instantiate(struct rt_instance *header)
{
	struct hello_instance *inst = (struct hello_instance *)header;
	struct rt_memory *memory = rt_memory_new(header, 1, 65536);
	inst->memories[0] = memory;
	header->mem0 = memory;
	header->mem0_base = memory->base;
	rt_memory_init(memory, 16, (const uint8_t *)data, sizeof data - 1, 0, sizeof data - 1);
	uint32_t iovec[2] = { 16, sizeof data - 1 };
	__builtin_memcpy(memory->base, iovec, sizeof iovec);
	inst->start = (struct rt_funcref){ (void *)hello_start, rt_type_id(":"), 0, header };
	inst->funcs[0] = &inst->start;
}

static const char *const func_names[1] = { "_start" };
static const void *const func_code[1] = { (const void *)hello_start };
static const char *const func_signatures[1] = { ":" };
static const rt_trampoline func_trampolines[1] = { guest_tramp_v };
static const struct rt_export exports[] = { { "_start", 6, RT_EXTERN_FUNC, 0 } };

static const struct rt_module module = {
	.name = "hello",
	.instance_size = sizeof(struct hello_instance),
	.func_count = 1,
	.memory_count = 1,
	.export_count = 1,
	.exports = exports,
	.func_signatures = func_signatures,
	.func_trampolines = func_trampolines,
	.func_names = func_names,
	.func_code = func_code,
	.funcs_offset = offsetof(struct hello_instance, funcs),
	.memories_offset = offsetof(struct hello_instance, memories),
	.tables_offset = sizeof(struct hello_instance),
	.globals_offset = sizeof(struct hello_instance),
	.instantiate = instantiate,
};
GUEST_MODULE(module);
