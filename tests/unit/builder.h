/*
 * Assembling small modules by hand in tests: a growable byte buffer with
 * LEB128 writers, and a module builder that collects vector sections and
 * writes them with their counts, in the order the binary format requires.
 * Allocation failure aborts: these are tests.
 */
#ifndef WASMC_TEST_BUILDER_H
#define WASMC_TEST_BUILDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "module.h"

struct buf {
	uint8_t *bytes;
	size_t len;
	size_t cap;
};

/*
 * The spec's test harness matches error messages by prefix, which leaves
 * room for detail after the spec's words; the tests do the same.
 */
static inline bool starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* A byte array literal and its length, as two arguments: f(BYTES(0x41, 0x00, 0x0b)). */
#define BYTES(...) (const uint8_t[]){ __VA_ARGS__ }, sizeof((const uint8_t[]){ __VA_ARGS__ })
#define buf_put(b, ...) buf_append((b), BYTES(__VA_ARGS__))

void buf_free(struct buf *b);
void buf_byte(struct buf *b, uint8_t byte);
void buf_append(struct buf *b, const uint8_t *bytes, size_t n);
void buf_u32(struct buf *b, uint32_t v);
void buf_s64(struct buf *b, int64_t v);
/* A name: its length, then its bytes (strlen). */
void buf_name(struct buf *b, const char *s);
/* The magic and version 1. */
void buf_header(struct buf *b);
/* A section: id, size, contents. */
void buf_section(struct buf *b, uint8_t id, const struct buf *contents);

/* The encodings of the opcodes the tests use, so that bodies read as code. */
enum op_byte {
	OP_UNREACHABLE = 0x00,
	OP_NOP = 0x01,
	OP_BLOCK = 0x02,
	OP_LOOP = 0x03,
	OP_IF = 0x04,
	OP_ELSE = 0x05,
	OP_END = 0x0b,
	OP_BR = 0x0c,
	OP_BR_IF = 0x0d,
	OP_BR_TABLE = 0x0e,
	OP_RETURN = 0x0f,
	OP_CALL = 0x10,
	OP_RETURN_CALL = 0x12,
	OP_DROP = 0x1a,
	OP_SELECT = 0x1b,
	OP_SELECT_T = 0x1c,
	OP_LOCAL_GET = 0x20,
	OP_LOCAL_SET = 0x21,
	OP_GLOBAL_GET = 0x23,
	OP_GLOBAL_SET = 0x24,
	OP_I32_LOAD = 0x28,
	OP_I64_LOAD = 0x29,
	OP_MEMORY_SIZE = 0x3f,
	OP_I32_CONST = 0x41,
	OP_I64_CONST = 0x42,
	OP_I32_EQZ = 0x45,
	OP_I64_EQZ = 0x50,
	OP_I32_ADD = 0x6a,
	OP_F32_NEG = 0x8c,
	OP_REF_NULL = 0xd0,
	OP_REF_FUNC = 0xd2,
	OP_PREFIX_FC = 0xfc,
	OP_PREFIX_FE = 0xfe,
	OP_BLOCKTYPE_EMPTY = 0x40,
};

/*
 * Value types are written as letters: i i32, I i64, f f32, F f64, v v128,
 * r funcref, e externref.
 */
uint8_t valtype_of(char letter);

struct mod_builder {
	struct buf items[WASM_SEC_COUNT]; /* vector sections: the elements; start, data count: the contents */
	uint32_t count[WASM_SEC_COUNT];
	bool present[WASM_SEC_COUNT];
	uint32_t func_count;   /* imported and defined */
	uint32_t global_count; /* imported and defined */
};

/* A function type; returns its index. */
uint32_t mb_type(struct mod_builder *mb, const char *params, const char *results);
uint32_t mb_import_func(struct mod_builder *mb, const char *module, const char *field, uint32_t type);
/* An imported global of type `letter`. */
uint32_t mb_import_global(struct mod_builder *mb, const char *module, const char *field, char letter, bool mutable);
/* A defined function: one local per letter of `locals` (runs are merged), its body ending in `end`. */
uint32_t mb_func(struct mod_builder *mb, uint32_t type, const char *locals, const uint8_t *body, size_t body_len);
void mb_memory(struct mod_builder *mb, uint32_t min, bool has_max, uint32_t max);
/* A defined global; `init` is the constant expression with its `end`. */
uint32_t mb_global(struct mod_builder *mb, char letter, bool mutable, const uint8_t *init, size_t init_len);
void mb_export(struct mod_builder *mb, const char *name, uint8_t kind, uint32_t index);
void mb_start(struct mod_builder *mb, uint32_t func);
void mb_data_count(struct mod_builder *mb, uint32_t count);
/* Header and sections; present sections only, even when empty. */
void mb_build(const struct mod_builder *mb, struct buf *out);
void mb_free(struct mod_builder *mb);

#endif
