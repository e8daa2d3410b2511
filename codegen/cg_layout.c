/* The instance layout: the rt_instance header, then this module's arrays and cells. */
#include "cg.h"

static uint64_t place(uint64_t *at, uint64_t size, uint64_t align)
{
	*at = (*at + align - 1) & ~(align - 1);
	uint64_t offset = *at;
	*at += size;
	return offset;
}

void cg_layout_init(struct cg_ctx *c)
{
	const struct wasm_module *m = c->m;
	struct cg_layout *l = &c->layout;
	uint64_t at = sizeof(struct rt_instance);
	uint32_t defined_globals = m->global_count - m->imported_global_count;
	uint32_t data_count = m->has_data_count ? m->data_count : m->data_segment_count;
	l->funcs = (uint32_t)place(&at, 8ull * m->func_count, 8);
	l->tables = (uint32_t)place(&at, 8ull * m->table_count, 8);
	l->memories = (uint32_t)place(&at, 8ull * m->memory_count, 8);
	l->globals = (uint32_t)place(&at, 8ull * m->global_count, 8);
	l->type_ids = (uint32_t)place(&at, 4ull * m->type_count, 8);
	l->cells = (uint32_t)place(&at, 16ull * defined_globals, 16);
	l->funcrefs = (uint32_t)place(&at, (uint64_t)sizeof(struct rt_funcref) * m->func_count, 8);
	l->elem_segs = (uint32_t)place(&at, 16ull * m->elem_count, 8);
	l->data_segs = (uint32_t)place(&at, 16ull * data_count, 8);
	l->size = (uint32_t)place(&at, 0, 16);
	/* Counts are bounded by the module's size, so this only matters for absurd inputs. */
	if (at > (1ull << 31))
		cg_fail(c, 0, "the module's instance would need %llu bytes", (unsigned long long)at);
}

LLVMValueRef cg_inst_field(struct cg_ctx *c, LLVMValueRef inst, uint32_t offset)
{
	if (offset == 0)
		return inst;
	LLVMValueRef idx = cg_const_i64(c, offset);
	return LLVMBuildInBoundsGEP2(c->b, c->t.i8, inst, &idx, 1, "");
}

LLVMValueRef cg_load_invariant(struct cg_ctx *c, LLVMTypeRef type, LLVMValueRef ptr, const char *name)
{
	LLVMValueRef v = LLVMBuildLoad2(c->b, type, ptr, name);
	LLVMSetMetadata(v, c->invariant_kind, c->empty_md);
	return v;
}

LLVMValueRef cg_slot_ptr(struct cg_ctx *c, LLVMValueRef inst, uint32_t array_offset, uint32_t index)
{
	return cg_inst_field(c, inst, array_offset + 8 * index);
}

LLVMValueRef cg_load_slot(struct cg_ctx *c, LLVMValueRef inst, uint32_t array_offset, uint32_t index, const char *name)
{
	return cg_load_invariant(c, c->t.ptr, cg_slot_ptr(c, inst, array_offset, index), name);
}

LLVMValueRef cg_segment_record(struct cg_ctx *c, LLVMValueRef inst, uint32_t array_offset, uint32_t index)
{
	return cg_inst_field(c, inst, array_offset + 16 * index);
}

void cg_segment_load(struct cg_ctx *c, LLVMValueRef record, LLVMValueRef *ptr, LLVMValueRef *size)
{
	*ptr = LLVMBuildLoad2(c->b, c->t.ptr, record, "");
	LLVMValueRef size64 = LLVMBuildLoad2(c->b, c->t.i64, cg_inst_field(c, record, 8), "");
	*size = LLVMBuildTrunc(c->b, size64, c->t.i32, "");
}

void cg_segment_store(struct cg_ctx *c, LLVMValueRef record, LLVMValueRef ptr, uint64_t size)
{
	LLVMBuildStore(c->b, ptr, record);
	LLVMBuildStore(c->b, cg_const_i64(c, size), cg_inst_field(c, record, 8));
}

void cg_segment_drop(struct cg_ctx *c, LLVMValueRef record)
{
	LLVMBuildStore(c->b, cg_const_i64(c, 0), cg_inst_field(c, record, 8));
}
