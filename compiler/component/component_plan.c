/* component_plan_build: resolving a component's core instances to a plan rtlib can carry out. */
#include "component_plan.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "rt_component_plan.h"

struct planner {
	const struct component *c;
	const char *path;
	struct arena *arena;
	FILE *diag;
	uint32_t *plan_of_core_instance; /* core_instances index -> plan instance, or RT_PLAN_NONE */
	bool ok;
};

static bool fail(struct planner *p, size_t offset, const char *message, const struct wasm_name *name)
{
	if (name)
		fprintf(p->diag, "%s:0x%zx: %s: %.*s\n", p->path, offset, message, (int)name->len, name->str);
	else
		fprintf(p->diag, "%s:0x%zx: %s\n", p->path, offset, message);
	p->ok = false;
	return false;
}

static bool name_eq(const struct wasm_name *a, const struct wasm_name *b)
{
	return a->len == b->len && !memcmp(a->str, b->str, a->len);
}

static bool name_is(const struct wasm_name *a, const char *s)
{
	return a->len == strlen(s) && !memcmp(a->str, s, a->len);
}

static uint8_t extern_kind_of_sort(uint8_t sort)
{
	switch (sort) {
	case COMP_SORT_CORE_FUNC: return WASM_EXTERN_FUNC;
	case COMP_SORT_CORE_TABLE: return WASM_EXTERN_TABLE;
	case COMP_SORT_CORE_MEMORY: return WASM_EXTERN_MEMORY;
	default: return WASM_EXTERN_GLOBAL;
	}
}

static bool resolve_core(struct planner *p, uint8_t sort, uint32_t index, size_t at, struct plan_source *out);

/* Export `name` of core instance `instance` (its index space), as a source. */
static bool resolve_instance_export(struct planner *p, uint32_t instance, const struct wasm_name *name, uint8_t sort,
		size_t at, struct plan_source *out)
{
	const struct comp_item *item = &p->c->spaces[COMP_SORT_CORE_INSTANCE].items[instance];
	if (item->origin != COMP_FROM_DEFINITION)
		return fail(p, at, "core instances from aliases are not supported yet", NULL);
	const struct comp_core_instance *ci = &p->c->core_instances[item->def];
	if (ci->kind == COMP_INSTANTIATE) {
		out->kind = RT_PLAN_EXPORT;
		out->ref.instance = p->plan_of_core_instance[item->def];
		out->ref.name = *name;
		out->extern_kind = extern_kind_of_sort(sort);
		return true;
	}
	for (uint32_t i = 0; i < ci->export_count; i++)
		if (name_eq(&ci->exports[i].name, name))
			return resolve_core(p, ci->exports[i].sort, ci->exports[i].index, at, out);
	return fail(p, at, "core instance has no export", name);
}

/* The import of the component that component instance `instance` comes from, or NULL. */
static const struct comp_import *instance_import(struct planner *p, uint32_t instance)
{
	const struct comp_item *item = &p->c->spaces[COMP_SORT_INSTANCE].items[instance];
	return item->origin == COMP_FROM_IMPORT ? &p->c->imports[item->def] : NULL;
}

/*
 * An interface name "ns:pkg/iface@0.2.x" without its version, which must be
 * a 0.2 one; false (reported) otherwise.
 */
static bool wasi_interface(struct planner *p, const struct wasm_name *full, size_t at, struct wasm_name *out)
{
	const char *at_sign = memchr(full->str, '@', full->len);
	uint32_t base = at_sign ? (uint32_t)(at_sign - full->str) : full->len;
	const char *v = at_sign ? at_sign + 1 : "";
	uint32_t vlen = full->len - base - (at_sign ? 1 : 0);
	if (base < 5 || memcmp(full->str, "wasi:", 5) != 0)
		return fail(p, at, "import is not a WASI interface (only WASI 0.2 imports can be instantiated)", full);
	if (!(vlen >= 4 && !memcmp(v, "0.2.", 4)) && !(vlen == 3 && !memcmp(v, "0.2", 3)))
		return fail(p, at, "only WASI 0.2.x interfaces are supported", full);
	out->str = full->str;
	out->len = base;
	return true;
}

