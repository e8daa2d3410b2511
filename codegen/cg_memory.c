/*
 * Linear memory and globals. Memory 0's base is loaded once per function
 * and never moves; an address is base + zext(addr) + offset, which the
 * 8 GiB reservation covers, so accesses need no bounds checks.
 */
#include <string.h>

#include "cg_func.h"

#define B (f->c->b)

LLVMValueRef cg_address(struct cg_func *f, LLVMValueRef addr, uint64_t offset)
{
	struct cg_ctx *c = f->c;
	LLVMValueRef index = LLVMBuildZExt(B, addr, c->t.i64, "");
	if (offset)
		index = LLVMBuildAdd(B, index, cg_const_i64(c, offset), "");
	return LLVMBuildGEP2(B, c->t.i8, f->mem_base, &index, 1, "");
}

/* A scalar TBAA type named `name` under wasmc's root, and its access tag. */
static LLVMValueRef tbaa_tag(struct cg_ctx *c, LLVMMetadataRef root, const char *name)
{
	LLVMMetadataRef zero = LLVMValueAsMetadata(cg_const_i64(c, 0));
	LLVMMetadataRef type = LLVMMDNodeInContext2(c->llvm, (LLVMMetadataRef[]){
		LLVMMDStringInContext2(c->llvm, name, strlen(name)), root, zero }, 3);
	return LLVMMetadataAsValue(c->llvm, LLVMMDNodeInContext2(c->llvm, (LLVMMetadataRef[]){ type, type, zero }, 3));
}

void cg_tbaa_init(struct cg_ctx *c)
{
	LLVMMetadataRef root = LLVMMDNodeInContext2(c->llvm, (LLVMMetadataRef[]){
		LLVMMDStringInContext2(c->llvm, "wasmc", 5) }, 1);
	c->tbaa_kind = LLVMGetMDKindIDInContext(c->llvm, "tbaa", 4);
	c->tbaa_memory = tbaa_tag(c, root, "linear memory");
	c->tbaa_global = tbaa_tag(c, root, "global cell");
}

void cg_memory_access(struct cg_func *f, LLVMValueRef access)
{
	LLVMSetAlignment(access, 1);
	LLVMSetMetadata(access, f->c->tbaa_kind, f->c->tbaa_memory);
}

/*
 * LLVM deletes a load whose value ends up unused, but ours can fault and
 * must trap. The optimizer keeps every memory load alive (cg_keep_loads.cpp,
 * which knows them by their TBAA tag); at -O0 no pass runs, so they are
 * volatile, which costs nothing there. WASMC_VOLATILE_LOADS=1 makes every
 * load volatile at every level: slower code, for diagnosing (the
 * differential fuzzer checks with it, docs/testing.md).
 */
LLVMValueRef cg_memory_load(struct cg_func *f, LLVMTypeRef type, LLVMValueRef addr, uint64_t offset)
{
	LLVMValueRef v = LLVMBuildLoad2(B, type, cg_address(f, addr, offset), "");
	cg_memory_access(f, v);
	if (f->c->volatile_loads || f->c->opts->opt_level <= 0)
		LLVMSetVolatile(v, 1);
	return v;
}

static LLVMValueRef mem0(struct cg_func *f)
{
	struct cg_ctx *c = f->c;
	return cg_load_invariant(c, c->t.ptr, cg_inst_field(c, f->inst, offsetof(struct rt_instance, mem0)), "mem0");
}

/* A load of `mem_type`, extended to `to` (sign-extended if is_signed). */
static bool push_load(struct cg_func *f, const struct wasm_insn *insn, LLVMTypeRef mem_type, LLVMTypeRef to,
		bool is_signed)
{
	LLVMValueRef v = cg_memory_load(f, mem_type, cg_pop(f), insn->imm.mem.memarg.offset);
	if (mem_type != to)
		v = is_signed ? LLVMBuildSExt(B, v, to, "") : LLVMBuildZExt(B, v, to, "");
	return cg_push(f, v);
}

static bool push_store(struct cg_func *f, const struct wasm_insn *insn, LLVMTypeRef mem_type)
{
	LLVMValueRef value = cg_pop(f);
	LLVMValueRef ptr = cg_address(f, cg_pop(f), insn->imm.mem.memarg.offset);
	if (LLVMTypeOf(value) != mem_type)
		value = LLVMBuildTrunc(B, value, mem_type, "");
	cg_memory_access(f, LLVMBuildStore(B, value, ptr));
	return true;
}

