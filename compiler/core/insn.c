#include "insn.h"

#include "module.h"

static bool is_prefix(uint8_t byte)
{
	return byte == 0xfb || byte == 0xfc || byte == 0xfd || byte == 0xfe;
}

static bool read_blocktype(struct wasm_reader *r, int64_t *out)
{
	size_t at = r->pos;
	if (r->pos < r->end) {
		uint8_t byte = r->bytes[r->pos];
		if (byte == 0x40) {
			r->pos++;
			*out = WASM_BLOCKTYPE_EMPTY;
			return true;
		}
		if (byte & 0x40 && !(byte & 0x80)) {
			/* A one-byte negative s33: a value type. */
			uint8_t vt;
			if (!rd_valtype(r, &vt))
				return false;
			*out = (int64_t)vt - 0x80;
			return true;
		}
	}
	if (!rd_s33(r, out))
		return false;
	if (*out < 0)
		return wasm_fail(r->err, WASM_ERR_MALFORMED, at, "malformed block type");
	return true;
}

/* A memory index byte where Wasm 2.0 has a reserved zero. */
static bool read_zero_byte(struct wasm_reader *r, uint32_t *out)
{
	size_t at = r->pos;
	uint8_t byte;
	if (!rd_u8(r, &byte))
		return false;
	if (byte != 0)
		return wasm_fail(r->err, WASM_ERR_MALFORMED, at, "zero byte expected");
	*out = 0;
	return true;
}

static bool read_memarg(struct wasm_reader *r, struct wasm_memarg *m)
{
	size_t at = r->pos;
	if (!rd_u32(r, &m->align_log2))
		return false;
	m->memory_index = 0;
	if (m->align_log2 & 0x40)
		return wasm_fail(r->err, WASM_ERR_UNSUPPORTED, at, "feature multi-memory is not supported yet");
	uint32_t offset;
	if (!rd_u32(r, &offset))
		return false;
	m->offset = offset;
	return true;
}

static bool read_lane(struct wasm_reader *r, uint8_t *lane)
{
	return rd_u8(r, lane);
}

static bool read_heap_type(struct wasm_reader *r, int64_t *out)
{
	uint8_t vt;
	if (!rd_reftype(r, &vt))
		return false;
	*out = vt;
	return true;
}

static bool read_imm(struct wasm_reader *r, struct wasm_insn *insn, enum wasm_imm_kind kind)
{
	switch (kind) {
	case WASM_IMM_NONE:
		return true;
	case WASM_IMM_BLOCKTYPE:
		return read_blocktype(r, &insn->imm.blocktype);
	case WASM_IMM_LABEL:
	case WASM_IMM_FUNC:
	case WASM_IMM_LOCAL:
	case WASM_IMM_GLOBAL:
	case WASM_IMM_TABLE:
	case WASM_IMM_DATA:
	case WASM_IMM_ELEM:
	case WASM_IMM_TYPE:
	case WASM_IMM_TAG:
		return rd_u32(r, &insn->imm.index);
	case WASM_IMM_BR_TABLE: {
		uint32_t count, label;
		if (!rd_count(r, 1, &count))
			return false;
		insn->imm.br_table.count = count;
		insn->imm.br_table.labels = r->pos;
		for (uint32_t i = 0; i < count; i++)
			if (!rd_u32(r, &label))
				return false;
		return rd_u32(r, &insn->imm.br_table.default_label);
	}
	case WASM_IMM_CALL_INDIRECT:
	case WASM_IMM_ELEM_TABLE:
	case WASM_IMM_TABLE_TABLE:
		return rd_u32(r, &insn->imm.pair.first) && rd_u32(r, &insn->imm.pair.second);
	case WASM_IMM_MEMARG:
		return read_memarg(r, &insn->imm.mem.memarg);
	case WASM_IMM_MEMARG_LANE:
		return read_memarg(r, &insn->imm.mem.memarg) && read_lane(r, &insn->imm.mem.lane);
	case WASM_IMM_MEM:
		return read_zero_byte(r, &insn->imm.index);
	case WASM_IMM_MEM_MEM:
		return read_zero_byte(r, &insn->imm.pair.first) && read_zero_byte(r, &insn->imm.pair.second);
	case WASM_IMM_DATA_MEM:
		return rd_u32(r, &insn->imm.pair.first) && read_zero_byte(r, &insn->imm.pair.second);
	case WASM_IMM_I32:
		return rd_s32(r, &insn->imm.i32);
	case WASM_IMM_I64:
		return rd_s64(r, &insn->imm.i64);
	case WASM_IMM_F32:
		return rd_fixed32(r, &insn->imm.f32_bits);
	case WASM_IMM_F64:
		return rd_fixed64(r, &insn->imm.f64_bits);
	case WASM_IMM_V128:
	case WASM_IMM_SHUFFLE: {
		const uint8_t *p;
		if (!rd_bytes(r, 16, &p))
			return false;
		for (int i = 0; i < 16; i++)
			insn->imm.v128[i] = p[i];
		return true;
	}
	case WASM_IMM_LANE:
		return read_lane(r, &insn->imm.lane);
	case WASM_IMM_SELECT_T: {
		uint32_t count;
		if (!rd_count(r, 1, &count))
			return false;
		insn->imm.select.count = count;
		insn->imm.select.type = 0;
		for (uint32_t i = 0; i < count; i++) {
			uint8_t vt;
			if (!rd_valtype(r, &vt))
				return false;
			if (i == 0)
				insn->imm.select.type = vt;
		}
		return true;
	}
	case WASM_IMM_HEAPTYPE:
		return read_heap_type(r, &insn->imm.heap_type);
	case WASM_IMM_ZERO_BYTE:
		return read_zero_byte(r, &insn->imm.index);
	default:
		/* Only proposals that are rejected before this point use the other kinds. */
		return wasm_fail(r->err, WASM_ERR_UNSUPPORTED, insn->offset, "unsupported immediate");
	}
}

bool wasm_read_insn(struct wasm_reader *r, struct wasm_insn *insn)
{
	insn->offset = r->pos;
	uint8_t byte;
	uint32_t code;
	uint8_t prefix = 0;
	if (!rd_u8(r, &byte))
		return false;
	if (is_prefix(byte)) {
		prefix = byte;
		if (!rd_u32(r, &code))
			return false;
	} else {
		code = byte;
	}
	enum wasm_opcode op = wasm_opcode_lookup(prefix, code);
	if (op == WASM_OP_COUNT)
		return wasm_fail(r->err, WASM_ERR_MALFORMED, insn->offset, "illegal opcode");
	const struct wasm_opinfo *info = &wasm_opinfo[op];
	if (!wasm_feature_supported[info->feature])
		return wasm_fail(r->err, WASM_ERR_UNSUPPORTED, insn->offset,
				"feature %s is not supported yet (%s)", wasm_feature_name[info->feature], info->text);
	insn->op = op;
	return read_imm(r, insn, info->imm);
}

void wasm_br_table_reader(struct wasm_reader *r, const struct wasm_reader *from, const struct wasm_insn *insn)
{
	*r = *from;
	r->pos = insn->imm.br_table.labels;
}
