/*
 * wasmc --fuel N: a deterministic limit on the wasm operators executed, as
 * Wasmtime's fuel. Each operator costs what Wasmtime charges (0 for nop,
 * drop, block, loop, else, end, unreachable and return; 1 for the others);
 * the costs of a straight-line piece are added up while it is lowered and
 * subtracted from the runtime's counter (RT_FUEL_COUNTER_SYMBOL, rt_limits.h) before
 * the piece leaves: before every branch, return and call. Loop headers and
 * entries of functions that call test the counter and trap "all fuel
 * consumed by WebAssembly" once it is below zero.
 *
 * All of it is in the IR as lowered, before any optimization: LLVM keeps its
 * meaning, so the same program with the same N stops at the same point at
 * every -O level and on every target.
 */
#include "cg_func.h"
#include "rt_limits.h"

static LLVMValueRef counter(struct cg_ctx *c)
{
	return cg_runtime_global(c, RT_FUEL_COUNTER_SYMBOL, c->t.i64);
}

void cg_fuel_charge(struct cg_func *f, enum wasm_opcode op)
{
	if (!f->c->opts->fuel)
		return;
	switch (op) {
	case WASM_OP_NOP:
	case WASM_OP_DROP:
	case WASM_OP_BLOCK:
	case WASM_OP_LOOP:
	case WASM_OP_ELSE:
	case WASM_OP_END:
	case WASM_OP_UNREACHABLE:
	case WASM_OP_RETURN:
		return;
	default:
		f->fuel_pending++;
	}
}

void cg_fuel_flush(struct cg_func *f)
{
	struct cg_ctx *c = f->c;
	if (!f->fuel_pending)
		return;
	LLVMValueRef g = counter(c);
	LLVMValueRef left = LLVMBuildLoad2(c->b, c->t.i64, g, "fuel");
	LLVMBuildStore(c->b, LLVMBuildSub(c->b, left, cg_const_i64(c, f->fuel_pending), ""), g);
	f->fuel_pending = 0;
}

void cg_fuel_check(struct cg_func *f)
{
	struct cg_ctx *c = f->c;
	if (!c->opts->fuel)
		return;
	cg_fuel_flush(f);
	LLVMValueRef left = LLVMBuildLoad2(c->b, c->t.i64, counter(c), "fuel");
	cg_trap_if(c, LLVMBuildICmp(c->b, LLVMIntSLT, left, cg_const_i64(c, 0), ""), RT_TRAP_OUT_OF_FUEL);
}
