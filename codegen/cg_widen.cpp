/*
 * wasmc-widen: makes linear-memory addresses in loops affine for LLVM's
 * vectorizers, with wasm's semantics and trap points kept exactly.
 *
 * An access is base + zext(i32 x) + offset, and x wraps, so SCEV cannot
 * tell that zext(a + 8k) and zext(a + 8k + 4) are 4 bytes apart, nor often
 * that consecutive iterations touch consecutive addresses. For an innermost
 * loop with a computable trip count whose accesses are all base + zext(x) +
 * offset with x affine in the loop (or invariant), the loop is versioned on
 * one condition computed at entry: every access of every iteration lies
 * inside memory's current size. Then no i32 address computation can wrap
 * (memory is at most 4 GiB), so the loop's copy behind the check computes
 * zext(s0 + c + k*step) as the i64 recurrence zext(s0) + c + k*step, and no
 * access in it can fault: a vectorized copy writes exactly what the scalar
 * loop writes. Otherwise the scalar copy runs, marked never to vectorize or
 * interleave, and traps where wasm traps. Memory only grows while the loop
 * runs, so a check at entry stays true.
 *
 * A loop whose stores cannot be checked this way is marked never to
 * vectorize: a vector store that faults, or loads of later iterations moved
 * before stores of earlier ones, would leave memory other than the trap
 * point of the scalar loop leaves it.
 *
 * In the checked copy each array (each s0) also gets a pointer of its own,
 * values the producer carries from the previous iteration's load are loaded
 * again where no store can reach them (struct carried), and before all that
 * IndVarSimplify's masked exit test is made countable (narrow_exit_test).
 * docs/vectorize.md has the kernels each of these is for, and the figures.
 */
#include "cg_passes.h"

#include <llvm/Analysis/LoopInfo.h>
#include <llvm/Analysis/ScalarEvolution.h>
#include <llvm/Analysis/ScalarEvolutionExpressions.h>
#include <llvm/Analysis/ValueTracking.h>
#include <llvm/IR/Dominators.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Instructions.h>
#include <llvm/IR/IntrinsicInst.h>
#include <llvm/IR/PatternMatch.h>
#include <llvm/Support/KnownBits.h>
#include <llvm/Transforms/Utils/BasicBlockUtils.h>
#include <llvm/Transforms/Utils/Cloning.h>
#include <llvm/Transforms/Utils/LoopSimplify.h>
#include <llvm/Transforms/Utils/LoopUtils.h>
#include <llvm/Transforms/Utils/ScalarEvolutionExpander.h>
#include <llvm/Transforms/Utils/ValueMapper.h>

#include <cstddef>
#include <map>
#include <vector>

extern "C" {
#include "rt_abi.h"
}

using namespace llvm;

