/*
 * A decoded WebAssembly component (the Component Model's binary format,
 * version 0x0d, layer 1): its embedded core modules, core instances, types,
 * aliases, canonical lifts and lowers, imports and exports, each in the index
 * space of its sort. Lives in the caller's arena and points into the file's
 * bytes; every offset is absolute in the file.
 */
#ifndef WASMC_COMPONENT_H
#define WASMC_COMPONENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "module.h"

/* The sorts, each with its own index space. */
enum comp_sort {
	COMP_SORT_CORE_FUNC,
	COMP_SORT_CORE_TABLE,
	COMP_SORT_CORE_MEMORY,
	COMP_SORT_CORE_GLOBAL,
	COMP_SORT_CORE_TYPE,
	COMP_SORT_CORE_MODULE,
	COMP_SORT_CORE_INSTANCE,
	COMP_SORT_FUNC,
	COMP_SORT_VALUE,
	COMP_SORT_TYPE,
	COMP_SORT_COMPONENT,
	COMP_SORT_INSTANCE,
	COMP_SORT_COUNT
};

/* Defined value types and the other type constructors, by what they are (not their encoding). */
enum comp_type_kind {
	COMP_TYPE_PRIM,     /* prim */
	COMP_TYPE_RECORD,   /* fields */
	COMP_TYPE_VARIANT,  /* fields: cases, type NULL without payload */
	COMP_TYPE_LIST,     /* elem */
	COMP_TYPE_TUPLE,    /* fields, unnamed */
	COMP_TYPE_FLAGS,    /* fields: labels only */
	COMP_TYPE_ENUM,     /* fields: labels only */
	COMP_TYPE_OPTION,   /* elem */
	COMP_TYPE_RESULT,   /* elem (ok), error; either may be NULL */
	COMP_TYPE_OWN,      /* elem: a resource */
	COMP_TYPE_BORROW,   /* elem: a resource */
	COMP_TYPE_FUNC,     /* fields: params; elem: the result or NULL */
	COMP_TYPE_RESOURCE, /* defined here (rep i32, dtor) or abstract (an import's "sub resource") */
	COMP_TYPE_INSTANCE, /* exports */
	COMP_TYPE_COMPONENT /* imports, exports */
};

/* Primitive value types, by their encoding. */
enum comp_prim {
	COMP_PRIM_BOOL = 0x7f,
	COMP_PRIM_S8 = 0x7e,
	COMP_PRIM_U8 = 0x7d,
	COMP_PRIM_S16 = 0x7c,
	COMP_PRIM_U16 = 0x7b,
	COMP_PRIM_S32 = 0x7a,
	COMP_PRIM_U32 = 0x79,
	COMP_PRIM_S64 = 0x78,
	COMP_PRIM_U64 = 0x77,
	COMP_PRIM_F32 = 0x76,
	COMP_PRIM_F64 = 0x75,
	COMP_PRIM_CHAR = 0x74,
	COMP_PRIM_STRING = 0x73,
};

struct comp_type;
struct comp_core_module_type;

struct comp_field {
	struct wasm_name name; /* empty for tuple elements */
	const struct comp_type *type;
};

/* What an import or export (or an instance or component type's declarator) is. */
struct comp_extern {
	struct wasm_name name;
	uint8_t sort; /* COMP_SORT_FUNC, _TYPE, _INSTANCE, _COMPONENT or _CORE_MODULE */
	/* func, instance, component: their type; type: the type it equals or a fresh abstract resource */
	const struct comp_type *type;
	const struct comp_core_module_type *module_type; /* core module */
	size_t offset;
};

struct comp_type {
	uint8_t kind; /* enum comp_type_kind */
	uint8_t prim; /* enum comp_prim */
	uint32_t field_count;
	const struct comp_field *fields;
	const struct comp_type *elem;
	const struct comp_type *error;
	/* Resources: a defined one has a representation (i32) and maybe a destructor (core func). */
	bool resource_defined;
	bool has_dtor;
	uint32_t dtor;
	struct wasm_name resource_name; /* the import or export that introduced an abstract resource */
	/* Instance and component types. */
	uint32_t import_count, export_count;
	const struct comp_extern *imports;
	const struct comp_extern *exports;
	size_t offset;
};

/* A core item as a core module type declares it or a module imports and exports it. */
struct comp_core_decl {
	struct wasm_name module; /* imports only */
	struct wasm_name name;
	uint8_t kind; /* enum wasm_extern_kind */
	const struct wasm_func_type *func_type; /* functions */
};

struct comp_core_module_type {
	uint32_t import_count, export_count;
	struct comp_core_decl *imports;
	struct comp_core_decl *exports;
};

/* An embedded core module, decoded and validated with the core front end. */
struct comp_core_module {
	size_t offset; /* of the module's first byte (its magic) in the file */
	size_t size;
	struct wasm_module module; /* offsets inside are relative to `offset` */
	struct comp_core_module_type type; /* its imports and exports */
};

enum comp_origin {
	COMP_FROM_IMPORT,
	COMP_FROM_ALIAS,
	COMP_FROM_CANON,
	COMP_FROM_DEFINITION, /* a section defined it: module, instance, type, component */
};

/* One entry of an index space: where it came from, and its type. */
struct comp_item {
	uint8_t origin; /* enum comp_origin */
	uint32_t def;   /* the index of the import, alias, canon or definition */
	size_t offset;
	const struct wasm_func_type *core_func_type;     /* core funcs */
	const struct comp_core_module_type *module_type; /* core modules */
	const struct comp_type *type; /* funcs: the func type; types; instances and components: their type */
};

