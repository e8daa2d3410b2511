#include "error.h"

#include <stdarg.h>
#include <stdio.h>

bool wasm_fail(struct wasm_error *err, enum wasm_error_kind kind, size_t offset, const char *fmt, ...)
{
	if (err->kind != WASM_ERR_NONE)
		return false;
	err->kind = kind;
	err->offset = offset;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return false;
}

const char *wasm_error_kind_name(enum wasm_error_kind kind)
{
	switch (kind) {
	case WASM_ERR_NONE: return "ok";
	case WASM_ERR_MALFORMED: return "malformed";
	case WASM_ERR_INVALID: return "invalid";
	case WASM_ERR_UNSUPPORTED: return "unsupported";
	case WASM_ERR_LIMIT: return "limit";
	}
	return "error";
}
