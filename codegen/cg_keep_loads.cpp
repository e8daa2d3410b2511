/*
 * Loads that must trap even when their value is unused.
 *
 * A linear-memory load out of bounds faults in the guard region and traps,
 * but LLVM deletes a load whose value becomes unused (after folding a
 * select, deleting a dead store, inlining into a caller that drops the
 * result...). Making every load volatile keeps them all but blocks CSE,
 * LICM and vectorization (1.39x the instructions on the corpus).
 *
 * Instead, from the start of the pipeline every memory load has a keep-alive
 * user: `call @llvm.sideeffect() memory(inaccessiblemem: readwrite)
 * ["wasmc.keep"(%load)]`. It touches no memory a load or store can, so alias
 * analysis lets GVN, LICM and DSE move and merge accesses across it; TTI
 * prices it at 0 (inlining, unrolling), EarlyCSE skips it, and nothing
 * deletes it. A load then disappears only when an earlier access to the same
 * address replaces it (GVN, store forwarding), which trapped first.
 *
 * The vectorizers would scalarize a loaded value to feed its keep-alive, so
 * around them (wasmc-keep-dead-only ... wasmc-keep-loads in cg_pipeline.c)
 * only loads with no other user keep theirs; the vectorizers replace a load
 * only by one covering its bytes. At the end, wasmc-lower-keeps removes every
 * keep-alive and makes volatile the loads that code generation would drop,
 * move behind a branch or narrow (backend_may_move). docs/trapping-loads.md
 * has the reasons and the figures.
 */
#include "cg_passes.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/InstIterator.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/PatternMatch.h>

#include <vector>

using namespace llvm;

