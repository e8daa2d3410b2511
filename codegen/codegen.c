/* cg_compile: one WebAssembly module to one LLVM module to one object file. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cg.h"

/*
 * Frame pointers everywhere: traps walk them for backtraces. No tail-recursion
 * elimination: infinite recursion in Wasm must exhaust the stack and trap,
 * not become an infinite loop. Functions start on a 64-byte line, so that
 * where the linker happens to place a function does not move its hot loops
 * across fetch lines: the same matmul code ran 0.30 s or 0.51 s depending on
 * whether it started 16 bytes into a line (a component's executable against
 * the core module's); aligned, both run 0.31-0.34 s.
 */
static void set_function_attributes(struct cg_ctx *c)
{
	for (LLVMValueRef fn = LLVMGetFirstFunction(c->mod); fn; fn = LLVMGetNextFunction(fn)) {
		if (LLVMIsDeclaration(fn))
			continue;
		LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
				LLVMCreateStringAttribute(c->llvm, "frame-pointer", 13, "all", 3));
		LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
				LLVMCreateStringAttribute(c->llvm, "disable-tail-calls", 18, "true", 4));
		LLVMAddAttributeAtIndex(fn, LLVMAttributeFunctionIndex,
				cg_enum_attr(c, "nounwind"));
		LLVMSetAlignment(fn, 64);
	}
}

/*
 * RISC-V's LP64 ABI passes and returns 32-bit integers sign-extended to 64
 * bits, and C code (rtlib, wasi, the host functions) relies on it; LLVM
 * extends only where told. So on riscv64 every i32 parameter and result of
 * every function and call is marked signext: without it a value from
 * i32.wrap_i64 reached C with its upper bits set. Other targets need nothing.
 */
static void extend_i32_for_abi(struct cg_ctx *c)
{
	const char *triple = LLVMGetTarget(c->mod);
	if (strncmp(triple, "riscv64", 7) != 0)
		return;
	LLVMAttributeRef signext = cg_enum_attr(c, "signext");
	for (LLVMValueRef fn = LLVMGetFirstFunction(c->mod); fn; fn = LLVMGetNextFunction(fn)) {
		if (LLVMGetIntrinsicID(fn))
			continue; /* LLVM's own: no ABI */
		LLVMTypeRef ft = LLVMGlobalGetValueType(fn);
		for (unsigned i = 0; i < LLVMCountParamTypes(ft); i++)
			if (LLVMTypeOf(LLVMGetParam(fn, i)) == c->t.i32)
				LLVMAddAttributeAtIndex(fn, i + 1, signext);
		if (LLVMGetReturnType(ft) == c->t.i32)
			LLVMAddAttributeAtIndex(fn, LLVMAttributeReturnIndex, signext);
		for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb))
			for (LLVMValueRef in = LLVMGetFirstInstruction(bb); in; in = LLVMGetNextInstruction(in)) {
				LLVMValueRef callee = LLVMGetInstructionOpcode(in) == LLVMCall ? LLVMGetCalledValue(in) : NULL;
				if (!callee || (LLVMIsAFunction(callee) && LLVMGetIntrinsicID(callee)))
					continue;
				unsigned n = LLVMGetNumArgOperands(in);
				for (unsigned i = 0; i < n; i++)
					if (LLVMTypeOf(LLVMGetOperand(in, i)) == c->t.i32)
						LLVMAddCallSiteAttribute(in, i + 1, signext);
				if (LLVMTypeOf(in) == c->t.i32)
					LLVMAddCallSiteAttribute(in, LLVMAttributeReturnIndex, signext);
			}
	}
}

double cg_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void cg_stage_done(struct cg_ctx *c, const char *stage)
{
	const struct cg_report *r = c->opts->report;
	/* A split module's parts run at once on several threads: cg_compile_objects reports them as one. */
	if (r && r->stage_done && c->part->count == 1)
		r->stage_done(stage, r->arg);
}

/* A constant the runtime reads by name (cg_options.data). */
static void emit_data(struct cg_ctx *c, const struct cg_data *d)
{
	LLVMValueRef init = LLVMConstStringInContext(c->llvm, d->bytes, (unsigned)d->size, 1);
	LLVMValueRef g = LLVMAddGlobal(c->mod, LLVMTypeOf(init), d->symbol);
	LLVMSetInitializer(g, init);
	LLVMSetGlobalConstant(g, 1);
	LLVMSetAlignment(g, 1);
}

