/*
 * Module-level validation (the spec's "Modules" validation rules): index
 * spaces, limits, constant expressions, exports, start, segments. Function
 * bodies are checked in validate_func.c.
 */
#include <stdlib.h>
#include <string.h>

#include "insn.h"
#include "validate.h"

enum { MAX_MEMORY_PAGES = 65536 };

bool val_limits(struct val_ctx *c, const struct wasm_limits *lim, uint64_t bound, size_t at, const char *too_large)
{
	if (lim->min > bound || (lim->has_max && lim->max > bound))
		return VAL_INVALID(c, at, "%s", too_large);
	if (lim->has_max && lim->min > lim->max)
		return VAL_INVALID(c, at, "size minimum must not be greater than maximum");
	return true;
}

bool val_const_expr(struct val_ctx *c, const struct wasm_expr *e, uint8_t type)
{
	const struct wasm_module *m = c->m;
	struct wasm_error ignored = { 0 };
	struct wasm_reader r;
	rd_init(&r, m->bytes, m->size, &ignored);
	r.pos = e->offset;
	r.end = e->end;
	uint8_t stack_type = 0;
	uint32_t depth = 0;
	for (;;) {
		struct wasm_insn insn;
		if (!wasm_read_insn(&r, &insn))
			return VAL_INVALID(c, r.pos, "constant expression required");
		uint8_t pushed;
		switch (insn.op) {
		case WASM_OP_END:
			if (depth != 1)
				return VAL_INVALID(c, insn.offset, "type mismatch");
			if (stack_type != type)
				return VAL_INVALID(c, insn.offset, "type mismatch");
			return true;
		case WASM_OP_I32_CONST: pushed = WASM_VT_I32; break;
		case WASM_OP_I64_CONST: pushed = WASM_VT_I64; break;
		case WASM_OP_F32_CONST: pushed = WASM_VT_F32; break;
		case WASM_OP_F64_CONST: pushed = WASM_VT_F64; break;
		case WASM_OP_V128_CONST: pushed = WASM_VT_V128; break;
		case WASM_OP_REF_NULL: pushed = (uint8_t)insn.imm.heap_type; break;
		case WASM_OP_REF_FUNC:
			if (insn.imm.index >= m->func_count)
				return VAL_INVALID(c, insn.offset, "unknown function %u", insn.imm.index);
			pushed = WASM_VT_FUNCREF;
			break;
		case WASM_OP_GLOBAL_GET: {
			/* Constant expressions see imported globals only, and only immutable ones. */
			uint32_t g = insn.imm.index;
			if (g >= m->imported_global_count)
				return VAL_INVALID(c, insn.offset, "unknown global %u", g);
			if (m->globals[g].type.mutable)
				return VAL_INVALID(c, insn.offset, "constant expression required");
			pushed = m->globals[g].type.type;
			break;
		}
		default:
			return VAL_INVALID(c, insn.offset, "constant expression required");
		}
		if (depth < UINT32_MAX)
			depth++;
		stack_type = pushed;
	}
}

static bool check_type_index(struct val_ctx *c, uint32_t index, size_t at)
{
	if (index >= c->m->type_count)
		return VAL_INVALID(c, at, "unknown type %u", index);
	return true;
}

/* Every function, imported or defined, names an existing type. */
static bool check_func_types(struct val_ctx *c)
{
	const struct wasm_module *m = c->m;
	for (uint32_t i = 0; i < m->func_count; i++) {
		const struct wasm_func *f = &m->funcs[i];
		size_t at = f->imported ? m->imports[f->import_index].offset : f->code_offset;
		if (!check_type_index(c, f->type_index, at))
			return false;
	}
	return true;
}

static bool check_tables_memories(struct val_ctx *c)
{
	const struct wasm_module *m = c->m;
	for (uint32_t i = 0; i < m->table_count; i++)
		if (!val_limits(c, &m->tables[i].type.limits, UINT32_MAX, m->tables[i].offset, "table size"))
			return false;
	for (uint32_t i = 0; i < m->memory_count; i++)
		if (!val_limits(c, &m->memories[i].type.limits, MAX_MEMORY_PAGES, m->memories[i].offset,
				    "memory size must be at most 65536 pages (4GiB)"))
			return false;
	if (m->memory_count > 1)
		return VAL_INVALID(c, m->memories[1].offset, "multiple memories");
	return true;
}

static bool check_globals(struct val_ctx *c)
{
	const struct wasm_module *m = c->m;
	for (uint32_t i = m->imported_global_count; i < m->global_count; i++)
		if (!val_const_expr(c, &m->globals[i].init, m->globals[i].type.type))
			return false;
	return true;
}

static int compare_names(const void *a, const void *b)
{
	const struct wasm_export *x = *(const struct wasm_export *const *)a;
	const struct wasm_export *y = *(const struct wasm_export *const *)b;
	uint32_t n = x->name.len < y->name.len ? x->name.len : y->name.len;
	int d = n ? memcmp(x->name.str, y->name.str, n) : 0;
	if (d)
		return d;
	if (x->name.len != y->name.len)
		return x->name.len > y->name.len ? 1 : -1;
	/* Equal names keep their order, so the later duplicate is the one reported. */
	return (x > y) - (x < y);
}