static bool lower_bulk(struct cg_func *f, const struct wasm_insn *insn)
{
	struct cg_ctx *c = f->c;
	struct cg_types *t = &c->t;
	switch (insn->op) {
	case WASM_OP_MEMORY_SIZE: {
		LLVMValueRef size_ptr = cg_inst_field(c, mem0(f), offsetof(struct rt_memory, size));
		LLVMValueRef bytes = LLVMBuildLoad2(B, t->i64, size_ptr, "");
		LLVMValueRef pages = LLVMBuildLShr(B, bytes, cg_const_i64(c, 16), "");
		return cg_push(f, LLVMBuildTrunc(B, pages, t->i32, ""));
	}
	case WASM_OP_MEMORY_GROW: {
		LLVMValueRef args[] = { mem0(f), cg_pop(f) };
		return cg_push(f, cg_rt_call(c, "rt_memory_grow", t->i32, args, 2));
	}
	case WASM_OP_MEMORY_FILL: {
		LLVMValueRef len = cg_pop(f), value = cg_pop(f), dst = cg_pop(f);
		LLVMValueRef args[] = { mem0(f), dst, value, len };
		cg_rt_call(c, "rt_memory_fill", t->void_, args, 4);
		return true;
	}
	case WASM_OP_MEMORY_COPY: {
		LLVMValueRef len = cg_pop(f), src = cg_pop(f), dst = cg_pop(f);
		LLVMValueRef args[] = { mem0(f), dst, mem0(f), src, len };
		cg_rt_call(c, "rt_memory_copy", t->void_, args, 5);
		return true;
	}
	case WASM_OP_MEMORY_INIT: {
		LLVMValueRef len = cg_pop(f), src = cg_pop(f), dst = cg_pop(f);
		LLVMValueRef bytes, size;
		cg_segment_load(c, cg_segment_record(c, f->inst, c->layout.data_segs, insn->imm.pair.first), &bytes, &size);
		LLVMValueRef args[] = { mem0(f), dst, bytes, size, src, len };
		cg_rt_call(c, "rt_memory_init", t->void_, args, 6);
		return true;
	}
	case WASM_OP_DATA_DROP:
		cg_segment_drop(c, cg_segment_record(c, f->inst, c->layout.data_segs, insn->imm.index));
		return true;
	default:
		return cg_fail(c, f->at, "%s: not implemented in codegen", wasm_opinfo[insn->op].text);
	}
}

bool cg_lower_memory(struct cg_func *f, const struct wasm_insn *insn)
{
	struct cg_types *t = &f->c->t;
	switch (insn->op) {
	case WASM_OP_I32_LOAD: return push_load(f, insn, t->i32, t->i32, false);
	case WASM_OP_I64_LOAD: return push_load(f, insn, t->i64, t->i64, false);
	case WASM_OP_F32_LOAD: return push_load(f, insn, t->f32, t->f32, false);
	case WASM_OP_F64_LOAD: return push_load(f, insn, t->f64, t->f64, false);
	case WASM_OP_I32_LOAD8_S: return push_load(f, insn, t->i8, t->i32, true);
	case WASM_OP_I32_LOAD8_U: return push_load(f, insn, t->i8, t->i32, false);
	case WASM_OP_I32_LOAD16_S: return push_load(f, insn, t->i16, t->i32, true);
	case WASM_OP_I32_LOAD16_U: return push_load(f, insn, t->i16, t->i32, false);
	case WASM_OP_I64_LOAD8_S: return push_load(f, insn, t->i8, t->i64, true);
	case WASM_OP_I64_LOAD8_U: return push_load(f, insn, t->i8, t->i64, false);
	case WASM_OP_I64_LOAD16_S: return push_load(f, insn, t->i16, t->i64, true);
	case WASM_OP_I64_LOAD16_U: return push_load(f, insn, t->i16, t->i64, false);
	case WASM_OP_I64_LOAD32_S: return push_load(f, insn, t->i32, t->i64, true);
	case WASM_OP_I64_LOAD32_U: return push_load(f, insn, t->i32, t->i64, false);
	case WASM_OP_I32_STORE: return push_store(f, insn, t->i32);
	case WASM_OP_I64_STORE: return push_store(f, insn, t->i64);
	case WASM_OP_F32_STORE: return push_store(f, insn, t->f32);
	case WASM_OP_F64_STORE: return push_store(f, insn, t->f64);
	case WASM_OP_I32_STORE8: case WASM_OP_I64_STORE8: return push_store(f, insn, t->i8);
	case WASM_OP_I32_STORE16: case WASM_OP_I64_STORE16: return push_store(f, insn, t->i16);
	case WASM_OP_I64_STORE32: return push_store(f, insn, t->i32);
	default:
		return lower_bulk(f, insn);
	}
}

/* A pointer to global x's 16-byte cell: in this instance if defined here, else through its slot. */
static LLVMValueRef global_cell(struct cg_func *f, uint32_t x)
{
	struct cg_ctx *c = f->c;
	const struct wasm_module *m = c->m;
	if (x >= m->imported_global_count)
		return cg_inst_field(c, f->inst, c->layout.cells + 16 * (x - m->imported_global_count));
	return cg_load_slot(c, f->inst, c->layout.globals, x, "global");
}

bool cg_lower_global(struct cg_func *f, const struct wasm_insn *insn)
{
	struct cg_ctx *c = f->c;
	uint32_t x = insn->imm.index;
	LLVMTypeRef type = cg_valtype(c, c->m->globals[x].type.type);
	LLVMValueRef cell = global_cell(f, x);
	if (insn->op == WASM_OP_GLOBAL_GET) {
		LLVMValueRef v = c->m->globals[x].type.mutable ? LLVMBuildLoad2(B, type, cell, "")
							       : cg_load_invariant(c, type, cell, "");
		LLVMSetMetadata(v, c->tbaa_kind, c->tbaa_global);
		return cg_push(f, v);
	}
	LLVMSetMetadata(LLVMBuildStore(B, cg_pop(f), cell), c->tbaa_kind, c->tbaa_global);
	return true;
}
