/* What --cpu native and --features native mean on this host, for the compile cache's key. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/TargetMachine.h>

#include "cg.h"

char *cg_host_cpu(void)
{
	char *name = LLVMGetHostCPUName(), *features = LLVMGetHostCPUFeatures();
	size_t size = strlen(name) + strlen(features) + 2;
	char *both = malloc(size);
	if (both)
		snprintf(both, size, "%s %s", name, features);
	LLVMDisposeMessage(name);
	LLVMDisposeMessage(features);
	return both;
}
