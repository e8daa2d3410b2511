/*
 * Proves rtlib and wasi without the compiler: this file plays the code
 * wasmc generates for a module (descriptor, instance layout, instantiate,
 * functions, trampolines) and exercises, from its "_start", memories and
 * their guard faults, stack exhaustion, traps through nested rt_calls,
 * tables, type ids, instantiation with imports, the WASI functions, and the
 * memory and math functions LLVM calls. Prints "ok NAME" per check, which
 * check.py compares with runtime_test.expected; a failure also exits 1.
 *
 * Run as: runtime_test one two, stdin "input line\n", stderr a non-blocking
 * pipe (check.py sets that up).
 */
#include "guest.h"
#include "os.h"
#include "syscall.h"

double floor(double), ceil(double), trunc(double), nearbyint(double), rint(double), roundeven(double);
float floorf(float), ceilf(float), truncf(float), nearbyintf(float), rintf(float), roundevenf(float);
void *memcpy(void *restrict, const void *restrict, size_t);
void *memmove(void *, const void *, size_t);
void *memset(void *, int, size_t);
int memcmp(const void *, const void *, size_t);

enum {
	F_START,
	F_LOAD,
	F_LOAD_FAR,
	F_STORE,
	F_RECURSE_CHECKED,
	F_RECURSE_UNCHECKED,
	F_UNREACHABLE,
	F_NESTED,
	F_ADD_ONE,
	F_CALL_INDIRECT,
	F_MEMORY_INIT_OOB,
	F_MEMORY_COPY_OOB,
	F_MEMORY_FILL_OOB,
	F_TABLE_INIT_OOB,
	F_TABLE_COPY_OOB,
	F_TABLE_FILL_OOB,
	F_COUNT
};

enum { TYPE_V, TYPE_I, TYPE_COUNT };

struct test_instance {
	struct rt_instance header;
	struct rt_funcref *funcs[F_COUNT];
	struct rt_table *tables[1];
	struct rt_memory *memories[1];
	struct rt_funcref refs[F_COUNT];
	uint32_t type_ids[TYPE_COUNT];
};

static struct test_instance *self(struct rt_instance *inst)
{
	return (struct test_instance *)inst;
}

static int failures;

static void check(struct rt_instance *inst, bool ok, const char *name)
{
	struct guest_line line = { .len = 0 };
	line_str(&line, ok ? "ok " : "FAIL ");
	line_str(&line, name);
	guest_say_line(inst, &line);
	failures += !ok;
}

/* ---- The module's functions, as generated code would be ---- */

#define GUEST_FN __attribute__((noinline))

GUEST_FN int32_t guest_load(struct rt_instance *inst, int32_t addr)
{
	return *(volatile int32_t *)(inst->mem0_base + (uint32_t)addr);
}

/* i32.load offset=0x10000: the offset can take an access past 4 GiB, into the guard. */
GUEST_FN int32_t guest_load_far(struct rt_instance *inst, int32_t addr)
{
	return *(volatile int32_t *)(inst->mem0_base + (uint64_t)(uint32_t)addr + 0x10000);
}

GUEST_FN int32_t guest_store(struct rt_instance *inst, int32_t addr)
{
	*(volatile int32_t *)(inst->mem0_base + (uint32_t)addr) = 7;
	return 0;
}

/* The prologue check generated code makes: below stack_limit traps. */
GUEST_FN int32_t guest_recurse_checked(struct rt_instance *inst, int32_t depth)
{
	volatile uint8_t pad[192];
	if ((uintptr_t)__builtin_frame_address(0) < inst->stack_limit)
		rt_trap(RT_TRAP_STACK_EXHAUSTED);
	pad[0] = (uint8_t)depth;
	int32_t r = guest_recurse_checked(inst, depth + 1);
	__asm__ volatile("" : "+r"(r) : : "memory");
	return r + pad[0];
}

/* Without the check: the guard page below the wasm stack must catch it. */
GUEST_FN int32_t guest_recurse_unchecked(struct rt_instance *inst, int32_t depth)
{
	if (depth < 0) /* never: it ends in the guard */
		return 0;
	volatile uint8_t pad[192];
	pad[0] = (uint8_t)depth;
	int32_t r = guest_recurse_unchecked(inst, depth + 1);
	__asm__ volatile("" : "+r"(r) : : "memory");
	return r + pad[0];
}

GUEST_FN int32_t guest_unreachable(struct rt_instance *inst, int32_t arg)
{
	rt_trap(RT_TRAP_UNREACHABLE);
}

/* Host code called from wasm calls wasm again: the inner trap must stop at the inner rt_call. */
GUEST_FN int32_t guest_nested(struct rt_instance *inst, int32_t arg)
{
	if (guest_call(inst, F_UNREACHABLE, 0, NULL) != RT_TRAP_UNREACHABLE)
		return -1;
	rt_trap(RT_TRAP_INT_DIV_BY_ZERO);
}

