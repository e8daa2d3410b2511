/*
 * The module descriptor (struct rt_module of rtlib/include/rt_abi.h) and the
 * trampolines through which a host calls the module's functions. The LLVM
 * struct types here mirror the C structs field by field; natural alignment
 * gives both the same layout on every LP64 target.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

#define B (c->b)

static LLVMValueRef const_struct(struct cg_ctx *c, LLVMValueRef *fields, unsigned n)
{
	return LLVMConstStructInContext(c->llvm, fields, n, 0);
}

LLVMValueRef cg_const_array(struct cg_ctx *c, LLVMTypeRef type, LLVMValueRef *values, uint32_t n, const char *name)
{
	if (n == 0)
		return LLVMConstNull(c->t.ptr);
	LLVMValueRef init = LLVMConstArray2(type, values, n);
	LLVMValueRef g = LLVMAddGlobal(c->mod, LLVMTypeOf(init), name);
	LLVMSetInitializer(g, init);
	LLVMSetGlobalConstant(g, 1);
	LLVMSetLinkage(g, LLVMPrivateLinkage);
	return g;
}

/* Records the failure; the value keeps the IR well-formed until generation stops. */
static LLVMValueRef out_of_memory(struct cg_ctx *c)
{
	cg_fail(c, 0, "out of memory");
	return LLVMConstNull(c->t.ptr);
}

static LLVMValueRef i8c(struct cg_ctx *c, unsigned v)
{
	return LLVMConstInt(c->t.i8, v, 0);
}

static LLVMValueRef imports_array(struct cg_ctx *c)
{
	const struct wasm_module *m = c->m;
	struct cg_types *t = &c->t;
	LLVMTypeRef fields[] = { t->ptr, t->ptr, t->i32, t->i32, t->i8, t->i8, t->i8, t->i8, t->i8, t->ptr, t->i64, t->i64 };
	LLVMTypeRef type = LLVMStructTypeInContext(c->llvm, fields, 12, 0);
	LLVMValueRef *values = calloc(m->import_count ? m->import_count : 1, sizeof(*values));
	if (!values)
		return out_of_memory(c);
	for (uint32_t i = 0; i < m->import_count; i++) {
		const struct wasm_import *imp = &m->imports[i];
		LLVMValueRef sig = LLVMConstNull(t->ptr);
		uint8_t gtype = 0, gmut = 0, etype = 0;
		uint64_t min = 0, max = UINT64_MAX;
		switch (imp->kind) {
		case WASM_EXTERN_FUNC:
			sig = cg_sig_string(c, m->funcs[imp->index].type_index);
			break;
		case WASM_EXTERN_TABLE: {
			const struct wasm_table_type *tt = &m->tables[imp->index].type;
			etype = tt->elem_type;
			min = tt->limits.min;
			max = tt->limits.has_max ? tt->limits.max : UINT64_MAX;
			break;
		}
		case WASM_EXTERN_MEMORY: {
			const struct wasm_limits *l = &m->memories[imp->index].type.limits;
			min = l->min;
			max = l->has_max ? l->max : UINT64_MAX;
			break;
		}
		default:
			gtype = (uint8_t)wasm_valtype_letter(m->globals[imp->index].type.type);
			gmut = m->globals[imp->index].type.mutable;
			break;
		}
		LLVMValueRef f[] = {
			cg_const_string(c, imp->module.str, imp->module.len), cg_const_string(c, imp->field.str, imp->field.len),
			cg_const_i32(c, imp->module.len), cg_const_i32(c, imp->field.len), i8c(c, imp->kind), i8c(c, gtype),
			i8c(c, gmut), i8c(c, etype), i8c(c, imp->kind == WASM_EXTERN_FUNC && c->funcs[imp->index] != NULL),
			sig, cg_const_i64(c, min), cg_const_i64(c, max),
		};
		values[i] = LLVMConstNamedStruct(type, f, 12);
	}
	LLVMValueRef g = cg_const_array(c, type, values, m->import_count, "imports");
	free(values);
	return g;
}

