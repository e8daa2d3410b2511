/* The instruction set: opcode enumeration, immediates and one-instruction decoding. */
#ifndef WASMC_OPCODE_H
#define WASMC_OPCODE_H

#include <stdbool.h>
#include <stdint.h>

enum wasm_feature {
#define WASM_FEATURE(id, name, supported) WASM_FEATURE_##id,
#include "features.def"
#undef WASM_FEATURE
	WASM_FEATURE_COUNT
};

/* Operand types as written in opcodes.def. */
enum wasm_optype {
	WASM_T_NONE,
	WASM_T_I32,
	WASM_T_I64,
	WASM_T_F32,
	WASM_T_F64,
	WASM_T_V128,
	WASM_T_FUNCREF,
	WASM_T_EXTERNREF,
	WASM_T_SPECIAL,
};

/* The immediates that follow an opcode. */
enum wasm_imm_kind {
	WASM_IMM_NONE,
	WASM_IMM_BLOCKTYPE,     /* s33 block type: 0x40, a value type or a type index */
	WASM_IMM_LABEL,         /* u32 label depth */
	WASM_IMM_BR_TABLE,      /* vec(u32 label) u32 default */
	WASM_IMM_FUNC,          /* u32 function index */
	WASM_IMM_CALL_INDIRECT, /* u32 type index, u32 table index */
	WASM_IMM_LOCAL,         /* u32 local index */
	WASM_IMM_GLOBAL,        /* u32 global index */
	WASM_IMM_TABLE,         /* u32 table index */
	WASM_IMM_MEMARG,        /* u32 align (bit 6: memory index follows), [u32 mem], u32/u64 offset */
	WASM_IMM_MEMARG_LANE,   /* memarg, then u8 lane index */
	WASM_IMM_MEM,           /* memory index (a 0x00 byte without multi-memory) */
	WASM_IMM_MEM_MEM,       /* memory.copy: destination and source memory */
	WASM_IMM_DATA_MEM,      /* memory.init: u32 data index, memory index */
	WASM_IMM_DATA,          /* u32 data index */
	WASM_IMM_ELEM,          /* u32 element segment index */
	WASM_IMM_ELEM_TABLE,    /* table.init: u32 elem index, u32 table index */
	WASM_IMM_TABLE_TABLE,   /* table.copy: u32 destination table, u32 source table */
	WASM_IMM_I32,           /* s32 */
	WASM_IMM_I64,           /* s64 */
	WASM_IMM_F32,           /* 4 bytes, little endian */
	WASM_IMM_F64,           /* 8 bytes, little endian */
	WASM_IMM_V128,          /* 16 bytes */
	WASM_IMM_LANE,          /* u8 lane index */
	WASM_IMM_SHUFFLE,       /* 16 u8 lane indices */
	WASM_IMM_SELECT_T,      /* vec(valtype) */
	WASM_IMM_HEAPTYPE,      /* ref.null: a heap type */
	WASM_IMM_TYPE,          /* u32 type index (call_ref, struct.new, ...) */
	WASM_IMM_TYPE_FIELD,    /* u32 type index, u32 field index */
	WASM_IMM_TYPE_TYPE,     /* u32 type index, u32 type index (array.copy) */
	WASM_IMM_TYPE_DATA,     /* u32 type index, u32 data index */
	WASM_IMM_TYPE_ELEM,     /* u32 type index, u32 elem index */
	WASM_IMM_TYPE_COUNT,    /* u32 type index, u32 count (array.new_fixed) */
	WASM_IMM_LABEL_HEAPTYPE,/* br_on_cast[_fail]: u8 flags, u32 label, heap type, heap type */
	WASM_IMM_REFTYPE_NULL,  /* ref.test/ref.cast: heap type (nullability from the opcode) */
	WASM_IMM_TAG,           /* u32 tag index */
	WASM_IMM_TRY_TABLE,     /* block type, vec(catch clause) */
	WASM_IMM_ZERO_BYTE,     /* atomic.fence: a 0x00 byte */
};

enum wasm_opcode {
#define WASM_OP(id, prefix, code, text, imm, p0, p1, p2, res, size, feature, lower) WASM_OP_##id,
#include "opcodes.def"
#undef WASM_OP
	WASM_OP_COUNT
};

struct wasm_opinfo {
	const char *text;
	uint8_t prefix;
	uint32_t code;
	uint8_t imm;       /* enum wasm_imm_kind */
	uint8_t params[3]; /* enum wasm_optype, NONE-terminated */
	uint8_t result;    /* enum wasm_optype */
	uint8_t size;
	uint8_t feature;   /* enum wasm_feature */
};

extern const struct wasm_opinfo wasm_opinfo[WASM_OP_COUNT];
extern const char *const wasm_feature_name[WASM_FEATURE_COUNT];
extern const bool wasm_feature_supported[WASM_FEATURE_COUNT];

/* Maps an encoding to its opcode; returns WASM_OP_COUNT for an unknown one. */
enum wasm_opcode wasm_opcode_lookup(uint8_t prefix, uint32_t code);

#endif
