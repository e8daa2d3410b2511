/* Target machines: triples, CPUs and features per architecture; running the pass pipeline (cg_pipeline.c), object emission. */
#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/Support.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"
#include "cg_passes.h"
#include "target_names.h"

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

/*
 * LLVM's options for every compile of this process, set once before any
 * target machine exists.
 *
 * -cgpp-huge-func: CodeGenPrepare revisits only the blocks it changed once
 * it has seen the whole function, for functions of more than this many
 * blocks (LLVM's default: 10,000). Below that it walks the whole function
 * again after every change that touches the dominator tree: on wasm-tools'
 * 2,760-block function f3432 that was 0.85 s of CodeGenPrepare, and 2.9 s
 * of the module's 22 s of code generation; with 128 it is 0.8 s for the
 * module, and the code is the same size (docs/compile-speed.md).
 *
 * -x86-cmov-converter=false: that pass turns a cmov with a memory operand,
 * which always loads and so traps out of bounds, into a branch around the
 * load, which traps only when the select picks it (cg_keep_loads.cpp).
 */
#define LLVM_ARGS_MAX 32

static void set_llvm_options(void)
{
	const char *argv[LLVM_ARGS_MAX + 3] = { "wasmc", "-cgpp-huge-func=128", "-x86-cmov-converter=false" };
	int argc = 3;
	/* WASMC_LLVM_ARGS: more of LLVM's options, space-separated, for measurements (as WASMC_PIPELINE). */
	static char extra[1024];
	const char *env = getenv("WASMC_LLVM_ARGS");
	snprintf(extra, sizeof(extra), "%s", env ? env : "");
	for (char *save = NULL, *arg = strtok_r(extra, " ", &save); arg && argc < LLVM_ARGS_MAX + 3;
	     arg = strtok_r(NULL, " ", &save))
		argv[argc++] = arg;
	LLVMParseCommandLineOptions(argc, argv, NULL);
}

static void init_targets_once(void)
{
	set_llvm_options();
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

static void init_targets(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, init_targets_once);
}

static bool is_arch(const char *triple, const char *arch)
{
	size_t n = strlen(arch);
	return !strncmp(triple, arch, n) && triple[n] == '-';
}

/* The portable baseline CPU of each architecture: x86-64 (SSE2), armv8-a, rv64gc. */
static const char *default_cpu(const char *triple)
{
	if (is_arch(triple, "x86_64"))
		return "x86-64";
	if (is_arch(triple, "riscv64"))
		return "generic-rv64";
	return "generic";
}

/* Features every CPU of the architecture gets: RISC-V's G and C, and lp64d passes floats in F/D registers. */
static const char *base_features(const char *triple)
{
	if (is_arch(triple, "riscv64"))
		return "+m,+a,+f,+d,+c";
	return "";
}

static bool same_arch(const char *a, const char *b)
{
	size_t n = strcspn(a, "-");
	return n == strcspn(b, "-") && !strncmp(a, b, n);
}

static bool check_features(const char *triple, const char *features, char *msg, size_t size)
{
	if (!*features)
		return true;
	for (const char *item = features;;) {
		size_t len = strcspn(item, ",");
		if (len < 2 || (item[0] != '+' && item[0] != '-')) {
			snprintf(msg, size, "--features '%s': expected a comma-separated list of +feature or -feature",
					features);
			return false;
		}
		if (!cg_target_has_feature(triple, item + 1, len - 1)) {
			snprintf(msg, size, "--features: unknown feature '%.*s' for %.*s", (int)len - 1, item + 1,
					(int)strcspn(triple, "-"), triple);
			return false;
		}
		if (is_arch(triple, "riscv64") && item[0] == '-' && len == 2 && (item[1] == 'f' || item[1] == 'd')) {
			snprintf(msg, size, "--features: riscv64 outputs use the lp64d ABI, which needs +f and +d");
			return false;
		}
		if (!item[len])
			return true;
		item += len + 1;
	}
}

bool cg_target_check(const char *triple, const char *cpu, const char *features, char *msg, size_t size)
{
	init_targets();
	LLVMTargetRef target;
	char *error = NULL;
	if (LLVMGetTargetFromTriple(triple, &target, &error)) {
		snprintf(msg, size, "unknown target '%s': %s", triple, error ? error : "");
		LLVMDisposeMessage(error);
		return false;
	}
	bool native_cpu = cpu && !strcmp(cpu, "native");
	bool native_features = features && !strcmp(features, "native");
	if ((native_cpu || native_features) && !same_arch(triple, cg_host_triple())) {
		snprintf(msg, size, "--%s native: the target %.*s is not the host's architecture (%.*s)",
				native_cpu ? "cpu" : "features", (int)strcspn(triple, "-"), triple,
				(int)strcspn(cg_host_triple(), "-"), cg_host_triple());
		return false;
	}
	if (cpu && !native_cpu && (!*cpu || !cg_target_has_cpu(triple, cpu))) {
		snprintf(msg, size, "--cpu: unknown CPU '%s' for %.*s", cpu, (int)strcspn(triple, "-"), triple);
		return false;
	}
	return native_features || !features || check_features(triple, features, msg, size);
}

/*
 * The CPU and feature string of the target machine. --cpu native picks the
 * host's CPU and, unless --features says otherwise, its features; explicit
 * features come on top of the architecture's base ones.
 */
