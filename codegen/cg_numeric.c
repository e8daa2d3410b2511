/*
 * Numeric instructions: constants, integer and floating-point arithmetic,
 * comparisons. Wasm semantics that LLVM leaves undefined (division traps,
 * shift counts, min/max with NaN and signed zeros) are made exact here.
 */
#include "cg_func.h"

#define B (f->c->b)

static LLVMValueRef bool_to_i32(struct cg_func *f, LLVMValueRef flag)
{
	return LLVMBuildZExt(B, flag, f->c->t.i32, "");
}

static bool push_icmp(struct cg_func *f, LLVMIntPredicate pred)
{
	LLVMValueRef rhs = cg_pop(f), lhs = cg_pop(f);
	return cg_push(f, bool_to_i32(f, LLVMBuildICmp(B, pred, lhs, rhs, "")));
}

static bool push_fcmp(struct cg_func *f, LLVMRealPredicate pred)
{
	LLVMValueRef rhs = cg_pop(f), lhs = cg_pop(f);
	return cg_push(f, bool_to_i32(f, LLVMBuildFCmp(B, pred, lhs, rhs, "")));
}

static bool push_binop(struct cg_func *f, LLVMOpcode op)
{
	LLVMValueRef rhs = cg_pop(f), lhs = cg_pop(f);
	return cg_push(f, LLVMBuildBinOp(B, op, lhs, rhs, ""));
}

/*
 * LLVM folds x - 0.0, x * 1.0, x / 1.0, x / -1.0, -0.0 - x to x or -x,
 * which passes a signalling NaN through where Wasm produces a quiet one.
 * Such a constant is loaded from a global LLVM cannot see the value of
 * (externally initialized); x86-64 loads FP constants from memory anyway.
 */
LLVMValueRef cg_opaque_fp_const(struct cg_func *f, LLVMValueRef v)
{
	LLVMValueRef g = LLVMAddGlobal(f->c->mod, LLVMTypeOf(v), "fp_identity");
	LLVMSetInitializer(g, cg_fold_constant(f->c->mod, v));
	LLVMSetLinkage(g, LLVMInternalLinkage);
	LLVMSetExternallyInitialized(g, 1);
	return LLVMBuildLoad2(B, LLVMTypeOf(v), g, "");
}

static LLVMValueRef opaque_if_identity(struct cg_func *f, LLVMValueRef v)
{
	if (!LLVMIsAConstantFP(v))
		return v;
	LLVMBool loses;
	double d = LLVMConstRealGetDouble(v, &loses);
	return d == 0.0 || d == 1.0 || d == -1.0 ? cg_opaque_fp_const(f, v) : v;
}

static bool push_fp_binop(struct cg_func *f, LLVMOpcode op)
{
	LLVMValueRef rhs = opaque_if_identity(f, cg_pop(f));
	LLVMValueRef lhs = opaque_if_identity(f, cg_pop(f));
	return cg_push(f, LLVMBuildBinOp(B, op, lhs, rhs, ""));
}

static bool push_unary_intrinsic(struct cg_func *f, const char *name)
{
	LLVMValueRef x = cg_pop(f);
	LLVMTypeRef type = LLVMTypeOf(x);
	return cg_push(f, cg_intrinsic(f->c, name, &type, 1, &x, 1));
}

static bool push_binary_intrinsic(struct cg_func *f, const char *name)
{
	LLVMValueRef args[2];
	args[1] = cg_pop(f);
	args[0] = cg_pop(f);
	LLVMTypeRef type = LLVMTypeOf(args[0]);
	return cg_push(f, cg_intrinsic(f->c, name, &type, 1, args, 2));
}

/*
 * ceil/floor/trunc/nearest: some lowerings (RISC-V's) return a signalling
 * NaN unquieted, where Wasm wants a quiet one: a NaN input gives x + x.
 */
static bool push_rounding(struct cg_func *f, const char *name)
{
	LLVMValueRef x = cg_pop(f);
	LLVMTypeRef type = LLVMTypeOf(x);
	LLVMValueRef rounded = cg_intrinsic(f->c, name, &type, 1, &x, 1);
	LLVMValueRef is_nan = LLVMBuildFCmp(B, LLVMRealUNO, x, x, "");
	return cg_push(f, LLVMBuildSelect(B, is_nan, LLVMBuildFAdd(B, x, x, ""), rounded, ""));
}

