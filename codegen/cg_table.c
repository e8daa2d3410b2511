/* Tables and references: funcref values are struct rt_funcref pointers, externref opaque pointers, null is NULL. */
#include "cg_func.h"

#define B (f->c->b)

LLVMValueRef cg_table_ptr(struct cg_func *f, uint32_t table)
{
	return cg_load_slot(f->c, f->inst, f->c->layout.tables, table, "table");
}

/* A load from a table's state (rt_table fields, elements, their funcrefs): invariant if the table is fixed. */
LLVMValueRef cg_table_load(struct cg_func *f, uint32_t table, LLVMTypeRef type, LLVMValueRef ptr, const char *name)
{
	if (f->c->tables[table].fixed)
		return cg_load_invariant(f->c, type, ptr, name);
	return LLVMBuildLoad2(B, type, ptr, name);
}

LLVMValueRef cg_table_elem(struct cg_func *f, uint32_t table, LLVMValueRef index, enum rt_trap oob)
{
	struct cg_ctx *c = f->c;
	LLVMValueRef tab = cg_table_ptr(f, table);
	LLVMValueRef size = c->tables[table].fixed
		? cg_const_i32(c, (uint32_t)c->m->tables[table].type.limits.min)
		: LLVMBuildLoad2(B, c->t.i32, cg_inst_field(c, tab, offsetof(struct rt_table, size)), "");
	cg_trap_if(c, LLVMBuildICmp(B, LLVMIntUGE, index, size, ""), oob);
	LLVMValueRef elems = cg_table_load(f, table, c->t.ptr, tab, "elems");
	LLVMValueRef idx64 = LLVMBuildZExt(B, index, c->t.i64, "");
	return LLVMBuildGEP2(B, c->t.ptr, elems, &idx64, 1, "");
}

bool cg_lower_table(struct cg_func *f, const struct wasm_insn *insn)
{
	struct cg_ctx *c = f->c;
	struct cg_types *t = &c->t;
	switch (insn->op) {
	case WASM_OP_TABLE_GET: {
		LLVMValueRef index = cg_pop(f);
		LLVMValueRef slot = cg_table_elem(f, insn->imm.index, index, RT_TRAP_OOB_TABLE);
		return cg_push(f, cg_table_load(f, insn->imm.index, t->ptr, slot, ""));
	}
	case WASM_OP_TABLE_SET: {
		LLVMValueRef value = cg_pop(f), index = cg_pop(f);
		LLVMBuildStore(B, value, cg_table_elem(f, insn->imm.index, index, RT_TRAP_OOB_TABLE));
		return true;
	}
	case WASM_OP_TABLE_SIZE: {
		if (c->tables[insn->imm.index].fixed)
			return cg_push(f, cg_const_i32(c, (uint32_t)c->m->tables[insn->imm.index].type.limits.min));
		LLVMValueRef tab = cg_table_ptr(f, insn->imm.index);
		return cg_push(f, LLVMBuildLoad2(B, t->i32, cg_inst_field(c, tab, offsetof(struct rt_table, size)), ""));
	}
	case WASM_OP_TABLE_GROW: {
		LLVMValueRef delta = cg_pop(f), init = cg_pop(f);
		LLVMValueRef args[] = { cg_table_ptr(f, insn->imm.index), init, delta };
		return cg_push(f, cg_rt_call(c, "rt_table_grow", t->i32, args, 3));
	}
	case WASM_OP_TABLE_FILL: {
		LLVMValueRef len = cg_pop(f), value = cg_pop(f), dst = cg_pop(f);
		LLVMValueRef args[] = { cg_table_ptr(f, insn->imm.index), dst, value, len };
		cg_rt_call(c, "rt_table_fill", t->void_, args, 4);
		return true;
	}
	case WASM_OP_TABLE_COPY: {
		LLVMValueRef len = cg_pop(f), src = cg_pop(f), dst = cg_pop(f);
		LLVMValueRef args[] = { cg_table_ptr(f, insn->imm.pair.first), dst, cg_table_ptr(f, insn->imm.pair.second), src, len };
		cg_rt_call(c, "rt_table_copy", t->void_, args, 5);
		return true;
	}
	case WASM_OP_TABLE_INIT: {
		LLVMValueRef len = cg_pop(f), src = cg_pop(f), dst = cg_pop(f);
		LLVMValueRef refs, size;
		cg_segment_load(c, cg_segment_record(c, f->inst, c->layout.elem_segs, insn->imm.pair.first), &refs, &size);
		LLVMValueRef args[] = { cg_table_ptr(f, insn->imm.pair.second), dst, refs, size, src, len };
		cg_rt_call(c, "rt_table_init", t->void_, args, 6);
		return true;
	}
	case WASM_OP_ELEM_DROP:
		cg_segment_drop(c, cg_segment_record(c, f->inst, c->layout.elem_segs, insn->imm.index));
		return true;
	case WASM_OP_REF_NULL:
		return cg_push(f, LLVMConstNull(t->ptr));
	case WASM_OP_REF_IS_NULL:
		return cg_push(f, LLVMBuildZExt(B, LLVMBuildIsNull(B, cg_pop(f), ""), t->i32, ""));
	case WASM_OP_REF_FUNC:
		return cg_push(f, cg_load_slot(c, f->inst, c->layout.funcs, insn->imm.index, "funcref"));
	default:
		return cg_fail(c, f->at, "%s: not implemented in codegen", wasm_opinfo[insn->op].text);
	}
}