GUEST_FN int32_t guest_add_one(struct rt_instance *inst, int32_t arg)
{
	return arg + 1;
}

/* call_indirect (type "i:i") through table 0 with argument 41. */
GUEST_FN int32_t guest_call_indirect(struct rt_instance *inst, int32_t index)
{
	struct rt_table *table = self(inst)->tables[0];
	if ((uint32_t)index >= table->size)
		rt_trap(RT_TRAP_UNDEFINED_ELEMENT);
	const struct rt_funcref *ref = table->elems[index];
	if (!ref)
		rt_trap(RT_TRAP_UNINITIALIZED_ELEMENT);
	if (ref->type_id != self(inst)->type_ids[TYPE_I])
		rt_trap(RT_TRAP_INDIRECT_CALL_MISMATCH);
	return ((guest_fn_i)ref->code)(ref->instance, 41);
}

static const uint8_t segment[4] = { 1, 2, 3, 4 };

GUEST_FN int32_t guest_memory_init_oob(struct rt_instance *inst, int32_t dst)
{
	rt_memory_init(inst->mem0, (uint32_t)dst, segment, sizeof segment, 0, sizeof segment);
	return 0;
}

GUEST_FN int32_t guest_memory_copy_oob(struct rt_instance *inst, int32_t src)
{
	rt_memory_copy(inst->mem0, 0, inst->mem0, (uint32_t)src, 16);
	return 0;
}

GUEST_FN int32_t guest_memory_fill_oob(struct rt_instance *inst, int32_t dst)
{
	rt_memory_fill(inst->mem0, (uint32_t)dst, 0, 16);
	return 0;
}

GUEST_FN int32_t guest_table_init_oob(struct rt_instance *inst, int32_t dst)
{
	void *const elems[2] = { self(inst)->funcs[F_ADD_ONE], self(inst)->funcs[F_ADD_ONE] };
	rt_table_init(self(inst)->tables[0], (uint32_t)dst, elems, 2, 0, 2);
	return 0;
}

GUEST_FN int32_t guest_table_copy_oob(struct rt_instance *inst, int32_t dst)
{
	rt_table_copy(self(inst)->tables[0], (uint32_t)dst, self(inst)->tables[0], 0, 3);
	return 0;
}

GUEST_FN int32_t guest_table_fill_oob(struct rt_instance *inst, int32_t dst)
{
	rt_table_fill(self(inst)->tables[0], (uint32_t)dst, NULL, 2);
	return 0;
}

static void guest_start(struct rt_instance *inst);

/* ---- The module descriptor ---- */

static const char signatures[] = ":\0i:i";
static const uint32_t type_signatures[TYPE_COUNT] = { 0, 2 };

#define FN(name) (const void *)(name)
static const void *const func_code[F_COUNT] = {
	FN(guest_start), FN(guest_load), FN(guest_load_far), FN(guest_store), FN(guest_recurse_checked),
	FN(guest_recurse_unchecked), FN(guest_unreachable), FN(guest_nested), FN(guest_add_one),
	FN(guest_call_indirect), FN(guest_memory_init_oob), FN(guest_memory_copy_oob), FN(guest_memory_fill_oob),
	FN(guest_table_init_oob), FN(guest_table_copy_oob), FN(guest_table_fill_oob),
};
static const char *const func_names[F_COUNT] = {
	"_start", "load", "load_far", "store", "recurse_checked", "recurse_unchecked", "unreachable", "nested",
	"add_one", "call_indirect", "memory_init_oob", "memory_copy_oob", "memory_fill_oob", "table_init_oob",
	"table_copy_oob", "table_fill_oob",
};
static const char *const func_signatures[F_COUNT] = { [F_START] = ":", [F_LOAD ... F_COUNT - 1] = "i:i" };
static const rt_trampoline func_trampolines[F_COUNT] = {
	[F_START] = guest_tramp_v,
	[F_LOAD ... F_COUNT - 1] = guest_tramp_i,
};

static const struct rt_export exports[] = { { "_start", 6, RT_EXTERN_FUNC, F_START } };

static const char greeting[] = "hello from rtlib\n";

static void instantiate(struct rt_instance *header)
{
	struct test_instance *inst = self(header);
	struct rt_memory *memory = rt_memory_new(header, 1, 2);
	inst->memories[0] = memory;
	header->mem0 = memory;
	header->mem0_base = memory->base;
	rt_memory_init(memory, 16, (const uint8_t *)greeting, sizeof greeting - 1, 0, sizeof greeting - 1);
	uint32_t iovec[2] = { 16, sizeof greeting - 1 };
	__builtin_memcpy(memory->base, iovec, sizeof iovec);
	for (uint32_t t = 0; t < TYPE_COUNT; t++)
		inst->type_ids[t] = rt_type_id(signatures + type_signatures[t]);
	for (uint32_t f = 0; f < F_COUNT; f++) {
		inst->refs[f] = (struct rt_funcref){
			.code = (void *)func_code[f],
			.type_id = rt_type_id(func_signatures[f]),
			.instance = header,
		};
		inst->funcs[f] = &inst->refs[f];
	}
	inst->tables[0] = rt_table_new(header, 0x70, 2, 4);
}

