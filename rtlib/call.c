/* The embedding API (rt.h): instantiating modules and calling into them. */
#include "internal.h"

struct call {
	const struct rt_funcref *ref;
	rt_trampoline trampoline;
	uint8_t (*args_results)[16];
};

static void run_call(void *arg)
{
	struct call *c = arg;
	c->trampoline(c->ref, c->args_results);
}

enum rt_trap rt_call(const struct rt_funcref *ref, rt_trampoline tramp, uint8_t (*args_results)[16])
{
	if (!ref || !tramp)
		return RT_TRAP_NULL_REFERENCE;
	struct call c = { ref, tramp, args_results };
	return rt_protected_run(run_call, &c);
}

struct instantiation {
	struct rt_instance *instance;
	void *const *imports;
};

static void **slot(struct rt_instance *instance, uint32_t offset, uint32_t index)
{
	return (void **)((uint8_t *)instance + offset) + index;
}

/* Where the array of pointers of index space `kind` lies in m's instances. */
static uint32_t space_offset(const struct rt_module *m, enum rt_extern_kind kind)
{
	const uint32_t offsets[4] = { m->funcs_offset, m->tables_offset, m->memories_offset, m->globals_offset };
	return offsets[kind];
}

/* Imports come first in each index space, in the order of m->imports. */
static void bind_imports(struct rt_instance *instance, void *const *imports)
{
	const struct rt_module *m = instance->module;
	const uint32_t counts[4] = { m->func_count, m->table_count, m->memory_count, m->global_count };
	uint32_t next[4] = { 0 };
	for (uint32_t i = 0; i < m->import_count; i++) {
		const struct rt_import *import = &m->imports[i];
		uint8_t kind = import->kind;
		if (import->bound && kind == RT_EXTERN_FUNC && next[kind] < counts[kind]) {
			next[kind]++; /* the generated instantiate fills its slot */
			continue;
		}
		if (kind > RT_EXTERN_GLOBAL || next[kind] >= counts[kind] || !imports || !imports[i])
			rt_trap_raise(RT_TRAP_UNLINKABLE, 0, 0, 0);
		if (kind == RT_EXTERN_FUNC) {
			const struct rt_funcref *ref = imports[i];
			if (!import->signature || ref->type_id != rt_type_id(import->signature))
				rt_trap_raise(RT_TRAP_UNLINKABLE, 0, 0, 0);
		}
		*slot(instance, space_offset(m, kind), next[kind]++) = imports[i];
	}
	if (next[RT_EXTERN_MEMORY] > 0) {
		instance->mem0 = *slot(instance, m->memories_offset, 0);
		instance->mem0_base = instance->mem0->base;
	}
}

static void run_instantiate(void *arg)
{
	struct instantiation *inst = arg;
	bind_imports(inst->instance, inst->imports);
	inst->instance->module->instantiate(inst->instance);
}

enum rt_trap rt_instantiate(const struct rt_module *m, void *host, struct rt_instance **out, void *const *imports)
{
	*out = NULL;
	const struct rt_stack *stack = rt_stack_get();
	if (m->instance_size < sizeof(struct rt_instance))
		return RT_TRAP_UNLINKABLE;
	struct rt_instance *instance = rt_alloc_raw(m->instance_size);
	if (!stack || !instance)
		return RT_TRAP_OUT_OF_MEMORY;
	instance->module = m;
	instance->host = host;
	instance->stack_limit = stack->limit;
	rt_backtrace_add_module(m);
	struct instantiation inst = { instance, imports };
	enum rt_trap kind = rt_protected_run(run_instantiate, &inst);
	if (kind == RT_TRAP_NONE)
		*out = instance;
	return kind;
}

const struct rt_export *rt_export_find(const struct rt_module *m, const char *name, uint32_t name_len,
		enum rt_extern_kind kind)
{
	for (uint32_t i = 0; i < m->export_count; i++) {
		const struct rt_export *e = &m->exports[i];
		if (e->kind == kind && e->name_len == name_len && memcmp(e->name, name, name_len) == 0)
			return e;
	}
	return NULL;
}

struct rt_funcref *rt_instance_func(struct rt_instance *instance, uint32_t index)
{
	return rt_instance_extern(instance, RT_EXTERN_FUNC, index);
}

void *rt_instance_extern(struct rt_instance *instance, enum rt_extern_kind kind, uint32_t index)
{
	return *slot(instance, space_offset(instance->module, kind), index);
}