static const char *target_cpu(const struct cg_options *o, const char *triple, char **host_cpu)
{
	if (!o->cpu)
		return default_cpu(triple);
	if (strcmp(o->cpu, "native"))
		return o->cpu;
	*host_cpu = LLVMGetHostCPUName();
	return *host_cpu;
}

/* malloc'd; NULL when out of memory. */
static char *target_features(const struct cg_options *o, const char *triple)
{
	bool native_cpu = o->cpu && !strcmp(o->cpu, "native");
	if ((native_cpu && !o->features) || (o->features && !strcmp(o->features, "native"))) {
		char *host = LLVMGetHostCPUFeatures();
		char *features = strdup(host);
		LLVMDisposeMessage(host);
		return features;
	}
	const char *base = base_features(triple);
	const char *extra = o->features ? o->features : "";
	size_t size = strlen(base) + strlen(extra) + 2;
	char *features = malloc(size);
	if (features)
		snprintf(features, size, "%s%s%s", base, *base && *extra ? "," : "", extra);
	return features;
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
	char *host_cpu = NULL;
	const char *cpu = target_cpu(c->opts, triple, &host_cpu);
	char *features = target_features(c->opts, triple);
	if (!features) {
		LLVMDisposeMessage(host_cpu);
		cg_fail(c, 0, "out of memory");
		return NULL;
	}
	LLVMCodeGenOptLevel level = c->opts->opt_level <= 0 ? LLVMCodeGenLevelNone
		: c->opts->opt_level == 1 ? LLVMCodeGenLevelLess
		: c->opts->opt_level == 2 ? LLVMCodeGenLevelDefault : LLVMCodeGenLevelAggressive;
	LLVMTargetMachineRef tm =
		LLVMCreateTargetMachine(target, triple, cpu, features, level, LLVMRelocStatic, LLVMCodeModelSmall);
	LLVMDisposeMessage(host_cpu);
	free(features);
	return tm;
}

/*
 * Per function, its instructions after optimization (cg_report.insn_count):
 * LLVM's C API has no per-function pass timing, and instruction selection
 * and register allocation grow with this count. Found by name, since the
 * optimizer may have deleted a function (then 0).
 */
static void count_instructions(struct cg_ctx *c)
{
	uint32_t *counts = c->opts->report ? c->opts->report->insn_count : NULL;
	if (!counts)
		return;
	/* Only this part's bodies: another part's count is another thread's to write. */
	for (uint32_t i = c->part->begin; i < c->part->end; i++) {
		char name[CG_FUNC_SYMBOL_MAX];
		cg_func_symbol(c, i, name, sizeof(name));
		LLVMValueRef fn = LLVMGetNamedFunction(c->mod, name);
		uint32_t n = 0;
		for (LLVMBasicBlockRef bb = fn ? LLVMGetFirstBasicBlock(fn) : NULL; bb; bb = LLVMGetNextBasicBlock(bb))
			for (LLVMValueRef in = LLVMGetFirstInstruction(bb); in; in = LLVMGetNextInstruction(in))
				n++;
		counts[i] = n;
	}
}

bool cg_verify_ir(struct cg_ctx *c)
{
	char *msg = NULL;
	bool ok = true;
	if (LLVMVerifyModule(c->mod, LLVMReturnStatusAction, &msg))
		ok = cg_fail(c, 0, "internal error: generated invalid LLVM IR: %.200s", msg);
	LLVMDisposeMessage(msg);
	if (ok)
		cg_stage_done(c, "verify");
	return ok;
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
	if (is_arch(triple, "riscv64"))
		LLVMAddModuleFlag(c->mod, LLVMModuleFlagBehaviorError, "target-abi", 10,
				LLVMValueAsMetadata(LLVMMDStringInContext(c->llvm, "lp64d", 5)));

	bool ok = !c->opts->verify || cg_verify_ir(c);
	/*
	 * WASMC_PIPELINE: another pipeline, for measurements, in LLVM's
	 * pipeline text ("default<O2>": LLVM's own); "lean" names the table of
	 * cg_pipeline.c, which every level runs anyway.
	 */
	char pipeline[4096];
	const char *passes = getenv("WASMC_PIPELINE");
	if (ok && (!(passes && *passes) || !strcmp(passes, "lean"))) {
		passes = pipeline;
		if (!cg_pipeline(c->opts->opt_level, pipeline, sizeof(pipeline)))
			ok = cg_fail(c, 0, "internal error: the pass pipeline is longer than %zu bytes", sizeof(pipeline));
	}
	if (ok && *passes) {
		LLVMErrorRef e = cg_run_passes(c->mod, passes, tm);
		if (e) {
			char *em = LLVMGetErrorMessage(e);
			ok = cg_fail(c, 0, "optimization failed: %s", em);
			LLVMDisposeErrorMessage(em);
		}
	}
	if (ok && c->opts->opt_level > 0 && !cg_demote_wide_phis(c))
		ok = cg_fail(c, 0, "out of memory");
	if (ok) {
		cg_stage_done(c, "optimize");
		count_instructions(c);
		ok = cg_insert_interrupt_checks(c);
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
	if (ok)
		cg_stage_done(c, "codegen");
	return ok;
}