static const struct rt_module module = {
	.name = "main",
	.instance_size = sizeof(struct test_instance),
	.func_count = F_COUNT,
	.table_count = 1,
	.memory_count = 1,
	.type_count = TYPE_COUNT,
	.export_count = 1,
	.exports = exports,
	.signatures = signatures,
	.type_signatures = type_signatures,
	.func_signatures = func_signatures,
	.func_trampolines = func_trampolines,
	.func_names = func_names,
	.func_code = func_code,
	.funcs_offset = offsetof(struct test_instance, funcs),
	.tables_offset = offsetof(struct test_instance, tables),
	.memories_offset = offsetof(struct test_instance, memories),
	.globals_offset = sizeof(struct test_instance),
	.instantiate = instantiate,
};
GUEST_MODULE(module);

/* ---- The checks, run from the exported "_start" ---- */

static void check_memory(struct rt_instance *inst)
{
	struct rt_memory *memory = inst->mem0;
	int32_t value = 0;
	check(inst, memory->size == 65536 && memory->max_pages == 2, "memory.new 1 page, max 2");
	check(inst, guest_call(inst, F_LOAD, 65536, NULL) == RT_TRAP_OOB_MEMORY, "load past the end traps");
	check(inst, guest_call(inst, F_LOAD, 65536, NULL) == RT_TRAP_OOB_MEMORY, "load past the end traps again");
	check(inst, guest_call(inst, F_LOAD_FAR, -16, NULL) == RT_TRAP_OOB_MEMORY, "load 4 GiB out, in the guard, traps");
	check(inst, rt_memory_grow(memory, 1) == 1 && memory->size == 131072, "memory.grow 1 returns 1");
	check(inst, inst->mem0_base == memory->base, "the base does not move");
	check(inst, guest_call(inst, F_STORE, 65536, NULL) == RT_TRAP_NONE &&
				guest_call(inst, F_LOAD, 65536, &value) == RT_TRAP_NONE && value == 7,
			"the grown page is usable");
	check(inst, guest_call(inst, F_LOAD, 131072 - 4, NULL) == RT_TRAP_NONE, "the last word is usable");
	check(inst, guest_call(inst, F_LOAD, 131072 - 3, NULL) == RT_TRAP_OOB_MEMORY, "a word across the end traps");
	check(inst, rt_memory_grow(memory, 1) == UINT32_MAX && memory->size == 131072, "memory.grow past max fails");
	check(inst, rt_memory_grow(memory, 0) == 2, "memory.grow 0 returns the size");

	uint8_t *m = inst->mem0_base;
	__builtin_memcpy(m + 1000, "abcdef", 6);
	rt_memory_copy(memory, 1002, memory, 1000, 4);
	check(inst, memcmp(m + 1000, "ababcd", 6) == 0, "memory.copy overlapping");
	rt_memory_fill(memory, 2000, 0x1ff, 10);
	check(inst, m[2000] == 0xff && m[2009] == 0xff && m[2010] == 0, "memory.fill");
	rt_memory_init(memory, 131072 - 4, segment, 4, 0, 4);
	check(inst, m[131071] == 4, "memory.init at the end");
	check(inst, guest_call(inst, F_MEMORY_INIT_OOB, 131072 - 3, NULL) == RT_TRAP_OOB_MEMORY, "memory.init out of bounds");
	check(inst, guest_call(inst, F_MEMORY_COPY_OOB, 131072 - 15, NULL) == RT_TRAP_OOB_MEMORY, "memory.copy out of bounds");
	check(inst, guest_call(inst, F_MEMORY_FILL_OOB, -1, NULL) == RT_TRAP_OOB_MEMORY, "memory.fill out of bounds");
	check(inst, guest_call(inst, F_MEMORY_FILL_OOB, 131072 - 16, NULL) == RT_TRAP_NONE, "memory.fill up to the end");
}

static void check_stack(struct rt_instance *inst)
{
	int32_t value = 0;
	check(inst, inst->stack_limit != 0, "stack_limit is set");
	check(inst, guest_call(inst, F_RECURSE_CHECKED, 0, NULL) == RT_TRAP_STACK_EXHAUSTED,
			"deep recursion with prologue checks: call stack exhausted");
	check(inst, guest_call(inst, F_RECURSE_UNCHECKED, 0, NULL) == RT_TRAP_STACK_EXHAUSTED,
			"deep recursion into the guard: call stack exhausted");
	check(inst, guest_call(inst, F_RECURSE_UNCHECKED, 0, NULL) == RT_TRAP_STACK_EXHAUSTED,
			"and again");
	check(inst, guest_call(inst, F_ADD_ONE, 41, &value) == RT_TRAP_NONE && value == 42, "calls work after that");
	check(inst, guest_call(inst, F_NESTED, 0, NULL) == RT_TRAP_INT_DIV_BY_ZERO, "a nested trap stops at its rt_call");
}

