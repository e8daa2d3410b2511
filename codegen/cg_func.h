/* Internal to function lowering: the state of one function being lowered. */
#ifndef WASMC_CG_FUNC_H
#define WASMC_CG_FUNC_H

#include "cg.h"

enum cg_frame_kind {
	CG_FRAME_FUNC,
	CG_FRAME_BLOCK,
	CG_FRAME_LOOP,
	CG_FRAME_IF,
	CG_FRAME_ELSE,
};

struct cg_frame {
	enum cg_frame_kind kind;
	const uint8_t *params, *results;
	uint32_t param_count, result_count;
	LLVMBasicBlockRef br_target; /* where `br` goes: the loop header, else end_bb */
	LLVMValueRef *br_phis;       /* phis at br_target: the loop's params, else the results */
	LLVMBasicBlockRef end_bb;    /* after the construct; results arrive in end_phis */
	LLVMValueRef *end_phis;
	LLVMBasicBlockRef else_bb;   /* if: where the false branch starts */
	LLVMValueRef *if_params;     /* if: the parameters, for the else branch */
	size_t height;               /* operand stack height below the parameters */
	bool unreachable;            /* the current position is dead code */
	uint32_t skip_depth;         /* blocks nested inside dead code */
};

struct cg_func {
	struct cg_ctx *c;
	uint32_t index;
	const struct wasm_func *func;
	const struct wasm_func_type *type;
	LLVMValueRef fn;
	LLVMValueRef inst;
	LLVMValueRef mem_base; /* memory 0's base, loaded once at entry */
	LLVMValueRef *locals;  /* allocas */
	uint8_t *local_types;
	bool makes_calls;      /* any call or call_indirect: else a leaf, which cannot recurse */
	bool check_calls;      /* the stack check comes before each call (cg_check_stack), not at entry */
	uint32_t local_count;  /* parameters included */
	uint64_t fuel_pending; /* --fuel: the cost of the straight-line piece lowered so far, not yet subtracted */
	LLVMValueRef *stack;
	size_t sp, stack_cap;
	struct cg_frame *frames;
	size_t depth, frames_cap;
	struct wasm_reader r;
	size_t at; /* the current instruction's offset */
};

/* Traps with "call stack exhausted" if this activation's frame is below the instance's stack limit. */
void cg_check_stack(struct cg_func *f);
bool cg_push(struct cg_func *f, LLVMValueRef v);
LLVMValueRef cg_pop(struct cg_func *f);
static inline LLVMValueRef cg_peek(struct cg_func *f, size_t from_top)
{
	return f->stack[f->sp - 1 - from_top];
}

/*
 * The lowering of each instruction group: opcodes.def's LOWER column names the
 * group of every opcode, and cg_func.c dispatches through that column alone.
 * Each returns false with c->err set on failure.
 */
typedef bool cg_lower_fn(struct cg_func *f, const struct wasm_insn *insn);
cg_lower_fn cg_lower_control;    /* cg_func.c: blocks, branches, return, unreachable */
cg_lower_fn cg_lower_parametric; /* cg_func.c: drop, select */
cg_lower_fn cg_lower_local;      /* cg_func.c: local.get, local.set, local.tee */
cg_lower_fn cg_lower_global;     /* cg_memory.c: global.get, global.set */
cg_lower_fn cg_lower_memory;     /* cg_memory.c: loads, stores, memory.*, data.drop */
cg_lower_fn cg_lower_call;       /* cg_call.c: call, call_indirect */
cg_lower_fn cg_lower_table;      /* cg_table.c: table.*, elem.drop, ref.* */
cg_lower_fn cg_lower_numeric;    /* cg_numeric.c: constants, comparisons, arithmetic */
cg_lower_fn cg_lower_convert;    /* cg_convert.c: wrap, extend, trunc, convert, reinterpret */
cg_lower_fn cg_lower_simd;       /* cg_simd.c: every v128 instruction */

/*
 * --fuel (cg_fuel.c; nothing without the option): charge adds an operator's
 * cost to the current piece; flush subtracts the piece's cost from the
 * counter, before every branch, return and call; check flushes and traps
 * once the counter is below zero (loop headers, function entries).
 */
void cg_fuel_charge(struct cg_func *f, enum wasm_opcode op);
void cg_fuel_flush(struct cg_func *f);
void cg_fuel_check(struct cg_func *f);

/* Calls a function of wasm type `type_index` as `code`(callee_inst, args...) with args from the stack. */
bool cg_emit_call(struct cg_func *f, uint32_t type_index, LLVMValueRef code, LLVMValueRef callee_inst);

/* Table `index`'s struct rt_table (its elems and size change with table.grow: load them each time, unless fixed). */
LLVMValueRef cg_table_ptr(struct cg_func *f, uint32_t index);
/* &elems[index] of table `table` after a bounds check that traps with `oob`. */
LLVMValueRef cg_table_elem(struct cg_func *f, uint32_t table, LLVMValueRef index, enum rt_trap oob);
/* A load of table state (elements, their funcrefs): invariant when the table is fixed (c->tables). */
LLVMValueRef cg_table_load(struct cg_func *f, uint32_t table, LLVMTypeRef type, LLVMValueRef ptr, const char *name);

/* An FP constant loaded from a global whose value LLVM may not assume (no folding through it). */
LLVMValueRef cg_opaque_fp_const(struct cg_func *f, LLVMValueRef constant);

/* The effective address of a memory access: base + zext(addr) + offset. */
LLVMValueRef cg_address(struct cg_func *f, LLVMValueRef addr, uint64_t offset);
/* Marks a load or store of linear memory: alignment 1 (wasm's is a hint), the memory's TBAA tag. */
void cg_memory_access(struct cg_func *f, LLVMValueRef access);
/* WASMC_CANONICAL_NANS: the NaN an arithmetic op `op` left on the stack made canonical (cg_nan.c). */
bool cg_canonicalize_nans(struct cg_func *f, unsigned op);
/* A load of `type` from linear memory at wasm address addr + offset, aligned to a byte (alignment is a hint). */
LLVMValueRef cg_memory_load(struct cg_func *f, LLVMTypeRef type, LLVMValueRef addr, uint64_t offset);

#endif
