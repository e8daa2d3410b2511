/*
 * Function bodies: the operand stack as LLVM values, locals as allocas
 * (promoted by mem2reg), structured control flow as basic blocks with phis.
 * Instruction groups are lowered in their own files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg_func.h"
#include "cg_passes.h"

enum { MAX_LOCALS = 1 << 20 };

/* An internal function of `type` that traps naming the import; never inlined, so the trap sees its caller. */
static LLVMValueRef unknown_import_stub(struct cg_ctx *c, const struct wasm_import *imp, LLVMTypeRef type)
{
	size_t len = imp->module.len + 1 + imp->field.len;
	char *name = malloc(len);
	if (!name) {
		cg_fail(c, imp->offset, "out of memory");
		return NULL;
	}
	memcpy(name, imp->module.str, imp->module.len);
	name[imp->module.len] = '.';
	memcpy(name + imp->module.len + 1, imp->field.str, imp->field.len);
	LLVMValueRef fn = LLVMAddFunction(c->mod, "wasm_unknown_import", type);
	LLVMSetLinkage(fn, LLVMInternalLinkage);
	LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
			cg_enum_attr(c, "noinline"));
	LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
			cg_enum_attr(c, "cold"));
	LLVMBasicBlockRef saved = LLVMGetInsertBlock(c->b);
	LLVMPositionBuilderAtEnd(c->b, LLVMAppendBasicBlockInContext(c->llvm, fn, ""));
	LLVMValueRef args[] = { cg_const_string(c, name, len), cg_const_i32(c, (uint32_t)len) };
	free(name);
	LLVMValueRef call = cg_rt_call(c, "rt_trap_unknown_import", c->t.void_, args, 2);
	LLVMSetTailCall(call, 0);
	LLVMBuildUnreachable(c->b);
	if (saved)
		LLVMPositionBuilderAtEnd(c->b, saved);
	return fn;
}

void cg_declare_functions(struct cg_ctx *c)
{
	const struct wasm_module *m = c->m;
	for (uint32_t i = 0; i < m->func_count; i++) {
		const struct wasm_func *f = &m->funcs[i];
		if (!f->imported && !cg_part_declares(c, i))
			continue; /* declared when first called (cg_func_ref) */
		LLVMTypeRef type = cg_sig_type(c, f->type_index);
		if (f->imported) {
			const char *sym = c->opts->import_symbols ? c->opts->import_symbols[f->import_index] : NULL;
			if (sym) {
				LLVMValueRef fn = LLVMGetNamedFunction(c->mod, sym);
				c->funcs[i] = fn ? fn : LLVMAddFunction(c->mod, sym, type);
			} else if (c->opts->trap_unbound_imports) {
				c->funcs[i] = unknown_import_stub(c, &m->imports[f->import_index], type);
			}
			continue;
		}
		c->funcs[i] = cg_declare_defined(c, i, type);
	}
}

bool cg_push(struct cg_func *f, LLVMValueRef v)
{
	if (f->sp == f->stack_cap) {
		size_t cap = f->stack_cap ? f->stack_cap * 2 : 64;
		LLVMValueRef *p = realloc(f->stack, cap * sizeof(*p));
		if (!p)
			return cg_fail(f->c, f->at, "out of memory");
		f->stack = p;
		f->stack_cap = cap;
	}
	f->stack[f->sp++] = v;
	return true;
}

LLVMValueRef cg_pop(struct cg_func *f)
{
	return f->stack[--f->sp];
}

static LLVMBasicBlockRef new_block(struct cg_func *f, const char *name)
{
	return LLVMAppendBasicBlockInContext(f->c->llvm, f->fn, name);
}

/* Phis at the start of `bb` for `n` values of `types`. */
static LLVMValueRef *make_phis(struct cg_func *f, LLVMBasicBlockRef bb, const uint8_t *types, uint32_t n)
{
	if (n == 0)
		return NULL;
	LLVMValueRef *phis = malloc(n * sizeof(*phis));
	if (!phis) {
		cg_fail(f->c, f->at, "out of memory");
		return NULL;
	}
	LLVMBasicBlockRef saved = LLVMGetInsertBlock(f->c->b);
	LLVMPositionBuilderAtEnd(f->c->b, bb);
	for (uint32_t i = 0; i < n; i++)
		phis[i] = LLVMBuildPhi(f->c->b, cg_valtype(f->c, types[i]), "");
	LLVMPositionBuilderAtEnd(f->c->b, saved);
	return phis;
}