static void check_tables(struct rt_instance *inst)
{
	struct test_instance *t = self(inst);
	struct rt_table *table = t->tables[0];
	int32_t value = 0;
	void *const elems[2] = { t->funcs[F_ADD_ONE], t->funcs[F_START] };
	rt_table_init(table, 0, elems, 2, 0, 2);
	check(inst, guest_call(inst, F_CALL_INDIRECT, 0, &value) == RT_TRAP_NONE && value == 42, "call_indirect");
	check(inst, guest_call(inst, F_CALL_INDIRECT, 1, NULL) == RT_TRAP_INDIRECT_CALL_MISMATCH,
			"call_indirect type mismatch");
	check(inst, guest_call(inst, F_CALL_INDIRECT, 2, NULL) == RT_TRAP_UNDEFINED_ELEMENT, "call_indirect past the end");
	check(inst, guest_call(inst, F_TABLE_INIT_OOB, 1, NULL) == RT_TRAP_OOB_TABLE, "table.init out of bounds");
	check(inst, rt_table_grow(table, NULL, 2) == 2 && table->size == 4, "table.grow 2 returns 2");
	check(inst, rt_table_grow(table, NULL, 1) == UINT32_MAX && table->size == 4, "table.grow past max fails");
	check(inst, guest_call(inst, F_CALL_INDIRECT, 3, NULL) == RT_TRAP_UNINITIALIZED_ELEMENT,
			"call_indirect of a null element");
	rt_table_fill(table, 2, t->funcs[F_ADD_ONE], 2);
	check(inst, guest_call(inst, F_CALL_INDIRECT, 3, &value) == RT_TRAP_NONE && value == 42, "table.fill");
	rt_table_copy(table, 1, table, 0, 3);
	check(inst, table->elems[1] == t->funcs[F_ADD_ONE] && table->elems[2] == t->funcs[F_START] &&
				table->elems[3] == t->funcs[F_ADD_ONE],
			"table.copy overlapping");
	check(inst, guest_call(inst, F_TABLE_COPY_OOB, 2, NULL) == RT_TRAP_OOB_TABLE, "table.copy out of bounds");
	check(inst, guest_call(inst, F_TABLE_FILL_OOB, 3, NULL) == RT_TRAP_OOB_TABLE, "table.fill out of bounds");

	struct rt_table *big = rt_table_new(inst, 0x6f, 0, 100000);
	bool grown = rt_table_grow(big, (void *)1, 70000) == 0 && rt_table_grow(big, (void *)2, 20000) == 70000;
	check(inst, grown && big->size == 90000 && big->elems[0] == (void *)1 && big->elems[69999] == (void *)1 &&
				big->elems[70000] == (void *)2 && big->elems[89999] == (void *)2,
			"table.grow moves the elements along");
	struct rt_table *unbounded = rt_table_new(inst, 0x70, 0, UINT32_MAX);
	check(inst, rt_table_grow(unbounded, NULL, UINT32_MAX) == UINT32_MAX && unbounded->size == 0,
			"table.grow by 2^32 - 1 fails");
}

static void check_types(struct rt_instance *inst)
{
	char copy[] = "ii:i";
	uint32_t a = rt_type_id("ii:i"), b = rt_type_id(copy), c = rt_type_id("i:i");
	check(inst, a == b && a != c && c == self(inst)->type_ids[TYPE_I], "rt_type_id equal and unequal");
	/* Enough signatures to grow the table several times. */
	char sig[520];
	uint32_t ids[500];
	bool distinct = true, stable = true;
	for (int n = 0; n < 500; n++) {
		for (int i = 0; i < n; i++)
			sig[i] = "iIfF"[i % 4];
		sig[n] = ':';
		sig[n + 1] = 'F';
		sig[n + 2] = 0;
		ids[n] = rt_type_id(sig);
		distinct &= n == 0 || ids[n] != ids[n - 1];
	}
	for (int n = 0; n < 500; n++) {
		for (int i = 0; i < n; i++)
			sig[i] = "iIfF"[i % 4];
		sig[n] = ':';
		sig[n + 1] = 'F';
		sig[n + 2] = 0;
		stable &= rt_type_id(sig) == ids[n];
	}
	check(inst, distinct && stable && rt_type_id("ii:i") == a, "rt_type_id over 500 signatures");
}

/* ---- rt_instantiate with imports: module B imports a function, a table, a memory and a global ---- */

