/*
 * A wasi:http/incoming-handler in C with hand-written Canonical ABI glue
 * (the imports of http_hello.wit's world, with their flattened signatures;
 * results that do not flatten to one value land in a return area). No libc
 * I/O: it needs no preview-1 adapter, so `jco new` makes a component of it
 * as it is. Routes:
 *   GET /          200, body "hello from wasmc\n", header x-wasmc: hello
 *   POST /echo     200, the request body back, content-type as sent
 *   GET /trap      executes unreachable
 *   GET /loop      loops forever (a server compiled with --timeout traps it)
 *   GET /grow      200 "grew\n" once it has allocated and touched 32 MiB, 507
 *                  "no memory\n" if the allocation fails (wasmc --max-memory)
 *   GET /unset     returns without setting the response-outparam
 *   GET /error     sets the outparam to an error-code (internal-error("no"))
 *   GET /counter   200, body the value of a global counter before this
 *                  request incremented it: "0\n" when every request gets
 *                  a fresh instance
 *   GET /headers   200, body the request's headers, "name: value\n" each
 *   GET /fields    200, body what each fields operation answered (header-error
 *                  cases by name), one line each: the spec's validation
 *   other          404
 * Every response also carries the counter in x-counter.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "p2_guest.h"

#define TYPES "wasi:http/types@0.2.12"
#define STREAMS "wasi:io/streams@0.2.12"

struct list {
	void *ptr;
	uint32_t len;
};
/* result<own<T>>: tag at 0, handle at 4. */
struct result_handle {
	uint8_t tag;
	uint32_t handle;
};
/* result<_, header-error>: tag at 0, the error at 1. */
struct result_header {
	uint8_t tag, error;
};
/* method, option<string>: tag at 0, string at 4 and 8. */
struct tagged_string {
	uint8_t tag;
	char *ptr;
	uint32_t len;
};
/* result<list<u8>, stream-error> and result<_, stream-error>: tag at 0, payload at 4. */
struct result_list {
	uint8_t tag;
	uint32_t a, b;
};
/* result<_, error-code>: tag at 0 (error-code 8-aligned after it). */
struct result_error_code {
	uint8_t tag;
	uint8_t payload[40] __attribute__((aligned(8)));
};

IMPORT(TYPES, "[constructor]fields") uint32_t fields_new(void);
IMPORT(TYPES, "[method]fields.append")
void fields_append(uint32_t self, const char *name, size_t name_len, const void *value, size_t value_len,
		struct result_header *ret);
IMPORT(TYPES, "[method]fields.get") void fields_get(uint32_t self, const char *name, size_t len, struct list *ret);
IMPORT(TYPES, "[method]fields.entries") void fields_entries(uint32_t self, struct list *ret);
IMPORT(TYPES, "[resource-drop]fields") void drop_fields(uint32_t h);
IMPORT(TYPES, "[method]fields.has") uint32_t fields_has(uint32_t self, const char *name, size_t len);
IMPORT(TYPES, "[method]fields.set")
void fields_set(uint32_t self, const char *name, size_t name_len, const struct list *values, size_t count,
		struct result_header *ret);
IMPORT(TYPES, "[method]fields.delete")
void fields_delete(uint32_t self, const char *name, size_t len, struct result_header *ret);
IMPORT(TYPES, "[method]fields.clone") uint32_t fields_clone(uint32_t self);
/* result<own<fields>, header-error>: tag at 0, the handle or the error at 4. */
IMPORT(TYPES, "[static]fields.from-list") void fields_from_list(const struct list *entries, size_t count,
		struct result_handle *ret);
