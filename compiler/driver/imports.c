#include "imports.h"

#include <stdlib.h>
#include <string.h>

static const char WASI_P1_MODULE[] = "wasi_snapshot_preview1";

struct host_func {
	const char *name;
	const char *symbol;
	const char *signature;
};

static const struct host_func wasi_p1[] = {
#define WASI_P1(name, sig) { #name, "wasi_p1_" #name, sig },
#include "wasi_p1.def"
#undef WASI_P1
};

static bool name_is(const struct wasm_name *n, const char *s)
{
	return n->len == strlen(s) && !memcmp(n->str, s, n->len);
}

static bool signature_matches(const struct wasm_func_type *t, const char *sig)
{
	char *own = wasm_signature(t);
	bool same = own && !strcmp(own, sig);
	free(own);
	return same;
}

static const struct host_func *find_host(const struct wasm_import *imp)
{
	if (!name_is(&imp->module, WASI_P1_MODULE))
		return NULL;
	for (size_t i = 0; i < sizeof(wasi_p1) / sizeof(wasi_p1[0]); i++)
		if (name_is(&imp->field, wasi_p1[i].name))
			return &wasi_p1[i];
	return NULL;
}

bool imports_bind(const struct wasm_module *m, const char *path, const char **symbols, bool allow_unknown, FILE *diag)
{
	static const char *const kind_name[] = { "function", "table", "memory", "global", "tag" };
	bool ok = true;
	for (uint32_t i = 0; i < m->import_count; i++) {
		const struct wasm_import *imp = &m->imports[i];
		symbols[i] = NULL;
		const char *why;
		if (imp->kind != WASM_EXTERN_FUNC) {
			why = allow_unknown ? "wasmc provides no such import; only functions can be stubbed"
					    : "wasmc provides no such import";
		} else {
			const struct host_func *host = find_host(imp);
			if (host && signature_matches(wasm_func_type_of(m, imp->index), host->signature)) {
				symbols[i] = host->symbol;
				continue;
			}
			/* A WASI function of another type is a broken module, not an unknown import. */
			if (!host && allow_unknown)
				continue;
			why = host ? "its type differs from the WASI function's"
				   : "wasmc does not provide it; --allow-unknown-imports makes calls to it trap";
		}
		fprintf(diag, "%s:0x%zx: unknown import: %s %.*s.%.*s (%s)\n", path, imp->offset, kind_name[imp->kind],
			(int)imp->module.len, imp->module.str, (int)imp->field.len, imp->field.str, why);
		ok = false;
	}
	return ok;
}
