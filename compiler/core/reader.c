#include "reader.h"

#include "module.h"

void rd_init(struct wasm_reader *r, const uint8_t *bytes, size_t size, struct wasm_error *err)
{
	r->bytes = bytes;
	r->size = size;
	r->pos = 0;
	r->end = size;
	r->err = err;
}

bool rd_eof_error(struct wasm_reader *r)
{
	/* The reference interpreter's words, whichever end (file, section, body) was hit. */
	return wasm_fail(r->err, WASM_ERR_MALFORMED, r->pos, "unexpected end of section or function");
}

bool rd_u8(struct wasm_reader *r, uint8_t *out)
{
	if (r->pos >= r->end)
		return rd_eof_error(r);
	*out = r->bytes[r->pos++];
	return true;
}

/*
 * Unsigned or signed LEB128 of at most `bits` bits. The final byte's unused
 * bits must be zero (unsigned) or copies of the sign bit (signed).
 */
static bool rd_leb(struct wasm_reader *r, unsigned bits, bool is_signed, uint64_t *out)
{
	const unsigned max_bytes = (bits + 6) / 7;
	size_t start = r->pos;
	uint64_t result = 0;
	unsigned shift = 0;
	for (unsigned i = 0;; i++) {
		uint8_t byte = 0;
		if (!rd_u8(r, &byte))
			return false;
		if (i == max_bytes - 1) {
			if (byte & 0x80)
				return wasm_fail(r->err, WASM_ERR_MALFORMED, start, "integer representation too long");
			unsigned used = bits - shift; /* significant bits in this byte, 1..7 */
			uint8_t rest = (uint8_t)(byte & 0x7f) >> (is_signed ? used - 1 : used);
			uint8_t all_ones = (uint8_t)(0x7f >> (is_signed ? used - 1 : used));
			if (rest != 0 && !(is_signed && rest == all_ones))
				return wasm_fail(r->err, WASM_ERR_MALFORMED, start, "integer too large");
		}
		result |= (uint64_t)(byte & 0x7f) << shift;
		shift += 7;
		if (!(byte & 0x80))
			break;
	}
	if (is_signed && shift < 64 && (result >> (shift - 1)) & 1)
		result |= ~(uint64_t)0 << shift;
	*out = result;
	return true;
}

bool rd_u32(struct wasm_reader *r, uint32_t *out)
{
	uint64_t v;
	if (!rd_leb(r, 32, false, &v))
		return false;
	*out = (uint32_t)v;
	return true;
}

bool rd_u64(struct wasm_reader *r, uint64_t *out)
{
	return rd_leb(r, 64, false, out);
}

bool rd_s32(struct wasm_reader *r, int32_t *out)
{
	uint64_t v;
	if (!rd_leb(r, 32, true, &v))
		return false;
	*out = (int32_t)(uint32_t)v;
	return true;
}

bool rd_s33(struct wasm_reader *r, int64_t *out)
{
	uint64_t v;
	if (!rd_leb(r, 33, true, &v))
		return false;
	*out = (int64_t)v;
	return true;
}

bool rd_s64(struct wasm_reader *r, int64_t *out)
{
	uint64_t v;
	if (!rd_leb(r, 64, true, &v))
		return false;
	*out = (int64_t)v;
	return true;
}

bool rd_bytes(struct wasm_reader *r, size_t n, const uint8_t **out)
{
	if (n > rd_left(r)) {
		r->pos = r->end;
		return rd_eof_error(r);
	}
	*out = r->bytes + r->pos;
	r->pos += n;
	return true;
}

bool rd_fixed32(struct wasm_reader *r, uint32_t *out)
{
	const uint8_t *p = NULL;
	if (!rd_bytes(r, 4, &p))
		return false;
	*out = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	return true;
}

bool rd_fixed64(struct wasm_reader *r, uint64_t *out)
{
	uint32_t lo, hi;
	if (!rd_fixed32(r, &lo) || !rd_fixed32(r, &hi))
		return false;
	*out = (uint64_t)hi << 32 | lo;
	return true;
}

bool rd_count(struct wasm_reader *r, size_t min_elem_size, uint32_t *out)
{
	size_t at = r->pos;
	if (!rd_u32(r, out))
		return false;
	if (min_elem_size && *out > rd_left(r) / min_elem_size) {
		/* More elements than bytes to hold them: the input ends first. */
		r->pos = at;
		return wasm_fail(r->err, WASM_ERR_MALFORMED, at, "unexpected end of section or function");
	}
	return true;
}

bool rd_name(struct wasm_reader *r, struct wasm_name *out)
{
	size_t at = r->pos;
	uint32_t len;
	const uint8_t *p;
	if (!rd_u32(r, &len))
		return false;
	if (len > rd_left(r))
		return wasm_fail(r->err, WASM_ERR_MALFORMED, at,
				r->end >= r->size ? "unexpected end of section or function" : "length out of bounds");
	if (!rd_bytes(r, len, &p))
		return false;
	if (!utf8_valid(p, len))
		return wasm_fail(r->err, WASM_ERR_MALFORMED, at, "malformed UTF-8 encoding");
	out->str = (const char *)p;
	out->len = len;
	return true;
}

bool utf8_valid(const uint8_t *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint8_t c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len;
		uint32_t cp, min;
		if ((c & 0xe0) == 0xc0) {
			len = 2, cp = c & 0x1f, min = 0x80;
		} else if ((c & 0xf0) == 0xe0) {
			len = 3, cp = c & 0x0f, min = 0x800;
		} else if ((c & 0xf8) == 0xf0) {
			len = 4, cp = c & 0x07, min = 0x10000;
		} else {
			return false;
		}
		if (n - i < len)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += len;
	}
	return true;
}

/* Type encodings of proposals beyond Wasm 2.0, named for the error. */
static const char *unsupported_type_feature(uint8_t byte)
{
	switch (byte) {
	case 0x63: case 0x64: /* (ref null ht), (ref ht) */
		return "function-references";
	case 0x69: case 0x74: /* exnref, noexn */
		return "exception-handling";
	case 0x6a: case 0x6b: case 0x6c: case 0x6d: case 0x6e: case 0x71: case 0x72: case 0x73:
		return "gc";
	}
	return NULL;
}

bool rd_valtype(struct wasm_reader *r, uint8_t *out)
{
	size_t at = r->pos;
	if (!rd_u8(r, out))
		return false;
	switch (*out) {
	case WASM_VT_I32: case WASM_VT_I64: case WASM_VT_F32: case WASM_VT_F64:
	case WASM_VT_V128: case WASM_VT_FUNCREF: case WASM_VT_EXTERNREF:
		return true;
	}
	const char *feature = unsupported_type_feature(*out);
	if (feature)
		return wasm_fail(r->err, WASM_ERR_UNSUPPORTED, at, "feature %s is not supported yet", feature);
	return wasm_fail(r->err, WASM_ERR_MALFORMED, at, "malformed value type");
}

bool rd_reftype(struct wasm_reader *r, uint8_t *out)
{
	size_t at = r->pos;
	if (!rd_u8(r, out))
		return false;
	if (*out == WASM_VT_FUNCREF || *out == WASM_VT_EXTERNREF)
		return true;
	const char *feature = unsupported_type_feature(*out);
	if (feature)
		return wasm_fail(r->err, WASM_ERR_UNSUPPORTED, at, "feature %s is not supported yet", feature);
	return wasm_fail(r->err, WASM_ERR_MALFORMED, at, "malformed reference type");
}