IMPORT(TYPES, "[method]outgoing-response.headers") uint32_t response_headers(uint32_t self);
IMPORT(TYPES, "[resource-drop]outgoing-response") void drop_response(uint32_t h);
IMPORT(TYPES, "[method]incoming-request.method") void request_method(uint32_t self, struct tagged_string *ret);
IMPORT(TYPES, "[method]incoming-request.path-with-query") void request_path(uint32_t self, struct tagged_string *ret);
IMPORT(TYPES, "[method]incoming-request.headers") uint32_t request_headers(uint32_t self);
IMPORT(TYPES, "[method]incoming-request.consume") void request_consume(uint32_t self, struct result_handle *ret);
IMPORT(TYPES, "[resource-drop]incoming-request") void drop_request(uint32_t h);
IMPORT(TYPES, "[method]incoming-body.stream") void body_stream(uint32_t self, struct result_handle *ret);
IMPORT(TYPES, "[static]incoming-body.finish") uint32_t body_finish(uint32_t self);
IMPORT(TYPES, "[resource-drop]future-trailers") void drop_future_trailers(uint32_t h);
IMPORT(TYPES, "[constructor]outgoing-response") uint32_t response_new(uint32_t headers);
IMPORT(TYPES, "[method]outgoing-response.set-status-code") uint32_t response_set_status(uint32_t self, uint32_t status);
IMPORT(TYPES, "[method]outgoing-response.body") void response_body(uint32_t self, struct result_handle *ret);
IMPORT(TYPES, "[method]outgoing-body.write") void outgoing_body_write(uint32_t self, struct result_handle *ret);
IMPORT(TYPES, "[static]outgoing-body.finish")
void outgoing_body_finish(uint32_t self, uint32_t has_trailers, uint32_t trailers, struct result_error_code *ret);
/* (param, result<own<outgoing-response>, error-code>) flattened: the case, then the joined payload. */
IMPORT(TYPES, "[static]response-outparam.set")
void outparam_set(uint32_t param, uint32_t is_err, uint32_t payload, uint32_t p2, uint64_t p3, uint32_t p4,
		uint32_t p5, uint32_t p6, uint32_t p7);
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush")
void out_write(uint32_t self, const void *p, size_t n, struct result_list *ret);
IMPORT(STREAMS, "[method]input-stream.blocking-read") void in_read(uint32_t self, uint64_t n, struct result_list *ret);
IMPORT(STREAMS, "[resource-drop]input-stream") void drop_input_stream(uint32_t h);
IMPORT(STREAMS, "[resource-drop]output-stream") void drop_output_stream(uint32_t h);

enum { METHOD_GET = 0, METHOD_POST = 2 };

/* What a fresh instance starts with; a request that sees anything else saw another's state. */
static uint32_t counter;
static volatile uint32_t spin;
static char *volatile grown;

/* A growing byte buffer for bodies. */
struct bytes {
	char *p;
	size_t len, cap;
};

