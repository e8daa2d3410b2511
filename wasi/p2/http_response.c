/*
 * wasi:http/types' outgoing side for a handler: outgoing-response, its
 * outgoing-body (an output-stream into an in-memory file, wasi:io/streams'
 * own code, that the server sends once the handler returns) and the
 * response-outparam the handler sets.
 */
#include "http.h"
#include "os.h"

/* What a response becomes: shared by its handle, its body's and the outparam once set. */
struct response {
	uint16_t status;
	struct p2_http_fields *headers;
	int body_fd;     /* -1 until body() */
	bool body_taken, stream_taken, finished;
};

/* outgoing-response, outgoing-body: the response. */
struct response_rep {
	struct response *response;
};

/* response-outparam: where the handler's answer goes; it outlives the handle, which set takes. */
struct wasi_p2_http_outparam {
	bool set, ok;
	struct response *response;
};

struct outparam_rep {
	struct wasi_p2_http_outparam *outparam;
};

_Static_assert(sizeof(struct response_rep) <= P2_REP_SIZE, "outgoing-response fits a handle");
_Static_assert(sizeof(struct outparam_rep) <= P2_REP_SIZE, "response-outparam fits a handle");

static struct response *response_of(uint32_t h, enum p2_resource type)
{
	return ((struct response_rep *)p2_handle_get(h, type))->response;
}

uint32_t wasi_p2_http_types_outgoing_response_new(struct wasi_p2_ctx *ctx, uint32_t headers)
{
	(void)ctx;
	struct response *r = p2_http_alloc(sizeof *r);
	r->status = 200;
	r->headers = p2_http_fields_take(headers);
	r->body_fd = -1;
	struct response_rep rep = { r };
	return p2_handle_new(P2_RES_OUTGOING_RESPONSE, &rep, sizeof rep);
}

uint32_t wasi_p2_http_types_outgoing_response_status_code(struct wasi_p2_ctx *ctx, uint32_t self)
{
	(void)ctx;
	return response_of(self, P2_RES_OUTGOING_RESPONSE)->status;
}

/* result: err for a status outside 100..599, RFC 9110's valid codes (Wasmtime takes up to 999). */
uint32_t wasi_p2_http_types_outgoing_response_set_status_code(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t status)
{
	(void)ctx;
	struct response *r = response_of(self, P2_RES_OUTGOING_RESPONSE);
	status &= 0xffff; /* a u16 lowered as i32: the Canonical ABI ignores the high bits */
	if (status < 100 || status > 599)
		return 1;
	r->status = (uint16_t)status;
	return 0;
}

uint32_t wasi_p2_http_types_outgoing_response_headers(struct wasi_p2_ctx *ctx, uint32_t self)
{
	(void)ctx;
	return p2_http_fields_handle(response_of(self, P2_RES_OUTGOING_RESPONSE)->headers, true);
}

/* result<own<outgoing-body>>: once; err after, or when no in-memory file can be made. */
void wasi_p2_http_types_outgoing_response_body(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret_ptr)
{
	struct response *r = response_of(self, P2_RES_OUTGOING_RESPONSE);
	uint8_t *ret = p2_guest(ctx, ret_ptr, 8);
	long fd = r->body_taken ? -1 : os_memfd("wasmc-http-body");
	if (fd < 0) {
		p2_store_u8(ret, 1);
		return;
	}
	r->body_taken = true;
	r->body_fd = (int)fd;
	struct response_rep rep = { r };
	uint32_t h = p2_handle_new(P2_RES_OUTGOING_BODY, &rep, sizeof rep);
	p2_store_u8(ret, 0);
	p2_store_u32(ret + 4, h);
}

void wasi_p2_http_types_drop_outgoing_response(struct wasi_p2_ctx *ctx, uint32_t h)
{
	(void)ctx;
	p2_handle_drop(h, P2_RES_OUTGOING_RESPONSE);
}

