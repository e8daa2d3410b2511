/* Internal to the validator: state shared by module-level and function-body checks. */
#ifndef WASMC_VALIDATE_H
#define WASMC_VALIDATE_H

#include "module.h"

struct val_ctx {
	const struct wasm_module *m;
	struct arena *arena;
	struct wasm_error *err;
	uint8_t *func_declared; /* C.refs: functions ref.func may name in bodies */
};

#define VAL_INVALID(c, at, ...) wasm_fail((c)->err, WASM_ERR_INVALID, (at), __VA_ARGS__)

/* Validates one defined function's body. */
bool val_function(struct val_ctx *c, uint32_t func_index);

/* Validates a constant expression producing one value of `type`. */
bool val_const_expr(struct val_ctx *c, const struct wasm_expr *e, uint8_t type);

/* Validates limits against a maximum (inclusive) for min and max. */
bool val_limits(struct val_ctx *c, const struct wasm_limits *lim, uint64_t bound, size_t at, const char *too_large);

#endif