static LLVMValueRef exports_array(struct cg_ctx *c)
{
	const struct wasm_module *m = c->m;
	struct cg_types *t = &c->t;
	LLVMTypeRef fields[] = { t->ptr, t->i32, t->i8, t->i32 };
	LLVMTypeRef type = LLVMStructTypeInContext(c->llvm, fields, 4, 0);
	LLVMValueRef *values = calloc(m->export_count ? m->export_count : 1, sizeof(*values));
	if (!values)
		return out_of_memory(c);
	for (uint32_t i = 0; i < m->export_count; i++) {
		const struct wasm_export *e = &m->exports[i];
		LLVMValueRef f[] = { cg_const_string(c, e->name.str, e->name.len), cg_const_i32(c, e->name.len),
			i8c(c, e->kind), cg_const_i32(c, e->index) };
		values[i] = LLVMConstNamedStruct(type, f, 4);
	}
	LLVMValueRef g = cg_const_array(c, type, values, m->export_count, "exports");
	free(values);
	return g;
}

/* void tramp(const struct rt_funcref *ref, uint8_t (*slots)[16]): arguments in, results out. */
static LLVMValueRef make_trampoline(struct cg_ctx *c, const struct wasm_func_type *ft, uint32_t type_index)
{
	struct cg_types *t = &c->t;
	char name[32];
	snprintf(name, sizeof(name), "wasmc_tramp%u", type_index);
	LLVMValueRef fn = LLVMAddFunction(c->mod, name, t->trampoline);
	LLVMSetLinkage(fn, LLVMInternalLinkage);
	LLVMPositionBuilderAtEnd(B, LLVMAppendBasicBlockInContext(c->llvm, fn, "entry"));
	LLVMValueRef ref = LLVMGetParam(fn, 0), slots = LLVMGetParam(fn, 1);
	LLVMValueRef *args = malloc(((size_t)ft->param_count + 1) * sizeof(*args));
	if (!args) {
		LLVMBuildUnreachable(B);
		out_of_memory(c);
		return fn;
	}
	args[0] = LLVMBuildLoad2(B, t->ptr, cg_inst_field(c, ref, offsetof(struct rt_funcref, instance)), "");
	/* The slots are only byte-aligned (uint8_t[16]): never promise more. */
	for (uint32_t i = 0; i < ft->param_count; i++) {
		args[i + 1] = LLVMBuildLoad2(B, cg_valtype(c, ft->params[i]), cg_inst_field(c, slots, 16 * i), "");
		LLVMSetAlignment(args[i + 1], 1);
	}
	LLVMValueRef code = LLVMBuildLoad2(B, t->ptr, ref, "");
	LLVMValueRef result = LLVMBuildCall2(B, cg_sig_type(c, type_index), code, args, ft->param_count + 1, "");
	free(args);
	for (uint32_t i = 0; i < ft->result_count; i++) {
		LLVMValueRef v = ft->result_count == 1 ? result : LLVMBuildExtractValue(B, result, i, "");
		LLVMSetAlignment(LLVMBuildStore(B, v, cg_inst_field(c, slots, 16 * i)), 1);
	}
	LLVMBuildRetVoid(B);
	return fn;
}

LLVMValueRef cg_func_code_array(struct cg_ctx *c)
{
	const struct wasm_module *m = c->m;
	if (c->func_code)
		return c->func_code;
	LLVMValueRef *values = calloc(m->func_count ? m->func_count : 1, sizeof(*values));
	if (!values)
		return out_of_memory(c);
	for (uint32_t i = 0; i < m->func_count; i++)
		values[i] = m->funcs[i].imported ? LLVMConstNull(c->t.ptr) : c->funcs[i];
	c->func_code = cg_const_array(c, c->t.ptr, values, m->func_count, "func_code");
	free(values);
	return c->func_code;
}

LLVMValueRef cg_func_type_array(struct cg_ctx *c)
{
	const struct wasm_module *m = c->m;
	if (c->func_types)
		return c->func_types;
	LLVMValueRef *values = calloc(m->func_count ? m->func_count : 1, sizeof(*values));
	if (!values)
		return out_of_memory(c);
	for (uint32_t i = 0; i < m->func_count; i++)
		values[i] = cg_const_i32(c, m->funcs[i].type_index);
	c->func_types = cg_const_array(c, c->t.i32, values, m->func_count, "func_types");
	free(values);
	return c->func_types;
}