struct b_instance {
	struct rt_instance header;
	struct rt_funcref *funcs[2];
	struct rt_table *tables[1];
	struct rt_memory *memories[1];
	uint8_t *globals[1];
	struct rt_funcref own;
};

/* Calls the imported function (another instance's) and adds 100. */
GUEST_FN int32_t b_call_import(struct rt_instance *inst, int32_t arg)
{
	struct rt_funcref *import = ((struct b_instance *)inst)->funcs[0];
	return ((guest_fn_i)import->code)(import->instance, arg) + 100;
}

static void b_instantiate(struct rt_instance *header)
{
	struct b_instance *inst = (struct b_instance *)header;
	inst->own = (struct rt_funcref){ (void *)b_call_import, rt_type_id("i:i"), 0, header };
	inst->funcs[1] = &inst->own;
}

static void b_instantiate_trap(struct rt_instance *header)
{
	rt_trap(RT_TRAP_UNREACHABLE);
}

/* A start function that faults in its own new memory. */
static void b_instantiate_fault(struct rt_instance *header)
{
	struct rt_memory *memory = rt_memory_new(header, 0, 1);
	(void)*(volatile uint8_t *)(memory->base + 12);
}

static const struct rt_import b_imports[] = {
	{ .module = "a", .field = "f", .module_len = 1, .field_len = 1, .kind = RT_EXTERN_FUNC, .signature = "i:i" },
	{ .module = "a", .field = "t", .module_len = 1, .field_len = 1, .kind = RT_EXTERN_TABLE, .elem_type = 0x70,
			.min = 0, .max = UINT64_MAX },
	{ .module = "a", .field = "m", .module_len = 1, .field_len = 1, .kind = RT_EXTERN_MEMORY, .min = 1,
			.max = UINT64_MAX },
	{ .module = "a", .field = "g", .module_len = 1, .field_len = 1, .kind = RT_EXTERN_GLOBAL, .global_type = 'i' },
};
static const char *const b_func_signatures[2] = { "i:i", "i:i" };
static const rt_trampoline b_trampolines[2] = { guest_tramp_i, guest_tramp_i };
static const void *const b_func_code[2] = { NULL, FN(b_call_import) };

#define B_MODULE(instantiate_fn)                                                                               \
	{                                                                                                      \
		.name = "b", .instance_size = sizeof(struct b_instance), .func_count = 2, .table_count = 1,    \
		.memory_count = 1, .global_count = 1, .import_count = 4, .imports = b_imports,                 \
		.func_signatures = b_func_signatures, .func_trampolines = b_trampolines,                        \
		.func_code = b_func_code, .funcs_offset = offsetof(struct b_instance, funcs),                   \
		.tables_offset = offsetof(struct b_instance, tables),                                           \
		.memories_offset = offsetof(struct b_instance, memories),                                       \
		.globals_offset = offsetof(struct b_instance, globals), .instantiate = instantiate_fn,          \
	}

static const struct rt_module module_b = B_MODULE(b_instantiate);
static const struct rt_module module_b_trap = B_MODULE(b_instantiate_trap);
static const struct rt_module module_b_fault = B_MODULE(b_instantiate_fault);

static void check_instantiate(struct rt_instance *inst)
{
	struct test_instance *a = self(inst);
	uint8_t global_cell[16] = { 0 };
	void *imports[4] = { a->funcs[F_ADD_ONE], a->tables[0], a->memories[0], global_cell };
	struct rt_instance *b = NULL;
	int32_t value = 0;
	enum rt_trap kind = rt_instantiate(&module_b, (void *)0x1234, &b, imports);
	struct b_instance *bi = (struct b_instance *)b;
	check(inst, kind == RT_TRAP_NONE && b && b->module == &module_b && b->host == (void *)0x1234 &&
				b->stack_limit == inst->stack_limit,
			"rt_instantiate fills the header");
	check(inst, bi && bi->funcs[0] == a->funcs[F_ADD_ONE] && bi->tables[0] == a->tables[0] &&
				bi->memories[0] == a->memories[0] && bi->globals[0] == global_cell,
			"rt_instantiate binds the imports");
	check(inst, bi && b->mem0 == a->memories[0] && b->mem0_base == inst->mem0_base,
			"an imported memory 0 sets mem0");
	check(inst, bi && guest_call(b, 1, 41, &value) == RT_TRAP_NONE && value == 142, "calls across instances");

	void *missing[4] = { a->funcs[F_ADD_ONE], NULL, a->memories[0], global_cell };
	check(inst, rt_instantiate(&module_b, NULL, &b, missing) == RT_TRAP_UNLINKABLE && !b, "a missing import");
	void *mistyped[4] = { a->funcs[F_START], a->tables[0], a->memories[0], global_cell };
	check(inst, rt_instantiate(&module_b, NULL, &b, mistyped) == RT_TRAP_UNLINKABLE, "a function import of another type");
	check(inst, rt_instantiate(&module_b_trap, NULL, &b, imports) == RT_TRAP_UNREACHABLE && !b,
			"a trap in instantiate");
	check(inst, rt_instantiate(&module_b_fault, NULL, &b, imports) == RT_TRAP_OOB_MEMORY && !b,
			"a memory fault in instantiate");
}

