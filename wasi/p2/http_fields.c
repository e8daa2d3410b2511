/*
 * wasi:http/types' fields resource (headers and trailers) with the spec's
 * validation: a name is an RFC 9110 token, a value holds no control
 * character but tab; hop-by-hop and host headers are forbidden to the guest
 * (Wasmtime's DEFAULT_FORBIDDEN_HEADERS); a child of a request or response
 * is immutable. Names
 * are kept in lower case, so lookups ignore case.
 */
#include "http.h"
#include "rt_string.h"

_Static_assert(sizeof(struct p2_http_fields_rep) <= P2_REP_SIZE, "fields fit a handle");

/* header-error's cases. */
enum { HEADER_INVALID_SYNTAX, HEADER_FORBIDDEN, HEADER_IMMUTABLE, HEADER_OK = 255 };

static const char *const forbidden[] = {
	"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection",
	"transfer-encoding", "upgrade", "host", "http2-settings",
};

void *p2_http_alloc(uint64_t size)
{
	if (size > (1ull << 31))
		rt_trap(RT_TRAP_OUT_OF_MEMORY);
	return rt_alloc((size_t)size);
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_tchar(uint8_t c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	for (const char *t = "!#$%&'*+-.^_`|~"; *t; t++)
		if (c == (uint8_t)*t)
			return true;
	return false;
}

static bool name_valid(const uint8_t *name, uint32_t len)
{
	if (!len)
		return false;
	for (uint32_t i = 0; i < len; i++)
		if (!is_tchar(name[i]))
			return false;
	return true;
}

static bool value_valid(const uint8_t *value, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		if ((value[i] < 0x20 && value[i] != '\t') || value[i] == 0x7f)
			return false;
	return true;
}

static bool same_name(const struct wasi_p2_http_header *h, const uint8_t *name, uint32_t len)
{
	if (h->name_len != len)
		return false;
	for (uint32_t i = 0; i < len; i++)
		if (h->name[i] != lower((char)name[i]))
			return false;
	return true;
}

static bool name_forbidden(const uint8_t *name, uint32_t len)
{
	for (uint32_t i = 0; i < sizeof forbidden / sizeof forbidden[0]; i++) {
		struct wasi_p2_http_header h = { .name = forbidden[i], .name_len = (uint32_t)rt_strlen(forbidden[i]) };
		if (same_name(&h, name, len))
			return true;
	}
	return false;
}

/* HEADER_OK, or why name (and value, if any) cannot be added. */
static int check(const uint8_t *name, uint32_t name_len, const uint8_t *value, uint32_t value_len)
{
	if (!name_valid(name, name_len) || (value && !value_valid(value, value_len)))
		return HEADER_INVALID_SYNTAX;
	return name_forbidden(name, name_len) ? HEADER_FORBIDDEN : HEADER_OK;
}

void p2_http_fields_add(struct p2_http_fields *f, const char *name, uint32_t name_len, const uint8_t *value,
		uint32_t value_len)
{
	if (f->count == f->capacity) {
		uint32_t capacity = f->capacity ? f->capacity * 2 : 8;
		struct wasi_p2_http_header *items = p2_http_alloc((uint64_t)capacity * sizeof *items);
		if (f->count)
			__builtin_memcpy(items, f->items, f->count * sizeof *items);
		f->items = items;
		f->capacity = capacity;
	}
	char *copy = p2_http_alloc((uint64_t)name_len + value_len + 1);
	for (uint32_t i = 0; i < name_len; i++)
		copy[i] = lower(name[i]);
	if (value_len)
		__builtin_memcpy(copy + name_len, value, value_len);
	f->items[f->count++] = (struct wasi_p2_http_header){ copy, copy + name_len, name_len, value_len };
}

static void remove_all(struct p2_http_fields *f, const uint8_t *name, uint32_t len)
{
	uint32_t kept = 0;
	for (uint32_t i = 0; i < f->count; i++)
		if (!same_name(&f->items[i], name, len))
			f->items[kept++] = f->items[i];
	f->count = kept;
}

uint32_t p2_http_fields_handle(struct p2_http_fields *fields, bool immutable)
{
	struct p2_http_fields_rep rep = { fields ? fields : p2_http_alloc(sizeof *fields), immutable };
	return p2_handle_new(P2_RES_FIELDS, &rep, sizeof rep);
}

struct p2_http_fields *p2_http_fields_take(uint32_t h)
{
	struct p2_http_fields *f = ((struct p2_http_fields_rep *)p2_handle_get(h, P2_RES_FIELDS))->fields;
	p2_handle_drop(h, P2_RES_FIELDS);
	return f;
}

static struct p2_http_fields_rep *rep_of(uint32_t h)
{
	return p2_handle_get(h, P2_RES_FIELDS);
}

/* A result<_, header-error> in the return area: the case at offset 1. */
static void store_result(uint8_t *ret, int error)
{
	p2_store_u8(ret, error != HEADER_OK);
	p2_store_u8(ret + 1, error == HEADER_OK ? 0 : (uint8_t)error);
}

uint32_t wasi_p2_http_types_fields_new(struct wasi_p2_ctx *ctx)
{
	(void)ctx;
	return p2_http_fields_handle(NULL, false);
}

/* list<tuple<field-name, field-value>>: 16 bytes each, name ptr and length, value ptr and length. */
void wasi_p2_http_types_fields_from_list(struct wasi_p2_ctx *ctx, uint32_t ptr, uint32_t len, uint32_t ret_ptr)
{
	uint8_t *list = p2_guest(ctx, ptr, (uint64_t)len * 16);
	uint8_t *ret = p2_guest(ctx, ret_ptr, 8);
	struct p2_http_fields *f = p2_http_alloc(sizeof *f);
	for (uint32_t i = 0; i < len; i++) {
		uint32_t at[4];
		__builtin_memcpy(at, list + 16 * i, 16);
		const uint8_t *name = p2_guest(ctx, at[0], at[1]), *value = p2_guest(ctx, at[2], at[3]);
		int error = check(name, at[1], value, at[3]);
		if (error != HEADER_OK) {
			p2_store_u8(ret, 1);
			p2_store_u8(ret + 4, (uint8_t)error);
			return;
		}
		p2_http_fields_add(f, (const char *)name, at[1], value, at[3]);
	}
	uint32_t h = p2_http_fields_handle(f, false);
	p2_store_u8(ret, 0);
	p2_store_u32(ret + 4, h);
}

void wasi_p2_http_types_fields_get(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t name_ptr, uint32_t name_len,
		uint32_t ret_ptr)
{
	const struct p2_http_fields *f = rep_of(self)->fields;
	const uint8_t *name = p2_guest(ctx, name_ptr, name_len);
	uint32_t n = 0;
	for (uint32_t i = 0; i < f->count; i++)
		n += same_name(&f->items[i], name, name_len);
	uint32_t list = p2_alloc(ctx, 4, n * 8), k = 0;
	for (uint32_t i = 0; i < f->count; i++) {
		if (!same_name(&f->items[i], name, name_len))
			continue;
		uint32_t value = p2_alloc_copy(ctx, f->items[i].value, f->items[i].value_len);
		uint8_t *slot = p2_guest(ctx, list + 8 * k++, 8);
		p2_store_u32(slot, value);
		p2_store_u32(slot + 4, f->items[i].value_len);
	}
	uint8_t *ret = p2_guest(ctx, ret_ptr, 8);
	p2_store_u32(ret, list);
	p2_store_u32(ret + 4, n);
}

uint32_t wasi_p2_http_types_fields_has(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t name_ptr, uint32_t name_len)
{
	const struct p2_http_fields *f = rep_of(self)->fields;
	const uint8_t *name = p2_guest(ctx, name_ptr, name_len);
	for (uint32_t i = 0; i < f->count; i++)
		if (same_name(&f->items[i], name, name_len))
			return 1;
	return 0;
}

/* list<field-value>: 8 bytes each, ptr and length. */
void wasi_p2_http_types_fields_set(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t name_ptr, uint32_t name_len,
		uint32_t values_ptr, uint32_t values_len, uint32_t ret_ptr)
{
	struct p2_http_fields_rep *rep = rep_of(self);
	const uint8_t *name = p2_guest(ctx, name_ptr, name_len);
	const uint8_t *values = p2_guest(ctx, values_ptr, (uint64_t)values_len * 8);
	uint8_t *ret = p2_guest(ctx, ret_ptr, 2);
	int error = rep->immutable ? HEADER_IMMUTABLE : check(name, name_len, NULL, 0);
	for (uint32_t i = 0; i < values_len && error == HEADER_OK; i++) {
		uint32_t at[2];
		__builtin_memcpy(at, values + 8 * i, 8);
		if (!value_valid(p2_guest(ctx, at[0], at[1]), at[1]))
			error = HEADER_INVALID_SYNTAX;
	}
	if (error == HEADER_OK) {
		remove_all(rep->fields, name, name_len);
		for (uint32_t i = 0; i < values_len; i++) {
			uint32_t at[2];
			__builtin_memcpy(at, values + 8 * i, 8);
			p2_http_fields_add(rep->fields, (const char *)name, name_len, p2_guest(ctx, at[0], at[1]), at[1]);
		}
	}
	store_result(ret, error);
}

void wasi_p2_http_types_fields_delete(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t name_ptr, uint32_t name_len,
		uint32_t ret_ptr)
{
	struct p2_http_fields_rep *rep = rep_of(self);
	const uint8_t *name = p2_guest(ctx, name_ptr, name_len);
	uint8_t *ret = p2_guest(ctx, ret_ptr, 2);
	int error = rep->immutable ? HEADER_IMMUTABLE : check(name, name_len, NULL, 0);
	if (error == HEADER_OK)
		remove_all(rep->fields, name, name_len);
	store_result(ret, error);
}

void wasi_p2_http_types_fields_append(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t name_ptr, uint32_t name_len,
		uint32_t value_ptr, uint32_t value_len, uint32_t ret_ptr)
{
	struct p2_http_fields_rep *rep = rep_of(self);
	const uint8_t *name = p2_guest(ctx, name_ptr, name_len), *value = p2_guest(ctx, value_ptr, value_len);
	uint8_t *ret = p2_guest(ctx, ret_ptr, 2);
	int error = rep->immutable ? HEADER_IMMUTABLE : check(name, name_len, value, value_len);
	if (error == HEADER_OK)
		p2_http_fields_add(rep->fields, (const char *)name, name_len, value, value_len);
	store_result(ret, error);
}

void wasi_p2_http_types_fields_entries(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret_ptr)
{
	const struct p2_http_fields *f = rep_of(self)->fields;
	uint32_t list = p2_alloc(ctx, 4, f->count * 16);
	for (uint32_t i = 0; i < f->count; i++) {
		const struct wasi_p2_http_header *h = &f->items[i];
		uint32_t name = p2_alloc_copy(ctx, h->name, h->name_len);
		uint32_t value = p2_alloc_copy(ctx, h->value, h->value_len);
		uint8_t *slot = p2_guest(ctx, list + 16 * i, 16);
		p2_store_u32(slot, name);
		p2_store_u32(slot + 4, h->name_len);
		p2_store_u32(slot + 8, value);
		p2_store_u32(slot + 12, h->value_len);
	}
	uint8_t *ret = p2_guest(ctx, ret_ptr, 8);
	p2_store_u32(ret, list);
	p2_store_u32(ret + 4, f->count);
}

/* A mutable copy, also of an immutable list. */
uint32_t wasi_p2_http_types_fields_clone(struct wasi_p2_ctx *ctx, uint32_t self)
{
	(void)ctx;
	const struct p2_http_fields *f = rep_of(self)->fields;
	struct p2_http_fields *copy = p2_http_alloc(sizeof *copy);
	for (uint32_t i = 0; i < f->count; i++)
		p2_http_fields_add(copy, f->items[i].name, f->items[i].name_len, (const uint8_t *)f->items[i].value,
				f->items[i].value_len);
	return p2_http_fields_handle(copy, false);
}

void wasi_p2_http_types_drop_fields(struct wasi_p2_ctx *ctx, uint32_t h)
{
	(void)ctx;
	p2_handle_drop(h, P2_RES_FIELDS);
}
