/* LLVM types for WebAssembly values and functions, built once per compilation. */
#include <stdlib.h>
#include <string.h>

#include "cg.h"

void cg_types_init(struct cg_ctx *c)
{
	struct cg_types *t = &c->t;
	LLVMContextRef l = c->llvm;
	t->void_ = LLVMVoidTypeInContext(l);
	t->i1 = LLVMInt1TypeInContext(l);
	t->i8 = LLVMInt8TypeInContext(l);
	t->i16 = LLVMInt16TypeInContext(l);
	t->i32 = LLVMInt32TypeInContext(l);
	t->i64 = LLVMInt64TypeInContext(l);
	t->i128 = LLVMInt128TypeInContext(l);
	t->f32 = LLVMFloatTypeInContext(l);
	t->f64 = LLVMDoubleTypeInContext(l);
	t->ptr = LLVMPointerTypeInContext(l, 0);
	t->i8x16 = LLVMVectorType(t->i8, 16);
	t->i16x8 = LLVMVectorType(t->i16, 8);
	t->i32x4 = LLVMVectorType(t->i32, 4);
	t->i64x2 = LLVMVectorType(t->i64, 2);
	t->f32x4 = LLVMVectorType(t->f32, 4);
	t->f64x2 = LLVMVectorType(t->f64, 2);
	t->i8x8 = LLVMVectorType(t->i8, 8);
	t->i16x4 = LLVMVectorType(t->i16, 4);
	t->i32x2 = LLVMVectorType(t->i32, 2);
	t->v128 = t->i64x2;
	LLVMTypeRef funcref_fields[] = { t->ptr, t->i32, t->i32, t->ptr };
	t->funcref = LLVMStructTypeInContext(l, funcref_fields, 4, 0);
	LLVMTypeRef tramp_params[] = { t->ptr, t->ptr };
	t->trampoline = LLVMFunctionType(t->void_, tramp_params, 2, 0);
}

LLVMTypeRef cg_valtype(struct cg_ctx *c, uint8_t valtype)
{
	switch (valtype) {
	case WASM_VT_I32: return c->t.i32;
	case WASM_VT_I64: return c->t.i64;
	case WASM_VT_F32: return c->t.f32;
	case WASM_VT_F64: return c->t.f64;
	case WASM_VT_V128: return c->t.v128;
	default: return c->t.ptr; /* references */
	}
}

LLVMValueRef cg_zero(struct cg_ctx *c, uint8_t valtype)
{
	return LLVMConstNull(cg_valtype(c, valtype));
}

LLVMTypeRef cg_result_field(struct cg_ctx *c, uint8_t valtype)
{
	switch (valtype) {
	case WASM_VT_F32: return c->t.i32;
	case WASM_VT_F64: return c->t.i64;
	default: return cg_valtype(c, valtype);
	}
}

LLVMTypeRef cg_func_type(struct cg_ctx *c, const struct wasm_func_type *t)
{
	LLVMTypeRef *params = malloc(((size_t)t->param_count + 1) * sizeof(*params));
	LLVMTypeRef *fields = t->result_count > 1 ? malloc(t->result_count * sizeof(*fields)) : NULL;
	if (!params || (t->result_count > 1 && !fields)) {
		free(params);
		free(fields);
		return NULL;
	}
	params[0] = c->t.ptr;
	for (uint32_t i = 0; i < t->param_count; i++)
		params[i + 1] = cg_valtype(c, t->params[i]);
	LLVMTypeRef ret;
	if (t->result_count == 0) {
		ret = c->t.void_;
	} else if (t->result_count == 1) {
		ret = cg_valtype(c, t->results[0]);
	} else {
		for (uint32_t i = 0; i < t->result_count; i++)
			fields[i] = cg_result_field(c, t->results[i]);
		ret = LLVMStructTypeInContext(c->llvm, fields, t->result_count, 0);
	}
	free(fields);
	LLVMTypeRef fn = LLVMFunctionType(ret, params, t->param_count + 1, 0);
	free(params);
	return fn;
}

bool cg_signatures_init(struct cg_ctx *c)
{
	size_t n = c->m->type_count ? c->m->type_count : 1;
	c->sig_types = calloc(n, sizeof(*c->sig_types));
	c->sig_strings = calloc(n, sizeof(*c->sig_strings));
	if (!c->sig_types || !c->sig_strings)
		return cg_fail(c, 0, "out of memory");
	return true;
}

