/*
 * wasmc-unwiden: undoes the versions of loops that wasmc-widen (cg_widen.cpp)
 * could count only by a stride that must divide (struct counted) and that the
 * vectorizers did not use. Before such counting these loops were never
 * versioned; the check at each entry (a trip count, compares per array, the
 * division test) pays only when the checked copy became vector code. lz77's
 * overlapping byte copy (4 bytes per iteration, a few iterations per match)
 * was versioned once it could be counted, was not vectorized, and ran 14%
 * more instructions for its checks. Other versioned loops keep their check
 * even unvectorized: their checked copy's i64 addresses can be cheaper
 * (dispatch ran 1.2% more instructions with every such check folded).
 *
 * Runs after the loop and SLP vectorizers. For each branch carrying
 * CG_WIDEN_CHECK_MD, the checked copy is the loop its true side leads to
 * through blocks of one successor. If that loop is not marked vectorized and
 * holds no vector instruction, the branch goes to the scalar copy always: the
 * checked copy is unreachable (SimplifyCFG deletes it) and the check dead.
 * Whatever cannot be followed that way (the loop vectorizer's own checks in
 * between, for instance) is left as it is.
 */
#include "cg_passes.h"

#include <llvm/Analysis/LoopInfo.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/Instructions.h>
#include <llvm/Transforms/Utils/Local.h>

using namespace llvm;

namespace {

/* The loop whose header `bb` reaches through blocks of one successor, or NULL. */
Loop *loop_ahead(BasicBlock *bb, LoopInfo &li)
{
	for (int hops = 0; bb && hops < 4; hops++) {
		if (li.isLoopHeader(bb))
			return li.getLoopFor(bb);
		bb = bb->getSingleSuccessor();
	}
	return nullptr;
}

bool vectorized(const Loop *loop)
{
	if (MDNode *id = loop->getLoopID())
		for (const MDOperand &op : id->operands())
			if (auto *hint = dyn_cast_or_null<MDNode>(op.get()))
				if (auto *name = hint->getNumOperands() ? dyn_cast<MDString>(hint->getOperand(0)) : nullptr)
					if (name->getString() == "llvm.loop.isvectorized")
						return true;
	for (BasicBlock *bb : loop->blocks())
		for (Instruction &inst : *bb) {
			if (inst.getType()->isVectorTy())
				return true;
			for (Value *op : inst.operands())
				if (op->getType()->isVectorTy())
					return true;
		}
	return false;
}

} // namespace

PreservedAnalyses cg_unwiden_pass::run(Function &fn, FunctionAnalysisManager &am)
{
	SmallVector<BranchInst *, 8> checks;
	for (BasicBlock &bb : fn)
		if (auto *br = dyn_cast<BranchInst>(bb.getTerminator()))
			if (br->isConditional() && br->getMetadata(CG_WIDEN_CHECK_MD))
				checks.push_back(br);
	if (checks.empty())
		return PreservedAnalyses::all();
	auto &li = am.getResult<LoopAnalysis>(fn);
	bool changed = false;
	for (BranchInst *br : checks) {
		br->setMetadata(CG_WIDEN_CHECK_MD, nullptr);
		Loop *checked = loop_ahead(br->getSuccessor(0), li);
		if (!checked || vectorized(checked))
			continue;
		Value *ok = br->getCondition();
		br->setCondition(ConstantInt::getFalse(fn.getContext()));
		RecursivelyDeleteTriviallyDeadInstructions(ok);
		changed = true;
	}
	return changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
