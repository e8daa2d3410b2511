/* Queries on a decoded module. */
#include "module.h"

#include <stdlib.h>

#include "insn.h"
#include "rt_abi.h"

const struct wasm_func_type *wasm_func_type_of(const struct wasm_module *m, uint32_t func_index)
{
	return &m->types[m->funcs[func_index].type_index];
}

const char *wasm_valtype_name(uint8_t t)
{
	switch (t) {
	case WASM_VT_I32: return "i32";
	case WASM_VT_I64: return "i64";
	case WASM_VT_F32: return "f32";
	case WASM_VT_F64: return "f64";
	case WASM_VT_V128: return "v128";
	case WASM_VT_FUNCREF: return "funcref";
	case WASM_VT_EXTERNREF: return "externref";
	}
	return "?";
}

const struct wasm_name *wasm_func_name(const struct wasm_module *m, uint32_t func_index)
{
	uint32_t lo = 0, hi = m->func_name_count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (m->func_names[mid].index == func_index)
			return &m->func_names[mid].name;
		if (m->func_names[mid].index < func_index)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* One-element type vectors for block types that are a single value type. */
static const uint8_t valtype_vector[256] = {
	[WASM_VT_I32] = WASM_VT_I32, [WASM_VT_I64] = WASM_VT_I64, [WASM_VT_F32] = WASM_VT_F32,
	[WASM_VT_F64] = WASM_VT_F64, [WASM_VT_V128] = WASM_VT_V128,
	[WASM_VT_FUNCREF] = WASM_VT_FUNCREF, [WASM_VT_EXTERNREF] = WASM_VT_EXTERNREF,
};

void wasm_block_type(const struct wasm_module *m, int64_t bt, const uint8_t **params, uint32_t *param_count,
		const uint8_t **results, uint32_t *result_count)
{
	*params = *results = NULL;
	*param_count = *result_count = 0;
	if (bt == WASM_BLOCKTYPE_EMPTY)
		return;
	if (bt < 0) {
		*results = &valtype_vector[wasm_blocktype_valtype(bt)];
		*result_count = 1;
		return;
	}
	const struct wasm_func_type *t = &m->types[bt];
	*params = t->params;
	*param_count = t->param_count;
	*results = t->results;
	*result_count = t->result_count;
}

char wasm_valtype_letter(uint8_t t)
{
	switch (t) {
	case WASM_VT_I32: return RT_SIG_I32;
	case WASM_VT_I64: return RT_SIG_I64;
	case WASM_VT_F32: return RT_SIG_F32;
	case WASM_VT_F64: return RT_SIG_F64;
	case WASM_VT_V128: return RT_SIG_V128;
	case WASM_VT_FUNCREF: return RT_SIG_FUNCREF;
	default: return RT_SIG_EXTERNREF;
	}
}

char *wasm_signature(const struct wasm_func_type *t)
{
	char *s = malloc((size_t)t->param_count + t->result_count + 2);
	if (!s)
		return NULL;
	size_t n = 0;
	for (uint32_t i = 0; i < t->param_count; i++)
		s[n++] = wasm_valtype_letter(t->params[i]);
	s[n++] = ':';
	for (uint32_t i = 0; i < t->result_count; i++)
		s[n++] = wasm_valtype_letter(t->results[i]);
	s[n] = 0;
	return s;
}