namespace {

/* Accesses base + start + c + k*step + [0, size) for k in [0, trip count): start one SCEV, c constants. */
struct range {
	const SCEV *start; /* i64 */
	int64_t step;
	int64_t min_c, max_end; /* smallest c; largest c + offset + access size */
	bool stored;            /* the loop stores into it */
};

/*
 * A load or store at base + zext(s0 + c + k*step) + offset (i32 arithmetic)
 * whose address becomes array + c + offset + k*step (i64), array being
 * base + zext(s0) computed once before the loop.
 */
struct rewrite {
	Instruction *access;
	const SCEV *s0;
	int64_t c, step, offset;
};

/*
 * A header phi carrying the value that the previous iteration loaded
 * (rewrites[next], at c + offset + k*step); initially the value loaded before
 * the loop from what would be iteration -1's address. The producer does that
 * (jacobi1d's a[i + 1] becomes the next a[i]); the vectorizer cannot move a
 * store after the next load, as such a recurrence needs. Where no store of
 * the loop reaches that array, loading again gives the same value.
 */
struct carried {
	PHINode *phi;
	size_t next;
};

/*
 * A latch test x != bound (or ==) on an i32 recurrence x = {s, +, step} with
 * |step| a power of two above 1, which SCEV cannot count: if x skipped bound
 * it would wrap round and go on, so the trip count is known only when step
 * divides bound - s. clang leaves such tests in wasm32 code on byte offsets
 * of loops it unrolled (trisolv's `for (i = j + 1; i < n; i++)`, unrolled
 * twice, counts an offset by 16 up to 16 n). The loop is counted instead by a
 * new counter k = {0, +, 1} against K = (bound - s) / |step|, the same test
 * exactly when step divides bound - s (`divisible`, computed before the
 * loop): the checked copy requires it, the scalar copy keeps x's test.
 */
struct counted {
	ICmpInst *cmp = nullptr;
	Value *x = nullptr, *bound = nullptr; /* the test's operands, in their order */
	PHINode *k = nullptr;
	Instruction *k_next = nullptr;
	Value *divisible = nullptr;
	std::vector<Value *> made; /* before the loop, newest last: K and divisible (constants if folded) */
};

struct loop_plan {
	std::vector<range> ranges;
	std::vector<rewrite> rewrites;
	std::vector<carried> carried;
	counted count;
	bool stores = false;
	bool invariant_store = false; /* the vectorizer leaves such loops scalar anyway */
};

enum verdict { SKIP, UNSAFE, VERSION };

class widener {
	Function &fn;
	Value *base;
	ScalarEvolution &se;
	LoopInfo &li;
	DominatorTree &dt;
	const DataLayout &dl;

public:
	bool reshaped = false; /* a loop was put in simplified or LCSSA form */

	widener(Function &f, Value *b, ScalarEvolution &s, LoopInfo &l, DominatorTree &d)
		: fn(f), base(b), se(s), li(l), dt(d), dl(f.getDataLayout())
	{
	}

	/* e = c + rest with c a constant: returns rest and sets c (0 if e has no constant term). */
	const SCEV *split_constant(const SCEV *e, int64_t &c)
	{
		c = 0;
		if (auto *rec = dyn_cast<SCEVAddRecExpr>(e)) {
			/* {c + a, +, b} of an outer loop: c + {a, +, b}, wrapping or not. */
			const SCEV *start = rec->isAffine() ? split_constant(rec->getStart(), c) : rec->getStart();
			if (!c)
				return e;
			return se.getAddRecExpr(start, rec->getStepRecurrence(se), rec->getLoop(), SCEV::FlagAnyWrap);
		}
		auto *sum = dyn_cast<SCEVAddExpr>(e);
		auto *k = sum ? dyn_cast<SCEVConstant>(sum->getOperand(0)) : nullptr;
		if (!k || k->getAPInt().getSignificantBits() > 40)
			return e;
		c = k->getAPInt().getSExtValue();
		return se.getMinusSCEV(e, k);
	}

	/* The constant step of rec if it is an affine recurrence of loop, else false. */
	bool constant_step(const SCEV *e, Loop *loop, int64_t &step)
	{
		auto *rec = dyn_cast_or_null<SCEVAddRecExpr>(e); /* NULL: the operand of a zext was no recurrence */
		if (!rec || rec->getLoop() != loop || !rec->isAffine())
			return false;
		auto *k = dyn_cast<SCEVConstant>(rec->getStepRecurrence(se));
		if (!k || k->getAPInt().getSignificantBits() > 32)
			return false;
		step = k->getAPInt().getSExtValue();
		return true;
	}