/* Other parts' small callees, for the inliner only: never emitted (cg_part_imports.c). */
static bool import_callees(struct cg_ctx *c)
{
	for (uint32_t k = 0; k < c->part->import_count; k++) {
		uint32_t index = c->part->imports[k];
		LLVMValueRef fn = cg_func_ref(c, index);
		if (!fn || !LLVMIsDeclaration(fn))
			continue;
		if (!cg_function_body(c, index))
			return false;
		LLVMSetLinkage(fn, LLVMAvailableExternallyLinkage);
	}
	return true;
}

static bool generate(struct cg_ctx *c)
{
	const struct wasm_module *m = c->m;
	cg_types_init(c);
	cg_layout_init(c);
	if (c->err->kind != WASM_ERR_NONE)
		return false;
	c->invariant_kind = LLVMGetMDKindIDInContext(c->llvm, "invariant.load", 14);
	const char *volatile_loads = getenv("WASMC_VOLATILE_LOADS");
	c->volatile_loads = volatile_loads && *volatile_loads && strcmp(volatile_loads, "0") != 0;
	const char *canonical_nans = getenv("WASMC_CANONICAL_NANS");
	c->canonical_nans = canonical_nans && *canonical_nans && strcmp(canonical_nans, "0") != 0;
	c->empty_md = LLVMMetadataAsValue(c->llvm, LLVMMDNodeInContext2(c->llvm, NULL, 0));
	cg_tbaa_init(c);
	c->funcs = calloc(m->func_count ? m->func_count : 1, sizeof(*c->funcs));
	if (!c->funcs)
		return cg_fail(c, 0, "out of memory");
	if (!cg_signatures_init(c) || !(c->tables || cg_tables_init(c)))
		return false;
	cg_declare_trap(c);
	cg_declare_functions(c);
	if (c->err->kind != WASM_ERR_NONE)
		return false;
	/* Each part writes its own functions' figures only. */
	double *lower_seconds = c->opts->report ? c->opts->report->lower_seconds : NULL;
	for (uint32_t i = c->part->begin; i < c->part->end; i++) {
		double start = lower_seconds ? cg_seconds() : 0;
		if (!cg_function_body(c, i))
			return false;
		if (lower_seconds)
			lower_seconds[i] = cg_seconds() - start;
	}
	if (!import_callees(c))
		return false;
	bool holds_instance = c->part->index == 0;
	if (holds_instance && !cg_instantiate(c))
		return false;
	if (holds_instance && c->part->count > 1)
		cg_tables_define_known(c);
	set_function_attributes(c);
	extend_i32_for_abi(c);
	for (size_t i = 0; holds_instance && i < c->opts->data_count; i++)
		emit_data(c, &c->opts->data[i]);
	return true;
}

bool cg_compile_part(const struct wasm_module *module, const struct cg_part *part, const char *obj_path,
		struct wasm_error *err)
{
	memset(err, 0, sizeof(*err));
	const struct cg_options *options = &part->opts;
	struct cg_ctx c = { .m = module, .opts = options, .err = err, .part = part };
	if (part->tables) {
		c.tables = malloc((module->table_count ? module->table_count : 1) * sizeof(*c.tables));
		if (!c.tables)
			return cg_fail(&c, 0, "out of memory");
		memcpy(c.tables, part->tables, module->table_count * sizeof(*c.tables));
	}
	c.llvm = LLVMContextCreate();
	c.mod = LLVMModuleCreateWithNameInContext(options->module_name ? options->module_name : "main", c.llvm);
	c.b = LLVMCreateBuilderInContext(c.llvm);
	const char *triple = options->triple ? options->triple : cg_host_triple();
	LLVMSetTarget(c.mod, triple);
	bool ok = generate(&c);
	if (ok)
		cg_stage_done(&c, "lower");
	/* No path: lowering only (the lowering fuzz target), its IR verified. */
	ok = ok && (obj_path ? cg_emit_object(&c, obj_path) : cg_verify_ir(&c));
	if (!ok)
		cg_blame_function(&c);
	free(c.sig_types);
	free(c.sig_strings);
	free(c.sig_offset_values);
	free(c.funcs);
	if (part->tables)
		free(c.tables);
	else
		cg_tables_free(&c);
	LLVMDisposeBuilder(c.b);
	LLVMDisposeModule(c.mod);
	LLVMContextDispose(c.llvm);
	return ok;
}
