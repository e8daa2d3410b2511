/*
 * WASI 0.2's face to the component entry (wasi/entry/component_main.c):
 * the context a `canon lower` of a WASI function runs with, and the lookup
 * of the host function that implements it. The functions themselves and
 * their helpers are p2.h's, private to wasi/p2/.
 */
#ifndef WASMC_WASI_P2_PUBLIC_H
#define WASMC_WASI_P2_PUBLIC_H

#include <stdbool.h>
#include <stdint.h>

#include "rt_abi.h"

/*
 * The lower's context, made by the component entry from its canonical
 * options. Its header is an rt_instance whose memory 0 is the lower's
 * `memory` option.
 */
struct wasi_p2_ctx {
	struct rt_instance view;          /* mem0, mem0_base: the `memory` option (NULL if none) */
	const struct rt_funcref *realloc; /* the `realloc` option: (old ptr, old size, align, new size) -> ptr */
};

/* One host function of wasi_p2.def. */
struct wasi_p2_func {
	const char *iface;     /* "wasi:io/streams": the interface without its version */
	const char *name;      /* "[method]output-stream.write" */
	const char *signature; /* the flattened lower signature, params ':' results ("iiii:") */
	void *code;            /* wasi_p2_SYMBOL */
};

/*
 * The function `name` of interface `iface` (no version), or NULL if wasmc
 * has none. `row`, its row in wasi_p2.def as the compiler saw it, is tried
 * first: then no search is needed.
 */
const struct wasi_p2_func *wasi_p2_find(uint32_t row, const char *iface, uint32_t iface_len, const char *name,
		uint32_t name_len);

#endif