/* ---- WASI ---- */

static uint32_t load_u32(struct rt_instance *inst, uint32_t offset)
{
	uint32_t v;
	__builtin_memcpy(&v, inst->mem0_base + offset, 4);
	return v;
}

static uint64_t load_u64(struct rt_instance *inst, uint32_t offset)
{
	uint64_t v;
	__builtin_memcpy(&v, inst->mem0_base + offset, 8);
	return v;
}

static void check_args_environ(struct rt_instance *inst)
{
	uint8_t *m = inst->mem0_base;
	bool ok = wasi_p1_args_sizes_get(inst, 4096, 4100) == WASI_ESUCCESS && load_u32(inst, 4096) == 3;
	uint32_t buf_size = load_u32(inst, 4096 + 4);
	ok = ok && wasi_p1_args_get(inst, 4200, 4300) == WASI_ESUCCESS;
	struct guest_line line = { .len = 0 };
	line_str(&line, "args:");
	for (uint32_t i = 1; ok && i < 3; i++) {
		line_str(&line, " ");
		line_str(&line, (const char *)m + load_u32(inst, 4200 + 4 * i));
	}
	guest_say_line(inst, &line);
	check(inst, ok && m[4300 + buf_size - 1] == 0 && memcmp(m + 4300 + buf_size - 8, "one\0two\0", 8) == 0,
			"args_sizes_get and args_get");
	check(inst, wasi_p1_args_get(inst, 131072 - 8, 4300) == WASI_EFAULT, "args_get out of bounds: EFAULT");
	check(inst, wasi_p1_args_sizes_get(inst, 131072 - 2, 4100) == WASI_EFAULT, "args_sizes_get out of bounds: EFAULT");
	check(inst, wasi_p1_environ_sizes_get(inst, 4096, 4100) == WASI_ESUCCESS && load_u32(inst, 4096) == 0 &&
				load_u32(inst, 4100) == 0 && wasi_p1_environ_get(inst, 4200, 4300) == WASI_ESUCCESS,
			"no environment variables unless granted");
}

static uint64_t ns(const struct os_timespec *t)
{
	return (uint64_t)t->sec * 1000000000u + (uint64_t)t->nsec;
}

/* A mapped vDSO gives clock_gettime, which agrees with the system call (one taken before, one after). */
static void check_vdso(struct rt_instance *inst)
{
	os_clock_gettime_fn vdso = rt_vdso_clock_gettime();
	check(inst, !rt_vdso_base() || vdso, "clock_gettime is found in the vDSO when the kernel maps one");
	struct os_timespec before, during = { 0, 0 }, after;
	rt_syscall2(SYS_clock_gettime, OS_CLOCK_MONOTONIC, (long)&before);
	int r = vdso ? vdso(OS_CLOCK_MONOTONIC, &during) : 0;
	rt_syscall2(SYS_clock_gettime, OS_CLOCK_MONOTONIC, (long)&after);
	check(inst, !vdso || (r == 0 && ns(&before) <= ns(&during) && ns(&during) <= ns(&after)),
		"the vDSO's monotonic time lies between two system calls'");
}

static void check_clocks_random(struct rt_instance *inst)
{
	bool ok = true;
	for (int32_t id = 0; id < 4; id++) {
		ok &= wasi_p1_clock_res_get(inst, id, 4096) == WASI_ESUCCESS && load_u64(inst, 4096) > 0;
		ok &= wasi_p1_clock_time_get(inst, id, 1, 4096) == WASI_ESUCCESS && load_u64(inst, 4096) > 0;
	}
	check(inst, ok, "clock_res_get and clock_time_get of the four clocks");
	wasi_p1_clock_time_get(inst, 0, 0, 4096);
	check(inst, load_u64(inst, 4096) > 1600000000ull * 1000000000ull, "realtime is after 2020");
	wasi_p1_clock_time_get(inst, 1, 0, 4096);
	wasi_p1_clock_time_get(inst, 1, 0, 4104);
	check(inst, load_u64(inst, 4104) >= load_u64(inst, 4096), "monotonic does not go back");
	check(inst, wasi_p1_clock_time_get(inst, 4, 0, 4096) == WASI_EINVAL, "an unknown clock: EINVAL");
	check(inst, wasi_p1_clock_time_get(inst, 1, 0, 131072 - 4) == WASI_EFAULT, "clock_time_get out of bounds: EFAULT");
	check_vdso(inst);

	uint8_t *m = inst->mem0_base;
	memset(m + 4096, 0, 128);
	bool random_ok = wasi_p1_random_get(inst, 4096, 64) == WASI_ESUCCESS &&
			 wasi_p1_random_get(inst, 4160, 64) == WASI_ESUCCESS;
	check(inst, random_ok && memcmp(m + 4096, m + 4160, 64) != 0, "random_get");
	check(inst, wasi_p1_random_get(inst, 131072 - 8, 9) == WASI_EFAULT, "random_get out of bounds: EFAULT");
}

