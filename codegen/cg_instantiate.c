/*
 * The generated instantiate function: fills an instance whose import slots
 * the embedder has set, in the spec's order: functions, tables, memories,
 * globals, element segments, data segments, then the start function.
 * Everything it stores is read back with plain loads here: the invariant
 * loads of function bodies are only valid once it has finished.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

#define B (c->b)

LLVMValueRef cg_const_expr(struct cg_ctx *c, LLVMValueRef inst, const struct wasm_expr *e, uint8_t type)
{
	struct wasm_error ignored = { 0 };
	struct wasm_reader r;
	rd_init(&r, c->m->bytes, c->m->size, &ignored);
	r.pos = e->offset;
	r.end = e->end;
	LLVMValueRef value = cg_zero(c, type);
	struct wasm_insn insn;
	while (wasm_read_insn(&r, &insn) && insn.op != WASM_OP_END) {
		switch (insn.op) {
		case WASM_OP_I32_CONST: value = LLVMConstInt(c->t.i32, (uint32_t)insn.imm.i32, 0); break;
		case WASM_OP_I64_CONST: value = LLVMConstInt(c->t.i64, (uint64_t)insn.imm.i64, 0); break;
		case WASM_OP_F32_CONST:
			value = LLVMConstBitCast(LLVMConstInt(c->t.i32, insn.imm.f32_bits, 0), c->t.f32);
			break;
		case WASM_OP_F64_CONST:
			value = LLVMConstBitCast(LLVMConstInt(c->t.i64, insn.imm.f64_bits, 0), c->t.f64);
			break;
		case WASM_OP_V128_CONST: {
			LLVMValueRef lanes[2];
			for (int i = 0; i < 2; i++) {
				uint64_t v = 0;
				for (int k = 7; k >= 0; k--)
					v = v << 8 | insn.imm.v128[i * 8 + k];
				lanes[i] = cg_const_i64(c, v);
			}
			value = LLVMConstVector(lanes, 2);
			break;
		}
		case WASM_OP_REF_NULL: value = LLVMConstNull(c->t.ptr); break;
		case WASM_OP_REF_FUNC:
			value = LLVMBuildLoad2(B, c->t.ptr, cg_slot_ptr(c, inst, c->layout.funcs, insn.imm.index), "");
			break;
		case WASM_OP_GLOBAL_GET: {
			uint32_t g = insn.imm.index;
			LLVMValueRef cell = LLVMBuildLoad2(B, c->t.ptr, cg_slot_ptr(c, inst, c->layout.globals, g), "");
			value = LLVMBuildLoad2(B, cg_valtype(c, c->m->globals[g].type.type), cell, "");
			break;
		}
		default:
			break; /* the validator admits nothing else */
		}
	}
	return value;
}

/*
 * A counted loop i = begin .. end-1 (begin < end) in the instantiate
 * function: its straight-line form costs the optimizer and the instruction
 * scheduler time quadratic in the count (100,000 functions: minutes), so
 * everything per type, per function or per element runs from constant arrays.
 */
struct cg_loop {
	LLVMBasicBlockRef body, exit;
	LLVMValueRef index; /* i64 */
	uint32_t end;
};

static LLVMValueRef loop_open(struct cg_ctx *c, struct cg_loop *l, uint32_t begin, uint32_t end)
{
	LLVMBasicBlockRef pre = LLVMGetInsertBlock(B);
	LLVMValueRef fn = LLVMGetBasicBlockParent(pre);
	l->body = LLVMAppendBasicBlockInContext(c->llvm, fn, "loop");
	l->exit = LLVMAppendBasicBlockInContext(c->llvm, fn, "loop.end");
	l->end = end;
	LLVMBuildBr(B, l->body);
	LLVMPositionBuilderAtEnd(B, l->body);
	l->index = LLVMBuildPhi(B, c->t.i64, "i");
	LLVMValueRef first = cg_const_i64(c, begin);
	LLVMAddIncoming(l->index, &first, &pre, 1);
	return l->index;
}