/* Adds the top `n` stack values as incoming to `phis` from the current block. */
static void add_incoming(struct cg_func *f, LLVMValueRef *phis, uint32_t n)
{
	LLVMBasicBlockRef from = LLVMGetInsertBlock(f->c->b);
	for (uint32_t i = 0; i < n; i++) {
		LLVMValueRef v = f->stack[f->sp - n + i];
		LLVMAddIncoming(phis[i], &v, &from, 1);
	}
}

static bool push_frame(struct cg_func *f, enum cg_frame_kind kind, const uint8_t *params, uint32_t np,
		const uint8_t *results, uint32_t nr)
{
	if (f->depth == f->frames_cap) {
		size_t cap = f->frames_cap ? f->frames_cap * 2 : 16;
		struct cg_frame *p = realloc(f->frames, cap * sizeof(*p));
		if (!p)
			return cg_fail(f->c, f->at, "out of memory");
		f->frames = p;
		f->frames_cap = cap;
	}
	struct cg_frame *fr = &f->frames[f->depth++];
	memset(fr, 0, sizeof(*fr));
	fr->kind = kind;
	fr->params = params;
	fr->param_count = np;
	fr->results = results;
	fr->result_count = nr;
	fr->height = f->sp - np;
	return true;
}

static void free_frame(struct cg_frame *fr)
{
	if (fr->br_phis != fr->end_phis)
		free(fr->br_phis);
	free(fr->end_phis);
	free(fr->if_params);
}

static struct cg_frame *top(struct cg_func *f)
{
	return &f->frames[f->depth - 1];
}

/* Code after an unconditional branch is dead until the frame ends. */
static void set_unreachable(struct cg_func *f)
{
	struct cg_frame *fr = top(f);
	f->fuel_pending = 0; /* what was not flushed before a branch ends in a trap */
	fr->unreachable = true;
	fr->skip_depth = 0;
	f->sp = fr->height;
}

static bool lower_block(struct cg_func *f, const struct wasm_insn *insn)
{
	const uint8_t *params, *results;
	uint32_t np, nr;
	wasm_block_type(f->c->m, insn->imm.blocktype, &params, &np, &results, &nr);
	struct cg_ctx *c = f->c;
	LLVMValueRef cond = insn->op == WASM_OP_IF ? cg_pop(f) : NULL;
	if (!push_frame(f, insn->op == WASM_OP_BLOCK ? CG_FRAME_BLOCK : insn->op == WASM_OP_LOOP ? CG_FRAME_LOOP : CG_FRAME_IF,
			    params, np, results, nr))
		return false;
	struct cg_frame *fr = top(f);
	fr->end_bb = new_block(f, insn->op == WASM_OP_LOOP ? "loop.end" : "end");
	fr->end_phis = make_phis(f, fr->end_bb, results, nr);
	if (nr && !fr->end_phis)
		return false;
	switch (insn->op) {
	case WASM_OP_BLOCK:
		fr->br_target = fr->end_bb;
		fr->br_phis = fr->end_phis;
		return true;
	case WASM_OP_LOOP: {
		fr->br_target = new_block(f, "loop");
		fr->br_phis = make_phis(f, fr->br_target, params, np);
		if (np && !fr->br_phis)
			return false;
		add_incoming(f, fr->br_phis, np);
		cg_fuel_flush(f);
		LLVMBuildBr(c->b, fr->br_target);
		LLVMPositionBuilderAtEnd(c->b, fr->br_target);
		for (uint32_t i = 0; i < np; i++)
			f->stack[fr->height + i] = fr->br_phis[i];
		cg_fuel_check(f);
		return true;
	}
	default: {
		fr->br_target = fr->end_bb;
		fr->br_phis = fr->end_phis;
		LLVMBasicBlockRef then_bb = new_block(f, "then");
		fr->else_bb = new_block(f, "else");
		if (np) {
			fr->if_params = malloc(np * sizeof(LLVMValueRef));
			if (!fr->if_params)
				return cg_fail(c, f->at, "out of memory");
			memcpy(fr->if_params, &f->stack[fr->height], np * sizeof(LLVMValueRef));
		}
		LLVMValueRef flag = LLVMBuildICmp(c->b, LLVMIntNE, cond, cg_const_i32(c, 0), "");
		cg_fuel_flush(f);
		LLVMBuildCondBr(c->b, flag, then_bb, fr->else_bb);
		LLVMPositionBuilderAtEnd(c->b, then_bb);
		return true;
	}
	}
}