/* ctlz/cttz with a zero input defined (the bit width). */
static bool push_count_zeros(struct cg_func *f, const char *name)
{
	LLVMValueRef args[2] = { cg_pop(f), LLVMConstInt(f->c->t.i1, 0, 0) };
	LLVMTypeRef type = LLVMTypeOf(args[0]);
	return cg_push(f, cg_intrinsic(f->c, name, &type, 1, args, 2));
}

/* Shift counts are taken modulo the bit width. */
static bool push_shift(struct cg_func *f, LLVMOpcode op)
{
	LLVMValueRef rhs = cg_pop(f), lhs = cg_pop(f);
	LLVMTypeRef type = LLVMTypeOf(lhs);
	LLVMValueRef mask = LLVMConstInt(type, LLVMGetIntTypeWidth(type) - 1, 0);
	return cg_push(f, LLVMBuildBinOp(B, op, lhs, LLVMBuildAnd(B, rhs, mask, ""), ""));
}

/* rotl/rotr are funnel shifts of a value with itself (the count is masked by the intrinsic). */
static bool push_rotate(struct cg_func *f, const char *name)
{
	LLVMValueRef rhs = cg_pop(f), lhs = cg_pop(f);
	LLVMValueRef args[3] = { lhs, lhs, rhs };
	LLVMTypeRef type = LLVMTypeOf(lhs);
	return cg_push(f, cg_intrinsic(f->c, name, &type, 1, args, 3));
}

static bool push_div_rem(struct cg_func *f, LLVMOpcode op)
{
	struct cg_ctx *c = f->c;
	LLVMValueRef rhs = cg_pop(f), lhs = cg_pop(f);
	LLVMTypeRef type = LLVMTypeOf(lhs);
	LLVMValueRef zero = LLVMConstNull(type);
	cg_trap_if(c, LLVMBuildICmp(B, LLVMIntEQ, rhs, zero, ""), RT_TRAP_INT_DIV_BY_ZERO);
	if (op == LLVMSDiv || op == LLVMSRem) {
		unsigned bits = LLVMGetIntTypeWidth(type);
		LLVMValueRef min = LLVMConstInt(type, 1ull << (bits - 1), 0);
		LLVMValueRef minus_one = LLVMConstAllOnes(type);
		LLVMValueRef overflow = LLVMBuildAnd(B, LLVMBuildICmp(B, LLVMIntEQ, lhs, min, ""),
				LLVMBuildICmp(B, LLVMIntEQ, rhs, minus_one, ""), "");
		if (op == LLVMSDiv) {
			cg_trap_if(c, overflow, RT_TRAP_INT_OVERFLOW);
		} else {
			/* INT_MIN % -1 is 0 in Wasm but undefined in LLVM: divide by 1 instead. */
			rhs = LLVMBuildSelect(B, overflow, LLVMConstInt(type, 1, 0), rhs, "");
		}
	}
	return cg_push(f, LLVMBuildBinOp(B, op, lhs, rhs, ""));
}

static bool push_eqz(struct cg_func *f)
{
	LLVMValueRef x = cg_pop(f);
	return cg_push(f, bool_to_i32(f, LLVMBuildICmp(B, LLVMIntEQ, x, LLVMConstNull(LLVMTypeOf(x)), "")));
}

/*
 * IEEE 754-2019 minimum/maximum (NaN-propagating, -0 < +0) as Wasm says,
 * except that a signalling NaN operand must give a quiet NaN, which the
 * intrinsic may pass through unchanged: a NaN result is recomputed as a + b.
 */
static bool push_min_max(struct cg_func *f, const char *name)
{
	LLVMValueRef args[2];
	args[1] = cg_pop(f);
	args[0] = cg_pop(f);
	LLVMTypeRef type = LLVMTypeOf(args[0]);
	LLVMValueRef result = cg_intrinsic(f->c, name, &type, 1, args, 2);
	LLVMValueRef any_nan = LLVMBuildFCmp(B, LLVMRealUNO, args[0], args[1], "");
	LLVMValueRef quiet = LLVMBuildFAdd(B, args[0], args[1], "");
	return cg_push(f, LLVMBuildSelect(B, any_nan, quiet, result, ""));
}

