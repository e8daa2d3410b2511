#include "builder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_free(struct buf *b)
{
	free(b->bytes);
	*b = (struct buf){ 0 };
}

void buf_append(struct buf *b, const uint8_t *bytes, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 64;
		while (cap < b->len + n)
			cap *= 2;
		uint8_t *grown = realloc(b->bytes, cap);
		if (!grown) {
			fprintf(stderr, "builder: out of memory\n");
			abort();
		}
		b->bytes = grown;
		b->cap = cap;
	}
	if (n)
		memcpy(b->bytes + b->len, bytes, n);
	b->len += n;
}

void buf_byte(struct buf *b, uint8_t byte)
{
	buf_append(b, &byte, 1);
}

void buf_u32(struct buf *b, uint32_t v)
{
	do {
		uint8_t byte = v & 0x7f;
		v >>= 7;
		buf_byte(b, byte | (v ? 0x80 : 0));
	} while (v);
}

void buf_s64(struct buf *b, int64_t v)
{
	for (;;) {
		uint8_t byte = v & 0x7f;
		v >>= 7; /* arithmetic on the compilers we use */
		bool done = (v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40));
		buf_byte(b, byte | (done ? 0 : 0x80));
		if (done)
			return;
	}
}

void buf_name(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	buf_u32(b, (uint32_t)n);
	buf_append(b, (const uint8_t *)s, n);
}

void buf_header(struct buf *b)
{
	buf_put(b, 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
}

void buf_section(struct buf *b, uint8_t id, const struct buf *contents)
{
	buf_byte(b, id);
	buf_u32(b, (uint32_t)contents->len);
	buf_append(b, contents->bytes, contents->len);
}

uint8_t valtype_of(char letter)
{
	switch (letter) {
	case 'i': return WASM_VT_I32;
	case 'I': return WASM_VT_I64;
	case 'f': return WASM_VT_F32;
	case 'F': return WASM_VT_F64;
	case 'v': return WASM_VT_V128;
	case 'r': return WASM_VT_FUNCREF;
	case 'e': return WASM_VT_EXTERNREF;
	}
	fprintf(stderr, "builder: no value type '%c'\n", letter);
	abort();
}

static void put_valtypes(struct buf *b, const char *letters)
{
	buf_u32(b, (uint32_t)strlen(letters));
	for (const char *p = letters; *p; p++)
		buf_byte(b, valtype_of(*p));
}

/* Starts one more element of a vector section. */
static struct buf *item(struct mod_builder *mb, uint8_t id)
{
	mb->present[id] = true;
	mb->count[id]++;
	return &mb->items[id];
}

uint32_t mb_type(struct mod_builder *mb, const char *params, const char *results)
{
	struct buf *b = item(mb, WASM_SEC_TYPE);
	buf_byte(b, 0x60);
	put_valtypes(b, params);
	put_valtypes(b, results);
	return mb->count[WASM_SEC_TYPE] - 1;
}

uint32_t mb_import_func(struct mod_builder *mb, const char *module, const char *field, uint32_t type)
{
	struct buf *b = item(mb, WASM_SEC_IMPORT);
	buf_name(b, module);
	buf_name(b, field);
	buf_byte(b, WASM_EXTERN_FUNC);
	buf_u32(b, type);
	return mb->func_count++;
}

uint32_t mb_import_global(struct mod_builder *mb, const char *module, const char *field, char letter, bool mutable)
{
	struct buf *b = item(mb, WASM_SEC_IMPORT);
	buf_name(b, module);
	buf_name(b, field);
	buf_byte(b, WASM_EXTERN_GLOBAL);
	buf_byte(b, valtype_of(letter));
	buf_byte(b, mutable);
	return mb->global_count++;
}

uint32_t mb_func(struct mod_builder *mb, uint32_t type, const char *locals, const uint8_t *body, size_t body_len)
{
	buf_u32(item(mb, WASM_SEC_FUNCTION), type);

	struct buf entry = { 0 };
	uint32_t decls = 0;
	struct buf decl_bytes = { 0 };
	for (const char *p = locals; *p;) {
		uint32_t run = 1;
		while (p[run] == *p)
			run++;
		buf_u32(&decl_bytes, run);
		buf_byte(&decl_bytes, valtype_of(*p));
		decls++;
		p += run;
	}
	buf_u32(&entry, decls);
	buf_append(&entry, decl_bytes.bytes, decl_bytes.len);
	buf_append(&entry, body, body_len);

	struct buf *code = item(mb, WASM_SEC_CODE);
	buf_u32(code, (uint32_t)entry.len);
	buf_append(code, entry.bytes, entry.len);
	buf_free(&entry);
	buf_free(&decl_bytes);
	return mb->func_count++;
}

void mb_memory(struct mod_builder *mb, uint32_t min, bool has_max, uint32_t max)
{
	struct buf *b = item(mb, WASM_SEC_MEMORY);
	buf_byte(b, has_max);
	buf_u32(b, min);
	if (has_max)
		buf_u32(b, max);
}

uint32_t mb_global(struct mod_builder *mb, char letter, bool mutable, const uint8_t *init, size_t init_len)
{
	struct buf *b = item(mb, WASM_SEC_GLOBAL);
	buf_byte(b, valtype_of(letter));
	buf_byte(b, mutable);
	buf_append(b, init, init_len);
	return mb->global_count++;
}

void mb_export(struct mod_builder *mb, const char *name, uint8_t kind, uint32_t index)
{
	struct buf *b = item(mb, WASM_SEC_EXPORT);
	buf_name(b, name);
	buf_byte(b, kind);
	buf_u32(b, index);
}

void mb_start(struct mod_builder *mb, uint32_t func)
{
	mb->present[WASM_SEC_START] = true;
	mb->items[WASM_SEC_START].len = 0;
	buf_u32(&mb->items[WASM_SEC_START], func);
}

void mb_data_count(struct mod_builder *mb, uint32_t count)
{
	mb->present[WASM_SEC_DATA_COUNT] = true;
	mb->items[WASM_SEC_DATA_COUNT].len = 0;
	buf_u32(&mb->items[WASM_SEC_DATA_COUNT], count);
}

void mb_build(const struct mod_builder *mb, struct buf *out)
{
	static const uint8_t order[] = {
		WASM_SEC_TYPE, WASM_SEC_IMPORT, WASM_SEC_FUNCTION, WASM_SEC_TABLE, WASM_SEC_MEMORY,
		WASM_SEC_GLOBAL, WASM_SEC_EXPORT, WASM_SEC_START, WASM_SEC_ELEMENT, WASM_SEC_DATA_COUNT,
		WASM_SEC_CODE, WASM_SEC_DATA,
	};
	buf_header(out);
	for (size_t i = 0; i < sizeof(order); i++) {
		uint8_t id = order[i];
		if (!mb->present[id])
			continue;
		struct buf contents = { 0 };
		if (id != WASM_SEC_START && id != WASM_SEC_DATA_COUNT)
			buf_u32(&contents, mb->count[id]);
		buf_append(&contents, mb->items[id].bytes, mb->items[id].len);
		buf_section(out, id, &contents);
		buf_free(&contents);
	}
}

void mb_free(struct mod_builder *mb)
{
	for (int i = 0; i < WASM_SEC_COUNT; i++)
		buf_free(&mb->items[i]);
	*mb = (struct mod_builder){ 0 };
}
