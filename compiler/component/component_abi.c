/*
 * The Canonical ABI's flattening (CanonicalABI.md, "Flattening"): the core
 * signature a component function type has when lifted or lowered, and
 * whether that needs a memory and a realloc function.
 */
#include <string.h>

#include "component_decode.h"

enum { MAX_FLAT_PARAMS = 16, MAX_FLAT_RESULTS = 1 };

/* Flattened core types; only the first MAX_FLAT_PARAMS + 1 matter, the count saturates past them. */
struct flat {
	uint8_t types[MAX_FLAT_PARAMS + 1];
	uint32_t count;
};

static void push(struct flat *f, uint8_t type)
{
	if (f->count < MAX_FLAT_PARAMS + 1)
		f->types[f->count++] = type;
	else
		f->count = MAX_FLAT_PARAMS + 2;
}

/* join: equal types stay, i32 and f32 meet in i32, everything else in i64. */
static uint8_t join(uint8_t a, uint8_t b)
{
	if (a == b)
		return a;
	if ((a == WASM_VT_I32 && b == WASM_VT_F32) || (a == WASM_VT_F32 && b == WASM_VT_I32))
		return WASM_VT_I32;
	return WASM_VT_I64;
}

static bool flatten(const struct comp_type *t, struct flat *f, unsigned depth);

/* The cases of a variant, option or result: their number, and the payload of case i (NULL: none). */
static uint32_t case_count(const struct comp_type *t)
{
	return t->kind == COMP_TYPE_VARIANT ? t->field_count : 2;
}

static const struct comp_type *case_payload(const struct comp_type *t, uint32_t i)
{
	switch (t->kind) {
	case COMP_TYPE_VARIANT: return t->fields[i].type;
	case COMP_TYPE_OPTION: return i ? t->elem : NULL;
	default: return i ? t->error : t->elem;
	}
}

/* A variant: the discriminant, then the cases' payloads joined position by position. */
static bool flatten_variant(const struct comp_type *t, struct flat *f, unsigned depth)
{
	struct flat joined = { .count = 0 };
	for (uint32_t i = 0; i < case_count(t); i++) {
		const struct comp_type *payload = case_payload(t, i);
		struct flat c = { .count = 0 };
		if (payload && !flatten(payload, &c, depth + 1))
			return false;
		for (uint32_t k = 0; k < c.count && k <= MAX_FLAT_PARAMS; k++)
			joined.types[k] = k < joined.count ? join(joined.types[k], c.types[k]) : c.types[k];
		if (c.count > joined.count)
			joined.count = c.count;
	}
	push(f, WASM_VT_I32);
	for (uint32_t k = 0; k < joined.count; k++)
		push(f, k <= MAX_FLAT_PARAMS ? joined.types[k] : WASM_VT_I32);
	return true;
}

static bool flatten(const struct comp_type *t, struct flat *f, unsigned depth)
{
	if (depth > COMP_MAX_DEPTH)
		return false;
	switch (t->kind) {
	case COMP_TYPE_PRIM:
		switch (t->prim) {
		case COMP_PRIM_S64: case COMP_PRIM_U64: push(f, WASM_VT_I64); break;
		case COMP_PRIM_F32: push(f, WASM_VT_F32); break;
		case COMP_PRIM_F64: push(f, WASM_VT_F64); break;
		case COMP_PRIM_STRING: push(f, WASM_VT_I32); push(f, WASM_VT_I32); break;
		default: push(f, WASM_VT_I32); break;
		}
		return true;
	case COMP_TYPE_LIST:
		push(f, WASM_VT_I32);
		push(f, WASM_VT_I32);
		return true;
	case COMP_TYPE_RECORD:
	case COMP_TYPE_TUPLE:
		for (uint32_t i = 0; i < t->field_count; i++)
			if (!flatten(t->fields[i].type, f, depth + 1))
				return false;
		return true;
	case COMP_TYPE_VARIANT:
	case COMP_TYPE_OPTION:
	case COMP_TYPE_RESULT:
		return flatten_variant(t, f, depth);
	default: /* enum, flags (at most 32 labels), own, borrow */
		push(f, WASM_VT_I32);
		return true;
	}
}

bool comp_flatten_functype(const struct comp_type *ft, bool context_lower, struct arena *arena,
		struct wasm_func_type *out)
{
	struct flat params = { .count = 0 }, results = { .count = 0 };
	for (uint32_t i = 0; i < ft->field_count; i++)
		if (!flatten(ft->fields[i].type, &params, 0))
			return false;
	if (ft->elem && !flatten(ft->elem, &results, 0))
		return false;
	if (params.count > MAX_FLAT_PARAMS) {
		params.count = 1;
		params.types[0] = WASM_VT_I32;
	}
	if (results.count > MAX_FLAT_RESULTS) {
		if (context_lower)
			push(&params, WASM_VT_I32); /* a pointer to the caller's return area */
		else
			results.types[0] = WASM_VT_I32; /* a pointer to the results in the callee's memory */
		results.count = context_lower ? 0 : 1;
	}
	uint8_t *types = arena_calloc(arena, params.count + results.count + 1, 1);
	if (!types)
		return false;
	memcpy(types, params.types, params.count);
	memcpy(types + params.count, results.types, results.count);
	*out = (struct wasm_func_type){ .param_count = params.count, .result_count = results.count,
		.params = types, .results = types + params.count };
	return true;
}

/* Whether values of the type live partly in linear memory (strings and lists). */
static bool has_memory_data(const struct comp_type *t, unsigned depth)
{
	if (!t || depth > COMP_MAX_DEPTH)
		return t != NULL; /* too deep to tell: the conservative answer */
	switch (t->kind) {
	case COMP_TYPE_PRIM: return t->prim == COMP_PRIM_STRING;
	case COMP_TYPE_LIST: return true;
	case COMP_TYPE_OPTION: return has_memory_data(t->elem, depth + 1);
	case COMP_TYPE_RESULT: return has_memory_data(t->elem, depth + 1) || has_memory_data(t->error, depth + 1);
	case COMP_TYPE_RECORD: case COMP_TYPE_TUPLE: case COMP_TYPE_VARIANT:
		for (uint32_t i = 0; i < t->field_count; i++)
			if (has_memory_data(t->fields[i].type, depth + 1))
				return true;
		return false;
	default: return false;
	}
}

void comp_abi_needs(const struct comp_type *ft, bool context_lower, bool *memory, bool *realloc)
{
	struct flat params = { .count = 0 }, results = { .count = 0 };
	bool param_data = false, too_deep = false;
	for (uint32_t i = 0; i < ft->field_count; i++) {
		param_data |= has_memory_data(ft->fields[i].type, 0);
		too_deep |= !flatten(ft->fields[i].type, &params, 0);
	}
	bool result_data = has_memory_data(ft->elem, 0);
	too_deep |= ft->elem && !flatten(ft->elem, &results, 0);
	bool params_spill = params.count > MAX_FLAT_PARAMS, results_spill = results.count > MAX_FLAT_RESULTS;
	*memory = too_deep || param_data || result_data || params_spill || results_spill;
	/* realloc allocates in the core side's memory: results when lowering, parameters when lifting. */
	*realloc = too_deep || (context_lower ? result_data : param_data || params_spill);
}