	/*
	 * Adds ptr's access of `size` bytes to the plan; false unless its offset
	 * from base is zext(x) + constant, x affine in loop or invariant, or an
	 * i64 expression affine in loop or invariant.
	 */
	bool add_access(Loop *loop, Instruction *access, Value *ptr, uint64_t size, loop_plan &plan)
	{
		bool store = isa<StoreInst>(access);
		Type *i64 = Type::getInt64Ty(fn.getContext());
		int64_t offset;
		const SCEV *off = split_constant(se.getMinusSCEV(se.getSCEV(ptr), se.getSCEV(base)), offset);
		if (offset < 0 || !off->getType()->isIntegerTy(64))
			return false;
		range r{ nullptr, 0, 0, 0, store };
		auto *z = dyn_cast<SCEVZeroExtendExpr>(off);
		if (se.isLoopInvariant(off, loop)) {
			r.start = split_constant(off, r.min_c); /* base + zext(x): x and its zext stay whole */
		} else if (z && z->getOperand()->getType()->isIntegerTy(32)) {
			auto *rec = dyn_cast<SCEVAddRecExpr>(z->getOperand());
			if (!constant_step(rec, loop, r.step))
				return false;
			/* s0 + c: the constant apart, so that neighbouring accesses share s0. */
			const SCEV *s0 = split_constant(rec->getStart(), r.min_c);
			plan.rewrites.push_back({ access, s0, r.min_c, r.step, offset });
			r.start = se.getZeroExtendExpr(s0, i64);
		} else if (constant_step(off, loop, r.step)) {
			/* Already i64 (SCEV proved zext(x) cannot wrap): only its range is checked. */
			r.start = split_constant(cast<SCEVAddRecExpr>(off)->getStart(), r.min_c);
		} else {
			return false;
		}
		if (offset > (INT64_C(1) << 33))
			return false;
		if (store && r.step == 0)
			plan.invariant_store = true;
		r.max_end = r.min_c + offset + (int64_t)size;
		add_range(plan, r);
		return true;
	}

	range &add_range(loop_plan &plan, const range &r)
	{
		for (range &known : plan.ranges) {
			if (known.start == r.start && known.step == r.step) {
				known.min_c = std::min(known.min_c, r.min_c);
				known.max_end = std::max(known.max_end, r.max_end);
				known.stored |= r.stored;
				return known;
			}
		}
		plan.ranges.push_back(r);
		return plan.ranges.back();
	}

	/* Header phis of loaded values the loop can load again (struct carried), with their ranges checked. */
	void find_carried(Loop *loop, loop_plan &plan)
	{
		Type *i64 = Type::getInt64Ty(fn.getContext());
		BasicBlock *pre = loop->getLoopPreheader();
		for (PHINode &phi : loop->getHeader()->phis()) {
			auto *next = dyn_cast<LoadInst>(phi.getIncomingValueForBlock(loop->getLoopLatch()));
			auto *init = dyn_cast<LoadInst>(phi.getIncomingValueForBlock(pre));
			if (!next || !init || !init->isSimple() || init->getParent() != pre)
				continue;
			bool clobbered = false;
			for (auto it = std::next(init->getIterator()); it != pre->end(); ++it)
				clobbered |= it->mayWriteToMemory();
			size_t w = 0;
			while (w < plan.rewrites.size() && plan.rewrites[w].access != next)
				w++;
			if (clobbered || w == plan.rewrites.size())
				continue;
			const rewrite &r = plan.rewrites[w];
			/* init at base + zext(s0 + c_init) + offset_init, the same address as c - step + offset. */
			int64_t offset, c;
			const SCEV *x = split_constant(se.getMinusSCEV(se.getSCEV(init->getPointerOperand()), se.getSCEV(base)), offset);
			auto *z = dyn_cast<SCEVZeroExtendExpr>(x);
			if (!z || split_constant(z->getOperand(), c) != r.s0 || c + offset != r.c - r.step + r.offset)
				continue;
			int64_t size = (int64_t)dl.getTypeStoreSize(next->getType());
			const SCEV *start = se.getZeroExtendExpr(r.s0, i64);
			/* Both in the checked range, so that neither address wraps. */
			add_range(plan, { start, r.step, c, c + offset + size, false });
			if (!add_range(plan, { start, r.step, r.c - r.step, r.c - r.step + r.offset + size, false }).stored)
				plan.carried.push_back({ &phi, w });
		}
	}