static void loop_close(struct cg_ctx *c, struct cg_loop *l)
{
	LLVMValueRef next = LLVMBuildNUWAdd(B, l->index, cg_const_i64(c, 1), "");
	LLVMBasicBlockRef latch = LLVMGetInsertBlock(B);
	LLVMAddIncoming(l->index, &next, &latch, 1);
	LLVMBuildCondBr(B, LLVMBuildICmp(B, LLVMIntULT, next, cg_const_i64(c, l->end), ""), l->body, l->exit);
	LLVMPositionBuilderAtEnd(B, l->exit);
}

/* array[index] of a constant global array of `type`. */
static LLVMValueRef load_element(struct cg_ctx *c, LLVMTypeRef type, LLVMValueRef array, LLVMValueRef index)
{
	return LLVMBuildLoad2(B, type, LLVMBuildInBoundsGEP2(B, type, array, &index, 1, ""), "");
}

/* &inst[offset + stride * index] */
static LLVMValueRef inst_element(struct cg_ctx *c, LLVMValueRef inst, uint32_t offset, uint32_t stride,
		LLVMValueRef index)
{
	LLVMValueRef at = LLVMBuildNUWMul(B, index, cg_const_i64(c, stride), "");
	at = LLVMBuildNUWAdd(B, at, cg_const_i64(c, offset), "");
	return LLVMBuildInBoundsGEP2(B, c->t.i8, inst, &at, 1, "");
}

/* Equal signatures get equal ids (rt_type_id interns them), so each type asks for its own. */
static void init_type_ids(struct cg_ctx *c, LLVMValueRef inst)
{
	const struct wasm_module *m = c->m;
	if (!m->type_count)
		return;
	struct cg_loop l;
	LLVMValueRef i = loop_open(c, &l, 0, m->type_count);
	LLVMValueRef offsets;
	LLVMValueRef table = cg_signature_table(c, &offsets);
	LLVMValueRef at = LLVMBuildZExt(B, load_element(c, c->t.i32, offsets, i), c->t.i64, "");
	LLVMValueRef sig = LLVMBuildInBoundsGEP2(B, c->t.i8, table, &at, 1, "sig");
	LLVMValueRef id = cg_rt_call(c, "rt_type_id", c->t.i32, &sig, 1);
	LLVMBuildStore(B, id, inst_element(c, inst, c->layout.type_ids, 4, i));
	loop_close(c, &l);
}

/* A funcref object in the instance for every function this module defines or binds. */
static void init_funcs(struct cg_ctx *c, LLVMValueRef inst)
{
	const struct wasm_module *m = c->m;
	const uint32_t size = (uint32_t)sizeof(struct rt_funcref);
	/* Imports bound at link time: their code is no entry of the code array. */
	for (uint32_t i = 0; i < m->imported_func_count; i++) {
		if (!c->funcs[i])
			continue; /* an import the embedder provides */
		uint32_t at = c->layout.funcrefs + size * i;
		LLVMValueRef ref = cg_inst_field(c, inst, at);
		LLVMValueRef type = cg_inst_field(c, inst, c->layout.type_ids + 4 * m->funcs[i].type_index);
		LLVMBuildStore(B, c->funcs[i], ref);
		LLVMBuildStore(B, LLVMBuildLoad2(B, c->t.i32, type, ""), cg_inst_field(c, inst, at + 8));
		LLVMBuildStore(B, inst, cg_inst_field(c, inst, at + 16));
		LLVMBuildStore(B, ref, cg_slot_ptr(c, inst, c->layout.funcs, i));
	}
	if (m->imported_func_count == m->func_count)
		return;
	struct cg_loop l;
	LLVMValueRef i = loop_open(c, &l, m->imported_func_count, m->func_count);
	LLVMValueRef ref = inst_element(c, inst, c->layout.funcrefs, size, i);
	LLVMValueRef type_index = LLVMBuildZExt(B, load_element(c, c->t.i32, cg_func_type_array(c), i), c->t.i64, "");
	LLVMValueRef type_id = LLVMBuildLoad2(B, c->t.i32, inst_element(c, inst, c->layout.type_ids, 4, type_index), "");
	LLVMBuildStore(B, load_element(c, c->t.ptr, cg_func_code_array(c), i), ref);
	LLVMBuildStore(B, type_id, cg_inst_field(c, ref, 8));
	LLVMBuildStore(B, inst, cg_inst_field(c, ref, 16));
	LLVMBuildStore(B, ref, inst_element(c, inst, c->layout.funcs, 8, i));
	loop_close(c, &l);
}