struct comp_space {
	uint32_t count;
	struct comp_item *items;
};

struct comp_core_export {
	struct wasm_name name;
	uint8_t sort;  /* COMP_SORT_CORE_* */
	uint32_t index; /* in the module's index space (instantiate) or the component's (inline exports) */
	const struct wasm_func_type *func_type;
};

struct comp_core_arg {
	struct wasm_name name;
	uint32_t instance; /* core instance */
};

enum comp_instance_kind { COMP_INSTANTIATE, COMP_INLINE_EXPORTS };

struct comp_core_instance {
	uint8_t kind; /* enum comp_instance_kind */
	uint32_t module; /* instantiate */
	uint32_t arg_count;
	struct comp_core_arg *args;
	uint32_t export_count;
	struct comp_core_export *exports;
	size_t offset;
};

/* A (sort, index) pair: instantiate arguments and inline exports of component instances. */
struct comp_sortidx {
	struct wasm_name name;
	uint8_t sort;
	uint32_t index;
	size_t offset;
};

struct comp_instance {
	uint8_t kind; /* enum comp_instance_kind */
	uint32_t component; /* instantiate */
	uint32_t arg_count;
	struct comp_sortidx *args;
	uint32_t export_count;
	struct comp_sortidx *exports; /* inline exports */
	const struct comp_type *type; /* its exports */
	size_t offset;
};

enum comp_alias_target { COMP_ALIAS_EXPORT, COMP_ALIAS_CORE_EXPORT, COMP_ALIAS_OUTER };

struct comp_alias {
	uint8_t sort;
	uint8_t target; /* enum comp_alias_target */
	uint32_t instance; /* export and core export */
	struct wasm_name name;
	uint32_t outer_count, outer_index;
	uint32_t index; /* of what it defines, in its sort's space */
	size_t offset;
};

enum comp_canon_kind {
	COMP_CANON_LIFT,
	COMP_CANON_LOWER,
	COMP_CANON_RESOURCE_NEW,
	COMP_CANON_RESOURCE_DROP,
	COMP_CANON_RESOURCE_REP,
};

enum comp_string_encoding { COMP_STRING_UTF8, COMP_STRING_UTF16, COMP_STRING_LATIN1_UTF16 };

struct comp_canon_opts {
	uint8_t string_encoding; /* enum comp_string_encoding */
	bool has_string_encoding, has_memory, has_realloc, has_post_return;
	uint32_t memory, realloc, post_return;
	size_t offset;
};

struct comp_canon {
	uint8_t kind; /* enum comp_canon_kind */
	uint32_t func;  /* lift: the core func lifted; lower: the component func lowered */
	uint32_t type;  /* lift: the func type; resource.*: the resource type */
	struct comp_canon_opts opts;
	uint32_t index; /* of what it defines: a component func (lift) or a core func */
	size_t offset;
};

struct comp_import {
	struct comp_extern desc; /* name and type */
	uint32_t index; /* in its sort's space */
	size_t offset;
};

struct comp_export {
	struct wasm_name name;
	uint8_t sort;
	uint32_t index;
	const struct comp_type *ascribed; /* an explicit type, or NULL */
	uint32_t new_index; /* exports define a new item in their sort's space */
	size_t offset;
};

struct component {
	const uint8_t *bytes; /* the whole file */
	size_t offset, size;  /* this component's preamble and length */
	const struct component *parent; /* nested components: the enclosing one */

	struct comp_space spaces[COMP_SORT_COUNT];

	uint32_t core_module_count;
	struct comp_core_module *core_modules;
	uint32_t core_instance_count;
	struct comp_core_instance *core_instances;
	uint32_t component_count;
	struct component *components; /* nested definitions */
	uint32_t instance_count;
	struct comp_instance *instances;
	uint32_t alias_count;
	struct comp_alias *aliases;
	uint32_t canon_count;
	struct comp_canon *canons;
	uint32_t import_count;
	struct comp_import *imports;
	uint32_t export_count;
	struct comp_export *exports;
	uint32_t custom_count;
	struct wasm_custom *customs;
	uint32_t section_count;
	struct wasm_section_info *sections;

	const struct comp_type *type; /* its imports and exports, as a component type */
};

/* True if the bytes start with a component's preamble (any version, layer 1). */
bool component_is_component(const uint8_t *bytes, size_t size);

/* Decodes a component and its embedded core modules (which are validated too). */
bool component_decode(const uint8_t *bytes, size_t size, struct arena *arena, struct component *c,
		struct wasm_error *err);

/* Validates what instantiation relies on: canonical options and signatures, instantiation arguments, names. */
bool component_validate(const struct component *c, struct arena *arena, struct wasm_error *err);

/* The name of a sort as the text format spells it ("core func", "instance", ...). */
const char *comp_sort_name(uint8_t sort);

/*
 * The Canonical ABI: the core signature of a component function type, as
 * `canon lift` (context_lower false) or `canon lower` (true) sees it.
 * Returns false (with *err) if out of memory.
 */
bool comp_flatten_functype(const struct comp_type *ft, bool context_lower, struct arena *arena,
		struct wasm_func_type *out);

/* Whether lifting or lowering `ft` needs a memory, and a realloc function. */
void comp_abi_needs(const struct comp_type *ft, bool context_lower, bool *memory, bool *realloc);

/*
 * Names: a plain name (kebab-case label, or [constructor]/[method]/[static]
 * forms) or an interface name `ns:pkg/iface@semver`. NULL if well formed,
 * else the reason.
 */
const char *comp_name_check(const struct wasm_name *name, bool is_import);

#endif
