/*
 * Internal to the component decoder: the reader state, index-space scopes and
 * the pieces shared by the section decoder (component_decode.c) and the type
 * decoder (component_types.c).
 */
#ifndef WASMC_COMPONENT_DECODE_H
#define WASMC_COMPONENT_DECODE_H

#include "component.h"
#include "reader.h"

/* Nested components and types deeper than this are an implementation limit, not a stack overflow. */
enum { COMP_MAX_DEPTH = 64 };

struct comp_decoder {
	struct wasm_reader r;
	struct arena *arena;
	unsigned depth;
};

/*
 * Where indices are resolved: a component's index spaces, or a component or
 * instance type's own (which start empty); outer aliases walk up `parent`.
 */
struct comp_scope {
	const struct comp_scope *parent;
	struct comp_space *spaces;  /* COMP_SORT_COUNT of them */
	struct component *component; /* NULL inside a type */
};

#define CD_MALFORMED(d, at, ...) wasm_fail((d)->r.err, WASM_ERR_MALFORMED, (at), __VA_ARGS__)
#define CD_INVALID(d, at, ...) wasm_fail((d)->r.err, WASM_ERR_INVALID, (at), __VA_ARGS__)
#define CD_UNSUPPORTED(d, at, what) \
	wasm_fail((d)->r.err, WASM_ERR_UNSUPPORTED, (at), "%s is not supported yet", (what))

void *cd_alloc(struct comp_decoder *d, size_t n, size_t size);
/* Appends n zeroed entries to an array of *count entries (capacity doubles). */
bool cd_grow(struct comp_decoder *d, void **array, uint32_t *count, uint32_t n, size_t size);
/* Adds an item to a space; *index receives its index. */
bool cd_add_item(struct comp_decoder *d, struct comp_space *space, const struct comp_item *item, uint32_t *index);
/* The item at `index` of `sort` in the scope, or an "unknown ..." error at `at`. */
bool cd_item(struct comp_decoder *d, const struct comp_scope *s, uint8_t sort, uint32_t index, size_t at,
		const struct comp_item **out);

/* A sort: 0x00 core-sort | 0x01 func | 0x02 value | 0x03 type | 0x04 component | 0x05 instance. */
bool cd_read_sort(struct comp_decoder *d, uint8_t *sort);
bool cd_read_core_sort(struct comp_decoder *d, uint8_t *sort);
/* An import or export name: 0x00 then a name (0x01, with a version suffix, is not supported). */
bool cd_read_extern_name(struct comp_decoder *d, struct wasm_name *name);

/* Names from the input may hold control characters: keeps the message one line. Returns false. */
bool cd_error_one_line(struct wasm_error *err);

/* A kebab-case label (component_names.c). */
bool comp_label_valid(const struct wasm_name *name);

/* The type section's `type` (deftype) and the core type section's `core:type`. */
bool cd_read_type(struct comp_decoder *d, const struct comp_scope *s, const struct comp_type **out);
bool cd_read_core_type(struct comp_decoder *d, const struct comp_scope *s, struct comp_item *out);
/* An externdesc: what an import or a declarator describes. */
bool cd_read_externdesc(struct comp_decoder *d, const struct comp_scope *s, struct comp_extern *out);
/* An alias, resolved and added to the scope's space of its sort. */
bool cd_read_alias(struct comp_decoder *d, const struct comp_scope *s, struct comp_alias *out);
/* The item an extern description adds to the index space of its sort. */
void cd_extern_item(const struct comp_extern *e, uint8_t origin, uint32_t def, struct comp_item *out);

#endif
