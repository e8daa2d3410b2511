/* LLVM types for WebAssembly values and functions, built once per compilation. */
#include <stdlib.h>

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
	params[0] = c->t.ptr;
	for (uint32_t i = 0; i < t->param_count; i++)
		params[i + 1] = cg_valtype(c, t->params[i]);
	LLVMTypeRef ret;
	if (t->result_count == 0) {
		ret = c->t.void_;
	} else if (t->result_count == 1) {
		ret = cg_valtype(c, t->results[0]);
	} else {
		LLVMTypeRef *fields = malloc(t->result_count * sizeof(*fields));
		for (uint32_t i = 0; i < t->result_count; i++)
			fields[i] = cg_valtype(c, t->results[i]);
		ret = LLVMStructTypeInContext(c->llvm, fields, t->result_count, 0);
		free(fields);
	}
	LLVMTypeRef fn = LLVMFunctionType(ret, params, t->param_count + 1, 0);
	free(params);
	return fn;
}

static char sig_letter(uint8_t valtype)
{
	switch (valtype) {
	case WASM_VT_I32: return RT_SIG_I32;
	case WASM_VT_I64: return RT_SIG_I64;
	case WASM_VT_F32: return RT_SIG_F32;
	case WASM_VT_F64: return RT_SIG_F64;
	case WASM_VT_V128: return RT_SIG_V128;
	case WASM_VT_FUNCREF: return RT_SIG_FUNCREF;
	default: return RT_SIG_EXTERNREF;
	}
}

char *cg_signature(const struct wasm_func_type *t)
{
	char *s = malloc((size_t)t->param_count + t->result_count + 2);
	if (!s)
		return NULL;
	size_t n = 0;
	for (uint32_t i = 0; i < t->param_count; i++)
		s[n++] = sig_letter(t->params[i]);
	s[n++] = ':';
	for (uint32_t i = 0; i < t->result_count; i++)
		s[n++] = sig_letter(t->results[i]);
	s[n] = 0;
	return s;
}