namespace {

const char KEEP_TAG[] = "wasmc.keep";

bool is_keep(const User *user)
{
	auto *call = dyn_cast<IntrinsicInst>(user);
	return call && call->getIntrinsicID() == Intrinsic::sideeffect && call->getNumOperandBundles() == 1 &&
	       call->getOperandBundleAt(0).getTagName() == KEEP_TAG;
}

Value *kept_value(Instruction &keep)
{
	return cast<CallBase>(keep).getOperandBundleAt(0).Inputs[0];
}

/* A load of linear memory: its TBAA access tag has the base type "linear memory" (cg_memory.c). */
bool is_memory_load(const Instruction &inst)
{
	auto *load = dyn_cast<LoadInst>(&inst);
	MDNode *tag = load && load->isSimple() ? load->getMetadata(LLVMContext::MD_tbaa) : nullptr;
	auto *type = tag && tag->getNumOperands() >= 2 ? dyn_cast<MDNode>(tag->getOperand(0)) : nullptr;
	auto *name = type && type->getNumOperands() ? dyn_cast<MDString>(type->getOperand(0)) : nullptr;
	return name && name->getString() == "linear memory";
}

bool only_kept(const Value *v)
{
	return all_of(v->users(), is_keep);
}

PreservedAnalyses changed_cfg_kept(bool changed)
{
	if (!changed)
		return PreservedAnalyses::all();
	PreservedAnalyses pa;
	pa.preserveSet<CFGAnalyses>();
	return pa;
}

using live_set = DenseSet<const Instruction *>;

/*
 * What code generation keeps: instructions with effects, terminators, and
 * what they use. A load used only by dead code, or around a cycle of phis
 * that nothing else uses, is not among them.
 */
live_set live_instructions(Function &fn)
{
	live_set live;
	std::vector<const Instruction *> work;
	for (Instruction &inst : instructions(fn)) {
		if (inst.isTerminator() || inst.mayHaveSideEffects() || inst.isEHPad()) {
			live.insert(&inst);
			work.push_back(&inst);
		}
	}
	while (!work.empty()) {
		const Instruction *inst = work.back();
		work.pop_back();
		for (const Use &op : inst->operands()) {
			auto *used = dyn_cast<Instruction>(op.get());
			if (used && live.insert(used).second)
				work.push_back(used);
		}
	}
	return live;
}

/*
 * May user need the last byte of v, its operand (the highest-addressed byte
 * of a load: the one that decides whether the load traps)? Not a wrap, a
 * mask of the low bytes, a left shift by a byte or more, or lanes other than
 * the last: to those, instruction selection may narrow a load. Through a
 * bitcast or a right shift, what their users need.
 */
bool needs_last_byte(const User *user, const Value *v, const live_set &live)
{
	if (!live.count(cast<Instruction>(user)))
		return false;
	if (isa<TruncInst>(user))
		return false;
	auto *extract = dyn_cast<ExtractElementInst>(user);
	if (extract && extract->getVectorOperand() == v) {
		auto *lane = dyn_cast<ConstantInt>(extract->getIndexOperand());
		auto *type = cast<FixedVectorType>(v->getType());
		return !lane || lane->getZExtValue() + 1 >= type->getNumElements();
	}
	if (auto *shuffle = dyn_cast<ShuffleVectorInst>(user)) {
		auto *type = cast<FixedVectorType>(v->getType());
		int n = (int)type->getNumElements();
		for (unsigned i = 0; i < 2; i++)
			if (shuffle->getOperand(i) == v && is_contained(shuffle->getShuffleMask(), (int)(i * n) + n - 1))
				return true;
		return false;
	}
	auto *op = dyn_cast<BinaryOperator>(user);
	auto *amount = op && op->getOpcode() == Instruction::Shl ? dyn_cast<ConstantInt>(op->getOperand(1)) : nullptr;
	if (amount && op->getOperand(0) == v)
		return amount->getZExtValue() < 8; /* a left shift of 8 or more drops the top byte */
	if (op && op->getOpcode() == Instruction::And) {
		auto *mask = dyn_cast<ConstantInt>(op->getOperand(0) == v ? op->getOperand(1) : op->getOperand(0));
		return !mask || mask->getValue().getActiveBits() + 8 > mask->getBitWidth();
	}
	if ((isa<ZExtInst>(user) || isa<SExtInst>(user)) && user->getType()->isVectorTy()) {
		/*
		 * Widened lanes move the last byte off the end of the vector, where lane
		 * tests no longer find it: any user that takes only a part, and the known
		 * zero or sign bits, leave it to instruction selection (load16x4_u, then
		 * extract_lane 7 of the i16x8 view: a constant 0).
		 */
		return any_of(user->users(), [&](const User *u) {
			return live.count(cast<Instruction>(u)) && !isa<BitCastInst>(u) && !isa<ExtractElementInst>(u) &&
			       !isa<ShuffleVectorInst>(u) && !isa<TruncInst>(u) && !isa<BinaryOperator>(u);
		});
	}
	bool passes_on = isa<BitCastInst>(user) ||
			 (op && (op->getOpcode() == Instruction::LShr || op->getOpcode() == Instruction::AShr) &&
					 op->getOperand(0) == v);
	if (!passes_on)
		return true;
	return any_of(user->users(), [&](const User *u) { return needs_last_byte(u, user, live); });
}

/* The second operand of an i1 "a and b" or "a or b": a branch on it tests b in a block of its own. */
bool is_second_condition(const Instruction *user, const Value *v)
{
	using namespace PatternMatch;
	auto *logic = const_cast<Instruction *>(user);
	Value *a, *b;
	return (match(logic, m_LogicalAnd(m_Value(a), m_Value(b))) || match(logic, m_LogicalOr(m_Value(a), m_Value(b)))) &&
	       b == v && a != v;
}

/* What code generation will see of a function: what it keeps, and which values stay in their blocks. */
struct backend_view {
	live_set live;
	DominatorTree &dt;
	DenseMap<const Instruction *, bool> anchored; /* memo of stays() */
};

/*
 * Does what inst computes stay in its block through code generation? It
 * does if, within the block, it reaches something that stays: an effect, a
 * terminator, a load (kept, or volatile in its turn), a phi on a loop's back
 * edge or on the block's only way out. Not through a use in another block,
 * a phi behind a branch (a new block on that edge may take it), the value
 * of a select (CodeGenPrepare may branch around it), or the second test of
 * an and/or (instruction selection branches on each in turn): MachineSink
 * moves what nothing in the block needs into the successor that uses it.
 */
bool stays(const Instruction *inst, backend_view &view)
{
	auto known = view.anchored.find(inst);
	if (known != view.anchored.end())
		return known->second;
	const BasicBlock *bb = inst->getParent();
	bool result = false;
	for (const Use &use : inst->uses()) {
		const auto *user = cast<Instruction>(use.getUser());
		if (!view.live.count(user))
			continue;
		if (const auto *phi = dyn_cast<PHINode>(user))
			result = phi->getIncomingBlock(use) == bb &&
				 (bb->getSingleSuccessor() || view.dt.dominates(phi->getParent(), bb));
		else if (user->getParent() != bb || is_second_condition(user, inst))
			result = false;
		else if (const auto *select = dyn_cast<SelectInst>(user))
			result = select->getCondition() == inst && stays(user, view);
		else
			result = user->isTerminator() || user->mayHaveSideEffects() || isa<LoadInst>(user) ||
				 stays(user, view);
		if (result)
			break;
	}
	view.anchored[inst] = result;
	return result;
}

/*
 * Instruction selection and the machine passes move and shrink loads as if
 * they could not fault: a load may sink into the successor that uses it
 * (MachineSink), and a load used only in part may narrow to that part
 * (DAGCombiner). Each would lose the trap of its bytes; such loads become
 * volatile, which no backend moves or narrows.
 */
bool backend_may_move(const LoadInst &load, backend_view &view)
{
	bool last_byte_used = false;
	for (const User *user : load.users())
		last_byte_used |= needs_last_byte(user, &load, view.live);
	return !last_byte_used || !stays(&load, view);
}

} // namespace

