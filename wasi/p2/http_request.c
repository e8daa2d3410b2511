/*
 * wasi:http/types' incoming side: the incoming-request the server hands to
 * the handler, its body (an input-stream over the file the server filled,
 * wasi:io/streams' own code) and the body's future-trailers (always ready:
 * no trailers).
 */
#include "http.h"

/* The representation of incoming-request handles. */
struct request_rep {
	const struct wasi_p2_http_request *request; /* the server's, copied */
	struct p2_http_fields *headers;
	bool consumed;
};

/* incoming-body: the file the body is in. */
struct body_rep {
	int fd;
	bool streamed;
};

_Static_assert(sizeof(struct request_rep) <= P2_REP_SIZE, "incoming-request fits a handle");
_Static_assert(sizeof(struct body_rep) <= P2_REP_SIZE, "incoming-body fits a handle");

/* method's cases before other(string), in the WIT's order. */
static const char *const methods[] = { "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
	"PATCH" };

static char *copy(const char *bytes, uint32_t len)
{
	char *c = p2_http_alloc((uint64_t)len + 1);
	if (len)
		__builtin_memcpy(c, bytes, len);
	return c;
}

uint32_t wasi_p2_http_request_new(const struct wasi_p2_http_request *request)
{
	struct wasi_p2_http_request *r = p2_http_alloc(sizeof *r);
	*r = *request;
	r->method = copy(request->method, request->method_len);
	r->target = copy(request->target, request->target_len);
	r->authority = request->authority ? copy(request->authority, request->authority_len) : NULL;
	struct request_rep rep = { r, p2_http_alloc(sizeof(struct p2_http_fields)), false };
	for (uint32_t i = 0; i < request->header_count; i++) {
		const struct wasi_p2_http_header *h = &request->headers[i];
		p2_http_fields_add(rep.headers, h->name, h->name_len, (const uint8_t *)h->value, h->value_len);
	}
	r->headers = NULL;
	r->header_count = 0;
	return p2_handle_new(P2_RES_INCOMING_REQUEST, &rep, sizeof rep);
}

static struct request_rep *request_of(uint32_t h)
{
	return p2_handle_get(h, P2_RES_INCOMING_REQUEST);
}

static bool equal(const char *a, uint32_t len, const char *b)
{
	uint32_t i = 0;
	for (; i < len && b[i]; i++)
		if (a[i] != b[i])
			return false;
	return i == len && !b[i];
}

/* option<string> in the return area: tag at 0, pointer at 4, length at 8. */
static void store_option_string(struct wasi_p2_ctx *ctx, uint8_t *ret, const char *s, uint32_t len)
{
	p2_store_u8(ret, s != NULL);
	if (s) {
		uint32_t ptr = p2_alloc_copy(ctx, s, len);
		p2_store_u32(ret + 4, ptr);
		p2_store_u32(ret + 8, len);
	}
}

