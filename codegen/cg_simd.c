/*
 * SIMD (v128) instructions. A v128 on the operand stack is always <2 x i64>;
 * each instruction bitcasts to its lane shape, works in plain vector IR and
 * casts back. Plain IR (no target intrinsics) lets one lowering serve x86-64,
 * AArch64 and RISC-V; the patterns used (clamp-then-truncate, widen-add-shift,
 * compare-to-mask) are the ones LLVM matches to pack, pavg, pmovmsk and kin.
 */
#include <string.h>

#include "cg_func.h"

#define B (f->c->b)

/* The lane shape an instruction works on: its mnemonic's prefix ("i16x8.add"). */
static LLVMTypeRef shape_of(struct cg_func *f, enum wasm_opcode op)
{
	static const char *const prefixes[] = { "i8x16.", "i16x8.", "i32x4.", "i64x2.", "f32x4.", "f64x2." };
	struct cg_types *t = &f->c->t;
	LLVMTypeRef shapes[] = { t->i8x16, t->i16x8, t->i32x4, t->i64x2, t->f32x4, t->f64x2 };
	const char *text = wasm_opinfo[op].text;
	for (unsigned i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (!strncmp(text, prefixes[i], strlen(prefixes[i])))
			return shapes[i];
	return t->v128;
}

/* The integer shape of a float shape (for comparison masks); integer shapes map to themselves. */
static LLVMTypeRef int_shape(struct cg_func *f, LLVMTypeRef shape)
{
	struct cg_types *t = &f->c->t;
	return shape == t->f32x4 ? t->i32x4 : shape == t->f64x2 ? t->i64x2 : shape;
}

/* The shape with lanes half as wide and twice as many: the source of extends, extmul, extadd. */
static LLVMTypeRef narrow_shape(struct cg_func *f, LLVMTypeRef shape)
{
	struct cg_types *t = &f->c->t;
	return shape == t->i16x8 ? t->i8x16 : shape == t->i32x4 ? t->i16x8 : t->i32x4;
}

static unsigned lane_bits(LLVMTypeRef shape)
{
	return LLVMGetIntTypeWidth(LLVMGetElementType(shape));
}

static bool is_float(LLVMTypeRef shape)
{
	return LLVMGetTypeKind(LLVMGetElementType(shape)) != LLVMIntegerTypeKind;
}

/*
 * A float constant that LLVM could fold away as an identity (x * 1, x + -0,
 * x / -1 ...) would let a signalling NaN through unquieted: it is hidden
 * from the folder as cg_opaque_fp_const says. A v128.const reinterpreted
 * to other lanes is still a bitcast expression here, its lanes unknown.
 */
static LLVMValueRef fp_operand(struct cg_func *f, LLVMValueRef v)
{
	if (!LLVMIsConstant(v))
		return v;
	unsigned n = LLVMGetVectorSize(LLVMTypeOf(v));
	for (unsigned i = 0; i < n; i++) {
		LLVMValueRef lane = LLVMGetAggregateElement(v, i);
		if (!lane || !LLVMIsAConstantFP(lane))
			return cg_opaque_fp_const(f, v);
		LLVMBool loses;
		double d = LLVMConstRealGetDouble(lane, &loses);
		if (d == 0.0 || d == 1.0 || d == -1.0)
			return cg_opaque_fp_const(f, v);
	}
	return v;
}

static LLVMValueRef pop_as(struct cg_func *f, LLVMTypeRef shape)
{
	return LLVMBuildBitCast(B, cg_pop(f), shape, "");
}

static bool push_v128(struct cg_func *f, LLVMValueRef v)
{
	return cg_push(f, LLVMBuildBitCast(B, v, f->c->t.v128, ""));
}

/* A constant vector of `shape` (integer lanes) with every lane `value`, truncated to the lane width. */
static LLVMValueRef const_splat(LLVMTypeRef shape, uint64_t value)
{
	unsigned n = LLVMGetVectorSize(shape), bits = lane_bits(shape);
	if (bits < 64)
		value &= (1ull << bits) - 1;
	LLVMValueRef lanes[16];
	lanes[0] = LLVMConstInt(LLVMGetElementType(shape), value, 0);
	for (unsigned i = 1; i < n; i++)
		lanes[i] = lanes[0];
	return LLVMConstVector(lanes, n);
}

static LLVMValueRef splat(struct cg_func *f, LLVMValueRef scalar, LLVMTypeRef shape)
{
	struct cg_ctx *c = f->c;
	unsigned n = LLVMGetVectorSize(shape);
	LLVMValueRef v = LLVMBuildInsertElement(B, LLVMGetPoison(shape), scalar, cg_const_i32(c, 0), "");
	return LLVMBuildShuffleVector(B, v, LLVMGetPoison(shape), LLVMConstNull(LLVMVectorType(c->t.i32, n)), "");
}

/* Lanes first, first + step, ... (n of them) of the concatenation a ++ b. */
static LLVMValueRef pick_lanes(struct cg_func *f, LLVMValueRef a, LLVMValueRef b, unsigned first, unsigned n,
		unsigned step)
{
	LLVMValueRef mask[32];
	for (unsigned i = 0; i < n; i++)
		mask[i] = cg_const_i32(f->c, first + i * step);
	return LLVMBuildShuffleVector(B, a, b, LLVMConstVector(mask, n), "");
}

static LLVMValueRef call1(struct cg_func *f, const char *name, LLVMValueRef x)
{
	LLVMTypeRef type = LLVMTypeOf(x);
	return cg_intrinsic(f->c, name, &type, 1, &x, 1);
}

static LLVMValueRef call2(struct cg_func *f, const char *name, LLVMValueRef x, LLVMValueRef y)
{
	LLVMTypeRef type = LLVMTypeOf(x);
	LLVMValueRef args[2] = { x, y };
	return cg_intrinsic(f->c, name, &type, 1, args, 2);
}

/* ---- constants, shuffles, lanes ---- */

static bool push_const(struct cg_func *f, const struct wasm_insn *insn)
{
	LLVMValueRef halves[2];
	for (unsigned h = 0; h < 2; h++) {
		uint64_t bits = 0;
		for (unsigned i = 0; i < 8; i++)
			bits |= (uint64_t)insn->imm.v128[h * 8 + i] << (8 * i);
		halves[h] = cg_const_i64(f->c, bits);
	}
	return cg_push(f, LLVMConstVector(halves, 2));
}

static bool push_shuffle(struct cg_func *f, const struct wasm_insn *insn)
{
	struct cg_types *t = &f->c->t;
	LLVMValueRef b = pop_as(f, t->i8x16), a = pop_as(f, t->i8x16);
	LLVMValueRef mask[16];
	for (unsigned i = 0; i < 16; i++)
		mask[i] = cg_const_i32(f->c, insn->imm.v128[i]);
	return push_v128(f, LLVMBuildShuffleVector(B, a, b, LLVMConstVector(mask, 16), ""));
}

/*
 * Out-of-range indices select 0. The lanes are built as a[index & 15] from a
 * vector of masked indices, the shape that LLVM turns into pshufb or tbl
 * where the target has one.
 */
static bool push_swizzle(struct cg_func *f)
{
	struct cg_ctx *c = f->c;
	LLVMTypeRef v = c->t.i8x16;
	LLVMValueRef s = pop_as(f, v), a = pop_as(f, v);
	LLVMValueRef index = LLVMBuildAnd(B, s, const_splat(v, 15), "");
	LLVMValueRef r = LLVMGetPoison(v);
	for (unsigned i = 0; i < 16; i++) {
		LLVMValueRef k = LLVMBuildExtractElement(B, index, cg_const_i32(c, i), "");
		r = LLVMBuildInsertElement(B, r, LLVMBuildExtractElement(B, a, k, ""), cg_const_i32(c, i), "");
	}
	LLVMValueRef in_range = LLVMBuildICmp(B, LLVMIntULT, s, const_splat(v, 16), "");
	return push_v128(f, LLVMBuildSelect(B, in_range, r, LLVMConstNull(v), ""));
}

static bool push_splat(struct cg_func *f, LLVMTypeRef shape)
{
	LLVMValueRef x = cg_pop(f);
	LLVMTypeRef lane = LLVMGetElementType(shape);
	if (LLVMTypeOf(x) != lane)
		x = LLVMBuildTrunc(B, x, lane, "");
	return push_v128(f, splat(f, x, shape));
}

static bool push_extract_lane(struct cg_func *f, LLVMTypeRef shape, uint8_t lane, bool is_signed)
{
	LLVMValueRef x = LLVMBuildExtractElement(B, pop_as(f, shape), cg_const_i32(f->c, lane), "");
	LLVMTypeRef type = LLVMTypeOf(x);
	if (LLVMGetTypeKind(type) == LLVMIntegerTypeKind && LLVMGetIntTypeWidth(type) < 32)
		x = is_signed ? LLVMBuildSExt(B, x, f->c->t.i32, "") : LLVMBuildZExt(B, x, f->c->t.i32, "");
	return cg_push(f, x);
}

static bool push_replace_lane(struct cg_func *f, LLVMTypeRef shape, uint8_t lane)
{
	LLVMValueRef x = cg_pop(f);
	LLVMValueRef v = pop_as(f, shape);
	LLVMTypeRef lane_type = LLVMGetElementType(shape);
	if (LLVMTypeOf(x) != lane_type)
		x = LLVMBuildTrunc(B, x, lane_type, "");
	return push_v128(f, LLVMBuildInsertElement(B, v, x, cg_const_i32(f->c, lane), ""));
}

/* ---- memory ---- */

static LLVMValueRef load(struct cg_func *f, const struct wasm_insn *insn, LLVMValueRef addr, LLVMTypeRef type)
{
	return cg_memory_load(f, type, addr, insn->imm.mem.memarg.offset);
}

static void store(struct cg_func *f, const struct wasm_insn *insn, LLVMValueRef addr, LLVMValueRef value)
{
	cg_memory_access(f, LLVMBuildStore(B, value, cg_address(f, addr, insn->imm.mem.memarg.offset)));
}

/* load8x8_s and kin: `half` lanes from memory, each widened to `shape`'s lanes. */
static bool push_load_extend(struct cg_func *f, const struct wasm_insn *insn, LLVMTypeRef half, LLVMTypeRef shape,
		bool is_signed)
{
	LLVMValueRef v = load(f, insn, cg_pop(f), half);
	return push_v128(f, is_signed ? LLVMBuildSExt(B, v, shape, "") : LLVMBuildZExt(B, v, shape, ""));
}

static bool push_load_splat(struct cg_func *f, const struct wasm_insn *insn, LLVMTypeRef shape)
{
	return push_v128(f, splat(f, load(f, insn, cg_pop(f), LLVMGetElementType(shape)), shape));
}

/* load32_zero, load64_zero: lane 0 from memory, the others 0. */
static bool push_load_zero(struct cg_func *f, const struct wasm_insn *insn, LLVMTypeRef shape)
{
	LLVMValueRef x = load(f, insn, cg_pop(f), LLVMGetElementType(shape));
	return push_v128(f, LLVMBuildInsertElement(B, LLVMConstNull(shape), x, cg_const_i32(f->c, 0), ""));
}

static bool push_load_lane(struct cg_func *f, const struct wasm_insn *insn, LLVMTypeRef shape)
{
	LLVMValueRef v = pop_as(f, shape);
	LLVMValueRef x = load(f, insn, cg_pop(f), LLVMGetElementType(shape));
	return push_v128(f, LLVMBuildInsertElement(B, v, x, cg_const_i32(f->c, insn->imm.mem.lane), ""));
}

static bool store_lane(struct cg_func *f, const struct wasm_insn *insn, LLVMTypeRef shape)
{
	LLVMValueRef v = pop_as(f, shape);
	store(f, insn, cg_pop(f), LLVMBuildExtractElement(B, v, cg_const_i32(f->c, insn->imm.mem.lane), ""));
	return true;
}

static bool lower_memory(struct cg_func *f, const struct wasm_insn *insn)
{
	struct cg_types *t = &f->c->t;
	switch (insn->op) {
	case WASM_OP_V128_LOAD: return cg_push(f, load(f, insn, cg_pop(f), t->v128));
	case WASM_OP_V128_STORE: {
		LLVMValueRef v = cg_pop(f);
		store(f, insn, cg_pop(f), v);
		return true;
	}
	case WASM_OP_V128_LOAD8X8_S: return push_load_extend(f, insn, t->i8x8, t->i16x8, true);
	case WASM_OP_V128_LOAD8X8_U: return push_load_extend(f, insn, t->i8x8, t->i16x8, false);
	case WASM_OP_V128_LOAD16X4_S: return push_load_extend(f, insn, t->i16x4, t->i32x4, true);
	case WASM_OP_V128_LOAD16X4_U: return push_load_extend(f, insn, t->i16x4, t->i32x4, false);
	case WASM_OP_V128_LOAD32X2_S: return push_load_extend(f, insn, t->i32x2, t->i64x2, true);
	case WASM_OP_V128_LOAD32X2_U: return push_load_extend(f, insn, t->i32x2, t->i64x2, false);
	case WASM_OP_V128_LOAD8_SPLAT: return push_load_splat(f, insn, t->i8x16);
	case WASM_OP_V128_LOAD16_SPLAT: return push_load_splat(f, insn, t->i16x8);
	case WASM_OP_V128_LOAD32_SPLAT: return push_load_splat(f, insn, t->i32x4);
	case WASM_OP_V128_LOAD64_SPLAT: return push_load_splat(f, insn, t->i64x2);
	case WASM_OP_V128_LOAD32_ZERO: return push_load_zero(f, insn, t->i32x4);
	case WASM_OP_V128_LOAD64_ZERO: return push_load_zero(f, insn, t->i64x2);
	case WASM_OP_V128_LOAD8_LANE: return push_load_lane(f, insn, t->i8x16);
	case WASM_OP_V128_LOAD16_LANE: return push_load_lane(f, insn, t->i16x8);
	case WASM_OP_V128_LOAD32_LANE: return push_load_lane(f, insn, t->i32x4);
	case WASM_OP_V128_LOAD64_LANE: return push_load_lane(f, insn, t->i64x2);
	case WASM_OP_V128_STORE8_LANE: return store_lane(f, insn, t->i8x16);
	case WASM_OP_V128_STORE16_LANE: return store_lane(f, insn, t->i16x8);
	case WASM_OP_V128_STORE32_LANE: return store_lane(f, insn, t->i32x4);
	case WASM_OP_V128_STORE64_LANE: return store_lane(f, insn, t->i64x2);
	default:
		return cg_fail(f->c, f->at, "%s: not implemented in codegen", wasm_opinfo[insn->op].text);
	}
}

/* ---- bitwise and boolean reductions ---- */

static bool push_andnot(struct cg_func *f)
{
	LLVMValueRef b = cg_pop(f), a = cg_pop(f);
	return cg_push(f, LLVMBuildAnd(B, a, LLVMBuildNot(B, b, ""), ""));
}

static bool push_bitselect(struct cg_func *f)
{
	LLVMValueRef mask = cg_pop(f), b = cg_pop(f), a = cg_pop(f);
	/* b ^ ((a ^ b) & mask): one operation fewer than (a & mask) | (b & ~mask). */
	LLVMValueRef picked = LLVMBuildAnd(B, LLVMBuildXor(B, a, b, ""), mask, "");
	return cg_push(f, LLVMBuildXor(B, b, picked, ""));
}

static bool push_any_true(struct cg_func *f)
{
	struct cg_types *t = &f->c->t;
	LLVMValueRef wide = LLVMBuildBitCast(B, cg_pop(f), t->i128, "");
	LLVMValueRef nonzero = LLVMBuildICmp(B, LLVMIntNE, wide, LLVMConstNull(t->i128), "");
	return cg_push(f, LLVMBuildZExt(B, nonzero, t->i32, ""));
}

static bool push_all_true(struct cg_func *f, LLVMTypeRef shape)
{
	LLVMValueRef nonzero = LLVMBuildICmp(B, LLVMIntNE, pop_as(f, shape), LLVMConstNull(shape), "");
	return cg_push(f, LLVMBuildZExt(B, call1(f, "llvm.vector.reduce.and", nonzero), f->c->t.i32, ""));
}

/* The lanes' sign bits, lane 0 lowest: a <n x i1> reinterpreted as an n-bit integer. */
static bool push_bitmask(struct cg_func *f, LLVMTypeRef shape)
{
	struct cg_ctx *c = f->c;
	unsigned n = LLVMGetVectorSize(shape);
	LLVMValueRef negative = LLVMBuildICmp(B, LLVMIntSLT, pop_as(f, shape), LLVMConstNull(shape), "");
	LLVMValueRef bits = LLVMBuildBitCast(B, negative, LLVMIntTypeInContext(c->llvm, n), "");
	return cg_push(f, LLVMBuildZExt(B, bits, c->t.i32, ""));
}

/* ---- lane-wise arithmetic (push_binop and kin serve float lanes too), integer operations ---- */

static bool push_binop(struct cg_func *f, LLVMTypeRef shape, LLVMOpcode op)
{
	LLVMValueRef b = pop_as(f, shape), a = pop_as(f, shape);
	if (is_float(shape)) {
		a = fp_operand(f, a);
		b = fp_operand(f, b);
	}
	return push_v128(f, LLVMBuildBinOp(B, op, a, b, ""));
}

static bool push_binary_intrinsic(struct cg_func *f, LLVMTypeRef shape, const char *name)
{
	LLVMValueRef b = pop_as(f, shape), a = pop_as(f, shape);
	return push_v128(f, call2(f, name, a, b));
}

static bool push_unary_intrinsic(struct cg_func *f, LLVMTypeRef shape, const char *name)
{
	return push_v128(f, call1(f, name, pop_as(f, shape)));
}

/* Comparisons yield all-ones or all-zeros lanes. */
static bool push_compare(struct cg_func *f, LLVMTypeRef shape, int pred)
{
	LLVMValueRef b = pop_as(f, shape), a = pop_as(f, shape);
	LLVMValueRef flags = is_float(shape) ? LLVMBuildFCmp(B, (LLVMRealPredicate)pred, a, b, "")
		: LLVMBuildICmp(B, (LLVMIntPredicate)pred, a, b, "");
	return push_v128(f, LLVMBuildSExt(B, flags, int_shape(f, shape), ""));
}

static bool push_neg(struct cg_func *f, LLVMTypeRef shape)
{
	return push_v128(f, LLVMBuildNeg(B, pop_as(f, shape), ""));
}

/* abs of the minimum is the minimum (the intrinsic's "poison on INT_MIN" flag off). */
static bool push_abs(struct cg_func *f, LLVMTypeRef shape)
{
	LLVMValueRef args[2] = { pop_as(f, shape), LLVMConstInt(f->c->t.i1, 0, 0) };
	return push_v128(f, cg_intrinsic(f->c, "llvm.abs", &shape, 1, args, 2));
}

/* Shift counts are taken modulo the lane width. */
static bool push_shift(struct cg_func *f, LLVMTypeRef shape, LLVMOpcode op)
{
	LLVMValueRef count = cg_pop(f);
	LLVMValueRef x = pop_as(f, shape);
	unsigned bits = lane_bits(shape);
	count = LLVMBuildAnd(B, count, cg_const_i32(f->c, bits - 1), "");
	count = LLVMBuildIntCast2(B, count, LLVMGetElementType(shape), 0, "");
	return push_v128(f, LLVMBuildBinOp(B, op, x, splat(f, count, shape), ""));
}

/* Lanes of `shape`'s narrow source: the low or high half, widened to `shape`. */
static LLVMValueRef extend_half(struct cg_func *f, LLVMValueRef narrow, LLVMTypeRef shape, bool high, bool is_signed)
{
	unsigned n = LLVMGetVectorSize(shape);
	LLVMValueRef half = pick_lanes(f, narrow, narrow, high ? n : 0, n, 1);
	return is_signed ? LLVMBuildSExt(B, half, shape, "") : LLVMBuildZExt(B, half, shape, "");
}

static bool push_extend(struct cg_func *f, LLVMTypeRef shape, bool high, bool is_signed)
{
	LLVMValueRef x = pop_as(f, narrow_shape(f, shape));
	return push_v128(f, extend_half(f, x, shape, high, is_signed));
}

static bool push_extmul(struct cg_func *f, LLVMTypeRef shape, bool high, bool is_signed)
{
	LLVMTypeRef from = narrow_shape(f, shape);
	LLVMValueRef b = pop_as(f, from), a = pop_as(f, from);
	LLVMValueRef wa = extend_half(f, a, shape, high, is_signed), wb = extend_half(f, b, shape, high, is_signed);
	return push_v128(f, LLVMBuildMul(B, wa, wb, ""));
}

static bool push_extadd_pairwise(struct cg_func *f, LLVMTypeRef shape, bool is_signed)
{
	unsigned n = LLVMGetVectorSize(shape);
	LLVMValueRef x = pop_as(f, narrow_shape(f, shape));
	LLVMValueRef even = pick_lanes(f, x, x, 0, n, 2), odd = pick_lanes(f, x, x, 1, n, 2);
	LLVMOpcode ext = is_signed ? LLVMSExt : LLVMZExt;
	even = LLVMBuildCast(B, ext, even, shape, "");
	odd = LLVMBuildCast(B, ext, odd, shape, "");
	return push_v128(f, LLVMBuildAdd(B, even, odd, ""));
}

/* Both operands' lanes clamped to the narrow lanes' range, a's first. */
static bool push_narrow(struct cg_func *f, LLVMTypeRef shape, bool is_signed)
{
	LLVMTypeRef from = LLVMGetElementType(shape) == f->c->t.i8 ? f->c->t.i16x8 : f->c->t.i32x4;
	LLVMValueRef b = pop_as(f, from), a = pop_as(f, from);
	unsigned n = LLVMGetVectorSize(shape), bits = lane_bits(shape);
	LLVMValueRef both = pick_lanes(f, a, b, 0, n, 1);
	LLVMTypeRef wide = LLVMTypeOf(both);
	uint64_t lo = is_signed ? ~0ull << (bits - 1) : 0;
	uint64_t hi = is_signed ? (1ull << (bits - 1)) - 1 : (1ull << bits) - 1;
	both = call2(f, "llvm.smax", both, const_splat(wide, lo));
	both = call2(f, "llvm.smin", both, const_splat(wide, hi));
	return push_v128(f, LLVMBuildTrunc(B, both, shape, ""));
}

/* Rounding average: (a + b + 1) >> 1 in lanes twice as wide, so the carry is kept. */
static bool push_avgr_u(struct cg_func *f, LLVMTypeRef shape)
{
	struct cg_ctx *c = f->c;
	LLVMValueRef b = pop_as(f, shape), a = pop_as(f, shape);
	LLVMTypeRef wide = LLVMVectorType(LLVMIntTypeInContext(c->llvm, 2 * lane_bits(shape)), LLVMGetVectorSize(shape));
	LLVMValueRef sum = LLVMBuildAdd(B, LLVMBuildZExt(B, a, wide, ""), LLVMBuildZExt(B, b, wide, ""), "");
	sum = LLVMBuildAdd(B, sum, const_splat(wide, 1), "");
	sum = LLVMBuildLShr(B, sum, const_splat(wide, 1), "");
	return push_v128(f, LLVMBuildTrunc(B, sum, shape, ""));
}

/* (a * b + 0x4000) >> 15, saturated; only -0x8000 * -0x8000 exceeds the range. */
static bool push_q15mulr_sat(struct cg_func *f)
{
	struct cg_types *t = &f->c->t;
	LLVMValueRef b = pop_as(f, t->i16x8), a = pop_as(f, t->i16x8);
	LLVMTypeRef wide = LLVMVectorType(t->i32, 8);
	LLVMValueRef p = LLVMBuildMul(B, LLVMBuildSExt(B, a, wide, ""), LLVMBuildSExt(B, b, wide, ""), "");
	p = LLVMBuildAdd(B, p, const_splat(wide, 0x4000), "");
	p = LLVMBuildAShr(B, p, const_splat(wide, 15), "");
	p = call2(f, "llvm.smin", p, const_splat(wide, 0x7fff));
	return push_v128(f, LLVMBuildTrunc(B, p, t->i16x8, ""));
}

/* Products of adjacent signed 16-bit lanes summed in pairs; the one overflowing sum wraps. */
static bool push_dot(struct cg_func *f)
{
	struct cg_types *t = &f->c->t;
	LLVMValueRef b = pop_as(f, t->i16x8), a = pop_as(f, t->i16x8);
	LLVMTypeRef wide = LLVMVectorType(t->i32, 8);
	LLVMValueRef p = LLVMBuildMul(B, LLVMBuildSExt(B, a, wide, ""), LLVMBuildSExt(B, b, wide, ""), "");
	LLVMValueRef even = pick_lanes(f, p, p, 0, 4, 2), odd = pick_lanes(f, p, p, 1, 4, 2);
	return push_v128(f, LLVMBuildAdd(B, even, odd, ""));
}

static bool lower_integer(struct cg_func *f, const struct wasm_insn *insn, LLVMTypeRef shape)
{
	switch (insn->op) {
	case WASM_OP_I8X16_EQ: case WASM_OP_I16X8_EQ: case WASM_OP_I32X4_EQ: case WASM_OP_I64X2_EQ:
		return push_compare(f, shape, LLVMIntEQ);
	case WASM_OP_I8X16_NE: case WASM_OP_I16X8_NE: case WASM_OP_I32X4_NE: case WASM_OP_I64X2_NE:
		return push_compare(f, shape, LLVMIntNE);
	case WASM_OP_I8X16_LT_S: case WASM_OP_I16X8_LT_S: case WASM_OP_I32X4_LT_S: case WASM_OP_I64X2_LT_S:
		return push_compare(f, shape, LLVMIntSLT);
	case WASM_OP_I8X16_LT_U: case WASM_OP_I16X8_LT_U: case WASM_OP_I32X4_LT_U:
		return push_compare(f, shape, LLVMIntULT);
	case WASM_OP_I8X16_GT_S: case WASM_OP_I16X8_GT_S: case WASM_OP_I32X4_GT_S: case WASM_OP_I64X2_GT_S:
		return push_compare(f, shape, LLVMIntSGT);
	case WASM_OP_I8X16_GT_U: case WASM_OP_I16X8_GT_U: case WASM_OP_I32X4_GT_U:
		return push_compare(f, shape, LLVMIntUGT);
	case WASM_OP_I8X16_LE_S: case WASM_OP_I16X8_LE_S: case WASM_OP_I32X4_LE_S: case WASM_OP_I64X2_LE_S:
		return push_compare(f, shape, LLVMIntSLE);
	case WASM_OP_I8X16_LE_U: case WASM_OP_I16X8_LE_U: case WASM_OP_I32X4_LE_U:
		return push_compare(f, shape, LLVMIntULE);
	case WASM_OP_I8X16_GE_S: case WASM_OP_I16X8_GE_S: case WASM_OP_I32X4_GE_S: case WASM_OP_I64X2_GE_S:
		return push_compare(f, shape, LLVMIntSGE);
	case WASM_OP_I8X16_GE_U: case WASM_OP_I16X8_GE_U: case WASM_OP_I32X4_GE_U:
		return push_compare(f, shape, LLVMIntUGE);

	case WASM_OP_I8X16_ABS: case WASM_OP_I16X8_ABS: case WASM_OP_I32X4_ABS: case WASM_OP_I64X2_ABS:
		return push_abs(f, shape);
	case WASM_OP_I8X16_NEG: case WASM_OP_I16X8_NEG: case WASM_OP_I32X4_NEG: case WASM_OP_I64X2_NEG:
		return push_neg(f, shape);
	case WASM_OP_I8X16_POPCNT:
		return push_unary_intrinsic(f, shape, "llvm.ctpop");
	case WASM_OP_I8X16_ALL_TRUE: case WASM_OP_I16X8_ALL_TRUE: case WASM_OP_I32X4_ALL_TRUE: case WASM_OP_I64X2_ALL_TRUE:
		return push_all_true(f, shape);
	case WASM_OP_I8X16_BITMASK: case WASM_OP_I16X8_BITMASK: case WASM_OP_I32X4_BITMASK: case WASM_OP_I64X2_BITMASK:
		return push_bitmask(f, shape);
	case WASM_OP_I8X16_NARROW_I16X8_S: case WASM_OP_I16X8_NARROW_I32X4_S:
		return push_narrow(f, shape, true);
	case WASM_OP_I8X16_NARROW_I16X8_U: case WASM_OP_I16X8_NARROW_I32X4_U:
		return push_narrow(f, shape, false);

	case WASM_OP_I8X16_SHL: case WASM_OP_I16X8_SHL: case WASM_OP_I32X4_SHL: case WASM_OP_I64X2_SHL:
		return push_shift(f, shape, LLVMShl);
	case WASM_OP_I8X16_SHR_S: case WASM_OP_I16X8_SHR_S: case WASM_OP_I32X4_SHR_S: case WASM_OP_I64X2_SHR_S:
		return push_shift(f, shape, LLVMAShr);
	case WASM_OP_I8X16_SHR_U: case WASM_OP_I16X8_SHR_U: case WASM_OP_I32X4_SHR_U: case WASM_OP_I64X2_SHR_U:
		return push_shift(f, shape, LLVMLShr);

	case WASM_OP_I8X16_ADD: case WASM_OP_I16X8_ADD: case WASM_OP_I32X4_ADD: case WASM_OP_I64X2_ADD:
		return push_binop(f, shape, LLVMAdd);
	case WASM_OP_I8X16_SUB: case WASM_OP_I16X8_SUB: case WASM_OP_I32X4_SUB: case WASM_OP_I64X2_SUB:
		return push_binop(f, shape, LLVMSub);
	case WASM_OP_I16X8_MUL: case WASM_OP_I32X4_MUL: case WASM_OP_I64X2_MUL:
		return push_binop(f, shape, LLVMMul);
	case WASM_OP_I8X16_ADD_SAT_S: case WASM_OP_I16X8_ADD_SAT_S:
		return push_binary_intrinsic(f, shape, "llvm.sadd.sat");
	case WASM_OP_I8X16_ADD_SAT_U: case WASM_OP_I16X8_ADD_SAT_U:
		return push_binary_intrinsic(f, shape, "llvm.uadd.sat");
	case WASM_OP_I8X16_SUB_SAT_S: case WASM_OP_I16X8_SUB_SAT_S:
		return push_binary_intrinsic(f, shape, "llvm.ssub.sat");
	case WASM_OP_I8X16_SUB_SAT_U: case WASM_OP_I16X8_SUB_SAT_U:
		return push_binary_intrinsic(f, shape, "llvm.usub.sat");
	case WASM_OP_I8X16_MIN_S: case WASM_OP_I16X8_MIN_S: case WASM_OP_I32X4_MIN_S:
		return push_binary_intrinsic(f, shape, "llvm.smin");
	case WASM_OP_I8X16_MIN_U: case WASM_OP_I16X8_MIN_U: case WASM_OP_I32X4_MIN_U:
		return push_binary_intrinsic(f, shape, "llvm.umin");
	case WASM_OP_I8X16_MAX_S: case WASM_OP_I16X8_MAX_S: case WASM_OP_I32X4_MAX_S:
		return push_binary_intrinsic(f, shape, "llvm.smax");
	case WASM_OP_I8X16_MAX_U: case WASM_OP_I16X8_MAX_U: case WASM_OP_I32X4_MAX_U:
		return push_binary_intrinsic(f, shape, "llvm.umax");
	case WASM_OP_I8X16_AVGR_U: case WASM_OP_I16X8_AVGR_U:
		return push_avgr_u(f, shape);
	case WASM_OP_I16X8_Q15MULR_SAT_S:
		return push_q15mulr_sat(f);
	case WASM_OP_I32X4_DOT_I16X8_S:
		return push_dot(f);

	case WASM_OP_I16X8_EXTEND_LOW_I8X16_S: case WASM_OP_I32X4_EXTEND_LOW_I16X8_S: case WASM_OP_I64X2_EXTEND_LOW_I32X4_S:
		return push_extend(f, shape, false, true);
	case WASM_OP_I16X8_EXTEND_HIGH_I8X16_S: case WASM_OP_I32X4_EXTEND_HIGH_I16X8_S: case WASM_OP_I64X2_EXTEND_HIGH_I32X4_S:
		return push_extend(f, shape, true, true);
	case WASM_OP_I16X8_EXTEND_LOW_I8X16_U: case WASM_OP_I32X4_EXTEND_LOW_I16X8_U: case WASM_OP_I64X2_EXTEND_LOW_I32X4_U:
		return push_extend(f, shape, false, false);
	case WASM_OP_I16X8_EXTEND_HIGH_I8X16_U: case WASM_OP_I32X4_EXTEND_HIGH_I16X8_U: case WASM_OP_I64X2_EXTEND_HIGH_I32X4_U:
		return push_extend(f, shape, true, false);
	case WASM_OP_I16X8_EXTMUL_LOW_I8X16_S: case WASM_OP_I32X4_EXTMUL_LOW_I16X8_S: case WASM_OP_I64X2_EXTMUL_LOW_I32X4_S:
		return push_extmul(f, shape, false, true);
	case WASM_OP_I16X8_EXTMUL_HIGH_I8X16_S: case WASM_OP_I32X4_EXTMUL_HIGH_I16X8_S: case WASM_OP_I64X2_EXTMUL_HIGH_I32X4_S:
		return push_extmul(f, shape, true, true);
	case WASM_OP_I16X8_EXTMUL_LOW_I8X16_U: case WASM_OP_I32X4_EXTMUL_LOW_I16X8_U: case WASM_OP_I64X2_EXTMUL_LOW_I32X4_U:
		return push_extmul(f, shape, false, false);
	case WASM_OP_I16X8_EXTMUL_HIGH_I8X16_U: case WASM_OP_I32X4_EXTMUL_HIGH_I16X8_U: case WASM_OP_I64X2_EXTMUL_HIGH_I32X4_U:
		return push_extmul(f, shape, true, false);
	case WASM_OP_I16X8_EXTADD_PAIRWISE_I8X16_S: case WASM_OP_I32X4_EXTADD_PAIRWISE_I16X8_S:
		return push_extadd_pairwise(f, shape, true);
	case WASM_OP_I16X8_EXTADD_PAIRWISE_I8X16_U: case WASM_OP_I32X4_EXTADD_PAIRWISE_I16X8_U:
		return push_extadd_pairwise(f, shape, false);
	default:
		return cg_fail(f->c, f->at, "%s: not implemented in codegen", wasm_opinfo[insn->op].text);
	}
}

/* ---- floating point and conversions ---- */

/*
 * Wasm min/max: NaN if either is NaN, and -0 < +0. llvm.minimum/maximum have
 * those semantics but may pass a signaling NaN through unquieted (x86 does),
 * where Wasm wants an arithmetic NaN; a + b quiets it. Equal operands are
 * combined bitwise so that min(-0, +0) is -0 and max(-0, +0) is +0. On x86
 * this is also shorter than LLVM's own lowering of llvm.minimum.
 */
static bool push_minmax(struct cg_func *f, LLVMTypeRef shape, bool is_max)
{
	LLVMTypeRef bits = int_shape(f, shape);
	LLVMValueRef b = fp_operand(f, pop_as(f, shape)), a = fp_operand(f, pop_as(f, shape));
	LLVMValueRef ai = LLVMBuildBitCast(B, a, bits, ""), bi = LLVMBuildBitCast(B, b, bits, "");
	LLVMValueRef zeros = LLVMBuildBitCast(B, is_max ? LLVMBuildAnd(B, ai, bi, "") : LLVMBuildOr(B, ai, bi, ""), shape, "");
	LLVMValueRef take_a = LLVMBuildFCmp(B, is_max ? LLVMRealOGT : LLVMRealOLT, a, b, "");
	LLVMValueRef r = LLVMBuildSelect(B, take_a, a, b, "");
	r = LLVMBuildSelect(B, LLVMBuildFCmp(B, LLVMRealOEQ, a, b, ""), zeros, r, "");
	LLVMValueRef nan = LLVMBuildFAdd(B, a, b, "");
	return push_v128(f, LLVMBuildSelect(B, LLVMBuildFCmp(B, LLVMRealUNO, a, b, ""), nan, r, ""));
}

/*
 * ceil, floor, trunc, nearest. Wasm wants an arithmetic NaN from a signaling
 * one; RISC-V's lowering (no rounding instruction before Zfa) passes it
 * through unquieted, so NaNs take x + x instead.
 */
static bool push_round(struct cg_func *f, LLVMTypeRef shape, const char *name)
{
	LLVMValueRef x = pop_as(f, shape);
	LLVMValueRef r = call1(f, name, x);
	LLVMValueRef nan = LLVMBuildFCmp(B, LLVMRealUNO, x, x, "");
	return push_v128(f, LLVMBuildSelect(B, nan, LLVMBuildFAdd(B, x, x, ""), r, ""));
}

/* pmin is b < a ? b : a, pmax a < b ? b : a: with NaN or zeros of both signs, a. */
static bool push_pseudo_minmax(struct cg_func *f, LLVMTypeRef shape, bool is_max)
{
	LLVMValueRef b = pop_as(f, shape), a = pop_as(f, shape);
	LLVMValueRef take_b = is_max ? LLVMBuildFCmp(B, LLVMRealOLT, a, b, "") : LLVMBuildFCmp(B, LLVMRealOLT, b, a, "");
	return push_v128(f, LLVMBuildSelect(B, take_b, b, a, ""));
}

static bool push_cast(struct cg_func *f, LLVMTypeRef from, LLVMOpcode op, LLVMTypeRef to)
{
	return push_v128(f, LLVMBuildCast(B, op, pop_as(f, from), to, ""));
}

/* Lanes 0 and 1 of `from`, converted to the 2-lane `to`. */
static bool push_cast_low(struct cg_func *f, LLVMTypeRef from, LLVMOpcode op, LLVMTypeRef to)
{
	LLVMValueRef x = pop_as(f, from);
	return push_v128(f, LLVMBuildCast(B, op, pick_lanes(f, x, x, 0, 2, 1), to, ""));
}

/* Two lanes converted into lanes 0 and 1 of a 4-lane vector whose lanes 2 and 3 are 0. */
static bool push_zero_high(struct cg_func *f, LLVMValueRef pair)
{
	return push_v128(f, pick_lanes(f, pair, LLVMConstNull(LLVMTypeOf(pair)), 0, 4, 1));
}

/* Saturating, NaN to 0; from f64x2 the two results fill lanes 0 and 1. */
static bool push_trunc_sat(struct cg_func *f, LLVMTypeRef from, bool is_signed)
{
	struct cg_types *t = &f->c->t;
	LLVMValueRef x = pop_as(f, from);
	LLVMTypeRef overloads[2] = { from == t->f32x4 ? t->i32x4 : t->i32x2, from };
	LLVMValueRef r = cg_intrinsic(f->c, is_signed ? "llvm.fptosi.sat" : "llvm.fptoui.sat", overloads, 2, &x, 1);
	return from == t->f32x4 ? push_v128(f, r) : push_zero_high(f, r);
}

static bool lower_float(struct cg_func *f, const struct wasm_insn *insn, LLVMTypeRef shape)
{
	struct cg_types *t = &f->c->t;
	switch (insn->op) {
	case WASM_OP_F32X4_EQ: case WASM_OP_F64X2_EQ: return push_compare(f, shape, LLVMRealOEQ);
	case WASM_OP_F32X4_NE: case WASM_OP_F64X2_NE: return push_compare(f, shape, LLVMRealUNE);
	case WASM_OP_F32X4_LT: case WASM_OP_F64X2_LT: return push_compare(f, shape, LLVMRealOLT);
	case WASM_OP_F32X4_GT: case WASM_OP_F64X2_GT: return push_compare(f, shape, LLVMRealOGT);
	case WASM_OP_F32X4_LE: case WASM_OP_F64X2_LE: return push_compare(f, shape, LLVMRealOLE);
	case WASM_OP_F32X4_GE: case WASM_OP_F64X2_GE: return push_compare(f, shape, LLVMRealOGE);

	/* fneg and fabs touch only the sign bit, as Wasm's neg and abs do. */
	case WASM_OP_F32X4_NEG: case WASM_OP_F64X2_NEG: return push_v128(f, LLVMBuildFNeg(B, pop_as(f, shape), ""));
	case WASM_OP_F32X4_ABS: case WASM_OP_F64X2_ABS: return push_unary_intrinsic(f, shape, "llvm.fabs");
	case WASM_OP_F32X4_SQRT: case WASM_OP_F64X2_SQRT: return push_unary_intrinsic(f, shape, "llvm.sqrt");
	case WASM_OP_F32X4_CEIL: case WASM_OP_F64X2_CEIL: return push_round(f, shape, "llvm.ceil");
	case WASM_OP_F32X4_FLOOR: case WASM_OP_F64X2_FLOOR: return push_round(f, shape, "llvm.floor");
	case WASM_OP_F32X4_TRUNC: case WASM_OP_F64X2_TRUNC: return push_round(f, shape, "llvm.trunc");
	case WASM_OP_F32X4_NEAREST: case WASM_OP_F64X2_NEAREST: return push_round(f, shape, "llvm.roundeven");
	case WASM_OP_F32X4_ADD: case WASM_OP_F64X2_ADD: return push_binop(f, shape, LLVMFAdd);
	case WASM_OP_F32X4_SUB: case WASM_OP_F64X2_SUB: return push_binop(f, shape, LLVMFSub);
	case WASM_OP_F32X4_MUL: case WASM_OP_F64X2_MUL: return push_binop(f, shape, LLVMFMul);
	case WASM_OP_F32X4_DIV: case WASM_OP_F64X2_DIV: return push_binop(f, shape, LLVMFDiv);
	case WASM_OP_F32X4_MIN: case WASM_OP_F64X2_MIN: return push_minmax(f, shape, false);
	case WASM_OP_F32X4_MAX: case WASM_OP_F64X2_MAX: return push_minmax(f, shape, true);
	case WASM_OP_F32X4_PMIN: case WASM_OP_F64X2_PMIN: return push_pseudo_minmax(f, shape, false);
	case WASM_OP_F32X4_PMAX: case WASM_OP_F64X2_PMAX: return push_pseudo_minmax(f, shape, true);

	case WASM_OP_I32X4_TRUNC_SAT_F32X4_S: return push_trunc_sat(f, t->f32x4, true);
	case WASM_OP_I32X4_TRUNC_SAT_F32X4_U: return push_trunc_sat(f, t->f32x4, false);
	case WASM_OP_I32X4_TRUNC_SAT_F64X2_S_ZERO: return push_trunc_sat(f, t->f64x2, true);
	case WASM_OP_I32X4_TRUNC_SAT_F64X2_U_ZERO: return push_trunc_sat(f, t->f64x2, false);
	case WASM_OP_F32X4_CONVERT_I32X4_S: return push_cast(f, t->i32x4, LLVMSIToFP, t->f32x4);
	case WASM_OP_F32X4_CONVERT_I32X4_U: return push_cast(f, t->i32x4, LLVMUIToFP, t->f32x4);
	case WASM_OP_F64X2_CONVERT_LOW_I32X4_S: return push_cast_low(f, t->i32x4, LLVMSIToFP, t->f64x2);
	case WASM_OP_F64X2_CONVERT_LOW_I32X4_U: return push_cast_low(f, t->i32x4, LLVMUIToFP, t->f64x2);
	case WASM_OP_F64X2_PROMOTE_LOW_F32X4: return push_cast_low(f, t->f32x4, LLVMFPExt, t->f64x2);
	case WASM_OP_F32X4_DEMOTE_F64X2_ZERO:
		return push_zero_high(f, LLVMBuildFPTrunc(B, pop_as(f, t->f64x2), LLVMVectorType(t->f32, 2), ""));
	default:
		return cg_fail(f->c, f->at, "%s: not implemented in codegen", wasm_opinfo[insn->op].text);
	}
}

bool cg_lower_simd(struct cg_func *f, const struct wasm_insn *insn)
{
	const struct wasm_opinfo *info = &wasm_opinfo[insn->op];
	LLVMTypeRef shape = shape_of(f, insn->op);
	switch (insn->op) {
	case WASM_OP_V128_CONST: return push_const(f, insn);
	case WASM_OP_I8X16_SHUFFLE: return push_shuffle(f, insn);
	case WASM_OP_I8X16_SWIZZLE: return push_swizzle(f);
	case WASM_OP_I8X16_SPLAT: case WASM_OP_I16X8_SPLAT: case WASM_OP_I32X4_SPLAT:
	case WASM_OP_I64X2_SPLAT: case WASM_OP_F32X4_SPLAT: case WASM_OP_F64X2_SPLAT:
		return push_splat(f, shape);
	case WASM_OP_I8X16_EXTRACT_LANE_S: case WASM_OP_I16X8_EXTRACT_LANE_S:
		return push_extract_lane(f, shape, insn->imm.lane, true);
	case WASM_OP_I8X16_EXTRACT_LANE_U: case WASM_OP_I16X8_EXTRACT_LANE_U: case WASM_OP_I32X4_EXTRACT_LANE:
	case WASM_OP_I64X2_EXTRACT_LANE: case WASM_OP_F32X4_EXTRACT_LANE: case WASM_OP_F64X2_EXTRACT_LANE:
		return push_extract_lane(f, shape, insn->imm.lane, false);
	case WASM_OP_I8X16_REPLACE_LANE: case WASM_OP_I16X8_REPLACE_LANE: case WASM_OP_I32X4_REPLACE_LANE:
	case WASM_OP_I64X2_REPLACE_LANE: case WASM_OP_F32X4_REPLACE_LANE: case WASM_OP_F64X2_REPLACE_LANE:
		return push_replace_lane(f, shape, insn->imm.lane);

	case WASM_OP_V128_NOT: return cg_push(f, LLVMBuildNot(B, cg_pop(f), ""));
	case WASM_OP_V128_AND: return push_binop(f, shape, LLVMAnd);
	case WASM_OP_V128_OR: return push_binop(f, shape, LLVMOr);
	case WASM_OP_V128_XOR: return push_binop(f, shape, LLVMXor);
	case WASM_OP_V128_ANDNOT: return push_andnot(f);
	case WASM_OP_V128_BITSELECT: return push_bitselect(f);
	case WASM_OP_V128_ANY_TRUE: return push_any_true(f);
	default:
		break;
	}
	if (info->imm == WASM_IMM_MEMARG || info->imm == WASM_IMM_MEMARG_LANE)
		return lower_memory(f, insn);
	/* Float-shaped, or an integer result converted from floats. */
	if (is_float(shape) || strstr(info->text, "trunc_sat"))
		return lower_float(f, insn, shape);
	return lower_integer(f, insn, shape);
}