bool cg_is_keep(const Instruction &inst)
{
	return is_keep(&inst);
}

PreservedAnalyses cg_keep_loads_pass::run(Function &fn, FunctionAnalysisManager &)
{
	std::vector<Instruction *> loads;
	for (Instruction &inst : instructions(fn))
		if (is_memory_load(inst) && none_of(inst.users(), is_keep))
			loads.push_back(&inst);
	if (loads.empty())
		return PreservedAnalyses::all();
	Function *sideeffect = Intrinsic::getDeclaration(fn.getParent(), Intrinsic::sideeffect);
	for (Instruction *load : loads) {
		OperandBundleDef bundle(KEEP_TAG, std::vector<Value *>{ load });
		CallInst *keep = CallInst::Create(sideeffect, {}, { bundle }, "", load->getNextNode());
		keep->setMemoryEffects(MemoryEffects::inaccessibleMemOnly());
	}
	return changed_cfg_kept(true);
}

PreservedAnalyses cg_keep_dead_only_pass::run(Function &fn, FunctionAnalysisManager &)
{
	bool changed = false;
	for (Instruction &inst : make_early_inc_range(instructions(fn))) {
		if (is_keep(&inst) && !only_kept(kept_value(inst))) {
			inst.eraseFromParent();
			changed = true;
		}
	}
	return changed_cfg_kept(changed);
}

PreservedAnalyses cg_lower_keeps_pass::run(Function &fn, FunctionAnalysisManager &am)
{
	bool changed = false;
	for (Instruction &inst : make_early_inc_range(instructions(fn))) {
		if (is_keep(&inst)) {
			inst.eraseFromParent();
			changed = true;
		}
	}
	backend_view view{ live_instructions(fn), am.getResult<DominatorTreeAnalysis>(fn), DenseMap<const Instruction *, bool>() };
	for (Instruction &inst : instructions(fn)) {
		auto *load = dyn_cast<LoadInst>(&inst);
		if (is_memory_load(inst) && (!view.live.count(load) || backend_may_move(*load, view))) {
			load->setVolatile(true);
			changed = true;
		}
	}
	return changed_cfg_kept(changed);
}
