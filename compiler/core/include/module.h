/*
 * The decoded WebAssembly module: what the decoder produces, the validator
 * checks and codegen lowers. Everything lives in one arena and points into
 * the module's bytes, which must outlive it.
 */
#ifndef WASMC_MODULE_H
#define WASMC_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"
#include "opcode.h"

/* Value types, by their binary encoding. WASM_VT_UNKNOWN is the validator's bottom type. */
enum wasm_valtype {
	WASM_VT_UNKNOWN = 0x00,
	WASM_VT_I32 = 0x7f,
	WASM_VT_I64 = 0x7e,
	WASM_VT_F32 = 0x7d,
	WASM_VT_F64 = 0x7c,
	WASM_VT_V128 = 0x7b,
	WASM_VT_FUNCREF = 0x70,
	WASM_VT_EXTERNREF = 0x6f,
};

enum wasm_extern_kind {
	WASM_EXTERN_FUNC = 0,
	WASM_EXTERN_TABLE = 1,
	WASM_EXTERN_MEMORY = 2,
	WASM_EXTERN_GLOBAL = 3,
	WASM_EXTERN_TAG = 4,
};

enum wasm_section_id {
	WASM_SEC_CUSTOM = 0,
	WASM_SEC_TYPE = 1,
	WASM_SEC_IMPORT = 2,
	WASM_SEC_FUNCTION = 3,
	WASM_SEC_TABLE = 4,
	WASM_SEC_MEMORY = 5,
	WASM_SEC_GLOBAL = 6,
	WASM_SEC_EXPORT = 7,
	WASM_SEC_START = 8,
	WASM_SEC_ELEMENT = 9,
	WASM_SEC_CODE = 10,
	WASM_SEC_DATA = 11,
	WASM_SEC_DATA_COUNT = 12,
	WASM_SEC_TAG = 13,
	WASM_SEC_COUNT
};

/* A name: UTF-8 bytes inside the module, not NUL-terminated. */
struct wasm_name {
	const char *str;
	uint32_t len;
};

struct wasm_func_type {
	uint32_t param_count;
	uint32_t result_count;
	const uint8_t *params;  /* enum wasm_valtype */
	const uint8_t *results; /* enum wasm_valtype */
	uint32_t canon_index;   /* index of the first structurally equal type */
};

struct wasm_limits {
	uint64_t min;
	uint64_t max;
	bool has_max;
	bool shared;
	bool is64;
};

struct wasm_table_type {
	uint8_t elem_type; /* enum wasm_valtype: a reference type */
	struct wasm_limits limits;
};

struct wasm_memory_type {
	struct wasm_limits limits;
};

struct wasm_global_type {
	uint8_t type; /* enum wasm_valtype */
	bool mutable;
};

/* A constant expression: the bytes from its first instruction to its `end`, inclusive. */
struct wasm_expr {
	size_t offset; /* in the module's bytes */
	size_t end;    /* one past the `end` opcode */
};

struct wasm_import {
	struct wasm_name module;
	struct wasm_name field;
	uint8_t kind; /* enum wasm_extern_kind */
	uint32_t index; /* in the index space of its kind */
	size_t offset;
};

struct wasm_local_decl {
	uint32_t count;
	uint8_t type;
};

struct wasm_func {
	uint32_t type_index;
	bool imported;
	uint32_t import_index;           /* imported functions */
	/* Defined functions: the code entry. */
	size_t code_offset;              /* the entry's size field */
	size_t body_offset;              /* the first instruction */
	size_t body_end;                 /* one past the final `end` */
	uint32_t local_decl_count;
	struct wasm_local_decl *local_decls;
	uint32_t local_count;            /* declared locals, parameters excluded */
};

struct wasm_table {
	struct wasm_table_type type;
	size_t offset; /* of its definition or import */
	bool imported;
	uint32_t import_index;
	bool has_init; /* function-references: an init expression */
	struct wasm_expr init;
};

struct wasm_memory {
	struct wasm_memory_type type;
	size_t offset; /* of its definition or import */
	bool imported;
	uint32_t import_index;
};