	/*
	 * IndVarSimplify widens an i32 counter that runs up to 0 to i64 and exits
	 * on (iv & 0xfffffff0) == 0 (gemver's rows), which SCEV cannot count; on
	 * trunc(iv) == 0, which is the same test when the bits outside the mask
	 * are known to be 0, it can.
	 */
	bool narrow_exit_test(Loop *loop)
	{
		using namespace PatternMatch;
		auto *br = dyn_cast<BranchInst>(loop->getLoopLatch()->getTerminator());
		auto *cmp = br && br->isConditional() ? dyn_cast<ICmpInst>(br->getCondition()) : nullptr;
		Value *x;
		const APInt *mask;
		if (!cmp || !cmp->isEquality() || !match(cmp->getOperand(1), m_Zero()) ||
				!match(cmp->getOperand(0), m_And(m_Value(x), m_APInt(mask))) || !x->getType()->isIntegerTy(64))
			return false;
		APInt low32 = APInt::getLowBitsSet(64, 32);
		KnownBits known = computeKnownBits(x, dl);
		if (!mask->isSubsetOf(low32) || ((*mask | known.Zero) & low32) != low32)
			return false;
		IRBuilder<> b(cmp);
		cmp->setOperand(0, b.CreateTrunc(x, b.getInt32Ty()));
		cmp->setOperand(1, b.getInt32(0));
		se.forgetLoop(loop);
		return true;
	}

	/* struct counted: rewrites the latch test of loop to k against K; false if it has not that shape. */
	bool count_by_divisibility(Loop *loop, counted &count)
	{
		BasicBlock *latch = loop->getLoopLatch(), *pre = loop->getLoopPreheader();
		auto *br = latch && pre ? dyn_cast<BranchInst>(latch->getTerminator()) : nullptr;
		auto *cmp = br && br->isConditional() ? dyn_cast<ICmpInst>(br->getCondition()) : nullptr;
		if (!cmp || !cmp->isEquality() || !cmp->hasOneUse() || !cmp->getOperand(0)->getType()->isIntegerTy(32))
			return false;
		unsigned xi = se.isLoopInvariant(se.getSCEV(cmp->getOperand(1)), loop) ? 0 : 1;
		Value *x = cmp->getOperand(xi), *bound = cmp->getOperand(1 - xi);
		auto *rec = dyn_cast<SCEVAddRecExpr>(se.getSCEV(x));
		int64_t step;
		if (!se.isLoopInvariant(se.getSCEV(bound), loop) || !constant_step(rec, loop, step) || step == INT64_MIN)
			return false;
		uint64_t stride = step < 0 ? (uint64_t)-step : (uint64_t)step;
		if (stride < 2 || (stride & (stride - 1)) || !isa<Instruction>(x))
			return false;
		SCEVExpander exp(se, dl, "wasmc.count");
		Instruction *at = pre->getTerminator();
		if (!exp.isSafeToExpandAt(rec->getStart(), at))
			return false;
		Value *s0 = exp.expandCodeFor(rec->getStart(), x->getType(), at);
		IRBuilder<> b(at);
		/* The distance the test needs x to travel, in the direction of step. */
		Value *distance = step > 0 ? b.CreateSub(bound, s0) : b.CreateSub(s0, bound);
		Value *limit = b.CreateLShr(distance, (uint64_t)countr_zero(stride));
		Value *rest = b.CreateAnd(distance, stride - 1);
		count.divisible = b.CreateICmpEQ(rest, b.getInt32(0));
		count.made = { distance, limit, rest, count.divisible };

		BasicBlock *header = loop->getHeader();
		IRBuilder<> h(header, header->begin());
		count.k = h.CreatePHI(h.getInt32Ty(), 2, "wasmc.k");
		IRBuilder<> l(br);
		count.k_next = cast<Instruction>(l.CreateAdd(count.k, l.getInt32(1), "wasmc.k.next", true, true));
		count.k->addIncoming(b.getInt32(0), pre);
		count.k->addIncoming(count.k_next, latch);
		count.cmp = cmp;
		count.x = cmp->getOperand(0);
		count.bound = cmp->getOperand(1);
		cmp->setOperand(xi, count.k);
		cmp->setOperand(1 - xi, limit);
		se.forgetLoop(loop);
		return true;
	}

