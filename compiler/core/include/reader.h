/*
 * Reading the binary format: bytes, LEB128 integers with the spec's limits,
 * names. Every read checks its bounds; the first failure is recorded in
 * r->err with its offset and the read returns false.
 */
#ifndef WASMC_READER_H
#define WASMC_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

struct wasm_name;

struct wasm_reader {
	const uint8_t *bytes; /* the whole module */
	size_t size;          /* of the whole module */
	size_t pos;           /* absolute offset */
	size_t end;           /* the current limit: a section, a function body, or size */
	struct wasm_error *err;
};

void rd_init(struct wasm_reader *r, const uint8_t *bytes, size_t size, struct wasm_error *err);

static inline size_t rd_left(const struct wasm_reader *r)
{
	return r->end - r->pos;
}

bool rd_eof_error(struct wasm_reader *r);
bool rd_u8(struct wasm_reader *r, uint8_t *out);
bool rd_u32(struct wasm_reader *r, uint32_t *out);
bool rd_u64(struct wasm_reader *r, uint64_t *out);
bool rd_s32(struct wasm_reader *r, int32_t *out);
bool rd_s33(struct wasm_reader *r, int64_t *out);
bool rd_s64(struct wasm_reader *r, int64_t *out);
bool rd_fixed32(struct wasm_reader *r, uint32_t *out);
bool rd_fixed64(struct wasm_reader *r, uint64_t *out);
/* n raw bytes; *out points into the module. */
bool rd_bytes(struct wasm_reader *r, size_t n, const uint8_t **out);
/* A vector length, bounded by the bytes left (each element takes at least min_elem_size bytes). */
bool rd_count(struct wasm_reader *r, size_t min_elem_size, uint32_t *out);
/* A length-prefixed UTF-8 name. */
bool rd_name(struct wasm_reader *r, struct wasm_name *out);

/* A value type (WASM_VT_*); other encodings are malformed or an unsupported proposal's. */
bool rd_valtype(struct wasm_reader *r, uint8_t *out);
/* A reference type: funcref or externref. */
bool rd_reftype(struct wasm_reader *r, uint8_t *out);

/* True if the bytes are well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF). */
bool utf8_valid(const uint8_t *s, size_t n);

#endif