/* A core memory or realloc option: an export of a planned instance. */
static bool resolve_option(struct planner *p, uint8_t sort, bool present, uint32_t index, size_t at,
		struct plan_ref *out)
{
	out->instance = RT_PLAN_NONE;
	if (!present)
		return true;
	struct plan_source s;
	if (!resolve_core(p, sort, index, at, &s))
		return false;
	if (s.kind != RT_PLAN_EXPORT)
		return fail(p, at, "a canonical option that is not a core instance's export is not supported yet", NULL);
	*out = s.ref;
	return true;
}

static const struct {
	const char *iface, *name, *signature;
} wasi_p2[] = {
#define WASI_P2(iface, name, symbol, signature) { iface, name, signature },
#include "wasi_p2.def"
#undef WASI_P2
};

/*
 * Checks that wasmc provides function `func` of interface `iface` (no
 * version) with the flattened signature `sig` (NULL: out of memory), and
 * finds its row of wasi_p2.def; reports and gives false otherwise.
 */
static bool check_host(struct planner *p, const struct wasm_name *iface, const struct wasm_name *func, const char *sig,
		size_t at, uint32_t *row)
{
	if (!sig)
		return fail(p, at, "out of memory", NULL);
	for (size_t i = 0; i < sizeof(wasi_p2) / sizeof(wasi_p2[0]); i++) {
		if (!name_is(iface, wasi_p2[i].iface) || !name_is(func, wasi_p2[i].name))
			continue;
		*row = (uint32_t)i;
		if (!strcmp(sig, wasi_p2[i].signature))
			return true;
		fprintf(p->diag, "%s:0x%zx: %.*s.%.*s: lowered as %s, but wasmc's host function is %s\n", p->path, at,
			(int)iface->len, iface->str, (int)func->len, func->str, sig, wasi_p2[i].signature);
		p->ok = false;
		return false;
	}
	fprintf(p->diag, "%s:0x%zx: unknown import: wasmc does not provide %.*s.%.*s\n", p->path, at, (int)iface->len,
		iface->str, (int)func->len, func->str);
	p->ok = false;
	return false;
}

/* The flattened signature of lowering ft (malloc'd), or NULL if out of memory. */
static char *lowered_signature(struct planner *p, const struct comp_type *ft)
{
	struct wasm_func_type flat;
	return ft && comp_flatten_functype(ft, true, p->arena, &flat) ? wasm_signature(&flat) : NULL;
}

/* canon lower of a function of an imported WASI instance. */
static bool resolve_lower(struct planner *p, const struct comp_canon *canon, struct plan_source *out)
{
	const struct comp_item *fn = &p->c->spaces[COMP_SORT_FUNC].items[canon->func];
	const struct comp_alias *alias = fn->origin == COMP_FROM_ALIAS ? &p->c->aliases[fn->def] : NULL;
	const struct comp_import *imp = alias && alias->target == COMP_ALIAS_EXPORT ? instance_import(p, alias->instance)
										   : NULL;
	if (!imp)
		return fail(p, canon->offset, "lowering a function that is not an imported instance's is not supported yet",
				NULL);
	if (canon->opts.has_string_encoding && canon->opts.string_encoding != COMP_STRING_UTF8)
		return fail(p, canon->offset, "string encodings other than utf8 are not supported yet", NULL);
	out->kind = RT_PLAN_HOST;
	out->func = alias->name;
	if (!wasi_interface(p, &imp->desc.name, canon->offset, &out->iface))
		return false;
	char *sig = lowered_signature(p, fn->type);
	bool provided = check_host(p, &out->iface, &out->func, sig, canon->offset, &out->host_index);
	free(sig);
	return provided &&
	       resolve_option(p, COMP_SORT_CORE_MEMORY, canon->opts.has_memory, canon->opts.memory, canon->offset,
			       &out->memory) &&
	       resolve_option(p, COMP_SORT_CORE_FUNC, canon->opts.has_realloc, canon->opts.realloc, canon->offset,
			       &out->realloc);
}