/* Leaves the reachable end of a frame's current arm: results to end_bb. */
static void fall_through(struct cg_func *f, struct cg_frame *fr)
{
	if (fr->unreachable)
		return;
	add_incoming(f, fr->end_phis, fr->result_count);
	cg_fuel_flush(f);
	LLVMBuildBr(f->c->b, fr->end_bb);
}

static bool lower_else(struct cg_func *f)
{
	struct cg_frame *fr = top(f);
	fall_through(f, fr);
	LLVMPositionBuilderAtEnd(f->c->b, fr->else_bb);
	fr->else_bb = NULL;
	fr->kind = CG_FRAME_ELSE;
	fr->unreachable = false;
	f->sp = fr->height;
	for (uint32_t i = 0; i < fr->param_count; i++)
		if (!cg_push(f, fr->if_params[i]))
			return false;
	return true;
}

static bool build_return(struct cg_func *f)
{
	struct cg_ctx *c = f->c;
	uint32_t n = f->type->result_count;
	cg_fuel_flush(f);
	if (n == 0) {
		LLVMBuildRetVoid(c->b);
	} else if (n == 1) {
		LLVMBuildRet(c->b, cg_peek(f, 0));
	} else {
		LLVMValueRef all = LLVMGetUndef(LLVMGetReturnType(LLVMGlobalGetValueType(f->fn)));
		for (uint32_t i = 0; i < n; i++) {
			LLVMValueRef v = f->stack[f->sp - n + i];
			all = LLVMBuildInsertValue(c->b, all, LLVMBuildBitCast(c->b, v,
					cg_result_field(c, f->type->results[i]), ""), i, "");
		}
		LLVMBuildRet(c->b, all);
	}
	return true;
}

static bool lower_end(struct cg_func *f)
{
	struct cg_ctx *c = f->c;
	struct cg_frame *fr = top(f);
	if (fr->kind == CG_FRAME_FUNC) {
		if (!fr->unreachable)
			build_return(f);
		free_frame(fr);
		f->depth--;
		return true;
	}
	fall_through(f, fr);
	if (fr->kind == CG_FRAME_IF) {
		/* No else: the false branch passes the parameters through as results. */
		LLVMPositionBuilderAtEnd(c->b, fr->else_bb);
		f->sp = fr->height;
		for (uint32_t i = 0; i < fr->param_count; i++)
			cg_push(f, fr->if_params[i]);
		add_incoming(f, fr->end_phis, fr->result_count);
		LLVMBuildBr(c->b, fr->end_bb);
	}
	LLVMPositionBuilderAtEnd(c->b, fr->end_bb);
	f->sp = fr->height;
	bool reachable = LLVMGetFirstUse(LLVMBasicBlockAsValue(fr->end_bb)) != NULL;
	for (uint32_t i = 0; i < fr->result_count; i++)
		cg_push(f, fr->end_phis[i]);
	free_frame(fr);
	f->depth--;
	if (!reachable) {
		/* Nothing reaches the end: the phis have no incoming values. */
		for (uint32_t i = 0; i < fr->result_count; i++)
			f->stack[fr->height + i] = LLVMGetUndef(cg_valtype(c, fr->results[i]));
		LLVMBasicBlockRef dead = fr->end_bb;
		LLVMValueRef inst;
		while ((inst = LLVMGetFirstInstruction(dead)))
			LLVMInstructionEraseFromParent(inst);
		LLVMBuildUnreachable(c->b);
		set_unreachable(f);
	}
	return true;
}

/* Branches to the label `depth`; `conditional`: the values also stay for the fall-through path. */
static bool branch(struct cg_func *f, uint32_t depth, bool conditional)
{
	struct cg_frame *target = &f->frames[f->depth - 1 - depth];
	uint32_t n;
	if (target->kind == CG_FRAME_FUNC) {
		n = f->type->result_count;
		build_return(f);
	} else {
		n = target->kind == CG_FRAME_LOOP ? target->param_count : target->result_count;
		add_incoming(f, target->br_phis, n);
		cg_fuel_flush(f);
		LLVMBuildBr(f->c->b, target->br_target);
	}
	if (!conditional)
		set_unreachable(f);
	return true;
}

