/*
 * Calls. Functions defined in the module are direct native calls; imports
 * bound at link time are direct calls to the host symbol; other imports and
 * call_indirect go through a struct rt_funcref: (code, type id, instance).
 */
#include <stdlib.h>

#include "cg_func.h"

#define B (f->c->b)

bool cg_emit_call(struct cg_func *f, uint32_t type_index, LLVMValueRef code, LLVMValueRef callee_inst)
{
	struct cg_ctx *c = f->c;
	const struct wasm_func_type *t = &c->m->types[type_index];
	uint32_t n = t->param_count;
	LLVMValueRef *args = malloc(((size_t)n + 1) * sizeof(*args));
	if (!args)
		return cg_fail(c, f->at, "out of memory");
	args[0] = callee_inst;
	for (uint32_t i = 0; i < n; i++)
		args[i + 1] = f->stack[f->sp - n + i];
	f->sp -= n;
	LLVMValueRef result = LLVMBuildCall2(B, c->sig_types[type_index], code, args, n + 1, "");
	free(args);
	if (t->result_count == 1)
		return cg_push(f, result);
	for (uint32_t i = 0; i < t->result_count; i++)
		if (!cg_push(f, LLVMBuildExtractValue(B, result, i, "")))
			return false;
	return true;
}

/* Calls through a funcref pointer (an import slot or a table element); checks nothing. */
static bool call_funcref(struct cg_func *f, uint32_t type_index, LLVMValueRef ref, bool invariant)
{
	struct cg_ctx *c = f->c;
	LLVMValueRef inst_ptr = cg_inst_field(c, ref, offsetof(struct rt_funcref, instance));
	LLVMValueRef code = invariant ? cg_load_invariant(c, c->t.ptr, ref, "code") : LLVMBuildLoad2(B, c->t.ptr, ref, "code");
	LLVMValueRef callee = invariant ? cg_load_invariant(c, c->t.ptr, inst_ptr, "callee")
				       : LLVMBuildLoad2(B, c->t.ptr, inst_ptr, "callee");
	return cg_emit_call(f, type_index, code, callee);
}

static bool lower_call(struct cg_func *f, uint32_t x)
{
	struct cg_ctx *c = f->c;
	uint32_t type_index = c->m->funcs[x].type_index;
	if (c->funcs[x])
		return cg_emit_call(f, type_index, c->funcs[x], f->inst);
	return call_funcref(f, type_index, cg_load_slot(c, f->inst, c->layout.funcs, x, "import"), true);
}

static bool lower_call_indirect(struct cg_func *f, uint32_t type_index, uint32_t table)
{
	struct cg_ctx *c = f->c;
	struct cg_types *t = &c->t;
	LLVMValueRef index = cg_pop(f);
	LLVMValueRef tab = cg_table_ptr(f, table);
	LLVMValueRef size = LLVMBuildLoad2(B, t->i32, cg_inst_field(c, tab, offsetof(struct rt_table, size)), "");
	cg_trap_if(c, LLVMBuildICmp(B, LLVMIntUGE, index, size, ""), RT_TRAP_UNDEFINED_ELEMENT);
	LLVMValueRef elems = LLVMBuildLoad2(B, t->ptr, tab, "elems");
	LLVMValueRef idx64 = LLVMBuildZExt(B, index, t->i64, "");
	LLVMValueRef slot = LLVMBuildGEP2(B, t->ptr, elems, &idx64, 1, "");
	LLVMValueRef ref = LLVMBuildLoad2(B, t->ptr, slot, "ref");
	cg_trap_if(c, LLVMBuildIsNull(B, ref, ""), RT_TRAP_UNINITIALIZED_ELEMENT);
	LLVMValueRef actual = LLVMBuildLoad2(B, t->i32, cg_inst_field(c, ref, offsetof(struct rt_funcref, type_id)), "");
	LLVMValueRef expected = cg_load_invariant(c, t->i32, cg_inst_field(c, f->inst, c->layout.type_ids + 4 * type_index),
			"type_id");
	cg_trap_if(c, LLVMBuildICmp(B, LLVMIntNE, actual, expected, ""), RT_TRAP_INDIRECT_CALL_MISMATCH);
	return call_funcref(f, type_index, ref, false);
}

bool cg_call_op(struct cg_func *f, const struct wasm_insn *insn)
{
	if (insn->op == WASM_OP_CALL)
		return lower_call(f, insn->imm.index);
	return lower_call_indirect(f, insn->imm.pair.first, insn->imm.pair.second);
}
