/*
 * Partitions: a big module's function bodies split into contiguous ranges of
 * function indices balanced by code size, each range compiled as its own
 * LLVM module (cg_parallel.c). The split depends on the module alone, never
 * on the number of threads, so every -j gives the same objects.
 *
 * Contiguous ranges because producers place callees near their callers
 * (static functions of one C file stay together), so most calls, and most
 * of what the inliner would take, stay inside one part. Calls across parts
 * are direct calls to hidden global symbols resolved by the linker; they
 * cannot be inlined.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Analysis.h>

#include "cg.h"

/* A quarter megabyte of wasm code per part at least: enough for the inliner's reach, small enough to keep cores busy. */
enum { DEFAULT_PART_BYTES = 256 * 1024 };
/* What a function costs besides its code (declaration, prologue, frame): empty functions are not free. */
enum { FUNC_WEIGHT = 32 };

static uint64_t func_weight(const struct wasm_func *f)
{
	return (uint64_t)(f->body_end - f->body_offset) + FUNC_WEIGHT;
}

uint32_t cg_partition_ranges(const struct wasm_module *m, size_t part_bytes, uint32_t *starts)
{
	uint64_t target = part_bytes ? part_bytes : DEFAULT_PART_BYTES;
	uint64_t total = 0;
	for (uint32_t i = m->imported_func_count; i < m->func_count; i++)
		total += func_weight(&m->funcs[i]);
	uint64_t ranges = total / target;
	uint32_t defined = m->func_count - m->imported_func_count;
	if (ranges > defined)
		ranges = defined;
	if (ranges < 2)
		ranges = 1;
	if (!starts)
		return (uint32_t)ranges;
	/* Range r ends at the first function where the running total reaches (r + 1) / ranges of the whole. */
	uint32_t r = 0;
	uint64_t sum = 0;
	starts[0] = m->imported_func_count;
	for (uint32_t i = m->imported_func_count; i < m->func_count && r + 1 < ranges; i++) {
		sum += func_weight(&m->funcs[i]);
		if (sum * ranges >= (r + 1) * total && i + 1 < m->func_count)
			starts[++r] = i + 1;
	}
	/* Fewer cuts than planned only when single functions are huge; empty ranges are harmless. */
	while (r + 1 < ranges) {
		r++;
		starts[r] = starts[r - 1];
	}
	starts[ranges] = m->func_count;
	return (uint32_t)ranges;
}

uint32_t cg_object_count(const struct wasm_module *module, const struct cg_options *options)
{
	uint32_t ranges = cg_partition_ranges(module, options->partition_bytes, NULL);
	return ranges == 1 ? 1 : ranges + 1;
}

/*
 * The symbol of a function defined in a split module. The module name keeps
 * the core modules of a component apart; a name ending in _f<digits> after a
 * C identifier cannot be another module's.
 */
void cg_func_symbol(const struct cg_ctx *c, uint32_t index, char *name, size_t size)
{
	const char *module = c->opts->module_name ? c->opts->module_name : "main";
	if (c->part->count == 1)
		snprintf(name, size, "wasm_f%u", index);
	else
		snprintf(name, size, "wasm_%s_f%u", module, index);
}

/* Part 0 stores every function's address in the instance; the others declare what they call, when they call it. */
bool cg_part_declares(const struct cg_ctx *c, uint32_t index)
{
	return c->part->index == 0 || (index >= c->part->begin && index < c->part->end);
}

LLVMValueRef cg_declare_defined(struct cg_ctx *c, uint32_t index, LLVMTypeRef type)
{
	if (!cg_part_declares(c, index))
		return NULL;
	char name[CG_FUNC_SYMBOL_MAX];
	cg_func_symbol(c, index, name, sizeof(name));
	LLVMValueRef fn = LLVMAddFunction(c->mod, name, type);
	if (c->part->count == 1)
		LLVMSetLinkage(fn, LLVMInternalLinkage);
	else if (index >= c->part->begin && index < c->part->end)
		LLVMSetVisibility(fn, LLVMHiddenVisibility);
	return fn;
}

LLVMValueRef cg_func_ref(struct cg_ctx *c, uint32_t index)
{
	const struct wasm_func *f = &c->m->funcs[index];
	if (c->funcs[index] || f->imported)
		return c->funcs[index];
	char name[CG_FUNC_SYMBOL_MAX];
	cg_func_symbol(c, index, name, sizeof(name));
	c->funcs[index] = LLVMAddFunction(c->mod, name, cg_sig_type(c, f->type_index));
	return c->funcs[index];
}

/* The wasm function index of a function this module defines, from its symbol; false for others. */
static bool defined_index(struct cg_ctx *c, LLVMValueRef fn, uint32_t *index)
{
	for (uint32_t i = c->part->begin; i < c->part->end; i++)
		if (c->funcs && c->funcs[i] == fn) {
			*index = i;
			return true;
		}
	return false;
}

void cg_blame_function(struct cg_ctx *c)
{
	struct wasm_error *e = c->err;
	for (char *p = e->message; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	static const char invalid[] = "internal error: generated invalid LLVM IR";
	if (strncmp(e->message, invalid, sizeof(invalid) - 1))
		return;
	for (LLVMValueRef fn = LLVMGetFirstFunction(c->mod); fn; fn = LLVMGetNextFunction(fn)) {
		if (LLVMIsDeclaration(fn) || !LLVMVerifyFunction(fn, LLVMReturnStatusAction))
			continue;
		char message[sizeof(e->message)];
		uint32_t index;
		if (defined_index(c, fn, &index)) {
			const struct wasm_name *nm = wasm_func_name(c->m, index);
			snprintf(message, sizeof(message), "function %u%s%.*s%s: %s", index, nm ? " (" : "",
					nm ? (int)nm->len : 0, nm ? nm->str : "", nm ? ")" : "", e->message);
			e->offset = c->m->funcs[index].code_offset;
		} else {
			size_t len;
			snprintf(message, sizeof(message), "%s: %s", LLVMGetValueName2(fn, &len), e->message);
		}
		memcpy(e->message, message, sizeof(message));
		return;
	}
}