struct wasm_global {
	struct wasm_global_type type;
	bool imported;
	uint32_t import_index;
	struct wasm_expr init;
};

struct wasm_export {
	struct wasm_name name;
	uint8_t kind; /* enum wasm_extern_kind */
	uint32_t index;
	size_t offset;
};

enum wasm_segment_mode {
	WASM_SEG_ACTIVE,
	WASM_SEG_PASSIVE,
	WASM_SEG_DECLARATIVE,
};

struct wasm_elem {
	uint8_t mode;       /* enum wasm_segment_mode */
	uint8_t elem_type;  /* enum wasm_valtype */
	uint32_t table_index;
	struct wasm_expr offset_expr;
	uint32_t count;
	/* Exactly one of these is set: function indices, or one expression per element. */
	uint32_t *func_indices;
	struct wasm_expr *exprs;
	size_t offset;
};

struct wasm_data {
	uint8_t mode; /* WASM_SEG_ACTIVE or WASM_SEG_PASSIVE */
	uint32_t memory_index;
	struct wasm_expr offset_expr;
	const uint8_t *bytes;
	uint32_t size;
	size_t offset;
};

struct wasm_custom {
	struct wasm_name name;
	const uint8_t *payload;
	size_t size;
	size_t offset; /* of the section id byte */
};

/* A name from the name section, for one index. */
struct wasm_index_name {
	uint32_t index;
	struct wasm_name name;
};

struct wasm_section_info {
	uint8_t id;
	size_t offset; /* of the id byte */
	size_t size;   /* of the contents */
};

struct wasm_module {
	const uint8_t *bytes;
	size_t size;

	uint32_t type_count;
	struct wasm_func_type *types;

	uint32_t import_count;
	struct wasm_import *imports;

	/* Index spaces: imports first, then definitions. */
	uint32_t func_count, imported_func_count;
	struct wasm_func *funcs;
	uint32_t table_count, imported_table_count;
	struct wasm_table *tables;
	uint32_t memory_count, imported_memory_count;
	struct wasm_memory *memories;
	uint32_t global_count, imported_global_count;
	struct wasm_global *globals;

	uint32_t export_count;
	struct wasm_export *exports;

	bool has_start;
	uint32_t start_index;
	size_t start_offset;

	uint32_t elem_count;
	struct wasm_elem *elems;

	bool has_data_count;
	uint32_t data_count;
	uint32_t data_segment_count;
	struct wasm_data *datas;

	uint32_t custom_count;
	struct wasm_custom *customs;

	uint32_t section_count;
	struct wasm_section_info *sections;

	/* The name section, when present and well-formed (a bad one is ignored, as the spec says). */
	bool has_module_name;
	struct wasm_name module_name;
	uint32_t func_name_count;
	struct wasm_index_name *func_names; /* sorted by index */
};

/* Decodes a binary module. On failure fills *err and returns false. */
bool wasm_decode(const uint8_t *bytes, size_t size, struct arena *arena,
		struct wasm_module *module, struct wasm_error *err);

/* Validates a decoded module against the spec's typing rules. */
bool wasm_validate(const struct wasm_module *module, struct arena *arena, struct wasm_error *err);

/* The name of a function from the name section, or NULL. */
const struct wasm_name *wasm_func_name(const struct wasm_module *module, uint32_t func_index);

const struct wasm_func_type *wasm_func_type_of(const struct wasm_module *module, uint32_t func_index);

/* The text-format name of a value type ("i32", "funcref", ...). */
const char *wasm_valtype_name(uint8_t type);

/*
 * The parameter and result types of a block type (an s33 as decoded: the
 * empty type, one value type, or a type index the caller has checked).
 */
void wasm_block_type(const struct wasm_module *module, int64_t blocktype, const uint8_t **params,
		uint32_t *param_count, const uint8_t **results, uint32_t *result_count);

/*
 * A function type as the runtime's signature string: one letter per value
 * type (rt_abi.h's RT_SIG_*), params ':' results, e.g. "iI:f".
 * Returns a malloc'd string, or NULL when out of memory.
 */
char *wasm_signature(const struct wasm_func_type *type);
char wasm_valtype_letter(uint8_t type);

#endif