/* result<own<output-stream>>: once; err after. */
void wasi_p2_http_types_outgoing_body_write(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret_ptr)
{
	struct response *r = response_of(self, P2_RES_OUTGOING_BODY);
	uint8_t *ret = p2_guest(ctx, ret_ptr, 8);
	if (r->stream_taken) {
		p2_store_u8(ret, 1);
		return;
	}
	r->stream_taken = true;
	uint32_t h = p2_output_stream_new(r->body_fd, false, P2_STREAM_SEQUENTIAL, 0);
	p2_store_u8(ret, 0);
	p2_store_u32(ret + 4, h);
}

/* (body, option<own<trailers>>) -> result<_, error-code>: ok; trailers are not sent yet (HTTP/1.1 without chunks). */
void wasi_p2_http_types_outgoing_body_finish(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t has_trailers,
		uint32_t trailers, uint32_t ret_ptr)
{
	struct response *r = response_of(self, P2_RES_OUTGOING_BODY);
	uint8_t *ret = p2_guest(ctx, ret_ptr, 8);
	if (has_trailers)
		p2_http_fields_take(trailers);
	p2_handle_drop(self, P2_RES_OUTGOING_BODY);
	r->finished = true;
	p2_store_u8(ret, 0);
}

void wasi_p2_http_types_drop_outgoing_body(struct wasi_p2_ctx *ctx, uint32_t h)
{
	(void)ctx;
	p2_handle_drop(h, P2_RES_OUTGOING_BODY);
}

struct wasi_p2_http_outparam *wasi_p2_http_outparam_new(uint32_t *handle)
{
	struct outparam_rep rep = { p2_http_alloc(sizeof(struct wasi_p2_http_outparam)) };
	*handle = p2_handle_new(P2_RES_RESPONSE_OUTPARAM, &rep, sizeof rep);
	return rep.outparam;
}

/*
 * set: static func(param: own<response-outparam>, response: result<own<outgoing-response>, error-code>),
 * flattened: the handle, the result's case, then the joined payload: the
 * response's handle (ok) or error-code's case and fields (err, only noted).
 */
void wasi_p2_http_types_response_outparam_set(struct wasi_p2_ctx *ctx, uint32_t param, uint32_t is_err,
		uint32_t payload, uint32_t p2, uint64_t p3, uint32_t p4, uint32_t p5, uint32_t p6, uint32_t p7)
{
	(void)ctx, (void)p2, (void)p3, (void)p4, (void)p5, (void)p6, (void)p7;
	struct wasi_p2_http_outparam *o = ((struct outparam_rep *)p2_handle_get(param, P2_RES_RESPONSE_OUTPARAM))->outparam;
	if (is_err > 1)
		rt_trap(RT_TRAP_UNREACHABLE); /* an invalid discriminant traps, as the Canonical ABI lifts */
	if (!is_err) {
		o->response = response_of(payload, P2_RES_OUTGOING_RESPONSE);
		p2_handle_drop(payload, P2_RES_OUTGOING_RESPONSE);
	}
	p2_handle_drop(param, P2_RES_RESPONSE_OUTPARAM);
	o->set = true;
	o->ok = !is_err;
}

void wasi_p2_http_types_drop_response_outparam(struct wasi_p2_ctx *ctx, uint32_t h)
{
	(void)ctx;
	p2_handle_drop(h, P2_RES_RESPONSE_OUTPARAM);
}

bool wasi_p2_http_response_get(const struct wasi_p2_http_outparam *o, struct wasi_p2_http_response *out)
{
	if (!o->set || !o->ok)
		return false;
	const struct response *r = o->response;
	out->status = r->status;
	out->headers = r->headers->items;
	out->header_count = r->headers->count;
	out->body_fd = r->body_fd;
	long end = r->body_fd >= 0 ? os_lseek(r->body_fd, 0, 2) : 0;
	out->body_size = end > 0 ? (uint64_t)end : 0;
	return true;
}