static void init_tables_memories(struct cg_ctx *c, LLVMValueRef inst)
{
	const struct wasm_module *m = c->m;
	struct cg_types *t = &c->t;
	for (uint32_t i = m->imported_table_count; i < m->table_count; i++) {
		const struct wasm_table_type *tt = &m->tables[i].type;
		/* The C parameter is a uint8_t: pass it widened, as C callers do. */
		LLVMValueRef args[] = { inst, cg_const_i32(c, tt->elem_type), cg_const_i32(c, (uint32_t)tt->limits.min),
			cg_const_i32(c, tt->limits.has_max ? (uint32_t)tt->limits.max : UINT32_MAX) };
		LLVMValueRef tab = cg_rt_call(c, "rt_table_new", t->ptr, args, 4);
		LLVMBuildStore(B, tab, cg_slot_ptr(c, inst, c->layout.tables, i));
	}
	for (uint32_t i = m->imported_memory_count; i < m->memory_count; i++) {
		const struct wasm_limits *l = &m->memories[i].type.limits;
		LLVMValueRef args[] = { inst, cg_const_i64(c, l->min), cg_const_i64(c, l->has_max ? l->max : 65536) };
		LLVMValueRef mem = cg_rt_call(c, "rt_memory_new", t->ptr, args, 3);
		LLVMBuildStore(B, mem, cg_slot_ptr(c, inst, c->layout.memories, i));
	}
	if (m->memory_count > 0) {
		LLVMValueRef mem = LLVMBuildLoad2(B, t->ptr, cg_slot_ptr(c, inst, c->layout.memories, 0), "mem0");
		LLVMBuildStore(B, mem, cg_inst_field(c, inst, offsetof(struct rt_instance, mem0)));
		LLVMValueRef base = LLVMBuildLoad2(B, t->ptr, mem, "base");
		LLVMBuildStore(B, base, cg_inst_field(c, inst, offsetof(struct rt_instance, mem0_base)));
	}
}

static void init_globals(struct cg_ctx *c, LLVMValueRef inst)
{
	const struct wasm_module *m = c->m;
	for (uint32_t i = m->imported_global_count; i < m->global_count; i++) {
		LLVMValueRef cell = cg_inst_field(c, inst, c->layout.cells + 16 * (i - m->imported_global_count));
		LLVMBuildStore(B, cg_const_expr(c, inst, &m->globals[i].init, m->globals[i].type.type), cell);
		LLVMBuildStore(B, cell, cg_slot_ptr(c, inst, c->layout.globals, i));
	}
}

/* A segment's function indices as a constant [count x i32]. */
static LLVMValueRef elem_indices(struct cg_ctx *c, const struct wasm_elem *e)
{
	LLVMValueRef *values = malloc(e->count * sizeof(*values));
	if (!values) {
		cg_fail(c, 0, "out of memory");
		return LLVMConstNull(c->t.ptr);
	}
	for (uint32_t k = 0; k < e->count; k++)
		values[k] = cg_const_i32(c, e->func_indices[k]);
	LLVMValueRef g = cg_const_array(c, c->t.i32, values, e->count, "elem_funcs");
	free(values);
	return g;
}

