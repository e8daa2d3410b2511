/* Internal to codegen: the compilation context shared by its files. */
#ifndef WASMC_CG_H
#define WASMC_CG_H

#include <llvm-c/Core.h>
#include <stdbool.h>
#include <stdint.h>

#include "codegen.h"
#include "insn.h"
#include "rt_abi.h"

struct cg_types {
	LLVMTypeRef void_, i1, i8, i16, i32, i64, i128, f32, f64, ptr;
	LLVMTypeRef v128; /* <2 x i64>, the canonical form of a v128 value */
	LLVMTypeRef i8x16, i16x8, i32x4, i64x2, f32x4, f64x2;
	LLVMTypeRef i8x8, i16x4, i32x2; /* halves, for widening loads */
	LLVMTypeRef funcref;            /* struct rt_funcref */
	LLVMTypeRef trampoline;         /* void (ptr funcref, ptr slots) */
};

/* Where things live in an instance: byte offsets from the instance pointer. */
struct cg_layout {
	uint32_t funcs;       /* struct rt_funcref *[func_count] */
	uint32_t tables;      /* struct rt_table *[table_count] */
	uint32_t memories;    /* struct rt_memory *[memory_count] */
	uint32_t globals;     /* void *[global_count]: each global's 16-byte cell */
	uint32_t type_ids;    /* uint32_t[type_count] */
	uint32_t cells;       /* 16-byte cells of the defined globals */
	uint32_t funcrefs;    /* struct rt_funcref[func_count]: defined functions and link-time-bound imports */
	uint32_t elem_segs;   /* {void **refs; uint64_t size}[elem_count] */
	uint32_t data_segs;   /* {const uint8_t *bytes; uint64_t size}[data_count] */
	uint32_t size;
};

/* What codegen knows of a table at compile time (cg_tables_init). */
struct cg_table_info {
	bool fixed;        /* nothing changes it once instantiated: its loads are invariant, its size its minimum */
	/*
	 * Fixed, and its elements are known: per element, the index of a function
	 * the module defines, or UINT32_MAX for null. NULL when not known.
	 */
	uint32_t *slots;
	LLVMValueRef code, type; /* built from slots on first use: [size x ptr] code, [size x i32] canonical types */
};

/*
 * What one LLVM module holds (cg_partition.c). A module small enough is one
 * part holding everything; a big one is split into a part 0 holding no
 * bodies (instantiate, the descriptor, trampolines, data) and parts 1..n,
 * each the bodies of a contiguous range of function indices.
 */
struct cg_part {
	uint32_t index, count;
	uint32_t begin, end;              /* the function indices whose bodies it holds */
	struct cg_options opts;           /* the caller's, with the triple resolved and this part's --emit-llvm path */
	const struct cg_table_info *tables; /* shared, read-only (code and type unset); NULL: computed per part */
	const uint32_t *imports;          /* other parts' small callees, lowered available_externally (cg_part_imports.c) */
	uint32_t import_count;
};

struct cg_ctx {
	const struct wasm_module *m;
	const struct cg_options *opts;
	struct wasm_error *err;
	const struct cg_part *part;

	LLVMContextRef llvm;
	LLVMModuleRef mod;
	LLVMBuilderRef b;
	struct cg_types t;
	struct cg_layout layout;

	LLVMTypeRef *sig_types;   /* per wasm type index: the native function type, made on first use (cg_sig_type) */
	LLVMValueRef *sig_strings; /* per canonical type index: its signature string, made on first use (cg_sig_string) */
	LLVMValueRef sig_table, sig_offsets; /* the signature table and per type its offset (cg_signature_table) */
	uint32_t *sig_offset_values;
	LLVMValueRef *funcs;      /* per function index: defined functions and bound imports, else NULL */
	LLVMValueRef *data_globals; /* per data segment: its bytes */
	LLVMValueRef trap_fn;     /* rt_trap */
	struct cg_table_info *tables; /* per table index (cg_table.c) */
	unsigned invariant_kind;  /* metadata kind id of !invariant.load */
	bool volatile_loads;      /* WASMC_VOLATILE_LOADS: every memory load volatile (cg_memory_load) */
	bool canonical_nans;      /* WASMC_CANONICAL_NANS: arithmetic NaNs canonical (cg_nan.c) */
	LLVMValueRef empty_md;
	unsigned tbaa_kind;       /* metadata kind id of !tbaa */
	LLVMValueRef tbaa_memory, tbaa_global; /* access tags: linear memory, global cells (cg_tbaa_init) */
	/* Constant arrays shared by the instantiate function and the descriptor, made on first use. */
	LLVMValueRef func_code, func_types;
};