/*
 * Made on first use: a part builds the types of what it declares and calls,
 * not every type of the module (1,000,000 unused types cost each part of a
 * split module 1,000,000 LLVM function types).
 */
LLVMTypeRef cg_sig_type(struct cg_ctx *c, uint32_t type_index)
{
	LLVMTypeRef *slot = &c->sig_types[type_index];
	if (!*slot && !(*slot = cg_func_type(c, &c->m->types[type_index]))) {
		cg_fail(c, 0, "out of memory");
		return LLVMFunctionType(c->t.void_, &c->t.ptr, 1, 0); /* keeps the IR well-formed until generation stops */
	}
	return *slot;
}

/* A little-endian uint32_t array as one constant of bytes (one LLVM constant, not one per element). */
static LLVMValueRef const_u32_bytes(struct cg_ctx *c, const uint32_t *values, size_t n, const char *name)
{
	uint8_t *bytes = malloc(n ? 4 * n : 1);
	if (!bytes) {
		cg_fail(c, 0, "out of memory");
		return LLVMConstNull(c->t.ptr);
	}
	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 4; k++)
			bytes[4 * i + k] = (uint8_t)(values[i] >> (8 * k));
	LLVMValueRef g = cg_const_bytes(c, bytes, 4 * n, name);
	LLVMSetAlignment(g, 4);
	free(bytes);
	return g;
}

/*
 * The signature table: every canonical type's signature string once, each
 * NUL-terminated, in one constant, and per type index the offset of its
 * string (rt_module's signatures and type_signatures). One string table
 * instead of a global per type: a module of 1,000,000 types is two constants.
 */
static bool signature_table(struct cg_ctx *c)
{
	const struct wasm_module *m = c->m;
	size_t size = 1, cap = 4096;
	char *text = malloc(cap);
	c->sig_offset_values = malloc((m->type_count ? m->type_count : 1) * sizeof(*c->sig_offset_values));
	uint32_t *offsets = c->sig_offset_values;
	bool ok = text && offsets;
	if (ok)
		text[0] = 0; /* offset 0: an empty string, so that a module without types has a table */
	for (uint32_t i = 0; ok && i < m->type_count; i++) {
		const struct wasm_func_type *t = &m->types[i];
		if (t->canon_index != i) {
			offsets[i] = offsets[t->canon_index];
			continue;
		}
		size_t need = (size_t)t->param_count + t->result_count + 2; /* letters, ':', NUL */
		while (ok && size + need > cap) {
			char *grown = realloc(text, cap * 2);
			if ((ok = grown != NULL)) {
				text = grown;
				cap *= 2;
			}
		}
		char *sig = ok ? wasm_signature(t) : NULL;
		ok = sig && size <= UINT32_MAX;
		if (ok) {
			offsets[i] = (uint32_t)size;
			memcpy(text + size, sig, need);
			size += need;
		}
		free(sig);
	}
	if (ok) {
		c->sig_table = cg_const_bytes(c, text, size, "signatures");
		c->sig_offsets = const_u32_bytes(c, offsets, m->type_count, "type_signatures");
	}
	free(text);
	return ok || cg_fail(c, 0, "out of memory");
}

LLVMValueRef cg_signature_table(struct cg_ctx *c, LLVMValueRef *offsets)
{
	if (!c->sig_table && (c->err->kind != WASM_ERR_NONE || !signature_table(c))) {
		*offsets = LLVMConstNull(c->t.ptr);
		return LLVMConstNull(c->t.ptr);
	}
	*offsets = c->sig_offsets;
	return c->sig_table;
}

LLVMValueRef cg_sig_string(struct cg_ctx *c, uint32_t type_index)
{
	uint32_t canon = c->m->types[type_index].canon_index;
	if (c->sig_strings[canon])
		return c->sig_strings[canon];
	LLVMValueRef offsets;
	LLVMValueRef table = cg_signature_table(c, &offsets);
	if (!c->sig_table) /* failed (c->err set): the offsets may be partly filled */
		return table;
	LLVMValueRef index = cg_const_i64(c, c->sig_offset_values[canon]);
	c->sig_strings[canon] = LLVMConstInBoundsGEP2(c->t.i8, table, &index, 1);
	return c->sig_strings[canon];
}