static bool push_fneg(struct cg_func *f)
{
	return cg_push(f, LLVMBuildFNeg(B, cg_pop(f), ""));
}

/* Sign-extension operators: truncate to the narrow width, then extend back. */
static bool push_extend_s(struct cg_func *f, LLVMTypeRef narrow)
{
	LLVMValueRef x = cg_pop(f);
	return cg_push(f, LLVMBuildSExt(B, LLVMBuildTrunc(B, x, narrow, ""), LLVMTypeOf(x), ""));
}

static bool push_const(struct cg_func *f, const struct wasm_insn *insn)
{
	struct cg_types *t = &f->c->t;
	switch (insn->op) {
	case WASM_OP_I32_CONST:
		return cg_push(f, LLVMConstInt(t->i32, (uint32_t)insn->imm.i32, 0));
	case WASM_OP_I64_CONST:
		return cg_push(f, LLVMConstInt(t->i64, (uint64_t)insn->imm.i64, 0));
	case WASM_OP_F32_CONST:
		/* Through the bits, so that NaN payloads survive. */
		return cg_push(f, LLVMConstBitCast(LLVMConstInt(t->i32, insn->imm.f32_bits, 0), t->f32));
	default:
		return cg_push(f, LLVMConstBitCast(LLVMConstInt(t->i64, insn->imm.f64_bits, 0), t->f64));
	}
}

