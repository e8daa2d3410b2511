/*
 * Function bodies: the validation algorithm of the spec's appendix, an
 * operand stack of value types (WASM_VT_UNKNOWN for the bottom type of
 * unreachable code) and a stack of control frames.
 */
#include <stdlib.h>
#include <string.h>

#include "insn.h"
#include "validate.h"

struct ctrl_frame {
	enum wasm_opcode op;
	const uint8_t *params;
	const uint8_t *results;
	uint32_t param_count;
	uint32_t result_count;
	size_t height;
	bool unreachable;
};

struct func_validator {
	struct val_ctx *c;
	const struct wasm_module *m;
	const struct wasm_func_type *type;
	const struct wasm_func *func;
	struct wasm_reader r;
	size_t at; /* the current instruction, for errors */

	uint8_t *vals;
	size_t val_count, val_cap;
	struct ctrl_frame *ctrls;
	size_t ctrl_count, ctrl_cap;
	uint8_t *scratch; /* br_table: values popped for one label */
	size_t scratch_cap;
	uint64_t *local_ends; /* per local declaration: one past its last local index */
};

static const uint8_t optype_valtype[] = {
	[WASM_T_NONE] = 0, [WASM_T_I32] = WASM_VT_I32, [WASM_T_I64] = WASM_VT_I64,
	[WASM_T_F32] = WASM_VT_F32, [WASM_T_F64] = WASM_VT_F64, [WASM_T_V128] = WASM_VT_V128,
	[WASM_T_FUNCREF] = WASM_VT_FUNCREF, [WASM_T_EXTERNREF] = WASM_VT_EXTERNREF,
};

#define FAIL(v, ...) VAL_INVALID((v)->c, (v)->at, __VA_ARGS__)

static bool out_of_memory(struct func_validator *v)
{
	return wasm_fail(v->c->err, WASM_ERR_LIMIT, v->at, "out of memory");
}

static bool grow(struct func_validator *v, void **array, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return true;
	size_t n = *cap ? *cap * 2 : 64;
	while (n < need)
		n *= 2;
	void *p = realloc(*array, n * size);
	if (!p)
		return out_of_memory(v);
	*array = p;
	*cap = n;
	return true;
}

static bool is_ref(uint8_t t)
{
	return t == WASM_VT_FUNCREF || t == WASM_VT_EXTERNREF;
}

static bool push_val(struct func_validator *v, uint8_t t)
{
	if (!grow(v, (void **)&v->vals, &v->val_cap, v->val_count + 1, 1))
		return false;
	v->vals[v->val_count++] = t;
	return true;
}

/* Pops one value; `expect` WASM_VT_UNKNOWN accepts any. *out gets the actual type. */
static bool pop_val(struct func_validator *v, uint8_t expect, uint8_t *out)
{
	struct ctrl_frame *f = &v->ctrls[v->ctrl_count - 1];
	uint8_t actual;
	if (v->val_count == f->height) {
		if (!f->unreachable)
			return expect ? FAIL(v, "type mismatch: expected %s, found an empty stack", wasm_valtype_name(expect))
				      : FAIL(v, "type mismatch: expected a value, found an empty stack");
		actual = WASM_VT_UNKNOWN;
	} else {
		actual = v->vals[--v->val_count];
	}
	if (actual != expect && actual != WASM_VT_UNKNOWN && expect != WASM_VT_UNKNOWN)
		return FAIL(v, "type mismatch: expected %s, found %s", wasm_valtype_name(expect),
				wasm_valtype_name(actual));
	if (out)
		*out = actual;
	return true;
}

static bool pop_vals(struct func_validator *v, const uint8_t *types, uint32_t n)
{
	for (uint32_t i = n; i-- > 0;)
		if (!pop_val(v, types[i], NULL))
			return false;
	return true;
}

static bool push_vals(struct func_validator *v, const uint8_t *types, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		if (!push_val(v, types[i]))
			return false;
	return true;
}

static bool push_ctrl(struct func_validator *v, enum wasm_opcode op, const uint8_t *params, uint32_t param_count,
		const uint8_t *results, uint32_t result_count)
{
	if (!grow(v, (void **)&v->ctrls, &v->ctrl_cap, v->ctrl_count + 1, sizeof(*v->ctrls)))
		return false;
	v->ctrls[v->ctrl_count++] = (struct ctrl_frame){
		.op = op, .params = params, .param_count = param_count,
		.results = results, .result_count = result_count,
		.height = v->val_count, .unreachable = false,
	};
	return push_vals(v, params, param_count);
}