/* canon resource.drop of a resource type exported by an imported WASI instance. */
static bool resolve_drop(struct planner *p, const struct comp_canon *canon, struct plan_source *out)
{
	const struct comp_item *ty = &p->c->spaces[COMP_SORT_TYPE].items[canon->type];
	const struct comp_alias *alias = ty->origin == COMP_FROM_ALIAS ? &p->c->aliases[ty->def] : NULL;
	const struct comp_import *imp = alias && alias->target == COMP_ALIAS_EXPORT ? instance_import(p, alias->instance)
										   : NULL;
	if (!imp)
		return fail(p, canon->offset, "dropping resources the component defines is not supported yet", NULL);
	static const char prefix[] = "[resource-drop]";
	size_t n = sizeof(prefix) - 1;
	char *name = arena_calloc(p->arena, n + alias->name.len + 1, 1);
	if (!name)
		return fail(p, canon->offset, "out of memory", NULL);
	memcpy(name, prefix, n);
	memcpy(name + n, alias->name.str, alias->name.len);
	out->kind = RT_PLAN_HOST;
	out->func = (struct wasm_name){ name, (uint32_t)(n + alias->name.len) };
	out->memory.instance = out->realloc.instance = RT_PLAN_NONE;
	/* A resource.drop lowers to (handle i32) -> (). */
	return wasi_interface(p, &imp->desc.name, canon->offset, &out->iface) &&
	       check_host(p, &out->iface, &out->func, "i:", canon->offset, &out->host_index);
}

/* Core item (sort, index) of the component, as a source. */
static bool resolve_core(struct planner *p, uint8_t sort, uint32_t index, size_t at, struct plan_source *out)
{
	memset(out, 0, sizeof(*out));
	const struct comp_item *item = &p->c->spaces[sort].items[index];
	if (item->origin == COMP_FROM_ALIAS) {
		const struct comp_alias *a = &p->c->aliases[item->def];
		if (a->target != COMP_ALIAS_CORE_EXPORT)
			return fail(p, a->offset, "outer aliases of core items are not supported yet", NULL);
		return resolve_instance_export(p, a->instance, &a->name, sort, a->offset, out);
	}
	if (item->origin == COMP_FROM_CANON && sort == COMP_SORT_CORE_FUNC) {
		const struct comp_canon *canon = &p->c->canons[item->def];
		if (canon->kind == COMP_CANON_LOWER)
			return resolve_lower(p, canon, out);
		if (canon->kind == COMP_CANON_RESOURCE_DROP)
			return resolve_drop(p, canon, out);
		return fail(p, canon->offset, "resource.new and resource.rep are not supported yet", NULL);
	}
	return fail(p, at, "this core item's origin is not supported yet", NULL);
}

/* Every import of core instance `ci` (an instantiation), in its module's import order. */
static bool plan_instance(struct planner *p, const struct comp_core_instance *ci, struct plan_instance *out)
{
	const struct comp_core_module_type *mt = p->c->spaces[COMP_SORT_CORE_MODULE].items[ci->module].module_type;
	const struct comp_item *mod = &p->c->spaces[COMP_SORT_CORE_MODULE].items[ci->module];
	if (mod->origin != COMP_FROM_DEFINITION)
		return fail(p, ci->offset, "instantiating an imported or aliased core module is not supported yet", NULL);
	out->module = mod->def;
	out->import_count = mt->import_count;
	out->sources = arena_calloc(p->arena, mt->import_count ? mt->import_count : 1, sizeof(*out->sources));
	if (!out->sources)
		return fail(p, ci->offset, "out of memory", NULL);
	for (uint32_t i = 0; i < mt->import_count; i++) {
		const struct comp_core_decl *d = &mt->imports[i];
		const struct comp_core_arg *arg = NULL;
		for (uint32_t a = 0; a < ci->arg_count && !arg; a++)
			if (name_eq(&ci->args[a].name, &d->module))
				arg = &ci->args[a];
		if (!arg)
			return fail(p, ci->offset, "no instantiation argument for import module", &d->module);
		static const uint8_t sorts[] = { COMP_SORT_CORE_FUNC, COMP_SORT_CORE_TABLE, COMP_SORT_CORE_MEMORY,
			COMP_SORT_CORE_GLOBAL };
		if (d->kind > WASM_EXTERN_GLOBAL)
			return fail(p, ci->offset, "tag imports are not supported yet", &d->name);
		/* Go on after an unknown WASI function: every one is listed. */
		resolve_instance_export(p, arg->instance, &d->name, sorts[d->kind], ci->offset, &out->sources[i]);
	}
	return true;
}