	/* Deletes the counter k once the test no longer reads it (the phi and its increment use each other). */
	static void erase_counter(PHINode *k, Instruction *k_next)
	{
		k->replaceAllUsesWith(PoisonValue::get(k->getType()));
		k->eraseFromParent();
		k_next->eraseFromParent();
	}

	/* Undoes count_by_divisibility: the loop is not versioned after all. */
	void uncount(Loop *loop, counted &count)
	{
		count.cmp->setOperand(0, count.x);
		count.cmp->setOperand(1, count.bound);
		erase_counter(count.k, count.k_next);
		for (auto it = count.made.rbegin(); it != count.made.rend(); ++it)
			if (auto *inst = dyn_cast<Instruction>(*it); inst && inst->use_empty())
				inst->eraseFromParent();
		count.cmp = nullptr;
		se.forgetLoop(loop);
	}

	verdict plan_loop(Loop *loop, loop_plan &plan)
	{
		bool stores = false;
		bool unknown = false;
		for (BasicBlock *bb : loop->blocks()) {
			for (Instruction &inst : *bb) {
				Value *ptr = nullptr;
				Type *type = nullptr;
				if (auto *load = dyn_cast<LoadInst>(&inst)) {
					if (!load->isSimple())
						return SKIP; /* volatile: never vectorized */
					ptr = load->getPointerOperand();
					type = load->getType();
				} else if (auto *store = dyn_cast<StoreInst>(&inst)) {
					if (!store->isSimple())
						return SKIP;
					ptr = store->getPointerOperand();
					type = store->getValueOperand()->getType();
					stores = true;
				} else if (cg_is_keep(inst)) {
					continue; /* only a use of a load; the vectorizer would take the loop unchecked */
				} else if (inst.mayReadOrWriteMemory() || (isa<CallBase>(inst) && !isa<IntrinsicInst>(inst))) {
					return SKIP; /* calls and the like: the vectorizer leaves such loops alone */
				} else {
					continue;
				}
				Value *object = getUnderlyingObject(ptr, 0);
				if (object == fn.getArg(0)) { /* the instance: never faults */
					plan.invariant_store |= isa<StoreInst>(inst); /* a global.set */
					continue;
				}
				if (object != base || !add_access(loop, &inst, ptr, dl.getTypeStoreSize(type), plan))
					unknown = true;
			}
		}
		plan.stores = stores;
		if (unknown || plan.invariant_store || plan.ranges.size() > 16)
			return stores ? UNSAFE : SKIP;
		/* The vectorizer would put the loop in these forms too. */
		if (!loop->isLoopSimplifyForm())
			reshaped |= simplifyLoop(loop, &dt, &li, &se, nullptr, nullptr, false);
		if (loop->isLoopSimplifyForm() && !loop->isLCSSAForm(dt))
			reshaped |= formLCSSA(*loop, dt, &li, &se);
		if (loop->getLoopLatch() && isa<SCEVCouldNotCompute>(se.getBackedgeTakenCount(loop)))
			reshaped |= narrow_exit_test(loop);
		if (loop->isLoopSimplifyForm() && loop->getExitingBlock() == loop->getLoopLatch() &&
				isa<SCEVCouldNotCompute>(se.getBackedgeTakenCount(loop)))
			count_by_divisibility(loop, plan.count);
		if (!loop->isLoopSimplifyForm() || !loop->isLCSSAForm(dt) || loop->getExitingBlock() != loop->getLoopLatch() ||
				!loop->getUniqueExitBlock() || isa<SCEVCouldNotCompute>(se.getBackedgeTakenCount(loop)))
			return stores ? UNSAFE : SKIP;
		if (plan.rewrites.empty() && !stores)
			return SKIP;
		/* Another thread may write a shared memory between the load and the load again. */
		if (fn.getFnAttribute(CG_MEMORY_ATTR).getValueAsString() != "shared")
			find_carried(loop, plan);
		/* A check at each entry of a loop this short costs more than the vectorizer can win (lz77: 6%). */
		unsigned max_trips = se.getSmallConstantMaxTripCount(loop);
		if (max_trips && max_trips < 16)
			return stores ? UNSAFE : SKIP;
		SCEVExpander exp(se, dl, "wasmc.widen");
		Instruction *at = loop->getLoopPreheader()->getTerminator();
		if (!exp.isSafeToExpandAt(se.getBackedgeTakenCount(loop), at))
			return stores ? UNSAFE : SKIP;
		for (const range &r : plan.ranges)
			if (!exp.isSafeToExpandAt(r.start, at))
				return stores ? UNSAFE : SKIP;
		return VERSION;
	}