static bool lower_br(struct cg_func *f, uint32_t depth)
{
	return branch(f, depth, false);
}

static bool lower_br_if(struct cg_func *f, uint32_t depth)
{
	struct cg_ctx *c = f->c;
	LLVMValueRef cond = cg_pop(f);
	LLVMValueRef flag = LLVMBuildICmp(c->b, LLVMIntNE, cond, cg_const_i32(c, 0), "");
	LLVMBasicBlockRef taken = new_block(f, "br_if");
	LLVMBasicBlockRef cont = new_block(f, "");
	cg_fuel_flush(f);
	LLVMBuildCondBr(c->b, flag, taken, cont);
	LLVMPositionBuilderAtEnd(c->b, taken);
	branch(f, depth, true);
	LLVMPositionBuilderAtEnd(c->b, cont);
	return true;
}

static bool lower_br_table(struct cg_func *f, const struct wasm_insn *insn)
{
	struct cg_ctx *c = f->c;
	LLVMValueRef index = cg_pop(f);
	uint32_t count = insn->imm.br_table.count;
	struct wasm_reader labels;
	wasm_br_table_reader(&labels, &f->r, insn);
	/* One block per distinct depth, so that phis see one edge per predecessor. */
	LLVMBasicBlockRef *by_depth = calloc(f->depth, sizeof(*by_depth));
	if (!by_depth)
		return cg_fail(c, f->at, "out of memory");
	uint32_t default_depth = insn->imm.br_table.default_label;
	by_depth[default_depth] = new_block(f, "br_table.default");
	cg_fuel_flush(f);
	LLVMValueRef sw = LLVMBuildSwitch(c->b, index, by_depth[default_depth], count);
	for (uint32_t i = 0; i < count; i++) {
		uint32_t depth;
		rd_u32(&labels, &depth);
		if (!by_depth[depth])
			by_depth[depth] = new_block(f, "br_table.case");
		LLVMAddCase(sw, cg_const_i32(c, i), by_depth[depth]);
	}
	for (size_t d = 0; d < f->depth; d++) {
		if (!by_depth[d])
			continue;
		LLVMPositionBuilderAtEnd(c->b, by_depth[d]);
		branch(f, (uint32_t)d, true);
	}
	free(by_depth);
	set_unreachable(f);
	return true;
}

static bool lower_select(struct cg_func *f)
{
	struct cg_ctx *c = f->c;
	LLVMValueRef cond = cg_pop(f);
	LLVMValueRef b = cg_pop(f);
	LLVMValueRef a = cg_pop(f);
	LLVMValueRef flag = LLVMBuildICmp(c->b, LLVMIntNE, cond, cg_const_i32(c, 0), "");
	return cg_push(f, LLVMBuildSelect(c->b, flag, a, b, ""));
}

bool cg_lower_control(struct cg_func *f, const struct wasm_insn *insn)
{
	switch (insn->op) {
	case WASM_OP_UNREACHABLE:
		cg_trap(f->c, RT_TRAP_UNREACHABLE);
		set_unreachable(f);
		return true;
	case WASM_OP_NOP:
		return true;
	case WASM_OP_BLOCK:
	case WASM_OP_LOOP:
	case WASM_OP_IF:
		return lower_block(f, insn);
	case WASM_OP_ELSE:
		return lower_else(f);
	case WASM_OP_END:
		return lower_end(f);
	case WASM_OP_BR:
		return lower_br(f, insn->imm.index);
	case WASM_OP_BR_IF:
		return lower_br_if(f, insn->imm.index);
	case WASM_OP_BR_TABLE:
		return lower_br_table(f, insn);
	case WASM_OP_RETURN:
		return lower_br(f, (uint32_t)f->depth - 1);
	default:
		return cg_fail(f->c, f->at, "%s: not implemented in codegen", wasm_opinfo[insn->op].text);
	}
}

bool cg_lower_parametric(struct cg_func *f, const struct wasm_insn *insn)
{
	if (insn->op != WASM_OP_DROP)
		return lower_select(f);
	f->sp--;
	return true;
}