/* ---- types and signatures (cg_types.c) ---- */
void cg_types_init(struct cg_ctx *c);
LLVMTypeRef cg_valtype(struct cg_ctx *c, uint8_t valtype);
/* The type of a value of `valtype` as a field of a multi-value result (see cg_func_type). */
LLVMTypeRef cg_result_field(struct cg_ctx *c, uint8_t valtype);
/*
 * The native type of a function of wasm type `t`: (ptr instance, params...) -> void | result | {results}.
 * In {results} an f32 or f64 travels as its bits, an i32 or i64 (cg_result_field): x86-64 code
 * returns a third floating-point field in the x87 register ST0, which quiets a signalling NaN.
 */
LLVMTypeRef cg_func_type(struct cg_ctx *c, const struct wasm_func_type *t); /* NULL if out of memory */
/* Allocates the per-type caches below; nothing is built until asked for. */
bool cg_signatures_init(struct cg_ctx *c);
/* The native function type of wasm type `type_index` (cg_func_type), built once. */
LLVMTypeRef cg_sig_type(struct cg_ctx *c, uint32_t type_index);
/*
 * The signature table (rt_module's signatures): every canonical type's
 * signature string once, NUL-terminated; *offsets gets the per-type offsets
 * ([type_count x u32] as bytes). Built on first use, by the part that holds
 * the instance.
 */
LLVMValueRef cg_signature_table(struct cg_ctx *c, LLVMValueRef *offsets);
/* A pointer to type `type_index`'s string in the signature table. */
LLVMValueRef cg_sig_string(struct cg_ctx *c, uint32_t type_index);
/* A zero of a value type. */
LLVMValueRef cg_zero(struct cg_ctx *c, uint8_t valtype);

/* ---- instance layout and access (cg_layout.c) ---- */
void cg_layout_init(struct cg_ctx *c);
/* A pointer to the instance field at `offset`. */
LLVMValueRef cg_inst_field(struct cg_ctx *c, LLVMValueRef inst, uint32_t offset);
/* A load that never changes once instantiation is done (hoistable, CSE-able). */
LLVMValueRef cg_load_invariant(struct cg_ctx *c, LLVMTypeRef type, LLVMValueRef ptr, const char *name);
/*
 * The TBAA tags of linear-memory and global-cell accesses: two type trees
 * that never alias, so that a store to memory does not make LLVM load a
 * global again, nor the reverse (cg_memory.c).
 */
void cg_tbaa_init(struct cg_ctx *c);
/* &array[index] of one of the instance's pointer arrays (layout.funcs, tables, memories, globals). */
LLVMValueRef cg_slot_ptr(struct cg_ctx *c, LLVMValueRef inst, uint32_t array_offset, uint32_t index);
/* Its value, once instantiation has set it. */
LLVMValueRef cg_load_slot(struct cg_ctx *c, LLVMValueRef inst, uint32_t array_offset, uint32_t index, const char *name);

/*
 * Element and data segments are {pointer, u64 size} records in the instance
 * (layout.elem_segs, layout.data_segs); a dropped segment has size 0.
 */
LLVMValueRef cg_segment_record(struct cg_ctx *c, LLVMValueRef inst, uint32_t array_offset, uint32_t index);
/* Loads a record's pointer and its size (as i32, what rt_*_init take). */
void cg_segment_load(struct cg_ctx *c, LLVMValueRef record, LLVMValueRef *ptr, LLVMValueRef *size);
void cg_segment_store(struct cg_ctx *c, LLVMValueRef record, LLVMValueRef ptr, uint64_t size);
void cg_segment_drop(struct cg_ctx *c, LLVMValueRef record);

