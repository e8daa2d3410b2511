/*
 * The optimization pipeline of each -O level, in LLVM's textual pipeline
 * syntax (opt-19 -passes=...).
 *
 * The input was optimized by its producer (inlined, unrolled, constant
 * folded), so LLVM's default<On> repeats most of its work. What our lowering
 * adds is what the passes below are for: locals as allocas, a stack check in
 * every prologue, the memory base loaded once per function, addresses as
 * base + zext(i32) + offset, trap branches (bounds of call_indirect, division,
 * conversions), empty blocks from wasm's structured control, and i32 code the
 * producer could not vectorize for x86-64. Everything else of default<O2> was
 * measured not to pay on the corpus (docs/compile-speed.md, "A pipeline for
 * optimized input") and is left out: the module passes (IPSCCP, GlobalOpt,
 * DeadArgElim, GlobalDCE: every function's address is in the instance, so
 * none can change a signature or delete a function), function-attrs,
 * JumpThreading, CorrelatedPropagation, SCCP, BDCE, ADCE, MemCpyOpt,
 * MergedLoadStoreMotion, LoopIdiom, LoopDistribute, LoopSink, Float2Int,
 * AggressiveInstCombine, and TailCallElim (infinite recursion must exhaust
 * the stack and trap; the functions' disable-tail-calls attribute says so too).
 *
 * A memory load must trap even when its value ends up unused: every pass
 * below runs with each load kept alive (cg_keep_loads.cpp; around the
 * vectorizers only the unused ones), and the last pass makes the unused ones
 * volatile. The lowering quiets NaNs itself, so no pass here needs care.
 */
#include <stdio.h>
#include <string.h>

#include "cg.h"

enum { O1 = 1 << 1, O2 = 1 << 2, O3 = 1 << 3, O23 = O2 | O3, ALL = O1 | O2 | O3 };

/* SimplifyCFG's option sets, as default<O2> uses them at each point. */
#define CFG_OPTS(fwd, lookup, loops, common, unpred)                                                \
	"simplifycfg<bonus-inst-threshold=1;" fwd "forward-switch-cond;switch-range-to-icmp;" lookup \
	"switch-to-lookup;" loops "keep-loops;" common "hoist-common-insts;" common                  \
	"sink-common-insts;speculate-blocks;simplify-cond-branch;" unpred "speculate-unpredictables>"
#define SIMPLIFYCFG CFG_OPTS("no-", "no-", "", "no-", "no-")
#define SIMPLIFYCFG_COMMON CFG_OPTS("no-", "no-", "", "", "no-")
#define SIMPLIFYCFG_LATE CFG_OPTS("", "", "no-", "", "no-")
#define SIMPLIFYCFG_LAST CFG_OPTS("no-", "no-", "", "no-", "")
#define INSTCOMBINE "instcombine<max-iterations=1;no-use-loop-info;no-verify-fixpoint>"
#define LOOP_ROTATE "loop-rotate<header-duplication;no-prepare-for-lto>"

/*
 * One row per pass (or nesting bracket), with the levels that run it.
 * cg_pipeline joins the rows of a level with commas.
 */