static bool pop_ctrl(struct func_validator *v, struct ctrl_frame *out)
{
	if (v->ctrl_count == 0)
		return FAIL(v, "type mismatch");
	struct ctrl_frame *f = &v->ctrls[v->ctrl_count - 1];
	if (!pop_vals(v, f->results, f->result_count))
		return false;
	if (v->val_count != f->height)
		return FAIL(v, "type mismatch: %zu value(s) left on the stack at the end of the block",
				v->val_count - f->height);
	*out = *f;
	v->ctrl_count--;
	return true;
}

static void set_unreachable(struct func_validator *v)
{
	struct ctrl_frame *f = &v->ctrls[v->ctrl_count - 1];
	v->val_count = f->height;
	f->unreachable = true;
}

static bool label_types(struct func_validator *v, uint32_t depth, const uint8_t **types, uint32_t *n)
{
	if (depth >= v->ctrl_count)
		return FAIL(v, "unknown label");
	const struct ctrl_frame *f = &v->ctrls[v->ctrl_count - 1 - depth];
	if (f->op == WASM_OP_LOOP) {
		*types = f->params;
		*n = f->param_count;
	} else {
		*types = f->results;
		*n = f->result_count;
	}
	return true;
}

static bool block_type(struct func_validator *v, int64_t bt, const uint8_t **params, uint32_t *param_count,
		const uint8_t **results, uint32_t *result_count)
{
	if (bt >= 0 && (uint64_t)bt >= v->m->type_count)
		return FAIL(v, "unknown type %lld", (long long)bt);
	wasm_block_type(v->m, bt, params, param_count, results, result_count);
	return true;
}

static bool local_type(struct func_validator *v, uint32_t index, uint8_t *out)
{
	if (index < v->type->param_count) {
		*out = v->type->params[index];
		return true;
	}
	uint64_t rel = (uint64_t)index - v->type->param_count;
	if (rel >= v->func->local_count)
		return FAIL(v, "unknown local %u", index);
	uint32_t lo = 0, hi = v->func->local_decl_count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (v->local_ends[mid] <= rel)
			lo = mid + 1;
		else
			hi = mid;
	}
	*out = v->func->local_decls[lo].type;
	return true;
}

static bool check_memory(struct func_validator *v, uint32_t index)
{
	if (index >= v->m->memory_count)
		return FAIL(v, "unknown memory %u", index);
	return true;
}

static bool check_table(struct func_validator *v, uint32_t index, uint8_t *elem_type)
{
	if (index >= v->m->table_count)
		return FAIL(v, "unknown table %u", index);
	if (elem_type)
		*elem_type = v->m->tables[index].type.elem_type;
	return true;
}

static bool check_elem(struct func_validator *v, uint32_t index)
{
	if (index >= v->m->elem_count)
		return FAIL(v, "unknown elem segment %u", index);
	return true;
}

static bool check_data(struct func_validator *v, uint32_t index)
{
	if (!v->m->has_data_count || index >= v->m->data_count)
		return FAIL(v, "unknown data segment %u", index);
	return true;
}

static bool check_memarg(struct func_validator *v, const struct wasm_insn *insn, const struct wasm_opinfo *info)
{
	if (!check_memory(v, insn->imm.mem.memarg.memory_index))
		return false;
	uint32_t align = insn->imm.mem.memarg.align_log2;
	if (align >= 8 || (1u << align) > info->size)
		return FAIL(v, "alignment must not be larger than natural");
	if (info->imm == WASM_IMM_MEMARG_LANE && insn->imm.mem.lane >= 16 / info->size)
		return FAIL(v, "invalid lane index");
	return true;
}

/* An instruction whose type is its row in opcodes.def. */
static bool simple(struct func_validator *v, const struct wasm_opinfo *info)
{
	for (int i = 2; i >= 0; i--)
		if (info->params[i] != WASM_T_NONE && !pop_val(v, optype_valtype[info->params[i]], NULL))
			return false;
	if (info->result != WASM_T_NONE)
		return push_val(v, optype_valtype[info->result]);
	return true;
}

static bool val_block(struct func_validator *v, const struct wasm_insn *insn)
{
	const uint8_t *params, *results;
	uint32_t np, nr;
	if (!block_type(v, insn->imm.blocktype, &params, &np, &results, &nr))
		return false;
	if (insn->op == WASM_OP_IF && !pop_val(v, WASM_VT_I32, NULL))
		return false;
	if (!pop_vals(v, params, np))
		return false;
	return push_ctrl(v, insn->op, params, np, results, nr);
}

