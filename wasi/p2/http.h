/*
 * wasi:http/types inside p2: fields (headers and trailers), shared by the
 * request and response files. Everything is allocated with rt_alloc and
 * never freed: a request's process ends with it (docs/serving.md).
 */
#ifndef WASMC_P2_HTTP_H
#define WASMC_P2_HTTP_H

#include "p2.h"
#include "wasi_p2_http.h"

/* A list of fields: names in lower case, in the order added. */
struct p2_http_fields {
	struct wasi_p2_http_header *items;
	uint32_t count, capacity;
};

/* A fields handle: its list, and whether it may change (a child of a request or response may not). */
struct p2_http_fields_rep {
	struct p2_http_fields *fields;
	bool immutable;
};

/* A new own fields handle over `fields` (NULL: a new empty list). */
uint32_t p2_http_fields_handle(struct p2_http_fields *fields, bool immutable);

/* Appends a copy of name (lowered) and value to the list. */
void p2_http_fields_add(struct p2_http_fields *f, const char *name, uint32_t name_len, const uint8_t *value,
		uint32_t value_len);

/* Takes own fields handle `h` away from the guest: its list, which the caller now owns. */
struct p2_http_fields *p2_http_fields_take(uint32_t h);

/* Host-side allocations of the request's lifetime (rt_alloc: trapping when out of memory). */
void *p2_http_alloc(uint64_t size);

#endif
