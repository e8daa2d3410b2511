/*
 * The host side of WASI 0.2 (preview 2): the functions of wasi_p2.def, which
 * components' `canon lower`s are bound to. Each is called by generated code
 * as wasi_p2_SYMBOL(ctx, flat params...) with the Canonical ABI's flattened
 * signature (the lower's view: at most 16 flat parameters, one flat result,
 * else a trailing i32 pointer to the return area).
 *
 * `ctx` is the lower's context (wasi_p2.h), made by the component entry from its
 * canonical options. Its header is an rt_instance whose memory 0 is the
 * lower's `memory` option. WASI 0.2 never calls preview 1's functions: both
 * work over the shared host layer (descriptor table, sandbox, fs_ops.h).
 *
 * The Canonical ABI traps where preview 1 returned EFAULT: a pointer outside
 * the memory, a handle that is not in the table or has another type, a
 * realloc result out of bounds. Those trap (rt_trap) with the messages of
 * traps.def; WASI errors are values (result<_, error-code> and the like).
 */
#ifndef WASMC_WASI_P2_H
#define WASMC_WASI_P2_H

#include <stdbool.h>
#include <stdint.h>

#include "rt_abi.h"
#include "wasi_p2.h"

/* ---- Guest memory (the lower's `memory`) ---- */

/* The host address of [ptr, ptr + len), or a trap "out of bounds memory access". */
uint8_t *p2_guest(struct wasi_p2_ctx *ctx, uint32_t ptr, uint64_t len);

/*
 * Allocates `size` bytes aligned to `align` in the guest through the lower's
 * realloc (realloc(0, 0, align, size)) and returns the guest pointer. Traps
 * if there is no realloc or its result is misaligned or out of bounds.
 */
uint32_t p2_alloc(struct wasi_p2_ctx *ctx, uint32_t align, uint32_t size);

/* Copies bytes into fresh guest memory (p2_alloc, align 1) and returns the pointer. */
uint32_t p2_alloc_copy(struct wasi_p2_ctx *ctx, const void *bytes, uint32_t size);

/* Little-endian stores into the return area or other guest memory at a host address from p2_guest. */
static inline void p2_store_u8(uint8_t *p, uint8_t v) { *p = v; }
static inline void p2_store_u16(uint8_t *p, uint16_t v) { __builtin_memcpy(p, &v, 2); }
static inline void p2_store_u32(uint8_t *p, uint32_t v) { __builtin_memcpy(p, &v, 4); }
static inline void p2_store_u64(uint8_t *p, uint64_t v) { __builtin_memcpy(p, &v, 8); }

/* ---- Resource handles ---- */

/*
 * Host resource types. A handle is an index into the one handle table of
 * the component instance (index 0 is never used); its entry holds the type,
 * and the resource's representation: P2_REP_SIZE bytes that the interface
 * owning the type lays out (a struct it static-asserts to fit).
 */
enum p2_resource {
	P2_RES_NONE,
	P2_RES_INPUT_STREAM,
	P2_RES_OUTPUT_STREAM,
	P2_RES_ERROR,
	P2_RES_POLLABLE,
	P2_RES_DESCRIPTOR,
	P2_RES_DIRECTORY_ENTRY_STREAM,
	P2_RES_TERMINAL_INPUT,
	P2_RES_TERMINAL_OUTPUT,
	P2_RES_NETWORK,
	P2_RES_TCP_SOCKET,
	P2_RES_UDP_SOCKET,
	P2_RES_INCOMING_DATAGRAM_STREAM,
	P2_RES_OUTGOING_DATAGRAM_STREAM,
	P2_RES_RESOLVE_ADDRESS_STREAM,
	P2_RES_FIELDS,
	P2_RES_INCOMING_REQUEST,
	P2_RES_INCOMING_BODY,
	P2_RES_FUTURE_TRAILERS,
	P2_RES_OUTGOING_RESPONSE,
	P2_RES_OUTGOING_BODY,
	P2_RES_RESPONSE_OUTPARAM,
	P2_RES_COUNT
};

#define P2_REP_SIZE 48

/*
 * A new own handle of `type` whose representation is a copy of rep (size
 * bytes, at most P2_REP_SIZE). Traps "out of memory" if the table is full.
 */
uint32_t p2_handle_new(enum p2_resource type, const void *rep, uint32_t size);

/*
 * The representation of live handle `h` of `type`, to read and update in
 * place; valid until the next p2_handle_new. Traps "unknown handle index"
 * if h is not in the table, "handle used with the wrong type" if it holds
 * another type.
 */
void *p2_handle_get(uint32_t h, enum p2_resource type);

/*
 * [resource-drop]: removes own handle `h` of `type` (traps as
 * p2_handle_get) and runs the type's destructor on its representation.
 */
void p2_handle_drop(uint32_t h, enum p2_resource type);

/* ---- Shared representations (wasi:io owns streams, errors and pollables; others make them) ---- */

enum p2_stream_mode {
	P2_STREAM_SEQUENTIAL, /* read/write at the descriptor's position: pipes, terminals, stdio, sockets */
	P2_STREAM_AT_OFFSET,  /* pread/pwrite at `offset`, which advances: read-via-stream, write-via-stream */
	P2_STREAM_APPEND,     /* writes go to the end: append-via-stream */
};

/* The representation of input-stream and output-stream handles. */
struct p2_stream {
	int host_fd;
	bool owns_fd;   /* the stream's own descriptor (a dup): dropping it closes host_fd */
	bool closed;    /* end of file or a failed write was seen: later operations give `closed` */
	uint8_t mode;   /* enum p2_stream_mode */
	uint64_t offset;
};

/* New own input-stream / output-stream handles. */
uint32_t p2_input_stream_new(int host_fd, bool owns_fd, enum p2_stream_mode mode, uint64_t offset);
uint32_t p2_output_stream_new(int host_fd, bool owns_fd, enum p2_stream_mode mode, uint64_t offset);

/* The representation of wasi:io/error handles: what failed, as a Linux errno. */
struct p2_error {
	int32_t linux_errno;
};

/* A new own error handle. */
uint32_t p2_error_new(int32_t linux_errno);

/* New own pollable handles: ready when host_fd polls with `events` (OS_POLL*), at a monotonic deadline, or at once. */
uint32_t p2_pollable_new_fd(int host_fd, int16_t events);
uint32_t p2_pollable_new_deadline(uint64_t monotonic_ns);
uint32_t p2_pollable_new_ready(void);

/*
 * Destructors, defined by the file of the interface owning the type, named
 * p2_dtor_<type> (p2_dtor_input_stream, p2_dtor_descriptor, ...): see
 * handles.c, which lists them. A type without one releases nothing.
 */

#endif
