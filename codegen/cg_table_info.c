/*
 * What codegen knows of tables at compile time. A table neither imported nor
 * exported that no instruction writes (table.set, grow, fill, init, or copy
 * into it) is fixed once instantiated: active element segments are applied
 * before any function runs. Its size is then its minimum and its element
 * array, elements and their funcrefs never change, so their loads are
 * invariant (hoisted out of loops, shared across calls). When its element
 * segments also have constant offsets and name functions the module defines,
 * its elements are known, and call_indirect reads constant arrays instead.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cg.h"

/* Larger tables keep their elements in the table only. */
#define MAX_KNOWN_SLOTS 65536u

/* The table an instruction writes (its size or elements), or UINT32_MAX. */
static uint32_t table_written(const struct wasm_insn *insn)
{
	switch (insn->op) {
	case WASM_OP_TABLE_SET:
	case WASM_OP_TABLE_GROW:
	case WASM_OP_TABLE_FILL:
		return insn->imm.index;
	case WASM_OP_TABLE_COPY:
		return insn->imm.pair.first;
	case WASM_OP_TABLE_INIT:
		return insn->imm.pair.second;
	default:
		return UINT32_MAX;
	}
}

static void mark_written(const struct wasm_insn *insn, void *arg)
{
	struct cg_ctx *c = arg;
	uint32_t t = table_written(insn);
	if (t < c->m->table_count)
		c->tables[t].fixed = false;
}

static void mark_written_tables(struct cg_ctx *c)
{
	for (uint32_t i = c->m->imported_func_count; i < c->m->func_count; i++)
		cg_visit_body(c->m, i, mark_written, c);
}

/* A constant expression of exactly one instruction: that instruction. */
static bool single_insn(const struct wasm_module *m, const struct wasm_expr *e, struct wasm_insn *insn)
{
	struct wasm_error ignored = { 0 };
	struct wasm_reader r;
	struct wasm_insn end;
	rd_init(&r, m->bytes, m->size, &ignored);
	r.pos = e->offset;
	r.end = e->end;
	return wasm_read_insn(&r, insn) && wasm_read_insn(&r, &end) && end.op == WASM_OP_END && r.pos == e->end;
}

/* Element k of a segment as a defined function's index or UINT32_MAX for null; false if not known. */
static bool known_elem(const struct wasm_module *m, const struct wasm_elem *e, uint32_t k, uint32_t *func)
{
	uint32_t x;
	if (e->func_indices) {
		x = e->func_indices[k];
	} else {
		struct wasm_insn insn;
		if (!single_insn(m, &e->exprs[k], &insn))
			return false;
		if (insn.op == WASM_OP_REF_NULL) {
			*func = UINT32_MAX;
			return true;
		}
		if (insn.op != WASM_OP_REF_FUNC)
			return false;
		x = insn.imm.index;
	}
	if (x < m->imported_func_count || x >= m->func_count)
		return false;
	*func = x;
	return true;
}

/* Applies the active segments of fixed table t at compile time; false if its elements are not known. */
static bool know_slots(struct cg_ctx *c, uint32_t t, uint32_t *slots, uint32_t size)
{
	const struct wasm_module *m = c->m;
	for (uint32_t i = 0; i < size; i++)
		slots[i] = UINT32_MAX;
	for (uint32_t i = 0; i < m->elem_count; i++) {
		const struct wasm_elem *e = &m->elems[i];
		struct wasm_insn offset;
		if (e->mode != WASM_SEG_ACTIVE || e->table_index != t)
			continue;
		/* A segment out of bounds fails instantiation; no code of this table's module runs then. */
		if (!single_insn(m, &e->offset_expr, &offset) || offset.op != WASM_OP_I32_CONST ||
				(uint64_t)(uint32_t)offset.imm.i32 + e->count > size)
			return false;
		for (uint32_t k = 0; k < e->count; k++)
			if (!known_elem(m, e, k, &slots[(uint32_t)offset.imm.i32 + k]))
				return false;
	}
	return true;
}

