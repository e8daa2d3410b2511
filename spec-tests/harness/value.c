/*
 * Values of commands and results: parsing run.py's notation, comparing
 * results (with the spec's NaN patterns, per lane for SIMD) and printing
 * them in the same notation for failure reasons.
 */
#include "harness.h"

static const struct {
	const char *name;
	uint8_t bytes;
	bool is_float;
} lanes[] = {
	[LANE_NONE] = { "", 16, false },
	[LANE_I8] = { "i8", 1, false },
	[LANE_I16] = { "i16", 2, false },
	[LANE_I32] = { "i32", 4, false },
	[LANE_I64] = { "i64", 8, false },
	[LANE_F32] = { "f32", 4, true },
	[LANE_F64] = { "f64", 8, true },
};

static const struct {
	const char *name;
	uint8_t type;
	uint8_t as_lane; /* scalars are parsed and compared as one lane of this shape */
} types[] = {
	{ "i32", RT_SIG_I32, LANE_I32 },
	{ "i64", RT_SIG_I64, LANE_I64 },
	{ "f32", RT_SIG_F32, LANE_F32 },
	{ "f64", RT_SIG_F64, LANE_F64 },
	{ "v128", RT_SIG_V128, LANE_NONE },
	{ "funcref", RT_SIG_FUNCREF, LANE_I64 },
	{ "externref", RT_SIG_EXTERNREF, LANE_I64 },
};

static bool equals(struct bytes b, const char *s)
{
	return bytes_equal(b, bytes_of(s));
}

/* Splits *rest at the first `sep`: returns the part before, leaves the part after. */
static struct bytes split(struct bytes *rest, char sep)
{
	struct bytes head = *rest;
	for (uint32_t i = 0; i < rest->len; i++) {
		if (rest->ptr[i] == sep) {
			head.len = i;
			rest->ptr += i + 1;
			rest->len -= i + 1;
			return head;
		}
	}
	rest->ptr += rest->len;
	rest->len = 0;
	return head;
}

