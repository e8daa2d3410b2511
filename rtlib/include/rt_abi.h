/*
 * The contract between code that wasmc generates and the runtime library:
 * the instance ("vmctx") header, memories, tables, function references,
 * module descriptors and the entry points generated code calls. Codegen
 * builds LLVM types that mirror these structs (codegen/cg_layout.c,
 * cg_descriptor.c); rtlib
 * implements the functions. All targets are LP64 little-endian, so one
 * layout serves x86-64, AArch64 and RISC-V 64.
 *
 * Freestanding: no libc headers.
 */
#ifndef WASMC_RT_ABI_H
#define WASMC_RT_ABI_H

#include <stddef.h>
#include <stdint.h>

#define RT_WASM_PAGE_SIZE 65536u

/* Trap kinds, with the spec's messages: see traps.def. RT_TRAP_NONE is 0. */
enum rt_trap {
#define RT_TRAP(id, message) RT_TRAP_##id,
#include "traps.def"
#undef RT_TRAP
	RT_TRAP_COUNT
};

/* Entity kinds of imports and exports, as in the binary format. */
enum rt_extern_kind {
	RT_EXTERN_FUNC = 0,
	RT_EXTERN_TABLE = 1,
	RT_EXTERN_MEMORY = 2,
	RT_EXTERN_GLOBAL = 3,
};

/*
 * A linear memory. `base` never moves: 64-bit hosts reserve 8 GiB of address
 * space (4 GiB addressable + 4 GiB guard covering any 32-bit offset) and
 * commit pages on grow, so generated code needs no bounds checks.
 */
struct rt_memory {
	uint8_t *base;       /* 0 */
	uint64_t size;       /* 8: bytes accessible (pages * 64 KiB) */
	uint64_t max_pages;  /* 16: the declared maximum, or 65536 */
	uint64_t reserved;   /* 24: bytes of address space reserved at base */
};

/*
 * A function reference: what funcref values, table elements and imported
 * functions are. Calling it is `code(instance, args...)` with the function's
 * native signature. Null references are NULL pointers.
 */
struct rt_funcref {
	void *code;                   /* 0 */
	uint32_t type_id;             /* 8: canonical signature id, see rt_type_id() */
	uint32_t pad;
	struct rt_instance *instance; /* 16: the callee's instance (host functions: their context) */
};

/* A table: an array of references (struct rt_funcref * or externref values). */
struct rt_table {
	void **elems;        /* 0 */
	uint32_t size;       /* 8: elements */
	uint32_t max;        /* 12: the declared maximum, or UINT32_MAX */
	uint32_t capacity;   /* 16: elements allocated */
	uint8_t elem_type;   /* 20: 0x70 funcref, 0x6f externref */
};

/*
 * The instance header. Generated code reaches everything else through the
 * offsets in its module descriptor; these first fields are fixed so that
 * hot paths (memory 0, the stack limit) are one load from the instance.
 */
struct rt_instance {
	uint8_t *mem0_base;                /* 0: memory 0's base, invariant (NULL without memory) */
	struct rt_memory *mem0;            /* 8: memory 0 (size, grow) */
	uintptr_t stack_limit;             /* 16: the lowest stack address generated code may use */
	const struct rt_module *module;    /* 24 */
	void *host;                        /* 32: the embedder's context (WASI state, ...) */
	/* The module's own area follows: see struct rt_module's *_offset fields. */
};

/*
 * Signature strings: one letter per value type, params ':' results, e.g.
 * "iI:f". The one definition of the letters: the compiler writes them
 * (wasm_signature), rtlib and the spec harness read them.
 */
enum {
	RT_SIG_I32 = 'i',
	RT_SIG_I64 = 'I',
	RT_SIG_F32 = 'f',
	RT_SIG_F64 = 'F',
	RT_SIG_V128 = 'v',
	RT_SIG_FUNCREF = 'r',
	RT_SIG_EXTERNREF = 'e',
};

struct rt_import {
	const char *module;
	const char *field;
	uint32_t module_len;   /* names may hold NUL bytes */
	uint32_t field_len;
	uint8_t kind;          /* enum rt_extern_kind */
	uint8_t global_type;   /* globals: value type letter */
	uint8_t global_mutable;
	uint8_t elem_type;     /* tables */
	uint8_t bound;         /* 1: generated code binds it at link time (a host function); the embedder passes NULL */
	const char *signature; /* functions: signature string */
	uint64_t min, max;     /* tables, memories: limits (max UINT64_MAX if none) */
};

struct rt_export {
	const char *name;
	uint32_t name_len;
	uint8_t kind;          /* enum rt_extern_kind */
	uint32_t index;        /* in its index space */
};

