/*
 * The HTTP/1.1 server's wire protocol, over rtlib's OS layer only: the
 * listening socket, a strict parser of request heads, reading a request's
 * body (Content-Length or chunked) into a file, and writing responses. The
 * server entry (wasi/entry/http_main.c) puts these around a handler;
 * nothing here knows WASI. docs/serving.md describes the behaviour.
 */
#ifndef WASMC_HTTP_SERVER_H
#define WASMC_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits of what a request may hold; beyond them it is refused with the status given. */
#define HTTP_HEAD_MAX (16u * 1024)        /* request line and headers: 431 (a request line alone: 414) */
#define HTTP_HEADERS_MAX 100u              /* header lines: 431 */
#define HTTP_BODY_MAX (64ull << 20)        /* body bytes: 413 */
#define HTTP_IDLE_TIMEOUT_S 30             /* a keep-alive connection without a request is closed */
#define HTTP_READ_TIMEOUT_S 30             /* a request arriving slower than this (each read) gets 408 */
#define HTTP_WRITE_TIMEOUT_S 30            /* a client reading its response slower than this (each write) is dropped */

/* ---- listen.c ---- */

/*
 * A listening TCP socket on "ADDR:PORT" (IPv4 dotted quad, or [IPv6]; port
 * 0: any free port), close-on-exec. Returns the socket and the port bound
 * in *port, or -1 with a reason in *why.
 */
int http_listen(const char *addr_port, uint16_t *port, const char **why);

/* ---- request_parse.c ---- */

struct http_field_ref {
	const char *name, *value; /* into the parsed buffer; the value without surrounding whitespace */
	uint32_t name_len, value_len;
};

/* A parsed request head; strings point into the buffer it was parsed from. */
struct http_head {
	const char *method, *target;
	uint32_t method_len, target_len;
	uint8_t minor;                   /* HTTP/1.<minor>: 0 or 1 */
	struct http_field_ref fields[HTTP_HEADERS_MAX];
	uint32_t field_count;
	const struct http_field_ref *host; /* the Host header, or NULL */
	bool chunked;                    /* Transfer-Encoding: chunked */
	bool has_length;
	uint64_t content_length;
	bool keep_alive;                 /* the connection may carry another request after this one */
	bool expect_continue;            /* Expect: 100-continue (HTTP/1.1): the client waits for 100 before the body */
	size_t head_size;                /* bytes of the head, its final empty line included */
};

/*
 * Parses the request head at the start of buf[0, len). Returns 0 and fills
 * *head once it is complete, -1 if more bytes are needed (and may come:
 * len is below HTTP_HEAD_MAX), else the status to refuse it with: 400 (bad
 * syntax, a missing or repeated Host in HTTP/1.1, a bad or conflicting
 * Content-Length or Transfer-Encoding), 414, 417 (an expectation other
 * than 100-continue), 431, 501 (a transfer coding other than chunked), 505
 * (a version other than HTTP/1.0 and 1.1).
 */
int http_parse_head(const char *buf, size_t len, struct http_head *head);

/* ---- connection.c ---- */

/* A client connection: its socket and the bytes read but not yet used. */
struct http_conn {
	int fd;
	int stop_fd;       /* readable when the server stops: no new request is waited for (-1: none) */
	size_t start, end; /* buf[start, end): read, not yet consumed */
	char buf[HTTP_HEAD_MAX];
	char head[HTTP_HEAD_MAX]; /* the current request's head, which http_head points into */
};

enum {
	HTTP_READ_CLOSED = -1, /* the client closed or went idle between requests, or the server stops: close */
};

/*
 * Reads the next request: its head into *head (pointing into conn->head,
 * valid until the next call) and its whole body into body_fd (written from
 * offset 0; truncated first), answering "100 Continue" first when the
 * client expects it. Returns 0, HTTP_READ_CLOSED, or the status
 * to refuse it with (http_parse_head's, 408 for a client too slow, 413 for
 * a body too large, 400 for a bad chunk); after a refusal the connection
 * must be closed.
 */
int http_read_request(struct http_conn *conn, struct http_head *head, int body_fd);

/*
 * Writes all n bytes to the connection's socket `fd` (non-blocking: the
 * server accepts it so), waiting at most HTTP_WRITE_TIMEOUT_S each time it
 * is full; false if the client went away or read too slowly.
 */
bool http_send_all(int fd, const void *p, size_t n);

/* ---- response_write.c ---- */

struct http_response_head {
	uint16_t status;
	const struct http_field_ref *fields; /* content-length and hop-by-hop fields are left out: the server sets them */
	uint32_t field_count;
	uint64_t body_size;
	bool keep_alive;
	bool head_only; /* a response to HEAD: no body bytes */
};

/* Writes the head, then body_size bytes of body_fd from offset 0 (unless head_only); false if a write failed. */
bool http_write_response(int fd, const struct http_response_head *r, int body_fd);

/* A short text response with `status` (400, 500, ...) and Connection: close unless keep_alive. */
bool http_write_status(int fd, uint16_t status, bool keep_alive);

#endif