static bool val_end(struct func_validator *v, enum wasm_opcode op)
{
	struct ctrl_frame f = { 0 };
	if (!pop_ctrl(v, &f))
		return false;
	if (op == WASM_OP_ELSE) {
		if (f.op != WASM_OP_IF)
			return FAIL(v, "else without if");
		return push_ctrl(v, WASM_OP_ELSE, f.params, f.param_count, f.results, f.result_count);
	}
	/* An `if` without `else` passes its parameters through as results. */
	if (f.op == WASM_OP_IF && (f.param_count != f.result_count ||
			(f.param_count && memcmp(f.params, f.results, f.param_count))))
		return FAIL(v, "type mismatch");
	if (v->ctrl_count == 0)
		return true;
	return push_vals(v, f.results, f.result_count);
}

static bool val_br_table(struct func_validator *v, const struct wasm_insn *insn)
{
	if (!pop_val(v, WASM_VT_I32, NULL))
		return false;
	const uint8_t *default_types;
	uint32_t arity;
	if (!label_types(v, insn->imm.br_table.default_label, &default_types, &arity))
		return false;
	struct wasm_reader labels;
	wasm_br_table_reader(&labels, &v->r, insn);
	if (!grow(v, (void **)&v->scratch, &v->scratch_cap, arity ? arity : 1, 1))
		return false;
	for (uint32_t i = 0; i < insn->imm.br_table.count; i++) {
		uint32_t label;
		const uint8_t *types;
		uint32_t n;
		rd_u32(&labels, &label);
		if (!label_types(v, label, &types, &n))
			return false;
		if (n != arity)
			return FAIL(v, "type mismatch");
		/* Check against this label's types, then restore what was popped. */
		for (uint32_t k = n; k-- > 0;)
			if (!pop_val(v, types[k], &v->scratch[k]))
				return false;
		if (!push_vals(v, v->scratch, n))
			return false;
	}
	if (!pop_vals(v, default_types, arity))
		return false;
	set_unreachable(v);
	return true;
}

static bool val_call(struct func_validator *v, const struct wasm_func_type *t)
{
	return pop_vals(v, t->params, t->param_count) && push_vals(v, t->results, t->result_count);
}

static bool val_select(struct func_validator *v, const struct wasm_insn *insn)
{
	uint8_t t1, t2;
	if (insn->op == WASM_OP_SELECT_T) {
		if (insn->imm.select.count != 1)
			return FAIL(v, "invalid result arity");
		uint8_t t = insn->imm.select.type;
		return pop_val(v, WASM_VT_I32, NULL) && pop_val(v, t, NULL) && pop_val(v, t, NULL) && push_val(v, t);
	}
	if (!pop_val(v, WASM_VT_I32, NULL) || !pop_val(v, WASM_VT_UNKNOWN, &t1) || !pop_val(v, WASM_VT_UNKNOWN, &t2))
		return false;
	if (is_ref(t1) || is_ref(t2))
		return FAIL(v, "type mismatch");
	if (t1 != t2 && t1 != WASM_VT_UNKNOWN && t2 != WASM_VT_UNKNOWN)
		return FAIL(v, "type mismatch");
	return push_val(v, t1 == WASM_VT_UNKNOWN ? t2 : t1);
}

static bool val_variable(struct func_validator *v, const struct wasm_insn *insn)
{
	uint8_t t;
	uint32_t x = insn->imm.index;
	switch (insn->op) {
	case WASM_OP_LOCAL_GET:
		return local_type(v, x, &t) && push_val(v, t);
	case WASM_OP_LOCAL_SET:
		return local_type(v, x, &t) && pop_val(v, t, NULL);
	case WASM_OP_LOCAL_TEE:
		return local_type(v, x, &t) && pop_val(v, t, NULL) && push_val(v, t);
	case WASM_OP_GLOBAL_GET:
		if (x >= v->m->global_count)
			return FAIL(v, "unknown global %u", x);
		return push_val(v, v->m->globals[x].type.type);
	case WASM_OP_GLOBAL_SET:
		if (x >= v->m->global_count)
			return FAIL(v, "unknown global %u", x);
		if (!v->m->globals[x].type.mutable)
			return FAIL(v, "global is immutable");
		return pop_val(v, v->m->globals[x].type.type, NULL);
	default:
		return false;
	}
}

