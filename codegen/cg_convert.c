/* Conversions between number types; float-to-int truncation traps as Wasm says. */
#include "cg_func.h"

#define B (f->c->b)

/*
 * Exclusive bounds of the source values that truncate into range:
 * lo < x < hi. Each is exactly representable in its float type.
 */
struct trunc_bounds {
	double lo, hi;
};

static const struct trunc_bounds BOUNDS_I32_S_F32 = { -2147483904.0, 2147483648.0 };
static const struct trunc_bounds BOUNDS_I32_S_F64 = { -2147483649.0, 2147483648.0 };
static const struct trunc_bounds BOUNDS_I32_U = { -1.0, 4294967296.0 };
static const struct trunc_bounds BOUNDS_I64_S_F32 = { -9223373136366403584.0, 9223372036854775808.0 };
static const struct trunc_bounds BOUNDS_I64_S_F64 = { -9223372036854777856.0, 9223372036854775808.0 };
static const struct trunc_bounds BOUNDS_I64_U = { -1.0, 18446744073709551616.0 };

static bool push_trunc(struct cg_func *f, LLVMTypeRef to, bool is_signed, const struct trunc_bounds *bounds)
{
	struct cg_ctx *c = f->c;
	LLVMValueRef x = cg_pop(f);
	LLVMTypeRef from = LLVMTypeOf(x);
	cg_trap_if(c, LLVMBuildFCmp(B, LLVMRealUNO, x, x, ""), RT_TRAP_INVALID_CONVERSION);
	LLVMValueRef in_range = LLVMBuildAnd(B,
			LLVMBuildFCmp(B, LLVMRealOGT, x, LLVMConstReal(from, bounds->lo), ""),
			LLVMBuildFCmp(B, LLVMRealOLT, x, LLVMConstReal(from, bounds->hi), ""), "");
	cg_trap_if(c, LLVMBuildNot(B, in_range, ""), RT_TRAP_INT_OVERFLOW);
	return cg_push(f, is_signed ? LLVMBuildFPToSI(B, x, to, "") : LLVMBuildFPToUI(B, x, to, ""));
}

static bool push_trunc_sat(struct cg_func *f, LLVMTypeRef to, bool is_signed)
{
	LLVMValueRef x = cg_pop(f);
	LLVMTypeRef overloads[2] = { to, LLVMTypeOf(x) };
	return cg_push(f, cg_intrinsic(f->c, is_signed ? "llvm.fptosi.sat" : "llvm.fptoui.sat", overloads, 2, &x, 1));
}

static bool push_cast(struct cg_func *f, LLVMOpcode op, LLVMTypeRef to)
{
	return cg_push(f, LLVMBuildCast(B, op, cg_pop(f), to, ""));
}

/*
 * LLVM folds demote(promote(x)) to x, passing a signalling NaN through where
 * the conversions quiet it: then the result is multiplied by a 1.0 that LLVM
 * cannot see (llvm.canonicalize would say it, but x86's backend lacks it).
 */
static bool push_demote(struct cg_func *f)
{
	LLVMValueRef x = cg_pop(f);
	LLVMValueRef v = LLVMBuildFPTrunc(B, x, f->c->t.f32, "");
	if (LLVMIsAFPExtInst(x))
		v = LLVMBuildFMul(B, v, cg_opaque_fp_const(f, LLVMConstReal(f->c->t.f32, 1.0)), "");
	return cg_push(f, v);
}

bool cg_lower_convert(struct cg_func *f, const struct wasm_insn *insn)
{
	struct cg_types *t = &f->c->t;
	switch (insn->op) {
	case WASM_OP_I32_WRAP_I64: return push_cast(f, LLVMTrunc, t->i32);
	case WASM_OP_I64_EXTEND_I32_S: return push_cast(f, LLVMSExt, t->i64);
	case WASM_OP_I64_EXTEND_I32_U: return push_cast(f, LLVMZExt, t->i64);

	case WASM_OP_I32_TRUNC_F32_S: return push_trunc(f, t->i32, true, &BOUNDS_I32_S_F32);
	case WASM_OP_I32_TRUNC_F64_S: return push_trunc(f, t->i32, true, &BOUNDS_I32_S_F64);
	case WASM_OP_I32_TRUNC_F32_U: case WASM_OP_I32_TRUNC_F64_U: return push_trunc(f, t->i32, false, &BOUNDS_I32_U);
	case WASM_OP_I64_TRUNC_F32_S: return push_trunc(f, t->i64, true, &BOUNDS_I64_S_F32);
	case WASM_OP_I64_TRUNC_F64_S: return push_trunc(f, t->i64, true, &BOUNDS_I64_S_F64);
	case WASM_OP_I64_TRUNC_F32_U: case WASM_OP_I64_TRUNC_F64_U: return push_trunc(f, t->i64, false, &BOUNDS_I64_U);

	case WASM_OP_I32_TRUNC_SAT_F32_S: case WASM_OP_I32_TRUNC_SAT_F64_S: return push_trunc_sat(f, t->i32, true);
	case WASM_OP_I32_TRUNC_SAT_F32_U: case WASM_OP_I32_TRUNC_SAT_F64_U: return push_trunc_sat(f, t->i32, false);
	case WASM_OP_I64_TRUNC_SAT_F32_S: case WASM_OP_I64_TRUNC_SAT_F64_S: return push_trunc_sat(f, t->i64, true);
	case WASM_OP_I64_TRUNC_SAT_F32_U: case WASM_OP_I64_TRUNC_SAT_F64_U: return push_trunc_sat(f, t->i64, false);

	case WASM_OP_F32_CONVERT_I32_S: case WASM_OP_F32_CONVERT_I64_S: return push_cast(f, LLVMSIToFP, t->f32);
	case WASM_OP_F32_CONVERT_I32_U: case WASM_OP_F32_CONVERT_I64_U: return push_cast(f, LLVMUIToFP, t->f32);
	case WASM_OP_F64_CONVERT_I32_S: case WASM_OP_F64_CONVERT_I64_S: return push_cast(f, LLVMSIToFP, t->f64);
	case WASM_OP_F64_CONVERT_I32_U: case WASM_OP_F64_CONVERT_I64_U: return push_cast(f, LLVMUIToFP, t->f64);
	case WASM_OP_F32_DEMOTE_F64: return push_demote(f);
	case WASM_OP_F64_PROMOTE_F32: return push_cast(f, LLVMFPExt, t->f64);

	case WASM_OP_I32_REINTERPRET_F32: return push_cast(f, LLVMBitCast, t->i32);
	case WASM_OP_I64_REINTERPRET_F64: return push_cast(f, LLVMBitCast, t->i64);
	case WASM_OP_F32_REINTERPRET_I32: return push_cast(f, LLVMBitCast, t->f32);
	case WASM_OP_F64_REINTERPRET_I64: return push_cast(f, LLVMBitCast, t->f64);
	default:
		return cg_fail(f->c, f->at, "%s: not implemented in codegen", wasm_opinfo[insn->op].text);
	}
}
