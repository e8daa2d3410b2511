/*
 * wasmc --timeout: checks of the runtime's interrupt flag (rt_limits.h),
 * inserted into each wasm function after the optimization pipeline, just
 * before instruction selection. Emitted during lowering, a check in every
 * loop header kept LLVM from vectorizing and unrolling (blur ran 2x slower);
 * inserted afterwards, a vectorized or unrolled loop pays one check per
 * iteration of the loop LLVM made.
 *
 * Where: the source block of every back edge of a depth-first walk of the
 * CFG (any cycle holds one, reducible or not), at its start, unless
 * that block calls a function whose entry checks; and the entry of every
 * function that may take part in recursion after inlining (cg_recursion.c).
 * Code with neither runs a bounded number of instructions, so `(loop (br 0))`
 * and endless recursion both meet a check.
 */
#include <llvm-c/Analysis.h>
#include <stdlib.h>

#include "cg.h"
#include "rt_limits.h"

/* The blocks of fn sorted by address, so that a block's index is found by bsearch. */
struct block_set {
	LLVMBasicBlockRef *blocks;
	size_t count;
};

static size_t index_of(const struct block_set *s, LLVMBasicBlockRef bb)
{
	LLVMBasicBlockRef *at = bsearch(&bb, s->blocks, s->count, sizeof(*s->blocks), cg_compare_addresses);
	return (size_t)(at - s->blocks);
}

enum { UNSEEN, ON_PATH, DONE };

/*
 * Marks in is_latch the sources of the back edges of a depth-first walk
 * from the entry: edges to a block still on the walk's path. False if out of memory.
 */
static bool find_latches(LLVMValueRef fn, const struct block_set *s, bool *is_latch)
{
	uint8_t *state = calloc(s->count, 1);
	struct step { LLVMBasicBlockRef bb; unsigned next; } *path = malloc(s->count * sizeof(*path));
	if (!state || !path) {
		free(state);
		free(path);
		return false;
	}
	size_t depth = 0;
	LLVMBasicBlockRef entry = LLVMGetEntryBasicBlock(fn);
	path[depth++] = (struct step){ entry, 0 };
	state[index_of(s, entry)] = ON_PATH;
	while (depth) {
		struct step *top = &path[depth - 1];
		LLVMValueRef term = LLVMGetBasicBlockTerminator(top->bb);
		unsigned n = term ? LLVMGetNumSuccessors(term) : 0;
		if (top->next == n) {
			state[index_of(s, top->bb)] = DONE;
			depth--;
			continue;
		}
		LLVMBasicBlockRef succ = LLVMGetSuccessor(term, top->next++);
		size_t i = index_of(s, succ);
		if (state[i] == ON_PATH) {
			is_latch[index_of(s, top->bb)] = true;
		} else if (state[i] == UNSEEN) {
			state[i] = ON_PATH;
			path[depth++] = (struct step){ succ, 0 };
		}
	}
	free(state);
	free(path);
	return true;
}

/*
 * The phis of `bb` that name `from` as a predecessor name `to` instead. The
 * C API cannot change a phi's block: each such phi is made anew.
 */
static void rename_incoming(struct cg_ctx *c, LLVMBasicBlockRef bb, LLVMBasicBlockRef from, LLVMBasicBlockRef to)
{
	LLVMValueRef phi = LLVMGetFirstInstruction(bb);
	while (phi && LLVMIsAPHINode(phi)) {
		LLVMValueRef next = LLVMGetNextInstruction(phi);
		unsigned n = LLVMCountIncoming(phi), named = 0;
		for (unsigned i = 0; i < n; i++)
			named += LLVMGetIncomingBlock(phi, i) == from;
		if (named) {
			LLVMPositionBuilderBefore(c->b, phi);
			LLVMValueRef renamed = LLVMBuildPhi(c->b, LLVMTypeOf(phi), "");
			for (unsigned i = 0; i < n; i++) {
				LLVMValueRef value = LLVMGetIncomingValue(phi, i);
				LLVMBasicBlockRef block = LLVMGetIncomingBlock(phi, i);
				if (block == from)
					block = to;
				LLVMAddIncoming(renamed, &value, &block, 1);
			}
			LLVMReplaceAllUsesWith(phi, renamed);
			LLVMInstructionEraseFromParent(phi);
		}
		phi = next;
	}
}

/*
 * Moves `inst` and what follows it in its block to a new block, which takes
 * over the block's outgoing edges; branches into the block still go to its head.
 */
static LLVMBasicBlockRef split_before(struct cg_ctx *c, LLVMValueRef inst)
{
	LLVMBasicBlockRef head = LLVMGetInstructionParent(inst);
	LLVMBasicBlockRef tail = LLVMAppendBasicBlockInContext(c->llvm, LLVMGetBasicBlockParent(head), "");
	LLVMMoveBasicBlockAfter(tail, head);
	LLVMPositionBuilderAtEnd(c->b, tail);
	while (inst) {
		LLVMValueRef next = LLVMGetNextInstruction(inst);
		LLVMInstructionRemoveFromParent(inst);
		LLVMInsertIntoBuilder(c->b, inst);
		inst = next;
	}
	LLVMValueRef term = LLVMGetBasicBlockTerminator(tail);
	for (unsigned k = 0, count = LLVMGetNumSuccessors(term); k < count; k++)
		rename_incoming(c, LLVMGetSuccessor(term, k), head, tail);
	return tail;
}

