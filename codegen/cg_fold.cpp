// Constant folding with the module's data layout, which LLVM's C API does not offer (cg.h).
#include <llvm/Analysis/ConstantFolding.h>
#include <llvm/IR/Constants.h>
#include <llvm/IR/Module.h>

#include <llvm-c/Core.h>

using namespace llvm;

extern "C" LLVMValueRef cg_fold_constant(LLVMModuleRef mod, LLVMValueRef value)
{
	auto *c = dyn_cast<Constant>(unwrap(value));
	if (!c)
		return value;
	Constant *folded = ConstantFoldConstant(c, unwrap(mod)->getDataLayout());
	return wrap(folded ? folded : c);
}