static void add(struct bytes *b, const void *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void add_str(struct bytes *b, const char *s)
{
	add(b, s, strlen(s));
}

static void add_u32(struct bytes *b, uint32_t v)
{
	char digits[10];
	int n = 0;
	do {
		digits[9 - n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	add(b, digits + 10 - n, (size_t)n);
}

static void append(uint32_t fields, const char *name, const void *value, size_t len)
{
	struct result_header r;
	fields_append(fields, name, strlen(name), value, len, &r);
	if (r.tag)
		abort();
}

/* The whole request body. */
static struct bytes read_body(uint32_t request)
{
	struct bytes b = { 0 };
	struct result_handle body, stream;
	request_consume(request, &body);
	if (body.tag)
		abort();
	body_stream(body.handle, &stream);
	if (stream.tag)
		abort();
	for (;;) {
		struct result_list r;
		in_read(stream.handle, 65536, &r);
		if (r.tag)
			break; /* closed: the end of the body */
		add(&b, (void *)r.a, r.b);
		free((void *)r.a);
	}
	drop_input_stream(stream.handle);
	drop_future_trailers(body_finish(body.handle));
	return b;
}

/* Sets the response: status, headers (those given and x-counter: `seen`), body. */
static void respond(uint32_t outparam, uint32_t status, uint32_t headers, const struct bytes *body, uint32_t seen)
{
	struct bytes count = { 0 };
	add_u32(&count, seen);
	append(headers, "x-counter", count.p, count.len);
	uint32_t response = response_new(headers);
	if (response_set_status(response, status))
		abort();
	struct result_handle out_body, stream;
	response_body(response, &out_body);
	if (out_body.tag)
		abort();
	outparam_set(outparam, 0, response, 0, 0, 0, 0, 0, 0);
	outgoing_body_write(out_body.handle, &stream);
	if (stream.tag)
		abort();
	for (size_t at = 0; at < body->len;) {
		size_t n = body->len - at < 4096 ? body->len - at : 4096; /* blocking-write-and-flush takes at most 4096 */
		struct result_list r;
		out_write(stream.handle, body->p + at, n, &r);
		if (r.tag)
			abort();
		at += n;
	}
	drop_output_stream(stream.handle);
	struct result_error_code done;
	outgoing_body_finish(out_body.handle, 0, 0, &done);
	if (done.tag)
		abort();
}

static const char *header_result(const struct result_header *r)
{
	static const char *const errors[] = { "invalid-syntax", "forbidden", "immutable" };
	return r->tag == 0 ? "ok" : r->error < 3 ? errors[r->error] : "bad case";
}

static void report(struct bytes *b, const char *what, const char *answer)
{
	add_str(b, what);
	add_str(b, ": ");
	add_str(b, answer);
	add_str(b, "\n");
}

static void report_append(struct bytes *b, uint32_t fields, const char *name, const char *value)
{
	struct result_header r;
	fields_append(fields, name, strlen(name), value, strlen(value), &r);
	struct bytes what = { 0 };
	add_str(&what, "append ");
	add_str(&what, name);
	add(&what, "", 1);
	report(b, what.p, header_result(&r));
	free(what.p);
}

/* The values of `name`, joined by commas. */
static void report_get(struct bytes *b, uint32_t fields, const char *name)
{
	struct list values;
	fields_get(fields, name, strlen(name), &values);
	add_str(b, "get ");
	add_str(b, name);
	add_str(b, ":");
	struct list *v = values.ptr;
	for (uint32_t i = 0; i < values.len; i++) {
		add_str(b, i ? "," : " ");
		add(b, v[i].ptr, v[i].len);
	}
	add_str(b, "\n");
}

/* Every fields operation on good and bad input, in the body. */
static void check_fields(uint32_t request, struct bytes *b)
{
	uint32_t f = fields_new();
	report_append(b, f, "X-Name", "v1");
	report_append(b, f, "x-name", "v2");
	report_append(b, f, "bad name", "v");
	report_append(b, f, "", "v");
	report_append(b, f, "x-ctl", "a\r\nb");
	report_append(b, f, "x-tab", "a\tb");
	report_append(b, f, "Connection", "close");
	report_append(b, f, "host", "example.com");
	report_append(b, f, "transfer-encoding", "chunked");
	report_get(b, f, "X-NAME");
	report(b, "has x-name", fields_has(f, "x-name", 6) ? "true" : "false");
	report(b, "has x-none", fields_has(f, "x-none", 6) ? "true" : "false");
	struct list values[2] = { { "1", 1 }, { "2", 1 } };
	struct result_header r;
	fields_set(f, "x-multi", 7, values, 2, &r);
	report(b, "set x-multi", header_result(&r));
	report_get(b, f, "x-multi");
	struct list bad_value = { "a\nb", 3 };
	fields_set(f, "x-multi", 7, &bad_value, 1, &r);
	report(b, "set x-multi a\\nb", header_result(&r));
	fields_delete(f, "x-multi", 7, &r);
	report(b, "delete x-multi", header_result(&r));
	report(b, "has x-multi", fields_has(f, "x-multi", 7) ? "true" : "false");
	fields_delete(f, "bad name", 8, &r);
	report(b, "delete bad name", header_result(&r));
	struct list entries;
	fields_entries(f, &entries);
	add_str(b, "entries:");
	struct list *e = entries.ptr;
	for (uint32_t i = 0; i < entries.len; i++) {
		add_str(b, " ");
		add(b, e[2 * i].ptr, e[2 * i].len);
		add_str(b, "=");
		add(b, e[2 * i + 1].ptr, e[2 * i + 1].len);
	}
	add_str(b, "\n");

	struct list good[4] = { { "a", 1 }, { "1", 1 }, { "B", 1 }, { "2", 1 } };
	struct result_handle made;
	fields_from_list(good, 2, &made);
	report(b, "from-list a=1 B=2", made.tag ? "error" : "ok");
	if (!made.tag) {
		report_get(b, made.handle, "b");
		drop_fields(made.handle);
	}
	struct list forbidden[2] = { { "upgrade", 7 }, { "h2c", 3 } };
	fields_from_list(forbidden, 1, &made);
	struct result_header as_header = { made.tag, (uint8_t)made.handle };
	report(b, "from-list upgrade=h2c", header_result(&as_header));

	uint32_t in = request_headers(request);
	struct result_header immutable;
	fields_append(in, "x-new", 5, "v", 1, &immutable);
	report(b, "append to the request's headers", header_result(&immutable));
	fields_delete(in, "host", 4, &immutable);
	report(b, "delete from the request's headers", header_result(&immutable));
	uint32_t copy = fields_clone(in);
	fields_append(copy, "x-new", 5, "v", 1, &immutable);
	report(b, "append to a clone of them", header_result(&immutable));
	drop_fields(copy);
	drop_fields(in);

	uint32_t response = response_new(f);
	report(b, "set-status-code 99", response_set_status(response, 99) ? "error" : "ok");
	report(b, "set-status-code 600", response_set_status(response, 600) ? "error" : "ok");
	report(b, "set-status-code 599", response_set_status(response, 599) ? "error" : "ok");
	uint32_t child = response_headers(response);
	fields_append(child, "x-new", 5, "v", 1, &immutable);
	report(b, "append to a response's headers", header_result(&immutable));
	drop_fields(child);
	drop_response(response);
}

static bool is(const struct tagged_string *s, const char *text)
{
	return s->tag && s->len == strlen(text) && !memcmp(s->ptr, text, s->len);
}

__attribute__((export_name("wasi:http/incoming-handler@0.2.12#handle"))) void handle(uint32_t request,
		uint32_t outparam)
{
	struct tagged_string method, path;
	request_method(request, &method);
	request_path(request, &path);
	uint32_t headers = fields_new();
	struct bytes body = { 0 };
	uint32_t status = 200;
	uint32_t seen = counter++; /* left behind: the next request must not see it */
	if (method.tag == METHOD_GET && is(&path, "/")) {
		append(headers, "x-wasmc", "hello", 5);
		append(headers, "content-type", "text/plain", 10);
		add_str(&body, "hello from wasmc\n");
	} else if (method.tag == METHOD_POST && is(&path, "/echo")) {
		uint32_t in = request_headers(request);
		struct list types;
		fields_get(in, "content-type", 12, &types);
		if (types.len) {
			struct list *first = types.ptr;
			append(headers, "content-type", first->ptr, first->len);
		}
		drop_fields(in);
		body = read_body(request);
	} else if (method.tag == METHOD_GET && is(&path, "/trap")) {
		__builtin_trap();
	} else if (method.tag == METHOD_GET && is(&path, "/fields")) {
		check_fields(request, &body);
	} else if (method.tag == METHOD_GET && is(&path, "/grow")) {
		size_t size = 32u << 20;
		grown = malloc(size); /* kept in a volatile, so that the compiler cannot elide the allocation */
		if (grown) {
			memset(grown, 1, size);
			add_str(&body, "grew\n");
		} else {
			status = 507;
			add_str(&body, "no memory\n");
		}
	} else if (method.tag == METHOD_GET && is(&path, "/unset")) {
		drop_fields(headers);
		drop_request(request);
		return;
	} else if (method.tag == METHOD_GET && is(&path, "/error")) {
		/* error-code's case internal-error (38), its option<string> some("no"): the joined flat payload. */
		enum { INTERNAL_ERROR = 38 };
		drop_fields(headers);
		drop_request(request);
		outparam_set(outparam, 1, INTERNAL_ERROR, 1, (uint64_t)(uintptr_t)"no", 2, 0, 0, 0);
		return;
	} else if (method.tag == METHOD_GET && is(&path, "/loop")) {
		for (;;)
			spin++;
	} else if (method.tag == METHOD_GET && is(&path, "/counter")) {
		add_u32(&body, seen);
		add_str(&body, "\n");
	} else if (method.tag == METHOD_GET && is(&path, "/headers")) {
		uint32_t in = request_headers(request);
		struct list entries;
		fields_entries(in, &entries);
		struct list *e = entries.ptr;
		for (uint32_t i = 0; i < entries.len; i++) {
			add(&body, e[2 * i].ptr, e[2 * i].len);
			add_str(&body, ": ");
			add(&body, e[2 * i + 1].ptr, e[2 * i + 1].len);
			add_str(&body, "\n");
		}
		drop_fields(in);
	} else {
		status = 404;
		add_str(&body, "not found\n");
	}
	drop_request(request);
	respond(outparam, status, headers, &body, seen);
}
