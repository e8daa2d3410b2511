/*
 * wasi:io/error: the error resource of stream-error.last-operation-failed,
 * holding the Linux errno of what failed (wasi:filesystem's
 * filesystem-error-code reads it too).
 */
#include "p2.h"
#include "wasi_errno.h"

_Static_assert(sizeof(struct p2_error) <= P2_REP_SIZE, "p2_error fits a handle");

uint32_t p2_error_new(int32_t linux_errno)
{
	struct p2_error e = { linux_errno };
	return p2_handle_new(P2_RES_ERROR, &e, sizeof e);
}

/* The errno's name as errno.def spells it, without the E ("NOENT"), or NULL. */
static const char *errno_name(int32_t linux_errno)
{
	static const struct {
		int32_t linux_code;
		const char *name;
	} names[] = {
#define WASI_ERRNO(name, wasi_code, linux_code) { linux_code, #name },
#include "errno.def"
#undef WASI_ERRNO
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (names[i].linux_code == linux_errno && linux_errno != 0)
			return names[i].name;
	return NULL;
}

/* Appends the decimal digits of v at text + len; returns the new length. */
static uint32_t append_decimal(char *text, uint32_t len, uint32_t v)
{
	char digits[10];
	uint32_t n = 0;
	do
		digits[n++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	while (n)
		text[len++] = digits[--n];
	return len;
}

static uint32_t append(char *text, uint32_t len, const char *s)
{
	while (*s)
		text[len++] = *s++;
	return len;
}

/* [method]error.to-debug-string: "ENOENT (os error 2)", or "os error N" for an errno without a name. */
void wasi_p2_io_error_error_to_debug_string(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	const struct p2_error *e = p2_handle_get(self, P2_RES_ERROR);
	char text[64];
	uint32_t len = 0;
	const char *name = errno_name(e->linux_errno);
	if (name) {
		len = append(text, len, "E");
		len = append(text, len, name);
		len = append(text, len, " (os error ");
	} else {
		len = append(text, len, "os error ");
	}
	len = append_decimal(text, len, (uint32_t)e->linux_errno);
	if (name)
		len = append(text, len, ")");
	uint32_t ptr = p2_alloc_copy(ctx, text, len);
	uint8_t *out = p2_guest(ctx, ret, 8);
	p2_store_u32(out, ptr);
	p2_store_u32(out + 4, len);
}

void wasi_p2_io_error_drop_error(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_ERROR);
}