/*
 * Calls `ref` from the host: args_results holds the arguments, one 16-byte
 * slot each (i32/f32 in the low 4 bytes, i64/f64 in the low 8, v128 whole,
 * references as pointers), and receives the results the same way.
 */
typedef void (*rt_trampoline)(const struct rt_funcref *ref, uint8_t (*args_results)[16]);

struct rt_module {
	const char *name;              /* --module-name, "main" by default */
	uint32_t instance_size;        /* bytes, header included */
	uint32_t func_count, table_count, memory_count, global_count, type_count;
	uint32_t import_count, export_count;
	const struct rt_import *imports;
	const struct rt_export *exports;
	const char *signatures;                  /* every distinct signature string once, each NUL-terminated */
	const uint32_t *type_signatures;         /* type_count: the offset of each type's string in signatures */
	const char *const *func_signatures;      /* func_count: each function's signature */
	const rt_trampoline *func_trampolines;   /* func_count: to call function i from the host */
	const char *const *func_names;           /* func_count: names from the name section, or NULL */
	const void *const *func_code;            /* func_count: code addresses (NULL for imports), for backtraces */

	/*
	 * Offsets in the instance of arrays of pointers, one per entity of the
	 * index space (imports first): struct rt_funcref *, struct rt_table *,
	 * struct rt_memory *, and global cells (16 bytes each, any value type).
	 */
	uint32_t funcs_offset, tables_offset, memories_offset, globals_offset;

	/*
	 * Fills a zeroed instance of instance_size bytes whose import slots the
	 * embedder has set (imports in the order of `imports`, each pointer into
	 * its index space's array): defines the module's own functions, tables,
	 * memories and globals, applies element and data segments, and runs the
	 * start function. Traps (through rt_trap) if instantiation fails.
	 */
	void (*instantiate)(struct rt_instance *instance);
};

/*
 * Every compiled module puts a pointer to its descriptor in this ELF section,
 * so that a program linking several (the spec harness) can list them through
 * the linker's __start_/__stop_ symbols.
 */
#define RT_MODULE_SECTION "wasmc_modules"

/* A byte array under this name in an executable turns linear memories' huge pages off (wasmc --no-huge-pages). */
#define RT_NO_HUGE_PAGES_SYMBOL "wasmc_no_huge_pages"

/* ---- Called by generated code ---- */

/* Raises a trap: unwinds to the innermost rt_call, or reports and exits. */
_Noreturn void rt_trap(enum rt_trap kind);
/*
 * The body of a stub bound to an unknown function import (wasmc
 * --allow-unknown-imports): traps RT_TRAP_UNKNOWN_IMPORT_CALL naming the
 * import, `name` ("module.field", len bytes), in the wasm caller's frame.
 */
_Noreturn void rt_trap_unknown_import(const char *name, uint32_t len);

/* The canonical id of a signature string: equal signatures, equal ids, in every instance. */
uint32_t rt_type_id(const char *signature);

/* memory.grow: returns the old size in pages, or -1 (as uint32) if it cannot grow. */
uint32_t rt_memory_grow(struct rt_memory *memory, uint32_t delta_pages);
/* A new memory of `min` pages (reserved as the guard scheme needs); traps if impossible. */
struct rt_memory *rt_memory_new(struct rt_instance *instance, uint64_t min_pages, uint64_t max_pages);
/* memory.init / data segments: traps "out of bounds memory access" if out of bounds. */
void rt_memory_init(struct rt_memory *memory, uint32_t dst, const uint8_t *src, uint32_t src_size, uint32_t src_off,
		uint32_t len);
void rt_memory_copy(struct rt_memory *dst_mem, uint32_t dst, struct rt_memory *src_mem, uint32_t src, uint32_t len);
void rt_memory_fill(struct rt_memory *memory, uint32_t dst, uint32_t value, uint32_t len);

struct rt_table *rt_table_new(struct rt_instance *instance, uint8_t elem_type, uint32_t min, uint32_t max);
/* table.grow: returns the old size, or -1 (as uint32). */
uint32_t rt_table_grow(struct rt_table *table, void *init, uint32_t delta);
/* table.init / element segments from an array of references. */
void rt_table_init(struct rt_table *table, uint32_t dst, void *const *src, uint32_t src_size, uint32_t src_off,
		uint32_t len);
void rt_table_copy(struct rt_table *dst_table, uint32_t dst, struct rt_table *src_table, uint32_t src, uint32_t len);
void rt_table_fill(struct rt_table *table, uint32_t dst, void *value, uint32_t len);

/* Allocates zeroed memory that lives as long as the process (instance parts). */
void *rt_alloc(size_t size);

#endif
