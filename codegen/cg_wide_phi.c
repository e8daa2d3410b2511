/*
 * After optimization, before code generation: a block that merges very many
 * edges keeps its values in stack slots instead of phis.
 *
 * Real modules have such blocks: the end of a wasm block that hundreds of
 * br/br_table edges leave with a result (a large `match` of the producer's
 * language), after SimplifyCFG has folded the paths together. LLVM's
 * CodeGenPrepare examines, for every empty switch case that branches there,
 * every predecessor of the block and each phi's incoming list
 * (isMergingEmptyBlockProfitable, canMergeBlocks): cases x predecessors x
 * incoming, cubic. One function of wasm-tools (a 2,000-edge merge reached
 * from 240 such cases) spent 0.73 s there; a synthetic switch of 400 cases
 * and 4,000 edges, 1.4 s. A stack slot costs a store on each edge and one
 * load at the merge, where the phi costs a register copy on each edge: at a
 * merge of that width it is not a hot loop's header, and the cubic walk
 * goes (the block no longer has phis, and the cases no longer are empty).
 */
#include <stdlib.h>

#include "cg.h"

/*
 * Merges of at least this many edges are demoted. An interpreter's dispatch
 * loop, whose header merges one edge per opcode handler, stays below it.
 */
#define CG_WIDE_PHI_EDGES 512

struct cg_edge {
	LLVMBasicBlockRef from;
	LLVMValueRef value;
};

static int compare_edge(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct cg_edge *)a)->from, y = (uintptr_t)((const struct cg_edge *)b)->from;
	return x < y ? -1 : x > y;
}

static LLVMValueRef first_non_phi(LLVMBasicBlockRef bb)
{
	LLVMValueRef in = LLVMGetFirstInstruction(bb);
	while (in && LLVMIsAPHINode(in))
		in = LLVMGetNextInstruction(in);
	return in;
}

/*
 * One phi into a slot: a store before the terminator of each incoming block
 * (once per block: a switch may list the block several times, always with
 * the same value), and a load where the phi was. Every path into the merge
 * leaves one of those blocks last, so the load reads that edge's value; the
 * loads of a block's demoted phis all come before anything else of it, so a
 * phi that feeds another on a back edge is read before either is stored.
 * edges holds at least the phi's incoming count.
 */
static void demote_phi(struct cg_ctx *c, LLVMValueRef phi, LLVMValueRef alloca_at, struct cg_edge *edges)
{
	unsigned n = LLVMCountIncoming(phi);
	LLVMTypeRef type = LLVMTypeOf(phi);
	LLVMBasicBlockRef merge = LLVMGetInstructionParent(phi);
	LLVMPositionBuilderBefore(c->b, alloca_at);
	LLVMValueRef slot = LLVMBuildAlloca(c->b, type, "merge.slot");
	for (unsigned i = 0; i < n; i++)
		edges[i] = (struct cg_edge){ LLVMGetIncomingBlock(phi, i), LLVMGetIncomingValue(phi, i) };
	qsort(edges, n, sizeof(edges[0]), compare_edge);
	for (unsigned i = 0; i < n; i++) {
		if (i && edges[i].from == edges[i - 1].from)
			continue;
		LLVMPositionBuilderBefore(c->b, LLVMGetBasicBlockTerminator(edges[i].from));
		LLVMBuildStore(c->b, edges[i].value, slot);
	}
	LLVMPositionBuilderBefore(c->b, first_non_phi(merge));
	LLVMValueRef load = LLVMBuildLoad2(c->b, type, slot, "merge");
	LLVMReplaceAllUsesWith(phi, load);
	LLVMInstructionEraseFromParent(phi);
}

/* Every function's merges of CG_WIDE_PHI_EDGES edges or more; false if out of memory. */
bool cg_demote_wide_phis(struct cg_ctx *c)
{
	struct cg_edge *edges = NULL;
	size_t cap = 0;
	bool ok = true;
	for (LLVMValueRef fn = LLVMGetFirstFunction(c->mod); fn && ok; fn = LLVMGetNextFunction(fn)) {
		LLVMBasicBlockRef entry = LLVMCountBasicBlocks(fn) ? LLVMGetEntryBasicBlock(fn) : NULL;
		for (LLVMBasicBlockRef bb = entry; bb && ok; bb = LLVMGetNextBasicBlock(bb)) {
			LLVMValueRef phi = LLVMGetFirstInstruction(bb);
			if (!phi || !LLVMIsAPHINode(phi) || LLVMCountIncoming(phi) < CG_WIDE_PHI_EDGES)
				continue;
			for (LLVMValueRef next; phi && LLVMIsAPHINode(phi); phi = next) {
				next = LLVMGetNextInstruction(phi);
				unsigned n = LLVMCountIncoming(phi);
				if (n > cap) {
					struct cg_edge *grown = realloc(edges, n * sizeof(*edges));
					if (!grown) {
						ok = false;
						break;
					}
					edges = grown;
					cap = n;
				}
				demote_phi(c, phi, LLVMGetFirstInstruction(entry), edges);
			}
		}
	}
	free(edges);
	return ok;
}
