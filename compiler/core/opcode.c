#include "opcode.h"

const struct wasm_opinfo wasm_opinfo[WASM_OP_COUNT] = {
#define WASM_OP(id, prefix, code, text, imm, p0, p1, p2, res, size, feature, lower) \
	{ text, prefix, code, WASM_IMM_##imm, { WASM_T_##p0, WASM_T_##p1, WASM_T_##p2 }, \
	  WASM_T_##res, size, WASM_FEATURE_##feature },
#include "opcodes.def"
#undef WASM_OP
};

const char *const wasm_feature_name[WASM_FEATURE_COUNT] = {
#define WASM_FEATURE(id, name, supported) name,
#include "features.def"
#undef WASM_FEATURE
};

const bool wasm_feature_supported[WASM_FEATURE_COUNT] = {
#define WASM_FEATURE(id, name, supported) supported,
#include "features.def"
#undef WASM_FEATURE
};

enum wasm_opcode wasm_opcode_lookup(uint8_t prefix, uint32_t code)
{
	/* The compiler turns this into jump tables. */
	switch ((uint64_t)prefix << 32 | code) {
#define WASM_OP(id, prefix, code, text, imm, p0, p1, p2, res, size, feature, lower) \
	case (uint64_t)(prefix) << 32 | (code): return WASM_OP_##id;
#include "opcodes.def"
#undef WASM_OP
	}
	return WASM_OP_COUNT;
}