static void check_fds(struct rt_instance *inst)
{
	uint8_t *m = inst->mem0_base;
	/* Pieces, one empty, in one fd_write. */
	__builtin_memcpy(m + 5000, "ok fd_write ", 12);
	__builtin_memcpy(m + 5100, "of iovecs\n", 10);
	uint32_t iovs[6] = { 5000, 12, 5050, 0, 5100, 10 };
	__builtin_memcpy(m + 4096, iovs, sizeof iovs);
	bool ok = wasi_p1_fd_write(inst, 1, 4096, 3, 4200) == WASI_ESUCCESS && load_u32(inst, 4200) == 22;
	check(inst, ok, "fd_write counts the bytes");
	uint32_t bad_iov[2] = { 131072 - 4, 5 };
	__builtin_memcpy(m + 4096, bad_iov, sizeof bad_iov);
	check(inst, wasi_p1_fd_write(inst, 1, 4096, 1, 4200) == WASI_EFAULT, "fd_write of a buffer out of bounds: EFAULT");
	check(inst, wasi_p1_fd_write(inst, 1, 131072 - 4, 1, 4200) == WASI_EFAULT, "fd_write of iovecs out of bounds: EFAULT");
	check(inst, wasi_p1_fd_write(inst, 7, 4096, 1, 4200) == WASI_EBADF, "fd_write to fd 7: EBADF");

	/* Nearly 1 MiB to stderr, a non-blocking pipe read slowly: every partial write must be resumed. */
	for (uint32_t i = 0; i < 60000; i++)
		m[65536 + i] = (uint8_t)(i % 251);
	uint32_t big[32];
	for (int i = 0; i < 16; i++) {
		big[2 * i] = 65536;
		big[2 * i + 1] = 60000;
	}
	__builtin_memcpy(m + 4096, big, sizeof big);
	ok = wasi_p1_fd_write(inst, 2, 4096, 16, 4300) == WASI_ESUCCESS && load_u32(inst, 4300) == 960000;
	check(inst, ok, "fd_write of 960000 bytes to a non-blocking pipe");

	ok = wasi_p1_fd_fdstat_get(inst, 1, 4096) == WASI_ESUCCESS;
	uint8_t filetype = m[4096];
	uint64_t rights = load_u64(inst, 4096 + 8);
	bool seekable = (rights & 4) != 0 && (rights & 32) != 0;
	/* check.py runs this with stdout a pipe, then a regular file; a character device may go either way. */
	bool consistent = filetype == 0 ? !seekable : filetype == 4 ? seekable : filetype == 2;
	check(inst, ok && consistent, "fd_fdstat_get of stdout");
	int32_t seek = wasi_p1_fd_seek(inst, 1, 0, 1, 4104);
	bool seek_ok = seekable ? seek == WASI_ESUCCESS : seek == WASI_ESPIPE;
	check(inst, seek_ok, "fd_seek of stdout");
	check(inst, wasi_p1_fd_fdstat_get(inst, 2, 4096) == WASI_ESUCCESS && m[4096] == 0 &&
				(m[4096 + 2] & 4) != 0,
			"fd_fdstat_get of a non-blocking pipe");
	check(inst, wasi_p1_fd_seek(inst, 1, 0, 3, 4104) == WASI_EINVAL, "fd_seek whence 3: EINVAL");
	check(inst, wasi_p1_fd_seek(inst, 5, 0, 0, 4104) == WASI_EBADF, "fd_seek of fd 5: EBADF");
	check(inst, wasi_p1_fd_fdstat_get(inst, 1, 131072 - 8) == WASI_EFAULT, "fd_fdstat_get out of bounds: EFAULT");
	check(inst, wasi_p1_fd_prestat_get(inst, 3, 4096) == WASI_EBADF &&
				wasi_p1_fd_prestat_dir_name(inst, 3, 4096, 16) == WASI_EBADF,
			"no preopens: EBADF");

	uint32_t read_iovs[4] = { 6000, 5, 6100, 100 };
	__builtin_memcpy(m + 4096, read_iovs, sizeof read_iovs);
	ok = wasi_p1_fd_read(inst, 0, 4096, 2, 4200) == WASI_ESUCCESS && load_u32(inst, 4200) == 11 &&
	     memcmp(m + 6000, "input", 5) == 0 && memcmp(m + 6100, " line\n", 6) == 0;
	check(inst, ok, "fd_read into two iovecs");
	check(inst, wasi_p1_fd_close(inst, 0) == WASI_ESUCCESS, "fd_close of stdin");
	check(inst, wasi_p1_fd_read(inst, 0, 4096, 2, 4200) == WASI_EBADF && wasi_p1_fd_close(inst, 0) == WASI_EBADF,
			"a closed fd: EBADF");
	check(inst, wasi_p1_sched_yield(inst) == WASI_ESUCCESS, "sched_yield");
}