bool cg_lower_local(struct cg_func *f, const struct wasm_insn *insn)
{
	struct cg_ctx *c = f->c;
	uint32_t x = insn->imm.index;
	LLVMTypeRef type = cg_valtype(c, f->local_types[x]);
	if (insn->op == WASM_OP_LOCAL_GET)
		return cg_push(f, LLVMBuildLoad2(c->b, type, f->locals[x], ""));
	LLVMBuildStore(c->b, cg_peek(f, 0), f->locals[x]);
	if (insn->op == WASM_OP_LOCAL_SET)
		cg_pop(f);
	return true;
}

/* Each opcode's lowering, by opcodes.def's LOWER column. */
#define cg_lower_NONE NULL
#define cg_lower_CONTROL cg_lower_control
#define cg_lower_PARAMETRIC cg_lower_parametric
#define cg_lower_LOCAL cg_lower_local
#define cg_lower_GLOBAL cg_lower_global
#define cg_lower_MEMORY cg_lower_memory
#define cg_lower_CALL cg_lower_call
#define cg_lower_TABLE cg_lower_table
#define cg_lower_NUMERIC cg_lower_numeric
#define cg_lower_CONVERT cg_lower_convert
#define cg_lower_SIMD cg_lower_simd
static cg_lower_fn *const lower_by_op[WASM_OP_COUNT] = {
#define WASM_OP(id, prefix, code, text, imm, p0, p1, p2, res, size, feature, lower) [WASM_OP_##id] = cg_lower_##lower,
#include "opcodes.def"
#undef WASM_OP
};

static bool lower_insn(struct cg_func *f, const struct wasm_insn *insn)
{
	cg_lower_fn *lower = lower_by_op[insn->op];
	if (!lower)
		return cg_fail(f->c, f->at, "%s: not implemented in codegen", wasm_opinfo[insn->op].text);
	if (!lower(f, insn))
		return false;
	return !f->c->canonical_nans || cg_canonicalize_nans(f, insn->op);
}

/* Dead code is still decoded, to find where its frame ends; nothing is emitted. */
static bool skip_dead(struct cg_func *f, const struct wasm_insn *insn)
{
	struct cg_frame *fr = top(f);
	switch (insn->op) {
	case WASM_OP_BLOCK:
	case WASM_OP_LOOP:
	case WASM_OP_IF:
		fr->skip_depth++;
		return true;
	case WASM_OP_ELSE:
		if (fr->skip_depth)
			return true;
		return lower_else(f);
	case WASM_OP_END:
		if (fr->skip_depth) {
			fr->skip_depth--;
			return true;
		}
		return lower_end(f);
	default:
		return true;
	}
}

/* One pass over the body before lowering: does it call anything? */
static void scan_body(struct cg_func *f)
{
	struct wasm_reader r = f->r;
	struct wasm_insn insn;
	while (r.pos < r.end && wasm_read_insn(&r, &insn)) {
		if (insn.op == WASM_OP_CALL || insn.op == WASM_OP_CALL_INDIRECT)
			f->makes_calls = true;
	}
}

static bool setup_locals(struct cg_func *f)
{
	struct cg_ctx *c = f->c;
	const struct wasm_func *fn = f->func;
	uint64_t total = (uint64_t)f->type->param_count + fn->local_count;
	if (total > MAX_LOCALS)
		return cg_fail(c, fn->code_offset, "function %u has %llu locals; wasmc compiles at most %u", f->index,
				(unsigned long long)total, MAX_LOCALS);
	f->local_count = (uint32_t)total;
	f->locals = malloc((total ? total : 1) * sizeof(*f->locals));
	f->local_types = malloc(total ? total : 1);
	if (!f->locals || !f->local_types)
		return cg_fail(c, fn->code_offset, "out of memory");
	scan_body(f);
	uint32_t k = 0;
	for (uint32_t i = 0; i < f->type->param_count; i++, k++) {
		f->local_types[k] = f->type->params[i];
		f->locals[k] = LLVMBuildAlloca(c->b, cg_valtype(c, f->local_types[k]), "");
		LLVMBuildStore(c->b, LLVMGetParam(f->fn, i + 1), f->locals[k]);
	}
	for (uint32_t d = 0; d < fn->local_decl_count; d++) {
		for (uint32_t i = 0; i < fn->local_decls[d].count; i++, k++) {
			f->local_types[k] = fn->local_decls[d].type;
			f->locals[k] = LLVMBuildAlloca(c->b, cg_valtype(c, f->local_types[k]), "");
			LLVMBuildStore(c->b, cg_zero(c, f->local_types[k]), f->locals[k]);
		}
	}
	return true;
}

