/*
 * wasi:http's face to the server entry (wasi/entry/http_main.c): making the
 * incoming-request and response-outparam handles a request's handler gets,
 * and reading back the response it set. One request per process: the
 * server gives each request a process of its own (docs/serving.md).
 */
#ifndef WASMC_WASI_P2_HTTP_H
#define WASMC_WASI_P2_HTTP_H

#include <stdbool.h>
#include <stdint.h>

/* A header as the server parsed it: name and value bytes (not NUL-terminated). */
struct wasi_p2_http_header {
	const char *name, *value;
	uint32_t name_len, value_len;
};

/* A parsed request, as the handler sees it. */
struct wasi_p2_http_request {
	const char *method, *target, *authority; /* authority: the Host header, or NULL */
	uint32_t method_len, target_len, authority_len;
	const struct wasi_p2_http_header *headers;
	uint32_t header_count;
	int body_fd; /* a file holding the whole body, read from offset 0 */
};

/*
 * A new own incoming-request handle for the handler's call. Headers the
 * server passes are not validated again; the handler sees them immutable,
 * names in lower case.
 */
uint32_t wasi_p2_http_request_new(const struct wasi_p2_http_request *request);

/* A response-outparam: its own handle for the handler's call in *handle, and its state, which outlives the handle. */
struct wasi_p2_http_outparam;
struct wasi_p2_http_outparam *wasi_p2_http_outparam_new(uint32_t *handle);

/* The response the handler set through the outparam. */
struct wasi_p2_http_response {
	uint16_t status;
	uint32_t header_count;
	const struct wasi_p2_http_header *headers;
	int body_fd;      /* the body written so far, from offset 0; -1 without a body */
	uint64_t body_size;
};

/*
 * The response set through the outparam: true with *out filled if the
 * handler set ok(response); false if it set an error-code or nothing.
 */
bool wasi_p2_http_response_get(const struct wasi_p2_http_outparam *outparam, struct wasi_p2_http_response *out);

#endif