static bool parse_hex(struct bytes b, uint64_t *out)
{
	if (b.len == 0 || b.len > 16)
		return false;
	uint64_t v = 0;
	for (uint32_t i = 0; i < b.len; i++) {
		char c = b.ptr[i];
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0') : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10) : 16;
		if (d == 16)
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

static void store(uint8_t *at, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		at[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t load(const uint8_t *at, unsigned bytes)
{
	uint64_t v = 0;
	for (unsigned i = bytes; i-- > 0;)
		v = v << 8 | at[i];
	return v;
}

/* One lane (or a whole scalar): hex bits, or a NaN pattern for float shapes. */
static bool parse_lane(struct bytes b, enum lane_type lane, uint8_t *bits, uint8_t *nan)
{
	if (lanes[lane].is_float && equals(b, "nan:canonical")) {
		*nan = NAN_CANONICAL;
		return true;
	}
	if (lanes[lane].is_float && equals(b, "nan:arithmetic")) {
		*nan = NAN_ARITHMETIC;
		return true;
	}
	uint64_t v;
	if (!parse_hex(b, &v) || (lanes[lane].bytes < 8 && v >> (8 * lanes[lane].bytes)))
		return false;
	store(bits, v, lanes[lane].bytes);
	return true;
}

void *value_host_ref(uint64_t n)
{
	return (void *)(uintptr_t)(n + 1);
}

bool value_parse(struct bytes token, struct value *v)
{
	memset(v, 0, sizeof *v);
	struct bytes rest = token;
	struct bytes type = split(&rest, ':');
	unsigned t = 0;
	while (t < sizeof types / sizeof types[0] && !equals(type, types[t].name))
		t++;
	if (t == sizeof types / sizeof types[0])
		return false;
	v->type = types[t].type;
	if (v->type == RT_SIG_FUNCREF || v->type == RT_SIG_EXTERNREF) {
		uint64_t n;
		if (equals(rest, "null"))
			return true;
		if (v->type != RT_SIG_EXTERNREF || !parse_hex(rest, &n))
			return false;
		store(v->bits, (uint64_t)(uintptr_t)value_host_ref(n), 8);
		return true;
	}
	if (v->type != RT_SIG_V128)
		return parse_lane(rest, types[t].as_lane, v->bits, &v->nan[0]);
	struct bytes shape = split(&rest, ':');
	unsigned lane = LANE_I8;
	while (lane <= LANE_F64 && !equals(shape, lanes[lane].name))
		lane++;
	if (lane > LANE_F64)
		return false;
	v->lane = (uint8_t)lane;
	unsigned count = 16 / lanes[lane].bytes;
	for (unsigned i = 0; i < count; i++) {
		struct bytes item = split(&rest, ',');
		if (!parse_lane(item, lane, v->bits + i * lanes[lane].bytes, &v->nan[i]))
			return false;
	}
	return rest.len == 0;
}

static bool nan_matches(uint64_t bits, enum lane_type lane, enum nan_pattern pattern)
{
	unsigned mantissa_bits = lane == LANE_F32 ? 23 : 52;
	unsigned exponent_bits = lane == LANE_F32 ? 8 : 11;
	uint64_t exponent = (bits >> mantissa_bits) & ((1ull << exponent_bits) - 1);
	uint64_t mantissa = bits & ((1ull << mantissa_bits) - 1);
	uint64_t quiet = 1ull << (mantissa_bits - 1);
	if (exponent != (1ull << exponent_bits) - 1)
		return false;
	return pattern == NAN_CANONICAL ? mantissa == quiet : (mantissa & quiet) != 0;
}

static bool lane_matches(const uint8_t *expected, const uint8_t *actual, enum lane_type lane, uint8_t nan)
{
	unsigned bytes = lanes[lane].bytes;
	if (nan != NAN_NONE)
		return nan_matches(load(actual, bytes), lane, nan);
	return memcmp(expected, actual, bytes) == 0;
}

static enum lane_type scalar_lane(uint8_t type)
{
	for (unsigned t = 0; t < sizeof types / sizeof types[0]; t++)
		if (types[t].type == type)
			return types[t].as_lane;
	return LANE_I64;
}

bool value_matches(const struct value *expected, const uint8_t slot[16])
{
	if (expected->type != RT_SIG_V128)
		return lane_matches(expected->bits, slot, scalar_lane(expected->type), expected->nan[0]);
	unsigned bytes = lanes[expected->lane].bytes;
	for (unsigned i = 0; i < 16 / bytes; i++)
		if (!lane_matches(expected->bits + i * bytes, slot + i * bytes, expected->lane, expected->nan[i]))
			return false;
	return true;
}

static const char *type_name(uint8_t type)
{
	for (unsigned t = 0; t < sizeof types / sizeof types[0]; t++)
		if (types[t].type == type)
			return types[t].name;
	return "?";
}

static void print_lane(const uint8_t *bits, enum lane_type lane, uint8_t nan)
{
	if (nan == NAN_CANONICAL)
		out_str("nan:canonical");
	else if (nan == NAN_ARITHMETIC)
		out_str("nan:arithmetic");
	else
		out_hex(load(bits, lanes[lane].bytes), 1);
}

static void print(const struct value *like, const uint8_t *bits, const uint8_t *nan)
{
	static const uint8_t none[16];
	if (!nan)
		nan = none;
	out_str(type_name(like->type));
	out_str(":");
	if (like->type == RT_SIG_FUNCREF || like->type == RT_SIG_EXTERNREF) {
		uint64_t p = load(bits, 8);
		if (p == 0)
			out_str("null");
		else if (like->type == RT_SIG_EXTERNREF)
			out_hex(p - 1, 1);
		else
			out_str("<function>");
		return;
	}
	if (like->type != RT_SIG_V128) {
		print_lane(bits, scalar_lane(like->type), nan[0]);
		return;
	}
	enum lane_type lane = like->lane ? like->lane : LANE_I32;
	out_str(lanes[lane].name);
	out_str(":");
	unsigned bytes = lanes[lane].bytes;
	for (unsigned i = 0; i < 16 / bytes; i++) {
		if (i)
			out_str(",");
		print_lane(bits + i * bytes, lane, nan[i]);
	}
}

void value_print(const struct value *like, const uint8_t slot[16])
{
	print(like, slot, NULL);
}

void value_print_expected(const struct value *v)
{
	print(v, v->bits, v->nan);
}
