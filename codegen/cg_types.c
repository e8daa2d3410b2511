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
			fields[i] = cg_valtype(c, t->results[i]);
		ret = LLVMStructTypeInContext(c->llvm, fields, t->result_count, 0);
	}
	free(fields);
	LLVMTypeRef fn = LLVMFunctionType(ret, params, t->param_count + 1, 0);
	free(params);
	return fn;
}

bool cg_signatures_init(struct cg_ctx *c)
{
	const struct wasm_module *m = c->m;
	size_t n = m->type_count ? m->type_count : 1;
	c->sig_types = calloc(n, sizeof(*c->sig_types));
	c->sig_strings = calloc(n, sizeof(*c->sig_strings));
	if (!c->sig_types || !c->sig_strings)
		return cg_fail(c, 0, "out of memory");
	for (uint32_t i = 0; i < m->type_count; i++) {
		if (!(c->sig_types[i] = cg_func_type(c, &m->types[i])))
			return cg_fail(c, 0, "out of memory");
		uint32_t canon = m->types[i].canon_index;
		if (canon != i) {
			c->sig_strings[i] = c->sig_strings[canon];
			continue;
		}
		char *sig = wasm_signature(&m->types[i]);
		if (!sig)
			return cg_fail(c, 0, "out of memory");
		c->sig_strings[i] = cg_const_string(c, sig, strlen(sig));
		free(sig);
	}
	return true;
}