	/* true at `at` if every access of every iteration of loop is in memory. */
	Value *in_bounds(Loop *loop, const loop_plan &plan, Instruction *at)
	{
		IRBuilder<> b(at);
		SCEVExpander exp(se, dl, "wasmc.widen");
		Type *i64 = b.getInt64Ty();
		const SCEV *taken = se.getBackedgeTakenCount(loop);
		Value *n = b.CreateZExt(exp.expandCodeFor(taken, taken->getType(), at), i64);
		Value *ok = b.CreateICmpULE(n, b.getInt64(INT64_C(1) << 31));
		if (plan.count.cmp)
			ok = b.CreateAnd(ok, plan.count.divisible);
		Value *inst = fn.getArg(0);
		Value *mem = b.CreateLoad(b.getPtrTy(), b.CreateConstGEP1_64(b.getInt8Ty(), inst, offsetof(struct rt_instance, mem0)));
		Value *size = b.CreateLoad(i64, b.CreateConstGEP1_64(b.getInt8Ty(), mem, offsetof(struct rt_memory, size)));
		std::vector<Value *> los, his;
		for (const range &r : plan.ranges) {
			Value *s = exp.expandCodeFor(r.start, i64, at);
			ok = b.CreateAnd(ok, b.CreateICmpULE(s, b.getInt64(INT64_C(1) << 34)));
			Value *travel = b.CreateMul(n, b.getInt64(r.step));
			Value *lo = b.CreateAdd(s, b.getInt64(r.min_c));
			Value *hi = b.CreateAdd(s, b.getInt64(r.max_end));
			if (r.step < 0)
				lo = b.CreateAdd(lo, travel);
			else
				hi = b.CreateAdd(hi, travel);
			ok = b.CreateAnd(ok, b.CreateICmpSGE(lo, b.getInt64(0)));
			ok = b.CreateAnd(ok, b.CreateICmpULE(hi, size));
			los.push_back(lo);
			his.push_back(hi);
		}
		/* A carried value's array lies apart from every array the loop stores into. */
		for (const carried &k : plan.carried) {
			const rewrite &w = plan.rewrites[k.next];
			const SCEV *start = se.getZeroExtendExpr(w.s0, i64);
			for (size_t g = 0; g < plan.ranges.size(); g++) {
				if (plan.ranges[g].start != start || plan.ranges[g].step != w.step)
					continue;
				for (size_t t = 0; t < plan.ranges.size(); t++)
					if (plan.ranges[t].stored)
						ok = b.CreateAnd(ok, b.CreateOr(b.CreateICmpULE(his[t], los[g]),
										 b.CreateICmpULE(his[g], los[t])));
			}
		}
		return ok;
	}

