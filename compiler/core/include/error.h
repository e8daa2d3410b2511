/* One error type for decoding and validation: where, and what (in the spec's words). */
#ifndef WASMC_ERROR_H
#define WASMC_ERROR_H

#include <stdbool.h>
#include <stddef.h>

enum wasm_error_kind {
	WASM_ERR_NONE,
	WASM_ERR_MALFORMED,   /* the bytes are not a module (decoding) */
	WASM_ERR_INVALID,     /* a module that does not type-check (validation) */
	WASM_ERR_UNSUPPORTED, /* a proposal wasmc does not implement yet */
	WASM_ERR_LIMIT,       /* an implementation limit */
};

struct wasm_error {
	enum wasm_error_kind kind;
	size_t offset;
	char message[256];
};

/* Records the first error only; always returns false so that callers can `return wasm_fail(...)`. */
bool wasm_fail(struct wasm_error *err, enum wasm_error_kind kind, size_t offset, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

const char *wasm_error_kind_name(enum wasm_error_kind kind);

#endif
