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
	if (f->check_calls)
		cg_check_stack(f);
	cg_fuel_flush(f); /* the callee's checks see what ran before the call */
	LLVMValueRef result = LLVMBuildCall2(B, cg_sig_type(c, type_index), code, args, n + 1, "");
	free(args);
	if (t->result_count == 1)
		return cg_push(f, result);
	for (uint32_t i = 0; i < t->result_count; i++) {
		LLVMValueRef v = LLVMBuildExtractValue(B, result, i, ""); /* floats come as bits (cg_func_type) */
		if (!cg_push(f, LLVMBuildBitCast(B, v, cg_valtype(c, t->results[i]), "")))
			return false;
	}
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
	LLVMValueRef fn = cg_func_ref(c, x);
	if (fn)
		return cg_emit_call(f, type_index, fn, f->inst);
	return call_funcref(f, type_index, cg_load_slot(c, f->inst, c->layout.funcs, x, "import"), true);
}

/* a[index] of a constant array global. */
static LLVMValueRef load_known(struct cg_ctx *c, LLVMValueRef array, LLVMTypeRef type, LLVMValueRef idx64)
{
	LLVMValueRef idx[] = { cg_const_i64(c, 0), idx64 };
	return LLVMBuildLoad2(c->b, type, LLVMBuildInBoundsGEP2(c->b, LLVMGlobalGetValueType(array), array, idx, 2, ""), "");
}

/*
 * call_indirect through a table whose elements are known (cg_table_info.c):
 * the callee's code and canonical type come from constant arrays, and its
 * instance is the caller's. A null element fails the type check too, and is
 * told apart on the cold path.
 */
static bool call_known(struct cg_func *f, uint32_t type_index, uint32_t table, LLVMValueRef index)
{
	struct cg_ctx *c = f->c;
	LLVMValueRef code_array, type_array;
	cg_table_known_arrays(c, table, &code_array, &type_array);
	if (!code_array)
		return false;
	uint32_t size = (uint32_t)c->m->tables[table].type.limits.min;
	/* A constant index that passes the check is a direct call (in a split module the arrays are another part's). */
	if (LLVMIsAConstantInt(index) && LLVMConstIntGetZExtValue(index) < size) {
		uint32_t x = c->tables[table].slots[LLVMConstIntGetZExtValue(index)];
		const struct wasm_func_type *types = c->m->types;
		if (x != UINT32_MAX && types[c->m->funcs[x].type_index].canon_index == types[type_index].canon_index)
			return cg_emit_call(f, type_index, cg_func_ref(c, x), f->inst);
	}
	cg_trap_if(c, LLVMBuildICmp(B, LLVMIntUGE, index, cg_const_i32(c, size), ""), RT_TRAP_UNDEFINED_ELEMENT);
	/*
	 * A constant index beyond the table never gets past the check, but
	 * unoptimized code still addresses the arrays with it: array + 8 * index
	 * from code overflows a 32-bit relocation (the link failed). Any index
	 * does on that dead path.
	 */
	if (LLVMIsAConstantInt(index) && LLVMConstIntGetZExtValue(index) >= size)
		index = cg_const_i32(c, 0);
	LLVMValueRef idx64 = LLVMBuildZExt(B, index, c->t.i64, "");
	LLVMValueRef actual = load_known(c, type_array, c->t.i32, idx64);
	LLVMValueRef expected = cg_const_i32(c, c->m->types[type_index].canon_index);
	LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInsertBlock(B));
	LLVMBasicBlockRef bad = LLVMAppendBasicBlockInContext(c->llvm, fn, "bad_call");
	LLVMBasicBlockRef ok = LLVMAppendBasicBlockInContext(c->llvm, fn, "");
	LLVMBuildCondBr(B, LLVMBuildICmp(B, LLVMIntNE, actual, expected, ""), bad, ok);
	LLVMPositionBuilderAtEnd(B, bad);
	cg_trap_if(c, LLVMBuildICmp(B, LLVMIntEQ, actual, cg_const_i32(c, UINT32_MAX), ""), RT_TRAP_UNINITIALIZED_ELEMENT);
	cg_trap(c, RT_TRAP_INDIRECT_CALL_MISMATCH);
	LLVMPositionBuilderAtEnd(B, ok);
	return cg_emit_call(f, type_index, load_known(c, code_array, c->t.ptr, idx64), f->inst);
}

static bool lower_call_indirect(struct cg_func *f, uint32_t type_index, uint32_t table)
{
	struct cg_ctx *c = f->c;
	struct cg_types *t = &c->t;
	if (c->tables[table].slots)
		return call_known(f, type_index, table, cg_pop(f));
	LLVMValueRef slot = cg_table_elem(f, table, cg_pop(f), RT_TRAP_UNDEFINED_ELEMENT);
	LLVMValueRef ref = cg_table_load(f, table, t->ptr, slot, "ref");
	cg_trap_if(c, LLVMBuildIsNull(B, ref, ""), RT_TRAP_UNINITIALIZED_ELEMENT);
	LLVMValueRef actual = cg_table_load(f, table, t->i32, cg_inst_field(c, ref, offsetof(struct rt_funcref, type_id)), "");
	LLVMValueRef expected = cg_load_invariant(c, t->i32, cg_inst_field(c, f->inst, c->layout.type_ids + 4 * type_index),
			"type_id");
	cg_trap_if(c, LLVMBuildICmp(B, LLVMIntNE, actual, expected, ""), RT_TRAP_INDIRECT_CALL_MISMATCH);
	return call_funcref(f, type_index, ref, c->tables[table].fixed);
}

bool cg_lower_call(struct cg_func *f, const struct wasm_insn *insn)
{
	if (insn->op == WASM_OP_CALL)
		return lower_call(f, insn->imm.index);
	return lower_call_indirect(f, insn->imm.pair.first, insn->imm.pair.second);
}