/* Per-function arrays: signatures, trampolines, names and code addresses. */
static void function_arrays(struct cg_ctx *c, LLVMValueRef *sigs, LLVMValueRef *tramps, LLVMValueRef *names,
		LLVMValueRef *code)
{
	const struct wasm_module *m = c->m;
	struct cg_types *t = &c->t;
	uint32_t n = m->func_count ? m->func_count : 1;
	/* One allocation: the trampoline of each type, then the three per-function arrays. */
	size_t types = m->type_count ? m->type_count : 1;
	LLVMValueRef *by_type = calloc(types + 3 * (size_t)n, sizeof(LLVMValueRef));
	if (!by_type) {
		*sigs = *tramps = *names = *code = out_of_memory(c);
		return;
	}
	LLVMValueRef *v_sig = by_type + types, *v_tramp = v_sig + n, *v_name = v_tramp + n;
	for (uint32_t i = 0; i < m->func_count; i++) {
		uint32_t ti = m->types[m->funcs[i].type_index].canon_index;
		if (!by_type[ti])
			by_type[ti] = make_trampoline(c, &m->types[ti], ti);
		v_sig[i] = cg_sig_string(c, ti);
		v_tramp[i] = by_type[ti];
		const struct wasm_name *nm = wasm_func_name(m, i);
		v_name[i] = nm ? cg_const_string(c, nm->str, nm->len) : LLVMConstNull(t->ptr);
	}
	*sigs = cg_const_array(c, t->ptr, v_sig, m->func_count, "func_signatures");
	*tramps = cg_const_array(c, t->ptr, v_tramp, m->func_count, "func_trampolines");
	*names = cg_const_array(c, t->ptr, v_name, m->func_count, "func_names");
	*code = cg_func_code_array(c);
	free(by_type);
}

/* Keeps `g` alive to the linker (llvm.used). */
static void mark_used(struct cg_ctx *c, LLVMValueRef g)
{
	LLVMValueRef init = LLVMConstArray2(c->t.ptr, &g, 1);
	LLVMValueRef used = LLVMAddGlobal(c->mod, LLVMTypeOf(init), "llvm.used");
	LLVMSetInitializer(used, init);
	LLVMSetLinkage(used, LLVMAppendingLinkage);
	LLVMSetSection(used, "llvm.metadata");
}

bool cg_descriptor(struct cg_ctx *c, LLVMValueRef instantiate_fn)
{
	const struct wasm_module *m = c->m;
	struct cg_types *t = &c->t;
	const char *name = c->opts->module_name ? c->opts->module_name : "main";
	LLVMValueRef sigs, tramps, names, code, type_sig_offsets;
	function_arrays(c, &sigs, &tramps, &names, &code);
	LLVMValueRef sig_table = cg_signature_table(c, &type_sig_offsets);
	LLVMValueRef fields[] = {
		cg_const_string(c, name, strlen(name)),
		cg_const_i32(c, c->layout.size), cg_const_i32(c, m->func_count), cg_const_i32(c, m->table_count),
		cg_const_i32(c, m->memory_count), cg_const_i32(c, m->global_count), cg_const_i32(c, m->type_count),
		cg_const_i32(c, m->import_count), cg_const_i32(c, m->export_count),
		imports_array(c), exports_array(c), sig_table, type_sig_offsets, sigs, tramps, names, code,
		cg_const_i32(c, c->layout.funcs), cg_const_i32(c, c->layout.tables), cg_const_i32(c, c->layout.memories),
		cg_const_i32(c, c->layout.globals),
		instantiate_fn,
	};
	LLVMValueRef init = const_struct(c, fields, sizeof(fields) / sizeof(fields[0]));
	char symbol[256];
	snprintf(symbol, sizeof(symbol), "wasmc_module_%s", name);
	LLVMValueRef desc = LLVMAddGlobal(c->mod, LLVMTypeOf(init), symbol);
	LLVMSetInitializer(desc, init);
	LLVMSetGlobalConstant(desc, 1);
	LLVMSetAlignment(desc, 8);

	LLVMValueRef entry = LLVMAddGlobal(c->mod, t->ptr, "wasmc_module_entry");
	LLVMSetInitializer(entry, desc);
	LLVMSetGlobalConstant(entry, 1);
	LLVMSetLinkage(entry, LLVMInternalLinkage);
	LLVMSetSection(entry, RT_MODULE_SECTION);
	LLVMSetAlignment(entry, 8);
	mark_used(c, entry);
	return c->err->kind == WASM_ERR_NONE;
}
