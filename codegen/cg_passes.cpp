// The pass pipeline with wasmc's passes registered (cg_passes.h); the rest is LLVMRunPasses.
#include "cg_passes.h"

#include <llvm/IR/Module.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Passes/StandardInstrumentations.h>
#include <llvm/Target/TargetMachine.h>

using namespace llvm;

/*
 * LLVM's default<On> (WASMC_PIPELINE) keeps every load's keep-alive
 * throughout: exact, though its vectorizers then do less.
 */
static void register_passes(PassBuilder &pb)
{
	pb.registerPipelineStartEPCallback([](ModulePassManager &mpm, OptimizationLevel) {
		mpm.addPass(createModuleToFunctionPassAdaptor(cg_keep_loads_pass()));
	});
	pb.registerVectorizerStartEPCallback([](FunctionPassManager &fpm, OptimizationLevel level) {
		if (level.getSpeedupLevel() >= 2)
			fpm.addPass(cg_widen_pass());
	});
	pb.registerOptimizerLastEPCallback([](ModulePassManager &mpm, OptimizationLevel level) {
		if (level.getSpeedupLevel() >= 2)
			mpm.addPass(createModuleToFunctionPassAdaptor(cg_unwiden_pass()));
		mpm.addPass(createModuleToFunctionPassAdaptor(cg_lower_keeps_pass()));
	});
	pb.registerPipelineParsingCallback(
		[](StringRef name, FunctionPassManager &fpm, ArrayRef<PassBuilder::PipelineElement>) {
			if (name == "wasmc-widen")
				fpm.addPass(cg_widen_pass());
			else if (name == "wasmc-unwiden")
				fpm.addPass(cg_unwiden_pass());
			else if (name == "wasmc-keep-loads")
				fpm.addPass(cg_keep_loads_pass());
			else if (name == "wasmc-keep-dead-only")
				fpm.addPass(cg_keep_dead_only_pass());
			else if (name == "wasmc-lower-keeps")
				fpm.addPass(cg_lower_keeps_pass());
			else
				return false;
			return true;
		});
}

LLVMErrorRef cg_run_passes(LLVMModuleRef mod_ref, const char *passes, LLVMTargetMachineRef tm)
{
	Module *mod = unwrap(mod_ref);
	PassInstrumentationCallbacks pic;
	PassBuilder pb(reinterpret_cast<TargetMachine *>(tm), PipelineTuningOptions(), std::nullopt, &pic);
	register_passes(pb);
	LoopAnalysisManager lam;
	FunctionAnalysisManager fam;
	CGSCCAnalysisManager cgam;
	ModuleAnalysisManager mam;
	pb.registerModuleAnalyses(mam);
	pb.registerCGSCCAnalyses(cgam);
	pb.registerFunctionAnalyses(fam);
	pb.registerLoopAnalyses(lam);
	pb.crossRegisterProxies(lam, fam, cgam, mam);
	StandardInstrumentations si(mod->getContext(), false, false);
	si.registerCallbacks(pic, &mam);
	ModulePassManager mpm;
	if (Error e = pb.parsePassPipeline(mpm, passes))
		return wrap(std::move(e));
	mpm.run(*mod, mam);
	return nullptr;
}