bool cg_lower_numeric(struct cg_func *f, const struct wasm_insn *insn)
{
	struct cg_types *t = &f->c->t;
	switch (insn->op) {
	case WASM_OP_I32_CONST: case WASM_OP_I64_CONST: case WASM_OP_F32_CONST: case WASM_OP_F64_CONST:
		return push_const(f, insn);

	case WASM_OP_I32_EQZ: case WASM_OP_I64_EQZ: return push_eqz(f);
	case WASM_OP_I32_EQ: case WASM_OP_I64_EQ: return push_icmp(f, LLVMIntEQ);
	case WASM_OP_I32_NE: case WASM_OP_I64_NE: return push_icmp(f, LLVMIntNE);
	case WASM_OP_I32_LT_S: case WASM_OP_I64_LT_S: return push_icmp(f, LLVMIntSLT);
	case WASM_OP_I32_LT_U: case WASM_OP_I64_LT_U: return push_icmp(f, LLVMIntULT);
	case WASM_OP_I32_GT_S: case WASM_OP_I64_GT_S: return push_icmp(f, LLVMIntSGT);
	case WASM_OP_I32_GT_U: case WASM_OP_I64_GT_U: return push_icmp(f, LLVMIntUGT);
	case WASM_OP_I32_LE_S: case WASM_OP_I64_LE_S: return push_icmp(f, LLVMIntSLE);
	case WASM_OP_I32_LE_U: case WASM_OP_I64_LE_U: return push_icmp(f, LLVMIntULE);
	case WASM_OP_I32_GE_S: case WASM_OP_I64_GE_S: return push_icmp(f, LLVMIntSGE);
	case WASM_OP_I32_GE_U: case WASM_OP_I64_GE_U: return push_icmp(f, LLVMIntUGE);

	case WASM_OP_F32_EQ: case WASM_OP_F64_EQ: return push_fcmp(f, LLVMRealOEQ);
	case WASM_OP_F32_NE: case WASM_OP_F64_NE: return push_fcmp(f, LLVMRealUNE);
	case WASM_OP_F32_LT: case WASM_OP_F64_LT: return push_fcmp(f, LLVMRealOLT);
	case WASM_OP_F32_GT: case WASM_OP_F64_GT: return push_fcmp(f, LLVMRealOGT);
	case WASM_OP_F32_LE: case WASM_OP_F64_LE: return push_fcmp(f, LLVMRealOLE);
	case WASM_OP_F32_GE: case WASM_OP_F64_GE: return push_fcmp(f, LLVMRealOGE);

	case WASM_OP_I32_CLZ: case WASM_OP_I64_CLZ: return push_count_zeros(f, "llvm.ctlz");
	case WASM_OP_I32_CTZ: case WASM_OP_I64_CTZ: return push_count_zeros(f, "llvm.cttz");
	case WASM_OP_I32_POPCNT: case WASM_OP_I64_POPCNT: return push_unary_intrinsic(f, "llvm.ctpop");
	case WASM_OP_I32_ADD: case WASM_OP_I64_ADD: return push_binop(f, LLVMAdd);
	case WASM_OP_I32_SUB: case WASM_OP_I64_SUB: return push_binop(f, LLVMSub);
	case WASM_OP_I32_MUL: case WASM_OP_I64_MUL: return push_binop(f, LLVMMul);
	case WASM_OP_I32_DIV_S: case WASM_OP_I64_DIV_S: return push_div_rem(f, LLVMSDiv);
	case WASM_OP_I32_DIV_U: case WASM_OP_I64_DIV_U: return push_div_rem(f, LLVMUDiv);
	case WASM_OP_I32_REM_S: case WASM_OP_I64_REM_S: return push_div_rem(f, LLVMSRem);
	case WASM_OP_I32_REM_U: case WASM_OP_I64_REM_U: return push_div_rem(f, LLVMURem);
	case WASM_OP_I32_AND: case WASM_OP_I64_AND: return push_binop(f, LLVMAnd);
	case WASM_OP_I32_OR: case WASM_OP_I64_OR: return push_binop(f, LLVMOr);
	case WASM_OP_I32_XOR: case WASM_OP_I64_XOR: return push_binop(f, LLVMXor);
	case WASM_OP_I32_SHL: case WASM_OP_I64_SHL: return push_shift(f, LLVMShl);
	case WASM_OP_I32_SHR_S: case WASM_OP_I64_SHR_S: return push_shift(f, LLVMAShr);
	case WASM_OP_I32_SHR_U: case WASM_OP_I64_SHR_U: return push_shift(f, LLVMLShr);
	case WASM_OP_I32_ROTL: case WASM_OP_I64_ROTL: return push_rotate(f, "llvm.fshl");
	case WASM_OP_I32_ROTR: case WASM_OP_I64_ROTR: return push_rotate(f, "llvm.fshr");

	case WASM_OP_F32_ABS: case WASM_OP_F64_ABS: return push_unary_intrinsic(f, "llvm.fabs");
	case WASM_OP_F32_NEG: case WASM_OP_F64_NEG: return push_fneg(f);
	case WASM_OP_F32_CEIL: case WASM_OP_F64_CEIL: return push_rounding(f, "llvm.ceil");
	case WASM_OP_F32_FLOOR: case WASM_OP_F64_FLOOR: return push_rounding(f, "llvm.floor");
	case WASM_OP_F32_TRUNC: case WASM_OP_F64_TRUNC: return push_rounding(f, "llvm.trunc");
	case WASM_OP_F32_NEAREST: case WASM_OP_F64_NEAREST: return push_rounding(f, "llvm.roundeven");
	case WASM_OP_F32_SQRT: case WASM_OP_F64_SQRT: return push_unary_intrinsic(f, "llvm.sqrt");
	case WASM_OP_F32_ADD: case WASM_OP_F64_ADD: return push_fp_binop(f, LLVMFAdd);
	case WASM_OP_F32_SUB: case WASM_OP_F64_SUB: return push_fp_binop(f, LLVMFSub);
	case WASM_OP_F32_MUL: case WASM_OP_F64_MUL: return push_fp_binop(f, LLVMFMul);
	case WASM_OP_F32_DIV: case WASM_OP_F64_DIV: return push_fp_binop(f, LLVMFDiv);
	case WASM_OP_F32_MIN: case WASM_OP_F64_MIN: return push_min_max(f, "llvm.minimum");
	case WASM_OP_F32_MAX: case WASM_OP_F64_MAX: return push_min_max(f, "llvm.maximum");
	case WASM_OP_F32_COPYSIGN: case WASM_OP_F64_COPYSIGN: return push_binary_intrinsic(f, "llvm.copysign");

	case WASM_OP_I32_EXTEND8_S: case WASM_OP_I64_EXTEND8_S: return push_extend_s(f, t->i8);
	case WASM_OP_I32_EXTEND16_S: case WASM_OP_I64_EXTEND16_S: return push_extend_s(f, t->i16);
	case WASM_OP_I64_EXTEND32_S: return push_extend_s(f, t->i32);
	default:
		return cg_fail(f->c, f->at, "%s: not implemented in codegen", wasm_opinfo[insn->op].text);
	}
}