/* ---- tables known at compile time (cg_table_info.c) ---- */
/* Fills c->tables: which tables only this module sees and no instruction writes, and their elements. */
bool cg_tables_init(struct cg_ctx *c);
void cg_tables_free(struct cg_ctx *c);
/*
 * A table with known slots: its constant arrays of element code and canonical
 * type index (UINT32_MAX: null). In a split module, part 0 defines them
 * (cg_tables_define_known) and the other parts declare them.
 */
void cg_table_known_arrays(struct cg_ctx *c, uint32_t table, LLVMValueRef *code, LLVMValueRef *type);
void cg_tables_define_known(struct cg_ctx *c);

/* ---- helpers (cg_util.c) ---- */
LLVMValueRef cg_const_i32(struct cg_ctx *c, uint32_t v);
LLVMValueRef cg_const_i64(struct cg_ctx *c, uint64_t v);
LLVMValueRef cg_intrinsic(struct cg_ctx *c, const char *name, LLVMTypeRef *overloads, unsigned overload_count,
		LLVMValueRef *args, unsigned arg_count);
/* A global constant holding `len` bytes; returns a pointer to it. */
LLVMValueRef cg_const_bytes(struct cg_ctx *c, const void *bytes, size_t len, const char *name);
/* A NUL-terminated global string. */
LLVMValueRef cg_const_string(struct cg_ctx *c, const char *s, size_t len);
/* A variable of the runtime (rtlib) that generated code reads or writes, declared on first use. */
LLVMValueRef cg_runtime_global(struct cg_ctx *c, const char *name, LLVMTypeRef type);
/* Calls visit with each instruction of defined function `func`'s body (validated: read to its end). */
void cg_visit_body(const struct wasm_module *m, uint32_t func, void (*visit)(const struct wasm_insn *, void *), void *arg);
/*
 * A constant folded as far as the data layout allows (cg_fold.cpp): the C
 * API's builder leaves lane-changing bitcasts of vector constants as
 * expressions, which an initializer must not be (the assembler may get an
 * i16 sum it cannot encode).
 */
LLVMValueRef cg_fold_constant(LLVMModuleRef mod, LLVMValueRef value);
/* qsort/bsearch order of LLVM objects (LLVMValueRef, LLVMBasicBlockRef, ...) by address. */
int cg_compare_addresses(const void *a, const void *b);
/* An attribute without a value ("noinline", "cold", ...) by its LLVM name. */
LLVMAttributeRef cg_enum_attr(struct cg_ctx *c, const char *name);
/*
 * Declares rt_trap (noreturn, cold) as c->trap_fn, or finds it: after
 * optimization it may have been deleted with its last call.
 */