static const struct cg_pass_row {
	unsigned levels;
	const char *text;
} pass_rows[] = {
	/*
	 * Every function promoted and cleaned before the inliner's walk: without
	 * this walk, functions with bodies took longer to optimize (gen_module.py
	 * small 5000: 2.2-2.6 s against 2.0 s), for the same code.
	 */
	{ ALL, "function<eager-inv>(" },
	{ ALL, "wasmc-keep-loads" },      /* every memory load kept alive: it may trap (cg_keep_loads.cpp) */
	{ ALL, SIMPLIFYCFG },             /* wasm's blocks end in empty blocks and branches to them */
	{ ALL, "sroa<modify-cfg>" },      /* locals are allocas: promote them to SSA values */
	{ ALL, "early-cse<>" },           /* the same address computed per access, the same loads */
	{ ALL, ")" },

	/*
	 * Calls to small functions stay worth inlining across wasm functions
	 * (dispatch: 8% more instructions without); each callee is simplified
	 * before its callers see it. devirt: a call_indirect through a known
	 * table becomes a direct call, then may be inlined.
	 */
	{ ALL, "cgscc(devirt<4>(inline," },
	{ ALL, "function<eager-inv>(" },
	{ ALL, "sroa<modify-cfg>" },      /* an inlined callee's locals */
	{ ALL, "early-cse<>" },
	/*
	 * Branches whose outcome an inlined callee's result decides, threaded
	 * to their targets (dispatch: 2.4% more instructions without these two
	 * and the pair after GVN).
	 */
	{ O23, "jump-threading" },
	{ O23, "correlated-propagation" },
	{ ALL, INSTCOMBINE },             /* zext/add/gep chains of addresses, masks of i32 results */
	{ ALL, SIMPLIFYCFG },
	{ O23, "reassociate" },           /* interp: 2% more instructions without these two */
	{ O23, "constraint-elimination" },
	/*
	 * Loops: hoist the memory base, table bounds and other invariant loads
	 * (LICM), rotate loops into do-while form for the later loop passes, and
	 * take invariant trap checks out of loops (trivial unswitching of a
	 * call_indirect's type check: sort, 10%).
	 */
	{ ALL, "loop-mssa(loop-instsimplify,loop-simplifycfg,licm<no-allowspeculation>," LOOP_ROTATE
	       ",licm<allowspeculation>," },
	{ O1 | O2, "simple-loop-unswitch<no-nontrivial;trivial>" },
	{ O3, "simple-loop-unswitch<nontrivial;trivial>" },
	{ ALL, ")" },
	{ ALL, SIMPLIFYCFG },
	{ ALL, INSTCOMBINE },
	{ O23, "loop(indvars,loop-deletion)" },             /* canonical induction variables for the vectorizer */
	{ O1, "loop(indvars,loop-deletion,loop-unroll-full)" },
	/* Redundant loads and stores across blocks; -O1 settles for EarlyCSE on MemorySSA. */
	{ O1, "sroa<modify-cfg>" },
	{ O1, "early-cse<memssa>" },
	{ O23, "gvn<>" },
	{ O23, "jump-threading" },        /* what GVN's equal values decide (lz77: 0.5%) */
	{ O23, "correlated-propagation" },
	{ ALL, INSTCOMBINE },
	{ O23, "dse" },
	{ ALL, "loop-mssa(licm<allowspeculation>)" },     /* what GVN made invariant */
	{ ALL, SIMPLIFYCFG_COMMON },
	{ O23, INSTCOMBINE },
	{ ALL, ")))" },                   /* the function walk, devirt, cgscc */
	{ ALL, "elim-avail-extern" },     /* other parts' callees, imported for the inliner (cg_part_imports.c) */

	/*
	 * Vectorize: the producer compiled for wasm without SIMD (most programs),
	 * so its loops are scalar; x86-64's SSE2 is always there. The loop issue
	 * builds on these, so -O2 and -O3 keep both vectorizers.
	 */
	{ ALL, "function<eager-inv>(" },
	{ O23, "loop(" LOOP_ROTATE ",loop-deletion)" },
	/*
	 * Around each vectorizer only unused loads keep their keep-alives: a
	 * used one would be scalarized to feed it. Nothing in between deletes
	 * a used load without a covering access.
	 */
	{ O23, "wasmc-keep-dead-only" },
	{ O23, "wasmc-widen" },           /* affine i64 addresses behind an in-bounds check (cg_widen.cpp) */
	{ O23, "loop-vectorize<no-interleave-forced-only;no-vectorize-forced-only;>" },
	{ O23, "infer-alignment" },
	{ O23, "loop-load-elim" },
	{ O23, "wasmc-keep-loads" },
	{ O23, INSTCOMBINE },
	{ O23, SIMPLIFYCFG_LATE },
	{ O23, "wasmc-keep-dead-only" },
	{ O23, "slp-vectorizer" },
	{ O23, "wasmc-keep-loads" },
	{ O23, "vector-combine" },
	{ O23, "wasmc-unwiden" },         /* version checks of loops left scalar folded away (cg_unwiden.cpp) */
	{ O23, INSTCOMBINE },
	/* Runtime unrolling of the loops the producer left (spectral at -O1: 8%). */
	{ O1, "loop-unroll<O1>" },
	{ O2, "loop-unroll<O2>" },
	{ O3, "loop-unroll<O3>" },
	{ O23, "sroa<preserve-cfg>" },
	{ ALL, INSTCOMBINE },
	{ O23, "loop-mssa(licm<allowspeculation>)" },
	{ ALL, "instsimplify" },
	{ O23, "div-rem-pairs" },         /* one x86 div for a / b and a % b */
	{ ALL, SIMPLIFYCFG_LAST },
	{ ALL, "wasmc-lower-keeps" },     /* keep-alives out, unused loads volatile */
	{ ALL, ")" },
};

/*
 * Writes level's pipeline to buf; false if it does not fit. -O0 runs no
 * pass: default<O0> is the always-inliner, and nothing wasmc emits is
 * always-inline, but it still asks of every function whether it could be
 * inlined (4% of wasm-tools' -O0 compile); its memory loads are volatile
 * instead (cg_memory_load), since instruction selection still folds. -O1 to -O3 run the table. Until
 * the loops issue, -O2 and -O3 ran default<O2>/<O3>, because with the
 * table matmul's scalar hot loop landed on another offset of its cache
 * line and ran 0.35 s instead of 0.21 s; vectorized (cg_widen.cpp) it runs
 * 0.10 s either way (docs/compile-speed.md). WASMC_PIPELINE still selects
 * LLVM's (default<O2>) or any other for measurements.
 */
bool cg_pipeline(int level, char *buf, size_t size)
{
	if (level <= 0) {
		if (size)
			buf[0] = '\0';
		return size > 0;
	}
	unsigned bit = 1u << (level > 3 ? 3 : level);
	size_t len = 0;
	for (size_t i = 0; i < sizeof(pass_rows) / sizeof(pass_rows[0]); i++) {
		const char *text = pass_rows[i].text;
		if (!(pass_rows[i].levels & bit))
			continue;
		size_t n = strlen(text);
		bool comma = len && buf[len - 1] != '(' && buf[len - 1] != ',' && text[0] != ')';
		if (len + comma + n >= size)
			return false;
		if (comma)
			buf[len++] = ',';
		memcpy(buf + len, text, n);
		len += n;
	}
	buf[len] = '\0';
	return true;
}