static void init_elems(struct cg_ctx *c, LLVMValueRef inst)
{
	const struct wasm_module *m = c->m;
	struct cg_types *t = &c->t;
	for (uint32_t i = 0; i < m->elem_count; i++) {
		const struct wasm_elem *e = &m->elems[i];
		/* Active and declarative segments are dropped once applied: their records stay {NULL, 0}. */
		if (e->mode == WASM_SEG_DECLARATIVE)
			continue;
		LLVMValueRef refs = LLVMConstNull(t->ptr);
		if (e->count) {
			LLVMValueRef bytes = cg_const_i64(c, 8ull * e->count);
			refs = cg_rt_call(c, "rt_alloc", t->ptr, &bytes, 1);
		}
		for (uint32_t k = 0; e->exprs && k < e->count; k++) {
			LLVMValueRef v = cg_const_expr(c, inst, &e->exprs[k], e->elem_type);
			LLVMValueRef idx = cg_const_i64(c, k);
			LLVMBuildStore(B, v, LLVMBuildGEP2(B, t->ptr, refs, &idx, 1, ""));
		}
		if (!e->exprs && e->count) {
			struct cg_loop l;
			LLVMValueRef k = loop_open(c, &l, 0, e->count);
			LLVMValueRef func = LLVMBuildZExt(B, load_element(c, t->i32, elem_indices(c, e), k), t->i64, "");
			LLVMValueRef v = LLVMBuildLoad2(B, t->ptr, inst_element(c, inst, c->layout.funcs, 8, func), "");
			LLVMBuildStore(B, v, LLVMBuildGEP2(B, t->ptr, refs, &k, 1, ""));
			loop_close(c, &l);
		}
		if (e->mode == WASM_SEG_PASSIVE) {
			cg_segment_store(c, cg_segment_record(c, inst, c->layout.elem_segs, i), refs, e->count);
			continue;
		}
		LLVMValueRef tab = LLVMBuildLoad2(B, t->ptr, cg_slot_ptr(c, inst, c->layout.tables, e->table_index), "");
		LLVMValueRef args[] = { tab, cg_const_expr(c, inst, &e->offset_expr, WASM_VT_I32), refs,
			cg_const_i32(c, e->count), cg_const_i32(c, 0), cg_const_i32(c, e->count) };
		cg_rt_call(c, "rt_table_init", t->void_, args, 6);
	}
}

static void init_datas(struct cg_ctx *c, LLVMValueRef inst)
{
	const struct wasm_module *m = c->m;
	struct cg_types *t = &c->t;
	for (uint32_t i = 0; i < m->data_segment_count; i++) {
		const struct wasm_data *d = &m->datas[i];
		LLVMValueRef bytes = d->size ? cg_const_bytes(c, d->bytes, d->size, "data") : LLVMConstNull(t->ptr);
		if (d->mode == WASM_SEG_PASSIVE) {
			cg_segment_store(c, cg_segment_record(c, inst, c->layout.data_segs, i), bytes, d->size);
			continue;
		}
		LLVMValueRef mem = LLVMBuildLoad2(B, t->ptr, cg_slot_ptr(c, inst, c->layout.memories, d->memory_index), "");
		LLVMValueRef args[] = { mem, cg_const_expr(c, inst, &d->offset_expr, WASM_VT_I32), bytes,
			cg_const_i32(c, d->size), cg_const_i32(c, 0), cg_const_i32(c, d->size) };
		cg_rt_call(c, "rt_memory_init", t->void_, args, 6);
	}
}

static void call_start(struct cg_ctx *c, LLVMValueRef inst)
{
	const struct wasm_module *m = c->m;
	if (!m->has_start)
		return;
	uint32_t s = m->start_index;
	LLVMTypeRef type = cg_sig_type(c, m->funcs[s].type_index);
	LLVMValueRef code, callee;
	if (c->funcs[s] && !m->funcs[s].imported) {
		code = c->funcs[s];
		callee = inst;
	} else {
		LLVMValueRef ref = LLVMBuildLoad2(B, c->t.ptr, cg_slot_ptr(c, inst, c->layout.funcs, s), "");
		code = LLVMBuildLoad2(B, c->t.ptr, ref, "");
		callee = LLVMBuildLoad2(B, c->t.ptr, cg_inst_field(c, ref, 16), "");
	}
	LLVMValueRef call = LLVMBuildCall2(B, type, code, &callee, 1, "");
	/* Inlined here, the body's invariant loads could move above the stores that set them. */
	LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex,
			cg_enum_attr(c, "noinline"));
}

bool cg_instantiate(struct cg_ctx *c)
{
	LLVMTypeRef params[] = { c->t.ptr };
	LLVMValueRef fn = LLVMAddFunction(c->mod, "wasmc_instantiate", LLVMFunctionType(c->t.void_, params, 1, 0));
	LLVMSetLinkage(fn, LLVMInternalLinkage);
	LLVMPositionBuilderAtEnd(B, LLVMAppendBasicBlockInContext(c->llvm, fn, "entry"));
	LLVMValueRef inst = LLVMGetParam(fn, 0);
	init_type_ids(c, inst);
	init_funcs(c, inst);
	init_tables_memories(c, inst);
	init_globals(c, inst);
	init_elems(c, inst);
	init_datas(c, inst);
	call_start(c, inst);
	LLVMBuildRetVoid(B);
	return cg_descriptor(c, fn);
}