bool cg_tables_init(struct cg_ctx *c)
{
	const struct wasm_module *m = c->m;
	c->tables = calloc(m->table_count ? m->table_count : 1, sizeof(*c->tables));
	if (!c->tables)
		return cg_fail(c, 0, "out of memory");
	for (uint32_t i = 0; i < m->table_count; i++)
		c->tables[i].fixed = !m->tables[i].imported && !m->tables[i].has_init &&
			m->tables[i].type.limits.min <= UINT32_MAX;
	for (uint32_t i = 0; i < m->export_count; i++)
		if (m->exports[i].kind == WASM_EXTERN_TABLE && m->exports[i].index < m->table_count)
			c->tables[m->exports[i].index].fixed = false;
	mark_written_tables(c);
	for (uint32_t t = 0; t < m->table_count; t++) {
		uint32_t size = (uint32_t)m->tables[t].type.limits.min;
		if (!c->tables[t].fixed || m->tables[t].type.elem_type != WASM_VT_FUNCREF || size > MAX_KNOWN_SLOTS)
			continue;
		uint32_t *slots = malloc((size ? size : 1) * sizeof(*slots));
		if (!slots)
			return cg_fail(c, 0, "out of memory");
		if (know_slots(c, t, slots, size))
			c->tables[t].slots = slots;
		else
			free(slots);
	}
	return true;
}

void cg_tables_free(struct cg_ctx *c)
{
	if (!c->tables)
		return;
	for (uint32_t t = 0; t < c->m->table_count; t++)
		free(c->tables[t].slots);
	free(c->tables);
}

/*
 * In a split module the arrays are defined once, by part 0, as hidden
 * globals, and the other parts refer to them: a copy per part would cost
 * each part the whole table (Yosys: 10,265 elements, a declaration and a
 * relocation each, in every one of its 100 parts).
 */
static void table_symbol(struct cg_ctx *c, uint32_t t, const char *what, char *name, size_t size)
{
	snprintf(name, size, "wasm_%s_table%u_%s", c->opts->module_name ? c->opts->module_name : "main", t, what);
}

static LLVMValueRef known_array(struct cg_ctx *c, uint32_t t, const char *what, LLVMTypeRef elem, LLVMValueRef *values,
		uint32_t size)
{
	bool split = c->part->count > 1;
	char name[CG_FUNC_SYMBOL_MAX];
	if (split)
		table_symbol(c, t, what, name, sizeof(name));
	else
		snprintf(name, sizeof(name), "table_%s", what);
	LLVMValueRef g = LLVMAddGlobal(c->mod, LLVMArrayType(elem, size), name);
	LLVMSetGlobalConstant(g, 1);
	if (split)
		LLVMSetVisibility(g, LLVMHiddenVisibility);
	if (!values)
		return g; /* another part defines it */
	LLVMSetInitializer(g, LLVMConstArray(elem, values, size));
	if (!split) {
		LLVMSetLinkage(g, LLVMPrivateLinkage);
		LLVMSetUnnamedAddress(g, LLVMGlobalUnnamedAddr);
	}
	return g;
}

/* The known table's constant arrays: each element's code and canonical type index (UINT32_MAX: null). */
void cg_table_known_arrays(struct cg_ctx *c, uint32_t t, LLVMValueRef *code, LLVMValueRef *type)
{
	struct cg_table_info *info = &c->tables[t];
	uint32_t size = (uint32_t)c->m->tables[t].type.limits.min;
	if (!info->code && c->part->index != 0) {
		info->code = known_array(c, t, "code", c->t.ptr, NULL, size);
		info->type = known_array(c, t, "type", c->t.i32, NULL, size);
	} else if (!info->code) {
		const struct wasm_module *m = c->m;
		LLVMValueRef *codes = malloc((size ? size : 1) * sizeof(*codes));
		LLVMValueRef *types = malloc((size ? size : 1) * sizeof(*types));
		if (!codes || !types) {
			free(codes);
			free(types);
			cg_fail(c, 0, "out of memory");
			*code = *type = NULL;
			return;
		}
		for (uint32_t i = 0; i < size; i++) {
			uint32_t x = info->slots[i];
			codes[i] = x == UINT32_MAX ? LLVMConstNull(c->t.ptr) : cg_func_ref(c, x);
			types[i] = cg_const_i32(c, x == UINT32_MAX ? UINT32_MAX : m->types[m->funcs[x].type_index].canon_index);
		}
		info->code = known_array(c, t, "code", c->t.ptr, codes, size);
		info->type = known_array(c, t, "type", c->t.i32, types, size);
		free(codes);
		free(types);
	}
	*code = info->code;
	*type = info->type;
}

void cg_tables_define_known(struct cg_ctx *c)
{
	LLVMValueRef code, type;
	for (uint32_t t = 0; t < c->m->table_count; t++)
		if (c->tables[t].slots)
			cg_table_known_arrays(c, t, &code, &type);
}
