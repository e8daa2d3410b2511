/* Target machines: triples, CPUs and features per architecture, the pass pipeline, object emission. */
#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <stdio.h>
#include <string.h>

#include "cg.h"

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

static void init_targets(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	LLVMInitializeX86TargetInfo();
	LLVMInitializeX86Target();
	LLVMInitializeX86TargetMC();
	LLVMInitializeX86AsmPrinter();
	LLVMInitializeAArch64TargetInfo();
	LLVMInitializeAArch64Target();
	LLVMInitializeAArch64TargetMC();
	LLVMInitializeAArch64AsmPrinter();
	LLVMInitializeRISCVTargetInfo();
	LLVMInitializeRISCVTarget();
	LLVMInitializeRISCVTargetMC();
	LLVMInitializeRISCVAsmPrinter();
}

/* The portable baseline CPU of each architecture. */
static const char *default_cpu(const char *triple)
{
	if (!strncmp(triple, "x86_64", 6))
		return "x86-64";
	if (!strncmp(triple, "riscv64", 7))
		return "generic-rv64";
	return "generic";
}

static const char *default_features(const char *triple)
{
	if (!strncmp(triple, "riscv64", 7))
		return "+m,+a,+f,+d,+c";
	return "";
}

static LLVMTargetMachineRef create_target_machine(struct cg_ctx *c, const char *triple)
{
	init_targets();
	LLVMTargetRef target;
	char *msg = NULL;
	if (LLVMGetTargetFromTriple(triple, &target, &msg)) {
		cg_fail(c, 0, "unknown target '%s': %s", triple, msg ? msg : "");
		LLVMDisposeMessage(msg);
		return NULL;
	}
	const char *cpu = c->opts->cpu ? c->opts->cpu : default_cpu(triple);
	const char *features = c->opts->features ? c->opts->features : default_features(triple);
	LLVMCodeGenOptLevel level = c->opts->opt_level <= 0 ? LLVMCodeGenLevelNone
		: c->opts->opt_level == 1 ? LLVMCodeGenLevelLess
		: c->opts->opt_level == 2 ? LLVMCodeGenLevelDefault : LLVMCodeGenLevelAggressive;
	return LLVMCreateTargetMachine(target, triple, cpu, features, level, LLVMRelocStatic, LLVMCodeModelSmall);
}

bool cg_emit_object(struct cg_ctx *c, const char *obj_path)
{
	char *msg = NULL;
	const char *triple = LLVMGetTarget(c->mod);
	LLVMTargetMachineRef tm = create_target_machine(c, triple);
	if (!tm)
		return false;
	LLVMTargetDataRef layout = LLVMCreateTargetDataLayout(tm);
	char *layout_str = LLVMCopyStringRepOfTargetData(layout);
	LLVMSetDataLayout(c->mod, layout_str);
	LLVMDisposeMessage(layout_str);
	LLVMDisposeTargetData(layout);
	if (!strncmp(triple, "riscv64", 7))
		LLVMAddModuleFlag(c->mod, LLVMModuleFlagBehaviorError, "target-abi", 10,
				LLVMValueAsMetadata(LLVMMDStringInContext(c->llvm, "lp64d", 5)));

	bool ok = true;
	if (c->opts->verify && LLVMVerifyModule(c->mod, LLVMReturnStatusAction, &msg)) {
		ok = cg_fail(c, 0, "internal error: generated invalid LLVM IR: %.200s", msg);
	}
	LLVMDisposeMessage(msg);
	msg = NULL;
	if (ok) {
		char pipeline[32];
		int level = c->opts->opt_level < 0 ? 0 : c->opts->opt_level > 3 ? 3 : c->opts->opt_level;
		snprintf(pipeline, sizeof(pipeline), "default<O%d>", level);
		LLVMPassBuilderOptionsRef pbo = LLVMCreatePassBuilderOptions();
		LLVMErrorRef e = LLVMRunPasses(c->mod, pipeline, tm, pbo);
		LLVMDisposePassBuilderOptions(pbo);
		if (e) {
			char *em = LLVMGetErrorMessage(e);
			ok = cg_fail(c, 0, "optimization failed: %s", em);
			LLVMDisposeErrorMessage(em);
		}
	}
	if (ok && c->opts->emit_llvm && LLVMPrintModuleToFile(c->mod, c->opts->emit_llvm, &msg)) {
		ok = cg_fail(c, 0, "cannot write %s: %s", c->opts->emit_llvm, msg);
	}
	LLVMDisposeMessage(msg);
	msg = NULL;
	if (ok && LLVMTargetMachineEmitToFile(tm, c->mod, (char *)obj_path, LLVMObjectFile, &msg)) {
		ok = cg_fail(c, 0, "cannot write %s: %s", obj_path, msg);
	}
	LLVMDisposeMessage(msg);
	LLVMDisposeTargetMachine(tm);
	return ok;
}