static bool val_table_op(struct func_validator *v, const struct wasm_insn *insn)
{
	uint8_t t = 0, t2 = 0;
	switch (insn->op) {
	case WASM_OP_TABLE_GET:
		return check_table(v, insn->imm.index, &t) && pop_val(v, WASM_VT_I32, NULL) && push_val(v, t);
	case WASM_OP_TABLE_SET:
		return check_table(v, insn->imm.index, &t) && pop_val(v, t, NULL) && pop_val(v, WASM_VT_I32, NULL);
	case WASM_OP_TABLE_SIZE:
		return check_table(v, insn->imm.index, NULL) && push_val(v, WASM_VT_I32);
	case WASM_OP_TABLE_GROW:
		return check_table(v, insn->imm.index, &t) && pop_val(v, WASM_VT_I32, NULL) && pop_val(v, t, NULL) &&
			push_val(v, WASM_VT_I32);
	case WASM_OP_TABLE_FILL:
		return check_table(v, insn->imm.index, &t) && pop_val(v, WASM_VT_I32, NULL) && pop_val(v, t, NULL) &&
			pop_val(v, WASM_VT_I32, NULL);
	case WASM_OP_TABLE_COPY:
		if (!check_table(v, insn->imm.pair.first, &t) || !check_table(v, insn->imm.pair.second, &t2))
			return false;
		if (t != t2)
			return FAIL(v, "type mismatch");
		break;
	case WASM_OP_TABLE_INIT:
		if (!check_table(v, insn->imm.pair.second, &t) || !check_elem(v, insn->imm.pair.first))
			return false;
		if (v->m->elems[insn->imm.pair.first].elem_type != t)
			return FAIL(v, "type mismatch");
		break;
	case WASM_OP_ELEM_DROP:
		return check_elem(v, insn->imm.index);
	default:
		return false;
	}
	return pop_val(v, WASM_VT_I32, NULL) && pop_val(v, WASM_VT_I32, NULL) && pop_val(v, WASM_VT_I32, NULL);
}

static bool val_ref_op(struct func_validator *v, const struct wasm_insn *insn)
{
	uint8_t t;
	switch (insn->op) {
	case WASM_OP_REF_NULL:
		return push_val(v, (uint8_t)insn->imm.heap_type);
	case WASM_OP_REF_IS_NULL:
		if (!pop_val(v, WASM_VT_UNKNOWN, &t))
			return false;
		if (t != WASM_VT_UNKNOWN && !is_ref(t))
			return FAIL(v, "type mismatch");
		return push_val(v, WASM_VT_I32);
	case WASM_OP_REF_FUNC:
		if (insn->imm.index >= v->m->func_count)
			return FAIL(v, "unknown function %u", insn->imm.index);
		if (!v->c->func_declared[insn->imm.index])
			return FAIL(v, "undeclared function reference");
		return push_val(v, WASM_VT_FUNCREF);
	default:
		return false;
	}
}