/* method: the case at 0, other's string at 4 and 8. */
void wasi_p2_http_types_incoming_request_method(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret_ptr)
{
	const struct wasi_p2_http_request *r = request_of(self)->request;
	uint8_t *ret = p2_guest(ctx, ret_ptr, 12);
	uint8_t which = sizeof methods / sizeof methods[0];
	for (uint8_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
		if (equal(r->method, r->method_len, methods[i]))
			which = i;
	p2_store_u8(ret, which);
	if (which == sizeof methods / sizeof methods[0]) {
		uint32_t ptr = p2_alloc_copy(ctx, r->method, r->method_len);
		p2_store_u32(ret + 4, ptr);
		p2_store_u32(ret + 8, r->method_len);
	}
}

void wasi_p2_http_types_incoming_request_path_with_query(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret_ptr)
{
	const struct wasi_p2_http_request *r = request_of(self)->request;
	store_option_string(ctx, p2_guest(ctx, ret_ptr, 12), r->target, r->target_len);
}

/* option<scheme>: always some(HTTP), the only scheme the server speaks. */
void wasi_p2_http_types_incoming_request_scheme(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret_ptr)
{
	request_of(self);
	uint8_t *ret = p2_guest(ctx, ret_ptr, 16);
	p2_store_u8(ret, 1);
	p2_store_u8(ret + 4, 0);
}

void wasi_p2_http_types_incoming_request_authority(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret_ptr)
{
	const struct wasi_p2_http_request *r = request_of(self)->request;
	store_option_string(ctx, p2_guest(ctx, ret_ptr, 12), r->authority, r->authority_len);
}

uint32_t wasi_p2_http_types_incoming_request_headers(struct wasi_p2_ctx *ctx, uint32_t self)
{
	(void)ctx;
	return p2_http_fields_handle(request_of(self)->headers, true);
}

/* result<own<incoming-body>>: the body once; err after. */
void wasi_p2_http_types_incoming_request_consume(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret_ptr)
{
	struct request_rep *rep = request_of(self);
	uint8_t *ret = p2_guest(ctx, ret_ptr, 8);
	if (rep->consumed) {
		p2_store_u8(ret, 1);
		return;
	}
	rep->consumed = true;
	struct body_rep body = { rep->request->body_fd, false };
	uint32_t h = p2_handle_new(P2_RES_INCOMING_BODY, &body, sizeof body);
	p2_store_u8(ret, 0);
	p2_store_u32(ret + 4, h);
}

void wasi_p2_http_types_drop_incoming_request(struct wasi_p2_ctx *ctx, uint32_t h)
{
	(void)ctx;
	p2_handle_drop(h, P2_RES_INCOMING_REQUEST);
}

/* result<own<input-stream>>: the stream once; err after. */
void wasi_p2_http_types_incoming_body_stream(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret_ptr)
{
	struct body_rep *body = p2_handle_get(self, P2_RES_INCOMING_BODY);
	uint8_t *ret = p2_guest(ctx, ret_ptr, 8);
	if (body->streamed) {
		p2_store_u8(ret, 1);
		return;
	}
	body->streamed = true;
	uint32_t h = p2_input_stream_new(body->fd, false, P2_STREAM_AT_OFFSET, 0);
	p2_store_u8(ret, 0);
	p2_store_u32(ret + 4, h);
}

uint32_t wasi_p2_http_types_incoming_body_finish(struct wasi_p2_ctx *ctx, uint32_t self)
{
	(void)ctx;
	p2_handle_drop(self, P2_RES_INCOMING_BODY);
	return p2_handle_new(P2_RES_FUTURE_TRAILERS, NULL, 0);
}

void wasi_p2_http_types_drop_incoming_body(struct wasi_p2_ctx *ctx, uint32_t h)
{
	(void)ctx;
	p2_handle_drop(h, P2_RES_INCOMING_BODY);
}

/* A pollable that is ready at once: the trailers (none) are there. */
uint32_t wasi_p2_http_types_future_trailers_subscribe(struct wasi_p2_ctx *ctx, uint32_t self)
{
	(void)ctx;
	p2_handle_get(self, P2_RES_FUTURE_TRAILERS);
	return p2_pollable_new_ready();
}

/*
 * option<result<result<option<trailers>, error-code>>>: some(ok(ok(none))) the
 * first time, some(err) after (the spec's "already taken"). The inner
 * result holds error-code (8-aligned): offsets 0, 8, 16, 24.
 */
void wasi_p2_http_types_future_trailers_get(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret_ptr)
{
	uint8_t *taken = p2_handle_get(self, P2_RES_FUTURE_TRAILERS);
	uint8_t *ret = p2_guest(ctx, ret_ptr, 32);
	p2_store_u8(ret, 1);
	p2_store_u8(ret + 8, *taken);
	if (!*taken) {
		p2_store_u8(ret + 16, 0);
		p2_store_u8(ret + 24, 0);
	}
	*taken = 1;
}

void wasi_p2_http_types_drop_future_trailers(struct wasi_p2_ctx *ctx, uint32_t h)
{
	(void)ctx;
	p2_handle_drop(h, P2_RES_FUTURE_TRAILERS);
}