void cg_declare_trap(struct cg_ctx *c);
/* Branch weights on a conditional branch: its true side (a trap) is cold. */
void cg_mark_unlikely(struct cg_ctx *c, LLVMValueRef condbr);
/* Emits `if (cond) trap(kind)` with the trap on a cold path; continues in a fresh block. */
void cg_trap_if(struct cg_ctx *c, LLVMValueRef cond, enum rt_trap kind);
void cg_trap(struct cg_ctx *c, enum rt_trap kind);
/* Calls the runtime function `name` (declared on first use from the argument types). */
LLVMValueRef cg_rt_call(struct cg_ctx *c, const char *name, LLVMTypeRef ret, LLVMValueRef *args, unsigned n);
bool cg_fail(struct cg_ctx *c, size_t offset, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* ---- partitions (cg_partition.c, cg_parallel.c) ---- */
/*
 * The number of ranges of function bodies a module is split into, at least
 * part_bytes (0: the default) of code each; 1 means not split. With starts,
 * also each range's first function index and, at [ranges], the end.
 */
uint32_t cg_partition_ranges(const struct wasm_module *m, size_t part_bytes, uint32_t *starts);
/*
 * The small functions defined outside [begin, end) that its bodies call
 * directly, ascending, for the inliner; NULL when out of memory (cg_part_imports.c).
 */
uint32_t *cg_part_imports(const struct wasm_module *m, uint32_t begin, uint32_t end, uint32_t *count);
/* Compiles one part to one object (codegen.c). */
bool cg_compile_part(const struct wasm_module *module, const struct cg_part *part, const char *obj_path,
		struct wasm_error *err);
/* Whether this part declares defined function `index` at the start: its own functions, and every one in part 0. */
bool cg_part_declares(const struct cg_ctx *c, uint32_t index);
/* The function defined at `index` as declared in this part's module at the start, or NULL (cg_func_ref declares it later). */
LLVMValueRef cg_declare_defined(struct cg_ctx *c, uint32_t index, LLVMTypeRef type);
/* The function `index` (defined or bound at link time) to call directly, declared on first use; NULL for an import slot. */
LLVMValueRef cg_func_ref(struct cg_ctx *c, uint32_t index);
/* After a failure in LLVM: the message made one line, naming the function when the verifier can tell which. */
void cg_blame_function(struct cg_ctx *c);

/* ---- functions (cg_func.c) ---- */
/*
 * The symbol of defined function `index`: wasm_f<i> (internal) in a module
 * compiled whole, wasm_<module>_f<i> (hidden) when it is split (cg_partition.c).
 */
enum { CG_FUNC_SYMBOL_MAX = 300 };
void cg_func_symbol(const struct cg_ctx *c, uint32_t index, char *name, size_t size);
void cg_declare_functions(struct cg_ctx *c);
bool cg_function_body(struct cg_ctx *c, uint32_t func_index);

/* ---- instantiation and the module descriptor (cg_instantiate.c, cg_descriptor.c) ---- */
bool cg_instantiate(struct cg_ctx *c);
bool cg_descriptor(struct cg_ctx *c, LLVMValueRef instantiate_fn);
/* A private constant array of `n` values of `type`; a null pointer when empty. */
LLVMValueRef cg_const_array(struct cg_ctx *c, LLVMTypeRef type, LLVMValueRef *values, uint32_t n, const char *name);
/* Per function index: its code ([n x ptr], null for imports), its type index ([n x i32]). */
LLVMValueRef cg_func_code_array(struct cg_ctx *c);
LLVMValueRef cg_func_type_array(struct cg_ctx *c);
/* Evaluates a constant expression at instantiation (the builder is in the instantiate function). */
LLVMValueRef cg_const_expr(struct cg_ctx *c, LLVMValueRef inst, const struct wasm_expr *e, uint8_t type);

/* ---- the pipeline (codegen.c) ---- */
/* A monotonic clock in seconds. */
double cg_seconds(void);
/* Tells cg_options.report that `stage` has ended. */
void cg_stage_done(struct cg_ctx *c, const char *stage);

/* ---- target machines and emission (target.c) ---- */
/*
 * cg_pipeline.c: the pass pipeline of an -O level, in LLVM's textual syntax
 * (lean: the table for already-optimized input at -O2/-O3 too); false if size is too small.
 */
bool cg_pipeline(int level, char *buf, size_t size);
/* After optimization: merges of very many edges keep their values in stack slots (cg_wide_phi.c). */
bool cg_demote_wide_phis(struct cg_ctx *c);
/* Verifies the part's IR; false (with the verifier's words) if it is invalid. */
bool cg_verify_ir(struct cg_ctx *c);
bool cg_emit_object(struct cg_ctx *c, const char *obj_path);

/* ---- checks added after optimization (cg_interrupt.c) ---- */
/* With opts->interrupt_checks: the interrupt flag checked at loop latches and entries of calling functions. */
bool cg_insert_interrupt_checks(struct cg_ctx *c);
/*
 * Per function of fns (defined, optimized): whether it may take part in
 * recursion (cg_recursion.c): a cycle of direct calls, or a call to what is
 * not known here. False if out of memory.
 */
bool cg_may_recurse(const LLVMValueRef *fns, uint32_t count, bool *recurses);

#endif