static bool val_insn(struct func_validator *v, const struct wasm_insn *insn)
{
	const struct wasm_module *m = v->m;
	const struct wasm_opinfo *info = &wasm_opinfo[insn->op];
	const uint8_t *types = NULL;
	uint32_t n = 0;
	uint8_t t = 0;
	switch (insn->op) {
	case WASM_OP_UNREACHABLE:
		set_unreachable(v);
		return true;
	case WASM_OP_NOP:
		return true;
	case WASM_OP_BLOCK:
	case WASM_OP_LOOP:
	case WASM_OP_IF:
		return val_block(v, insn);
	case WASM_OP_ELSE:
	case WASM_OP_END:
		return val_end(v, insn->op);
	case WASM_OP_BR:
		if (!label_types(v, insn->imm.index, &types, &n) || !pop_vals(v, types, n))
			return false;
		set_unreachable(v);
		return true;
	case WASM_OP_BR_IF:
		return pop_val(v, WASM_VT_I32, NULL) && label_types(v, insn->imm.index, &types, &n) &&
			pop_vals(v, types, n) && push_vals(v, types, n);
	case WASM_OP_BR_TABLE:
		return val_br_table(v, insn);
	case WASM_OP_RETURN:
		if (!pop_vals(v, v->type->results, v->type->result_count))
			return false;
		set_unreachable(v);
		return true;
	case WASM_OP_CALL:
		if (insn->imm.index >= m->func_count)
			return FAIL(v, "unknown function %u", insn->imm.index);
		return val_call(v, wasm_func_type_of(m, insn->imm.index));
	case WASM_OP_CALL_INDIRECT:
		if (!check_table(v, insn->imm.pair.second, &t))
			return false;
		if (t != WASM_VT_FUNCREF)
			return FAIL(v, "type mismatch");
		if (insn->imm.pair.first >= m->type_count)
			return FAIL(v, "unknown type %u", insn->imm.pair.first);
		return pop_val(v, WASM_VT_I32, NULL) && val_call(v, &m->types[insn->imm.pair.first]);
	case WASM_OP_DROP:
		return pop_val(v, WASM_VT_UNKNOWN, NULL);
	case WASM_OP_SELECT:
	case WASM_OP_SELECT_T:
		return val_select(v, insn);
	case WASM_OP_LOCAL_GET:
	case WASM_OP_LOCAL_SET:
	case WASM_OP_LOCAL_TEE:
	case WASM_OP_GLOBAL_GET:
	case WASM_OP_GLOBAL_SET:
		return val_variable(v, insn);
	case WASM_OP_TABLE_GET:
	case WASM_OP_TABLE_SET:
	case WASM_OP_TABLE_SIZE:
	case WASM_OP_TABLE_GROW:
	case WASM_OP_TABLE_FILL:
	case WASM_OP_TABLE_COPY:
	case WASM_OP_TABLE_INIT:
	case WASM_OP_ELEM_DROP:
		return val_table_op(v, insn);
	case WASM_OP_REF_NULL:
	case WASM_OP_REF_IS_NULL:
	case WASM_OP_REF_FUNC:
		return val_ref_op(v, insn);
	case WASM_OP_MEMORY_SIZE:
	case WASM_OP_MEMORY_GROW:
	case WASM_OP_MEMORY_FILL:
		return check_memory(v, insn->imm.index) && simple(v, info);
	case WASM_OP_MEMORY_COPY:
		return check_memory(v, insn->imm.pair.first) && check_memory(v, insn->imm.pair.second) &&
			simple(v, info);
	case WASM_OP_MEMORY_INIT:
		return check_memory(v, insn->imm.pair.second) && check_data(v, insn->imm.pair.first) &&
			simple(v, info);
	case WASM_OP_DATA_DROP:
		return check_data(v, insn->imm.index);
	default:
		break;
	}
	switch (info->imm) {
	case WASM_IMM_MEMARG:
	case WASM_IMM_MEMARG_LANE:
		if (!check_memarg(v, insn, info))
			return false;
		break;
	case WASM_IMM_LANE:
		if (insn->imm.lane >= info->size)
			return FAIL(v, "invalid lane index");
		break;
	case WASM_IMM_SHUFFLE:
		for (int i = 0; i < 16; i++)
			if (insn->imm.v128[i] >= 32)
				return FAIL(v, "invalid lane index");
		break;
	default:
		break;
	}
	if (info->params[0] == WASM_T_SPECIAL)
		return wasm_fail(v->c->err, WASM_ERR_UNSUPPORTED, v->at, "%s is not supported yet", info->text);
	return simple(v, info);
}

static bool prepare_locals(struct func_validator *v)
{
	uint32_t n = v->func->local_decl_count;
	v->local_ends = malloc((n ? n : 1) * sizeof(*v->local_ends));
	if (!v->local_ends)
		return out_of_memory(v);
	uint64_t sum = 0;
	for (uint32_t i = 0; i < n; i++) {
		sum += v->func->local_decls[i].count;
		v->local_ends[i] = sum;
	}
	return true;
}

bool val_function(struct val_ctx *c, uint32_t func_index)
{
	const struct wasm_module *m = c->m;
	struct func_validator v = {
		.c = c, .m = m, .func = &m->funcs[func_index], .type = wasm_func_type_of(m, func_index),
	};
	struct wasm_error ignored = { 0 };
	rd_init(&v.r, m->bytes, m->size, &ignored);
	v.r.pos = v.func->body_offset;
	v.r.end = v.func->body_end;
	v.at = v.r.pos;
	bool ok = prepare_locals(&v) &&
		push_ctrl(&v, WASM_OP_BLOCK, NULL, 0, v.type->results, v.type->result_count);
	while (ok && v.ctrl_count > 0) {
		struct wasm_insn insn;
		v.at = v.r.pos;
		if (!wasm_read_insn(&v.r, &insn)) {
			/* The decoder read this body already; this cannot fail. */
			ok = wasm_fail(c->err, ignored.kind, ignored.offset, "%s", ignored.message);
			break;
		}
		ok = val_insn(&v, &insn);
	}
	free(v.vals);
	free(v.ctrls);
	free(v.scratch);
	free(v.local_ends);
	return ok;
}