/* ---- memcpy and friends, against byte loops; floor and friends ---- */

static void check_string(struct rt_instance *inst)
{
	static uint8_t a[200], b[200], ref[200];
	bool ok = true;
	for (int len = 0; len < 80 && ok; len++)
		for (int src = 0; src < 9; src++)
			for (int dst = 0; dst < 9; dst++) {
				for (int i = 0; i < 200; i++)
					a[i] = ref[i] = (uint8_t)(i * 7 + len);
				memmove(a + 50 + dst, a + 50 + src, (size_t)len);
				for (int i = len - 1; src < dst && i >= 0; i--)
					ref[50 + dst + i] = ref[50 + src + i];
				for (int i = 0; src >= dst && i < len; i++)
					ref[50 + dst + i] = ref[50 + src + i];
				ok &= memcmp(a, ref, 200) == 0;
				memcpy(b + dst, a + 100 + src, (size_t)len);
				ok &= memcmp(b + dst, a + 100 + src, (size_t)len) == 0;
				memset(b + dst, src, (size_t)len);
				for (int i = 0; i < len; i++)
					ok &= b[dst + i] == src;
			}
	check(inst, ok, "memcpy, memmove, memset, memcmp");
	check(inst, memcmp("abc", "abd", 3) < 0 && memcmp("abd", "abc", 3) > 0, "memcmp order");
}

static bool same_f64(double a, double b)
{
	uint64_t x, y;
	__builtin_memcpy(&x, &a, 8);
	__builtin_memcpy(&y, &b, 8);
	return x == y;
}

static bool same_f32(float a, float b)
{
	uint32_t x, y;
	__builtin_memcpy(&x, &a, 4);
	__builtin_memcpy(&y, &b, 4);
	return x == y;
}

static void check_math(struct rt_instance *inst)
{
	volatile double big = 0x1p60, nan = __builtin_nan(""), inf = __builtin_inf();
	bool ok = same_f64(floor(-0.5), -1.0) && same_f64(floor(2.5), 2.0) && same_f64(floor(-0.0), -0.0) &&
		  same_f64(ceil(-0.5), -0.0) && same_f64(ceil(-0.7), -0.0) && same_f64(ceil(1.2), 2.0) && same_f64(trunc(-1.7), -1.0) &&
		  same_f64(trunc(-0.2), -0.0) && same_f64(nearbyint(2.5), 2.0) && same_f64(nearbyint(3.5), 4.0) &&
		  same_f64(nearbyint(-2.5), -2.0) && same_f64(nearbyint(-0.4), -0.0) && same_f64(rint(0.5), 0.0) &&
		  same_f64(roundeven(1.5), 2.0) && same_f64(floor(big + 1), big) && same_f64(floor(-inf), -inf) &&
		  floor(nan) != floor(nan) && same_f64(floor(0x1p52 + 0.5), 0x1p52) &&
		  same_f64(ceil(4503599627370495.5), 4503599627370496.0);
	check(inst, ok, "floor, ceil, trunc, nearbyint (f64)");
	ok = same_f32(floorf(-1.5f), -2.0f) && same_f32(ceilf(-0.5f), -0.0f) && same_f32(ceilf(-0.7f), -0.0f) &&
	     same_f32(floorf(0.7f), 0.0f) && same_f32(truncf(-0.7f), -0.0f) && same_f32(truncf(2.9f), 2.0f) &&
	     same_f32(nearbyintf(2.5f), 2.0f) && same_f32(rintf(-3.5f), -4.0f) && same_f32(roundevenf(0.5f), 0.0f) &&
	     same_f32(floorf(8388607.5f), 8388607.0f) && floorf((float)nan) != floorf((float)nan);
	check(inst, ok, "floorf, ceilf, truncf, nearbyintf (f32)");
}

static void guest_start(struct rt_instance *inst)
{
	uint32_t nwritten_offset = 8;
	wasi_p1_fd_write(inst, 1, 0, 1, (int32_t)nwritten_offset); /* the iovec instantiate wrote at 0 */
	check_memory(inst);
	check_stack(inst);
	check_tables(inst);
	check_types(inst);
	check_instantiate(inst);
	check_args_environ(inst);
	check_clocks_random(inst);
	check_fds(inst);
	check_string(inst);
	check_math(inst);
	if (failures)
		wasi_p1_proc_exit(inst, 1);
}
