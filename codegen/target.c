/* Target machines. */
#include "codegen.h"

#include <llvm-c/Core.h>
#include <llvm-c/TargetMachine.h>
#include <stdio.h>
#include <string.h>

const char *cg_llvm_version(void)
{
	static char buf[32];
	unsigned major, minor, patch;
	LLVMGetVersion(&major, &minor, &patch);
	snprintf(buf, sizeof(buf), "%u.%u.%u", major, minor, patch);
	return buf;
}

const char *cg_host_triple(void)
{
	static char buf[128];
	char *triple = LLVMGetDefaultTargetTriple();
	snprintf(buf, sizeof(buf), "%s", triple);
	LLVMDisposeMessage(triple);
	return buf;
}