/* The core function a component function comes from, through nested components' re-exports. */
static bool resolve_func(struct planner *p, const struct component *c, uint32_t func, size_t at,
		const struct comp_canon **lift)
{
	const struct comp_item *item = &c->spaces[COMP_SORT_FUNC].items[func];
	if (c == p->c && item->origin == COMP_FROM_CANON && c->canons[item->def].kind == COMP_CANON_LIFT) {
		*lift = &c->canons[item->def];
		return true;
	}
	return fail(p, at, "the run export is not a lifted core function of the component (not supported yet)", NULL);
}

/* The function an instance exports as `name`: inline exports, or a nested component re-exporting an argument. */
static bool instance_func(struct planner *p, uint32_t instance, const char *name, size_t at, uint32_t *func)
{
	const struct comp_item *item = &p->c->spaces[COMP_SORT_INSTANCE].items[instance];
	if (item->origin != COMP_FROM_DEFINITION)
		return fail(p, at, "the run export's instance is not defined by the component (not supported yet)", NULL);
	const struct comp_instance *inst = &p->c->instances[item->def];
	if (inst->kind == COMP_INLINE_EXPORTS) {
		for (uint32_t i = 0; i < inst->export_count; i++)
			if (name_is(&inst->exports[i].name, name) && inst->exports[i].sort == COMP_SORT_FUNC) {
				*func = inst->exports[i].index;
				return true;
			}
		return fail(p, at, "the run instance exports no function run", NULL);
	}
	const struct comp_item *citem = &p->c->spaces[COMP_SORT_COMPONENT].items[inst->component];
	if (citem->origin != COMP_FROM_DEFINITION)
		return fail(p, at, "instantiating an imported component is not supported yet", NULL);
	const struct component *nested = &p->c->components[citem->def];
	for (uint32_t e = 0; e < nested->export_count; e++) {
		const struct comp_export *ex = &nested->exports[e];
		if (!name_is(&ex->name, name) || ex->sort != COMP_SORT_FUNC)
			continue;
		const struct comp_item *f = &nested->spaces[COMP_SORT_FUNC].items[ex->index];
		if (f->origin != COMP_FROM_IMPORT)
			return fail(p, ex->offset, "a nested component defining functions is not supported yet", NULL);
		const struct wasm_name *iname = &nested->imports[f->def].desc.name;
		for (uint32_t a = 0; a < inst->arg_count; a++)
			if (name_eq(&inst->args[a].name, iname) && inst->args[a].sort == COMP_SORT_FUNC) {
				*func = inst->args[a].index;
				return true;
			}
		return fail(p, ex->offset, "no instantiation argument for", iname);
	}
	return fail(p, at, "the run instance exports no function run", NULL);
}

/* The entries wasmc can give a component, by the interface it exports: a command's run, an HTTP handler's handle. */
static const struct {
	const char *iface, *func;
	uint8_t kind; /* enum rt_plan_entry */
} entries[] = {
	{ "wasi:cli/run@", "run", RT_PLAN_ENTRY_RUN },
	{ "wasi:http/incoming-handler@", "handle", RT_PLAN_ENTRY_HTTP_HANDLER },
};

/* Whether ft is the entry's type: run: func() -> result; handle: func(own<_>, own<_>). */
static bool entry_type_ok(uint8_t kind, const struct comp_type *ft)
{
	if (!ft)
		return false;
	if (kind == RT_PLAN_ENTRY_RUN) {
		const struct comp_type *r = ft->elem;
		return !ft->field_count && r && r->kind == COMP_TYPE_RESULT && !r->elem && !r->error;
	}
	if (ft->field_count != 2 || ft->elem)
		return false;
	for (uint32_t i = 0; i < 2; i++)
		if (!ft->fields[i].type || ft->fields[i].type->kind != COMP_TYPE_OWN)
			return false;
	return true;
}

