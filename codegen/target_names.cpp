// The processor and feature names of an architecture, from its MCSubtargetInfo.
#include "target_names.h"

#include <llvm/MC/MCSubtargetInfo.h>
#include <llvm/MC/TargetRegistry.h>

#include <memory>
#include <string>

static std::unique_ptr<llvm::MCSubtargetInfo> subtarget(const char *triple)
{
	std::string error;
	const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
	if (!target)
		return nullptr;
	// No CPU and no features: nothing for LLVM to warn about.
	return std::unique_ptr<llvm::MCSubtargetInfo>(target->createMCSubtargetInfo(triple, "", ""));
}

int cg_target_has_cpu(const char *triple, const char *cpu)
{
	auto info = subtarget(triple);
	return info && info->isCPUStringValid(cpu);
}

int cg_target_has_feature(const char *triple, const char *name, size_t len)
{
	auto info = subtarget(triple);
	if (!info)
		return 0;
	llvm::StringRef wanted(name, len);
	for (const llvm::SubtargetFeatureKV &kv : info->getAllProcessorFeatures())
		if (wanted == kv.Key)
			return 1;
	return 0;
}