	static void keep_scalar(Loop *loop)
	{
		LLVMContext &ctx = loop->getHeader()->getContext();
		Type *i32 = Type::getInt32Ty(ctx);
		SmallVector<Metadata *, 4> ops{ nullptr };
		if (MDNode *old = loop->getLoopID())
			for (unsigned i = 1; i < old->getNumOperands(); i++)
				ops.push_back(old->getOperand(i));
		for (const char *hint : { "llvm.loop.vectorize.width", "llvm.loop.interleave.count" })
			ops.push_back(MDNode::get(ctx, { MDString::get(ctx, hint), ConstantAsMetadata::get(ConstantInt::get(i32, 1)) }));
		MDNode *id = MDNode::getDistinct(ctx, ops);
		id->replaceOperandWith(0, id);
		loop->setLoopID(id);
	}

	/* Versions loop on the plan's check: the original loop becomes the checked copy. */
	void version(Loop *loop, const loop_plan &plan)
	{
		BasicBlock *check = loop->getLoopPreheader();
		BasicBlock *exit = loop->getUniqueExitBlock();
		BasicBlock *latch = loop->getLoopLatch();
		BasicBlock *ph = SplitBlock(check, check->getTerminator(), &dt, &li, nullptr, "widen.ph");
		Value *ok = in_bounds(loop, plan, check->getTerminator());

		ValueToValueMapTy vmap;
		SmallVector<BasicBlock *, 8> blocks;
		Loop *scalar = cloneLoopWithPreheader(ph, check, loop, vmap, ".scalar", &li, &dt, blocks);
		remapInstructionsInBlocks(blocks, vmap);
		BasicBlock *scalar_latch = cast<BasicBlock>(vmap[latch]);
		for (PHINode &phi : exit->phis()) {
			Value *v = phi.getIncomingValueForBlock(latch);
			auto it = vmap.find(v);
			phi.addIncoming(it != vmap.end() ? (Value *)it->second : v, scalar_latch);
		}
		Instruction *term = check->getTerminator();
		BranchInst *branch = BranchInst::Create(ph, scalar->getLoopPreheader(), ok, term->getIterator());
		if (plan.count.cmp) /* a counted loop the vectorizers leave scalar is unversioned again (cg_unwiden.cpp) */
			branch->setMetadata(CG_WIDEN_CHECK_MD, MDNode::get(fn.getContext(), {}));
		term->eraseFromParent();
		dt.changeImmediateDominator(exit, check);
		keep_scalar(scalar);
		if (const counted &count = plan.count; count.cmp) {
			/* The scalar copy tests x as wasm does, even when step does not divide the distance. */
			auto mapped = [&](Value *v) {
				auto it = vmap.find(v);
				return it != vmap.end() ? (Value *)it->second : v;
			};
			auto *cmp = cast<ICmpInst>(mapped(count.cmp));
			cmp->setOperand(0, mapped(count.x));
			cmp->setOperand(1, mapped(count.bound));
			erase_counter(cast<PHINode>(mapped(count.k)), cast<Instruction>(mapped(count.k_next)));
		}

		/*
		 * Each s0 gets its own array pointer: as the offset of one base, the
		 * vectorizer's dependence analysis failed on arrays a symbolic
		 * distance apart and fell back to checking every pair of accesses,
		 * c[j] against c[j + 1] too, which always overlap (matmul). From an
		 * inttoptr, each array is an object of its own to it.
		 */
		SCEVExpander exp(se, dl, "wasmc.widen");
		Type *i64 = Type::getInt64Ty(fn.getContext());
		Instruction *entry = ph->getTerminator();
		IRBuilder<> pre(entry);
		Value *base_int = pre.CreatePtrToInt(base, i64);
		std::map<const SCEV *, Value *> arrays;
		for (const rewrite &w : plan.rewrites) {
			Value *&array = arrays[w.s0];
			if (!array) {
				Value *start = exp.expandCodeFor(se.getZeroExtendExpr(w.s0, i64), i64, entry);
				pre.SetInsertPoint(entry);
				array = pre.CreateIntToPtr(pre.CreateAdd(base_int, start), base->getType(), "wasmc.array");
			}
			const SCEV *first = se.getConstant(i64, w.c + w.offset, true);
			const SCEV *rec = se.getAddRecExpr(first, se.getConstant(i64, w.step, true), loop, SCEV::FlagNSW);
			Value *index = exp.expandCodeFor(rec, i64, w.access);
			IRBuilder<> b(w.access);
			Value *ptr = b.CreateGEP(b.getInt8Ty(), array, index);
			unsigned op = isa<LoadInst>(w.access) ? LoadInst::getPointerOperandIndex() : StoreInst::getPointerOperandIndex();
			w.access->setOperand(op, ptr);
		}
		for (const carried &k : plan.carried) {
			const rewrite &w = plan.rewrites[k.next];
			auto *next = cast<LoadInst>(w.access);
			Instruction *at = &*loop->getHeader()->getFirstInsertionPt();
			const SCEV *first = se.getConstant(i64, w.c - w.step + w.offset, true);
			const SCEV *rec = se.getAddRecExpr(first, se.getConstant(i64, w.step, true), loop, SCEV::FlagNSW);
			Value *index = exp.expandCodeFor(rec, i64, at);
			IRBuilder<> b(at);
			LoadInst *again = b.CreateLoad(next->getType(), b.CreateGEP(b.getInt8Ty(), arrays[w.s0], index));
			again->copyMetadata(*next);
			again->setAlignment(next->getAlign());
			k.phi->replaceAllUsesWith(again);
			k.phi->eraseFromParent();
		}
		se.forgetLoop(loop);
	}