/* Checks the flag before `inst`, trapping in *trap (made on first use). */
static void check_before(struct cg_ctx *c, LLVMValueRef inst, LLVMBasicBlockRef *trap)
{
	LLVMBasicBlockRef head = LLVMGetInstructionParent(inst);
	LLVMBasicBlockRef tail = split_before(c, inst);
	if (!*trap) {
		*trap = LLVMAppendBasicBlockInContext(c->llvm, LLVMGetBasicBlockParent(head), "interrupted");
		LLVMPositionBuilderAtEnd(c->b, *trap);
		cg_trap(c, RT_TRAP_INTERRUPTED);
	}
	LLVMValueRef flag = cg_runtime_global(c, RT_INTERRUPT_SYMBOL, c->t.i32);
	LLVMPositionBuilderAtEnd(c->b, head);
	LLVMValueRef pending = LLVMBuildLoad2(c->b, c->t.i32, flag, "interrupt");
	LLVMSetVolatile(pending, 1);
	LLVMValueRef set = LLVMBuildICmp(c->b, LLVMIntNE, pending, cg_const_i32(c, 0), "");
	cg_mark_unlikely(c, LLVMBuildCondBr(c->b, set, *trap, tail));
}

/* Whether bb calls a function of `checked` (sorted), whose entry checks the flag. */
static bool calls_checked(LLVMBasicBlockRef bb, LLVMValueRef *checked, size_t count)
{
	for (LLVMValueRef in = LLVMGetFirstInstruction(bb); in; in = LLVMGetNextInstruction(in)) {
		if (LLVMGetInstructionOpcode(in) != LLVMCall)
			continue;
		LLVMValueRef callee = LLVMGetCalledValue(in);
		if (bsearch(&callee, checked, count, sizeof(*checked), cg_compare_addresses))
			return true;
	}
	return false;
}

/*
 * Where a latch checks: at its start, after its phis. Before its terminator,
 * the code generator sank part of the block's work past the check into the
 * new block and copied registers across the two (dot: 1.30x the instructions
 * of no check, against 1.10x with the check at the start).
 */
static LLVMValueRef latch_check_point(LLVMBasicBlockRef bb)
{
	LLVMValueRef first = LLVMGetFirstInstruction(bb);
	while (LLVMIsAPHINode(first))
		first = LLVMGetNextInstruction(first);
	return first;
}

/*
 * Checks in each latch (latch_check_point), but where the latch calls a
 * function of `checked` (its entry checks in every iteration); with
 * entry_check, at the entry too.
 */
static bool insert_checks(struct cg_ctx *c, LLVMValueRef fn, bool entry_check, LLVMValueRef *checked,
		size_t checked_count)
{
	struct block_set s = { .count = LLVMCountBasicBlocks(fn) };
	s.blocks = malloc(s.count * sizeof(*s.blocks));
	bool *is_latch = calloc(s.count, sizeof(*is_latch));
	bool ok = s.blocks && is_latch;
	if (ok) {
		LLVMGetBasicBlocks(fn, s.blocks);
		qsort(s.blocks, s.count, sizeof(*s.blocks), cg_compare_addresses);
		ok = find_latches(fn, &s, is_latch);
	}
	LLVMBasicBlockRef trap = NULL;
	for (size_t i = 0; ok && i < s.count; i++)
		if (is_latch[i] && !calls_checked(s.blocks[i], checked, checked_count))
			check_before(c, latch_check_point(s.blocks[i]), &trap);
	if (ok && entry_check) {
		LLVMValueRef first = LLVMGetFirstInstruction(LLVMGetEntryBasicBlock(fn));
		while (LLVMIsAAllocaInst(first)) /* static allocas stay in the entry block */
			first = LLVMGetNextInstruction(first);
		check_before(c, first, &trap);
	}
	free(s.blocks);
	free(is_latch);
	return ok;
}

/* The part's wasm functions left after optimization (inlined everywhere and deleted: checked where they went). */
static uint32_t wasm_functions(struct cg_ctx *c, LLVMValueRef *fns)
{
	uint32_t n = 0;
	for (uint32_t i = c->part->begin; i < c->part->end; i++) {
		char name[CG_FUNC_SYMBOL_MAX];
		cg_func_symbol(c, i, name, sizeof(name));
		LLVMValueRef fn = LLVMGetNamedFunction(c->mod, name);
		if (fn && !LLVMIsDeclaration(fn))
			fns[n++] = fn;
	}
	return n;
}

bool cg_insert_interrupt_checks(struct cg_ctx *c)
{
	if (!c->opts->interrupt_checks)
		return true;
	cg_declare_trap(c);
	size_t cap = c->part->end - c->part->begin;
	LLVMValueRef *fns = malloc((cap ? cap : 1) * sizeof(*fns)), *checked = malloc((cap ? cap : 1) * sizeof(*checked));
	bool *recurses = calloc(cap ? cap : 1, sizeof(*recurses));
	bool ok = fns && checked && recurses;
	uint32_t n = ok ? wasm_functions(c, fns) : 0;
	ok = ok && cg_may_recurse(fns, n, recurses);
	size_t checked_count = 0;
	for (uint32_t i = 0; ok && i < n; i++)
		if (recurses[i])
			checked[checked_count++] = fns[i];
	if (ok)
		qsort(checked, checked_count, sizeof(*checked), cg_compare_addresses);
	for (uint32_t i = 0; ok && i < n; i++)
		ok = insert_checks(c, fns[i], recurses[i], checked, checked_count);
	free(fns);
	free(checked);
	free(recurses);
	if (!ok)
		return cg_fail(c, 0, "out of memory");
	char *msg = NULL;
	bool bad = c->opts->verify && LLVMVerifyModule(c->mod, LLVMReturnStatusAction, &msg);
	if (bad)
		cg_fail(c, 0, "internal error: invalid LLVM IR after the interrupt checks: %.200s", msg);
	LLVMDisposeMessage(msg);
	return !bad;
}
