/*
 * WASMC_CANONICAL_NANS=1, for diagnosing only: every NaN that arithmetic
 * makes becomes the canonical positive one, as binaryen's interpreter makes
 * them. The spec lets arithmetic return any quiet NaN, so code differs there
 * legitimately; the differential fuzzer (tests/fuzz/diff) compiles with this
 * to tell such a difference, once NaN bits reach integers, from a bug.
 */
#include "cg_func.h"

#define B (f->c->b)

/* The element type of an arithmetic op's result: f32, f64, or NULL if the op is not one. */
static LLVMTypeRef arithmetic_result(const struct cg_types *t, unsigned op, unsigned *lanes)
{
	*lanes = 0;
	switch (op) {
	case WASM_OP_F32_CEIL: case WASM_OP_F32_FLOOR: case WASM_OP_F32_TRUNC: case WASM_OP_F32_NEAREST:
	case WASM_OP_F32_SQRT: case WASM_OP_F32_ADD: case WASM_OP_F32_SUB: case WASM_OP_F32_MUL:
	case WASM_OP_F32_DIV: case WASM_OP_F32_MIN: case WASM_OP_F32_MAX: case WASM_OP_F32_DEMOTE_F64:
		return t->f32;
	case WASM_OP_F64_CEIL: case WASM_OP_F64_FLOOR: case WASM_OP_F64_TRUNC: case WASM_OP_F64_NEAREST:
	case WASM_OP_F64_SQRT: case WASM_OP_F64_ADD: case WASM_OP_F64_SUB: case WASM_OP_F64_MUL:
	case WASM_OP_F64_DIV: case WASM_OP_F64_MIN: case WASM_OP_F64_MAX: case WASM_OP_F64_PROMOTE_F32:
		return t->f64;
	case WASM_OP_F32X4_CEIL: case WASM_OP_F32X4_FLOOR: case WASM_OP_F32X4_TRUNC: case WASM_OP_F32X4_NEAREST:
	case WASM_OP_F32X4_SQRT: case WASM_OP_F32X4_ADD: case WASM_OP_F32X4_SUB: case WASM_OP_F32X4_MUL:
	case WASM_OP_F32X4_DIV: case WASM_OP_F32X4_MIN: case WASM_OP_F32X4_MAX: case WASM_OP_F32X4_DEMOTE_F64X2_ZERO:
		*lanes = 4;
		return t->f32;
	case WASM_OP_F64X2_CEIL: case WASM_OP_F64X2_FLOOR: case WASM_OP_F64X2_TRUNC: case WASM_OP_F64X2_NEAREST:
	case WASM_OP_F64X2_SQRT: case WASM_OP_F64X2_ADD: case WASM_OP_F64X2_SUB: case WASM_OP_F64X2_MUL:
	case WASM_OP_F64X2_DIV: case WASM_OP_F64X2_MIN: case WASM_OP_F64X2_MAX: case WASM_OP_F64X2_PROMOTE_LOW_F32X4:
		*lanes = 2;
		return t->f64;
	default:
		return NULL;
	}
}

bool cg_canonicalize_nans(struct cg_func *f, unsigned op)
{
	struct cg_ctx *c = f->c;
	unsigned lanes;
	LLVMTypeRef elem = arithmetic_result(&c->t, op, &lanes);
	if (!elem)
		return true;
	LLVMTypeRef type = lanes ? LLVMVectorType(elem, lanes) : elem;
	LLVMValueRef top = cg_pop(f);
	LLVMTypeRef stack_type = LLVMTypeOf(top);
	LLVMValueRef v = LLVMBuildBitCast(B, top, type, "");
	LLVMValueRef nan = LLVMConstRealOfString(elem, "nan");
	if (lanes) {
		LLVMValueRef splat[4] = { nan, nan, nan, nan };
		nan = LLVMConstVector(splat, lanes);
	}
	LLVMValueRef is_nan = LLVMBuildFCmp(B, LLVMRealUNO, v, v, "");
	v = LLVMBuildSelect(B, is_nan, nan, v, "");
	return cg_push(f, LLVMBuildBitCast(B, v, stack_type, ""));
}