/* The export of the entry's interface `e`, if the component has one: its lift, checked against its type. */
static bool plan_entry_of(struct planner *p, uint32_t e, struct component_plan *out, bool *found)
{
	const struct component *c = p->c;
	size_t prefix = strlen(entries[e].iface);
	for (uint32_t x = 0; x < c->export_count; x++) {
		const struct comp_export *ex = &c->exports[x];
		struct wasm_name iface;
		if (ex->sort != COMP_SORT_INSTANCE || ex->name.len < prefix || memcmp(ex->name.str, entries[e].iface, prefix))
			continue;
		*found = true;
		uint32_t func;
		const struct comp_canon *lift;
		struct plan_source s;
		if (!wasi_interface(p, &ex->name, ex->offset, &iface) ||
				!instance_func(p, ex->index, entries[e].func, ex->offset, &func) ||
				!resolve_func(p, c, func, ex->offset, &lift) ||
				!resolve_core(p, COMP_SORT_CORE_FUNC, lift->func, lift->offset, &s))
			return false;
		if (!entry_type_ok(entries[e].kind, c->spaces[COMP_SORT_TYPE].items[lift->type].type))
			return fail(p, lift->offset, entries[e].kind == RT_PLAN_ENTRY_RUN ? "run must be func() -> result"
					: "handle must be func(own<incoming-request>, own<response-outparam>)", NULL);
		if (s.kind != RT_PLAN_EXPORT)
			return fail(p, lift->offset, "the entry must lift a core instance's export", NULL);
		out->entry_kind = entries[e].kind;
		out->entry = s.ref;
		return resolve_option(p, COMP_SORT_CORE_FUNC, lift->opts.has_post_return, lift->opts.post_return, lift->offset,
				&out->post_return);
	}
	return false;
}

/* The component's wasi:cli/run@0.2.x export, else its wasi:http/incoming-handler@0.2.x export. */
static bool plan_entry(struct planner *p, struct component_plan *out)
{
	for (uint32_t e = 0; e < sizeof(entries) / sizeof(entries[0]); e++) {
		bool found = false;
		bool ok = plan_entry_of(p, e, out, &found);
		if (found)
			return ok;
	}
	return fail(p, p->c->offset, "the component exports no wasi:cli/run@0.2.x or wasi:http/incoming-handler@0.2.x "
			"instance (only commands and HTTP handlers can be compiled)", NULL);
}

bool component_plan_build(const struct component *c, const char *path, struct arena *arena,
		struct component_plan *out, FILE *diag)
{
	memset(out, 0, sizeof(*out));
	struct planner p = { .c = c, .path = path, .arena = arena, .diag = diag, .ok = true };
	p.plan_of_core_instance = arena_calloc(arena, c->core_instance_count + 1, sizeof(uint32_t));
	out->instances = arena_calloc(arena, c->core_instance_count + 1, sizeof(*out->instances));
	if (!p.plan_of_core_instance || !out->instances)
		return fail(&p, c->offset, "out of memory", NULL);
	out->module_count = c->core_module_count;
	for (uint32_t i = 0; i < c->core_instance_count; i++) {
		const struct comp_core_instance *ci = &c->core_instances[i];
		p.plan_of_core_instance[i] = RT_PLAN_NONE;
		if (ci->kind != COMP_INSTANTIATE)
			continue;
		if (!plan_instance(&p, ci, &out->instances[out->instance_count]))
			return false;
		p.plan_of_core_instance[i] = out->instance_count++;
	}
	for (uint32_t i = 0; i < c->component_count; i++)
		if (c->components[i].core_module_count)
			return fail(&p, c->components[i].offset, "nested components with core modules are not supported yet",
					NULL);
	return p.ok && plan_entry(&p, out) && p.ok;
}
