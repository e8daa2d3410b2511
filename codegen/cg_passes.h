/*
 * The optimizer run with wasmc's own passes: LLVM's C API can run a
 * pipeline but not add a pass to it, so this part is C++ (cg_passes.cpp,
 * cg_widen.cpp).
 */
#ifndef WASMC_CG_PASSES_H
#define WASMC_CG_PASSES_H

#include <llvm-c/Error.h>
#include <llvm-c/TargetMachine.h>

/*
 * The string attribute of functions whose first argument is an instance with
 * a memory 0 (cg_widen.cpp); its value is "shared" for a shared memory.
 */
#define CG_MEMORY_ATTR "wasmc-memory"

#ifdef __cplusplus
#include <llvm/IR/Instruction.h>
#include <llvm/IR/PassManager.h>

/*
 * wasmc-widen (cg_widen.cpp): versions innermost loops on "every access is
 * in memory" so that their addresses are affine i64 values the vectorizers
 * can use, and keeps loops it cannot check scalar.
 */
struct cg_widen_pass : llvm::PassInfoMixin<cg_widen_pass> {
	llvm::PreservedAnalyses run(llvm::Function &fn, llvm::FunctionAnalysisManager &am);
};

/*
 * wasmc-unwiden (cg_unwiden.cpp), after the vectorizers: the version check of
 * a loop wasmc-widen counted by its stride, whose checked copy was not
 * vectorized, is folded to the scalar copy.
 */
struct cg_unwiden_pass : llvm::PassInfoMixin<cg_unwiden_pass> {
	llvm::PreservedAnalyses run(llvm::Function &fn, llvm::FunctionAnalysisManager &am);
};

/* The metadata wasmc-widen puts on the branch of such a version check. */
#define CG_WIDEN_CHECK_MD "wasmc.widen.check"

/*
 * Keep-alives of memory loads that must trap even when unused
 * (cg_keep_loads.cpp): wasmc-keep-loads gives every memory load one,
 * wasmc-keep-dead-only removes those of loads that something else uses (for
 * the vectorizers), wasmc-lower-keeps removes them all and makes the loads
 * nothing uses volatile (the pipeline's last pass).
 */
struct cg_keep_loads_pass : llvm::PassInfoMixin<cg_keep_loads_pass> {
	llvm::PreservedAnalyses run(llvm::Function &fn, llvm::FunctionAnalysisManager &am);
};
struct cg_keep_dead_only_pass : llvm::PassInfoMixin<cg_keep_dead_only_pass> {
	llvm::PreservedAnalyses run(llvm::Function &fn, llvm::FunctionAnalysisManager &am);
};
struct cg_lower_keeps_pass : llvm::PassInfoMixin<cg_lower_keeps_pass> {
	llvm::PreservedAnalyses run(llvm::Function &fn, llvm::FunctionAnalysisManager &am);
};

/* Is inst a keep-alive of cg_keep_loads.cpp? The loop vectorizer takes loops that hold one. */
bool cg_is_keep(const llvm::Instruction &inst);

extern "C" {
#endif

/*
 * Runs `passes` (opt's pipeline syntax) over mod, like LLVMRunPasses; the
 * pipeline may name wasmc's passes above, and default<O2>/<O3> run
 * wasmc-widen where LLVM's vectorizers start, wasmc-keep-loads first and
 * wasmc-lower-keeps last. NULL on success.
 */
LLVMErrorRef cg_run_passes(LLVMModuleRef mod, const char *passes, LLVMTargetMachineRef tm);

#ifdef __cplusplus
}
#endif

#endif
