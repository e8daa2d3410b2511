/* Small helpers for building IR: constants, intrinsics, traps. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cg.h"

bool cg_fail(struct cg_ctx *c, size_t offset, const char *fmt, ...)
{
	if (c->err->kind != WASM_ERR_NONE)
		return false;
	c->err->kind = WASM_ERR_LIMIT;
	c->err->offset = offset;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->err->message, sizeof(c->err->message), fmt, ap);
	va_end(ap);
	return false;
}

LLVMValueRef cg_const_i32(struct cg_ctx *c, uint32_t v)
{
	return LLVMConstInt(c->t.i32, v, 0);
}

LLVMValueRef cg_const_i64(struct cg_ctx *c, uint64_t v)
{
	return LLVMConstInt(c->t.i64, v, 0);
}

LLVMValueRef cg_intrinsic(struct cg_ctx *c, const char *name, LLVMTypeRef *overloads, unsigned overload_count,
		LLVMValueRef *args, unsigned arg_count)
{
	unsigned id = LLVMLookupIntrinsicID(name, strlen(name));
	LLVMValueRef fn = LLVMGetIntrinsicDeclaration(c->mod, id, overloads, overload_count);
	LLVMTypeRef type = LLVMIntrinsicGetType(c->llvm, id, overloads, overload_count);
	return LLVMBuildCall2(c->b, type, fn, args, arg_count, "");
}

/* A private, unnamed-address constant global initialized with `init`. */
static LLVMValueRef private_constant(struct cg_ctx *c, LLVMValueRef init, const char *name)
{
	LLVMValueRef g = LLVMAddGlobal(c->mod, LLVMTypeOf(init), name);
	LLVMSetInitializer(g, init);
	LLVMSetGlobalConstant(g, 1);
	LLVMSetLinkage(g, LLVMPrivateLinkage);
	LLVMSetUnnamedAddress(g, LLVMGlobalUnnamedAddr);
	LLVMSetAlignment(g, 1);
	return g;
}

LLVMValueRef cg_const_bytes(struct cg_ctx *c, const void *bytes, size_t len, const char *name)
{
	return private_constant(c, LLVMConstStringInContext(c->llvm, bytes, (unsigned)len, 1), name);
}

LLVMValueRef cg_const_string(struct cg_ctx *c, const char *s, size_t len)
{
	return private_constant(c, LLVMConstStringInContext(c->llvm, s, (unsigned)len, 0), ".str");
}

void cg_declare_trap(struct cg_ctx *c)
{
	c->trap_fn = LLVMGetNamedFunction(c->mod, "rt_trap");
	if (c->trap_fn)
		return;
	LLVMTypeRef param = c->t.i32;
	c->trap_fn = LLVMAddFunction(c->mod, "rt_trap", LLVMFunctionType(c->t.void_, &param, 1, 0));
	const char *attrs[] = { "noreturn", "cold", "nounwind" };
	for (size_t i = 0; i < 3; i++)
		LLVMAddAttributeAtIndex(c->trap_fn, LLVMAttributeFunctionIndex, cg_enum_attr(c, attrs[i]));
}

void cg_trap(struct cg_ctx *c, enum rt_trap kind)
{
	LLVMValueRef arg = cg_const_i32(c, kind);
	LLVMValueRef call = LLVMBuildCall2(c->b, LLVMGlobalGetValueType(c->trap_fn), c->trap_fn, &arg, 1, "");
	LLVMSetTailCall(call, 0);
	LLVMBuildUnreachable(c->b);
}

void cg_mark_unlikely(struct cg_ctx *c, LLVMValueRef condbr)
{
	LLVMMetadataRef md = LLVMMDNodeInContext2(c->llvm, (LLVMMetadataRef[]){
		LLVMMDStringInContext2(c->llvm, "branch_weights", 14),
		LLVMValueAsMetadata(cg_const_i32(c, 1)),
		LLVMValueAsMetadata(cg_const_i32(c, 2000)) }, 3);
	LLVMSetMetadata(condbr, LLVMGetMDKindIDInContext(c->llvm, "prof", 4), LLVMMetadataAsValue(c->llvm, md));
}

void cg_trap_if(struct cg_ctx *c, LLVMValueRef cond, enum rt_trap kind)
{
	LLVMValueRef fn = LLVMGetBasicBlockParent(LLVMGetInsertBlock(c->b));
	LLVMBasicBlockRef trap_bb = LLVMAppendBasicBlockInContext(c->llvm, fn, "trap");
	LLVMBasicBlockRef cont_bb = LLVMAppendBasicBlockInContext(c->llvm, fn, "");
	cg_mark_unlikely(c, LLVMBuildCondBr(c->b, cond, trap_bb, cont_bb));
	LLVMPositionBuilderAtEnd(c->b, trap_bb);
	cg_trap(c, kind);
	LLVMPositionBuilderAtEnd(c->b, cont_bb);
}

LLVMValueRef cg_rt_call(struct cg_ctx *c, const char *name, LLVMTypeRef ret, LLVMValueRef *args, unsigned n)
{
	LLVMTypeRef params[8]; /* the runtime's entry points take at most 6 arguments */
	if (n > 8)
		n = 8;
	for (unsigned i = 0; i < n; i++)
		params[i] = LLVMTypeOf(args[i]);
	LLVMTypeRef type = LLVMFunctionType(ret, params, n, 0);
	LLVMValueRef fn = LLVMGetNamedFunction(c->mod, name);
	if (!fn)
		fn = LLVMAddFunction(c->mod, name, type);
	return LLVMBuildCall2(c->b, type, fn, args, n, "");
}

LLVMValueRef cg_runtime_global(struct cg_ctx *c, const char *name, LLVMTypeRef type)
{
	LLVMValueRef g = LLVMGetNamedGlobal(c->mod, name);
	if (g)
		return g;
	g = LLVMAddGlobal(c->mod, type, name);
	/* Linked into the same executable: addressed directly, not through the GOT (one instruction less per use). */
	LLVMSetVisibility(g, LLVMHiddenVisibility);
	return g;
}

void cg_visit_body(const struct wasm_module *m, uint32_t func, void (*visit)(const struct wasm_insn *, void *), void *arg)
{
	struct wasm_error ignored = { 0 };
	struct wasm_reader r;
	struct wasm_insn insn;
	rd_init(&r, m->bytes, m->size, &ignored);
	r.pos = m->funcs[func].body_offset;
	r.end = m->funcs[func].body_end;
	while (r.pos < r.end && wasm_read_insn(&r, &insn))
		visit(&insn, arg);
}

int cg_compare_addresses(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)*(void *const *)a, y = (uintptr_t)*(void *const *)b;
	return x < y ? -1 : x > y;
}

LLVMAttributeRef cg_enum_attr(struct cg_ctx *c, const char *name)
{
	return LLVMCreateEnumAttribute(c->llvm, LLVMGetEnumAttributeKindForName(name, strlen(name)), 0);
}