/*
 * Deep recursion must trap, not crash: compare the frame address with the
 * instance's limit. Leaf functions with small frames skip it: they cannot
 * recurse, and such a frame crossing the limit stays within the 128 KiB margin
 * above rtlib's guard. Frames that may be large check at entry; otherwise,
 * when optimizing, the check comes before each call (cg_emit_call) and the
 * optimizer places it: an activation that makes no call (fib's leaves) skips
 * it, checks after the first on a path fold away, and a loop's moves out of
 * the loop (trivial unswitching). The limit is an invariant load, so that it
 * costs no register (x86-64 compares it in memory). -O0 checks at entry.
 */
void cg_check_stack(struct cg_func *f)
{
	struct cg_ctx *c = f->c;
	LLVMValueRef zero = cg_const_i32(c, 0);
	LLVMValueRef frame = cg_intrinsic(c, "llvm.frameaddress", &c->t.ptr, 1, &zero, 1);
	LLVMValueRef limit_ptr = cg_inst_field(c, f->inst, offsetof(struct rt_instance, stack_limit));
	LLVMValueRef limit = cg_load_invariant(c, c->t.i64, limit_ptr, "stack_limit");
	LLVMValueRef sp = LLVMBuildPtrToInt(c->b, frame, c->t.i64, "");
	cg_trap_if(c, LLVMBuildICmp(c->b, LLVMIntULT, sp, limit, "stack_low"), RT_TRAP_STACK_EXHAUSTED);
}

static void stack_check(struct cg_func *f)
{
	/* Beyond 4096 locals a frame could outgrow the 128 KiB margin: at entry, calls or not. */
	if (f->local_count > 4096 || (f->makes_calls && f->c->opts->opt_level == 0))
		cg_check_stack(f);
	else
		f->check_calls = f->makes_calls;
}

bool cg_function_body(struct cg_ctx *c, uint32_t func_index)
{
	const struct wasm_module *m = c->m;
	struct cg_func f = {
		.c = c, .index = func_index, .func = &m->funcs[func_index],
		.type = wasm_func_type_of(m, func_index), .fn = c->funcs[func_index],
	};
	struct wasm_error ignored = { 0 };
	rd_init(&f.r, m->bytes, m->size, &ignored);
	f.r.pos = f.func->body_offset;
	f.r.end = f.func->body_end;
	f.at = f.r.pos;

	LLVMBuilderRef b = c->b;
	LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(c->llvm, f.fn, "entry"));
	f.inst = LLVMGetParam(f.fn, 0);
	bool ok = setup_locals(&f);
	if (ok && m->memory_count > 0) {
		f.mem_base = cg_load_invariant(c, c->t.ptr, f.inst, "mem0_base");
		const char *kind = m->memories[0].type.limits.shared ? "shared" : "";
		LLVMAddAttributeAtIndex(f.fn, LLVMAttributeFunctionIndex,
				LLVMCreateStringAttribute(c->llvm, CG_MEMORY_ATTR, sizeof(CG_MEMORY_ATTR) - 1, kind,
						(unsigned)strlen(kind)));
	}
	if (ok)
		stack_check(&f);
	if (ok && f.makes_calls)
		cg_fuel_check(&f);
	ok = ok && push_frame(&f, CG_FRAME_FUNC, NULL, 0, f.type->results, f.type->result_count);
	while (ok && f.depth > 0) {
		struct wasm_insn insn;
		f.at = f.r.pos;
		if (!wasm_read_insn(&f.r, &insn)) {
			ok = cg_fail(c, f.at, "%s", ignored.message);
			break;
		}
		if (!top(&f)->unreachable)
			cg_fuel_charge(&f, insn.op);
		ok = top(&f)->unreachable ? skip_dead(&f, &insn) : lower_insn(&f, &insn);
	}
	while (f.depth > 0)
		free_frame(&f.frames[--f.depth]);
	free(f.frames);
	free(f.stack);
	free(f.locals);
	free(f.local_types);
	return ok;
}