static bool check_exports(struct val_ctx *c)
{
	const struct wasm_module *m = c->m;
	static const char *const kind_name[] = { "function", "table", "memory", "global" };
	for (uint32_t i = 0; i < m->export_count; i++) {
		const struct wasm_export *e = &m->exports[i];
		uint32_t limit = e->kind == WASM_EXTERN_FUNC ? m->func_count
			: e->kind == WASM_EXTERN_TABLE ? m->table_count
			: e->kind == WASM_EXTERN_MEMORY ? m->memory_count
			: m->global_count;
		if (e->index >= limit)
			return VAL_INVALID(c, e->offset, "unknown %s %u", kind_name[e->kind], e->index);
	}
	if (m->export_count < 2)
		return true;
	const struct wasm_export **sorted = arena_calloc(c->arena, m->export_count, sizeof(*sorted));
	if (!sorted)
		return wasm_fail(c->err, WASM_ERR_LIMIT, 0, "out of memory");
	for (uint32_t i = 0; i < m->export_count; i++)
		sorted[i] = &m->exports[i];
	qsort(sorted, m->export_count, sizeof(*sorted), compare_names);
	for (uint32_t i = 1; i < m->export_count; i++)
		if (sorted[i - 1]->name.len == sorted[i]->name.len &&
				(!sorted[i]->name.len || !memcmp(sorted[i - 1]->name.str, sorted[i]->name.str, sorted[i]->name.len)))
			return VAL_INVALID(c, sorted[i]->offset, "duplicate export name");
	return true;
}

static bool check_start(struct val_ctx *c)
{
	const struct wasm_module *m = c->m;
	if (!m->has_start)
		return true;
	if (m->start_index >= m->func_count)
		return VAL_INVALID(c, m->start_offset, "unknown function %u", m->start_index);
	const struct wasm_func_type *t = wasm_func_type_of(m, m->start_index);
	if (t->param_count || t->result_count)
		return VAL_INVALID(c, m->start_offset, "start function");
	return true;
}

static bool check_elems(struct val_ctx *c)
{
	const struct wasm_module *m = c->m;
	for (uint32_t i = 0; i < m->elem_count; i++) {
		const struct wasm_elem *e = &m->elems[i];
		if (e->mode == WASM_SEG_ACTIVE) {
			if (e->table_index >= m->table_count)
				return VAL_INVALID(c, e->offset, "unknown table %u", e->table_index);
			if (m->tables[e->table_index].type.elem_type != e->elem_type)
				return VAL_INVALID(c, e->offset, "type mismatch");
			if (!val_const_expr(c, &e->offset_expr, WASM_VT_I32))
				return false;
		}
		for (uint32_t k = 0; k < e->count; k++) {
			if (e->exprs) {
				if (!val_const_expr(c, &e->exprs[k], e->elem_type))
					return false;
			} else if (e->func_indices[k] >= m->func_count) {
				return VAL_INVALID(c, e->offset, "unknown function %u", e->func_indices[k]);
			}
		}
	}
	return true;
}

static bool check_datas(struct val_ctx *c)
{
	const struct wasm_module *m = c->m;
	for (uint32_t i = 0; i < m->data_segment_count; i++) {
		const struct wasm_data *s = &m->datas[i];
		if (s->mode != WASM_SEG_ACTIVE)
			continue;
		if (s->memory_index >= m->memory_count)
			return VAL_INVALID(c, s->offset, "unknown memory %u", s->memory_index);
		if (!val_const_expr(c, &s->offset_expr, WASM_VT_I32))
			return false;
	}
	return true;
}

/* Marks the functions that ref.func names in a constant expression. */
static void declare_expr_refs(struct val_ctx *c, const struct wasm_expr *e)
{
	struct wasm_error ignored = { 0 };
	struct wasm_reader r;
	rd_init(&r, c->m->bytes, c->m->size, &ignored);
	r.pos = e->offset;
	r.end = e->end;
	struct wasm_insn insn;
	while (r.pos < r.end && wasm_read_insn(&r, &insn))
		if (insn.op == WASM_OP_REF_FUNC && insn.imm.index < c->m->func_count)
			c->func_declared[insn.imm.index] = 1;
}

/* C.refs: the functions named outside function bodies. */
static bool collect_declared_funcs(struct val_ctx *c)
{
	const struct wasm_module *m = c->m;
	c->func_declared = arena_calloc(c->arena, m->func_count ? m->func_count : 1, 1);
	if (!c->func_declared)
		return wasm_fail(c->err, WASM_ERR_LIMIT, 0, "out of memory");
	for (uint32_t i = 0; i < m->export_count; i++)
		if (m->exports[i].kind == WASM_EXTERN_FUNC && m->exports[i].index < m->func_count)
			c->func_declared[m->exports[i].index] = 1;
	for (uint32_t i = m->imported_global_count; i < m->global_count; i++)
		declare_expr_refs(c, &m->globals[i].init);
	for (uint32_t i = 0; i < m->elem_count; i++) {
		const struct wasm_elem *e = &m->elems[i];
		for (uint32_t k = 0; k < e->count; k++) {
			if (e->exprs)
				declare_expr_refs(c, &e->exprs[k]);
			else if (e->func_indices[k] < m->func_count)
				c->func_declared[e->func_indices[k]] = 1;
		}
	}
	return true;
}

bool wasm_validate(const struct wasm_module *m, struct arena *arena, struct wasm_error *err)
{
	memset(err, 0, sizeof(*err));
	struct val_ctx c = { .m = m, .arena = arena, .err = err };
	if (!check_func_types(&c) || !check_tables_memories(&c) || !check_globals(&c) ||
			!check_exports(&c) || !check_start(&c) || !check_elems(&c) || !check_datas(&c) ||
			!collect_declared_funcs(&c))
		return false;
	for (uint32_t i = m->imported_func_count; i < m->func_count; i++)
		if (!val_function(&c, i))
			return false;
	return true;
}
