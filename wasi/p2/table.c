/* wasi_p2_find: the table of wasi_p2.def, for the component entry (wasi/entry/component_main.c). */
#include "p2.h"

/*
 * Declared here only, without prototypes' details: the table stores
 * addresses, and generated code calls them with wasi_p2.def's signatures.
 */
#define WASI_P2(iface, name, symbol, signature) void wasi_p2_##symbol(void);
#include "wasi_p2.def"
#undef WASI_P2

static const struct wasi_p2_func funcs[] = {
#define WASI_P2(iface, name, symbol, signature) { iface, name, signature, (void *)wasi_p2_##symbol },
#include "wasi_p2.def"
#undef WASI_P2
};

static bool equal(const char *s, const char *bytes, uint32_t len)
{
	uint32_t i = 0;
	for (; i < len; i++)
		if (s[i] != bytes[i] || !s[i])
			return false;
	return s[i] == 0;
}

const struct wasi_p2_func *wasi_p2_find(uint32_t row, const char *iface, uint32_t iface_len, const char *name,
		uint32_t name_len)
{
	uint32_t count = sizeof(funcs) / sizeof(funcs[0]);
	if (row < count && equal(funcs[row].iface, iface, iface_len) && equal(funcs[row].name, name, name_len))
		return &funcs[row];
	for (uint32_t i = 0; i < sizeof(funcs) / sizeof(funcs[0]); i++)
		if (equal(funcs[i].iface, iface, iface_len) && equal(funcs[i].name, name, name_len))
			return &funcs[i];
	return NULL;
}
