/* Decoding one instruction with its immediates; shared by the decoder, validator and codegen. */
#ifndef WASMC_INSN_H
#define WASMC_INSN_H

#include "opcode.h"
#include "reader.h"

/* Block types as the s33 they are encoded as: negative for the empty type or a value type. */
enum { WASM_BLOCKTYPE_EMPTY = -0x40 };

struct wasm_memarg {
	uint32_t align_log2;
	uint32_t memory_index;
	uint64_t offset;
};

struct wasm_insn {
	enum wasm_opcode op;
	size_t offset; /* of the opcode */
	union {
		int64_t blocktype;   /* BLOCKTYPE: WASM_BLOCKTYPE_EMPTY, -(0x80 - valtype) or a type index */
		uint32_t index;      /* LABEL, FUNC, LOCAL, GLOBAL, TABLE, MEM, DATA, ELEM, TYPE, TAG */
		struct {
			uint32_t first;  /* CALL_INDIRECT type; ELEM_TABLE elem; TABLE_TABLE, MEM_MEM destination; DATA_MEM data */
			uint32_t second; /* CALL_INDIRECT table; ELEM_TABLE table; TABLE_TABLE, MEM_MEM source; DATA_MEM memory */
		} pair;
		struct {
			struct wasm_memarg memarg;
			uint8_t lane;
		} mem;
		int32_t i32;
		int64_t i64;
		uint32_t f32_bits;
		uint64_t f64_bits;
		uint8_t v128[16];    /* V128 constant, SHUFFLE lanes */
		uint8_t lane;        /* LANE */
		struct {
			uint32_t count;      /* labels before the default */
			size_t labels;       /* offset of the first label's LEB128 */
			uint32_t default_label;
		} br_table;
		struct {
			uint32_t count;
			uint8_t type;        /* the first type (enum wasm_valtype) */
		} select;
		int64_t heap_type;   /* HEAPTYPE: 0x70 funcref, 0x6f externref, or a type index */
	} imm;
};

/*
 * Reads the instruction at r->pos. Unknown opcodes are malformed ("illegal
 * opcode"); opcodes of proposals that wasmc does not support are rejected
 * as WASM_ERR_UNSUPPORTED.
 */
bool wasm_read_insn(struct wasm_reader *r, struct wasm_insn *insn);

/*
 * br_table labels: position a reader at the first one; then rd_u32 reads
 * count + 1 labels, the default last. They were checked when decoded.
 */
void wasm_br_table_reader(struct wasm_reader *r, const struct wasm_reader *from, const struct wasm_insn *insn);

/* The value type of a block type that is one, or WASM_VT_UNKNOWN. */
static inline uint8_t wasm_blocktype_valtype(int64_t blocktype)
{
	return blocktype < 0 && blocktype != WASM_BLOCKTYPE_EMPTY ? (uint8_t)(blocktype & 0x7f) : 0;
}

#endif