	bool run()
	{
		SmallVector<Loop *, 8> innermost;
		for (Loop *top : li)
			for (Loop *l : depth_first(top))
				if (l->isInnermost())
					innermost.push_back(l);
		bool changed = false;
		for (Loop *loop : innermost) {
			loop_plan plan;
			verdict v = plan_loop(loop, plan);
			if (v != VERSION && plan.count.cmp)
				uncount(loop, plan.count);
			switch (v) {
			case SKIP:
				break;
			case UNSAFE:
				keep_scalar(loop);
				changed = true;
				break;
			case VERSION:
				version(loop, plan);
				changed = true;
				break;
			}
		}
		return changed || reshaped;
	}
};

/* Memory 0's base: the invariant load of the instance's first field in the entry block. */
Value *memory_base(Function &fn)
{
	if (!fn.hasFnAttribute(CG_MEMORY_ATTR) || fn.arg_empty() || fn.isDeclaration())
		return nullptr;
	for (Instruction &inst : fn.getEntryBlock()) {
		auto *load = dyn_cast<LoadInst>(&inst);
		if (load && load->getPointerOperand() == fn.getArg(0) && load->getType()->isPointerTy() &&
				load->hasMetadata(LLVMContext::MD_invariant_load))
			return load;
	}
	return nullptr;
}

} // namespace

PreservedAnalyses cg_widen_pass::run(Function &fn, FunctionAnalysisManager &am)
{
	Value *base = memory_base(fn);
	if (!base)
		return PreservedAnalyses::all();
	auto &li = am.getResult<LoopAnalysis>(fn);
	auto &se = am.getResult<ScalarEvolutionAnalysis>(fn);
	auto &dt = am.getResult<DominatorTreeAnalysis>(fn);
	widener w(fn, base, se, li, dt);
	return w.run() ? PreservedAnalyses::none() : PreservedAnalyses::all();
}
