/* Queries on a decoded module. */
#include "module.h"

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
