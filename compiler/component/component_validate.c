/*
 * Component validation beyond what decoding checks (index ranges, sorts and
 * type kinds are checked while the index spaces are built): what
 * instantiation relies on. Canonical lifts and lowers have the flattened core
 * signature and the memory and realloc they need; every core module import
 * is satisfied by its instantiation arguments with the right kind and
 * function type; component instantiations get every import; names are well
 * formed and unique.
 */
#include <stdio.h>
#include <string.h>

#include "component_decode.h"

#define INVALID(err, at, ...) wasm_fail((err), WASM_ERR_INVALID, (at), __VA_ARGS__)

static bool same_name(const struct wasm_name *a, const struct wasm_name *b)
{
	return a->len == b->len && !memcmp(a->str, b->str, a->len);
}

static bool func_types_equal(const struct wasm_func_type *a, const struct wasm_func_type *b)
{
	return a->param_count == b->param_count && a->result_count == b->result_count &&
		!memcmp(a->params, b->params, a->param_count) && !memcmp(a->results, b->results, a->result_count);
}

/* "(i32, i32) -> (i32)" for messages. */
static const char *sig_text(const struct wasm_func_type *t, char *buf, size_t size)
{
	size_t n = 0;
	for (int k = 0; k < 2; k++) {
		uint32_t count = k ? t->result_count : t->param_count;
		const uint8_t *types = k ? t->results : t->params;
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s(", k ? " -> " : "");
		for (uint32_t i = 0; i < count; i++)
			n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s", i ? ", " : "",
					wasm_valtype_name(types[i]));
		n += (size_t)snprintf(buf + n, n < size ? size - n : 0, ")");
	}
	return buf;
}

static bool check_names(const struct comp_extern *list, uint32_t n, bool is_import, struct wasm_error *err)
{
	for (uint32_t i = 0; i < n; i++) {
		const char *why = comp_name_check(&list[i].name, is_import);
		if (why)
			return INVALID(err, list[i].offset, "%s '%.*s': %s", is_import ? "import" : "export",
					(int)list[i].name.len, list[i].name.str, why);
		for (uint32_t k = 0; k < i; k++)
			if (same_name(&list[k].name, &list[i].name))
				return INVALID(err, list[i].offset, "duplicate %s name '%.*s'", is_import ? "import" : "export",
						(int)list[i].name.len, list[i].name.str);
		/* An imported instance's own exports are named like a component's exports. */
		const struct comp_type *t = list[i].type;
		if (list[i].sort == COMP_SORT_INSTANCE && !check_names(t->exports, t->export_count, false, err))
			return false;
	}
	return true;
}

static bool check_realloc(const struct component *c, const struct comp_canon *cn, struct wasm_error *err)
{
	static const uint8_t i32x4[4] = { WASM_VT_I32, WASM_VT_I32, WASM_VT_I32, WASM_VT_I32 };
	static const struct wasm_func_type realloc_type = { 4, 1, i32x4, i32x4, 0 };
	const struct wasm_func_type *t = c->spaces[COMP_SORT_CORE_FUNC].items[cn->opts.realloc].core_func_type;
	char buf[160];
	if (!t || !func_types_equal(t, &realloc_type))
		return INVALID(err, cn->opts.offset, "realloc function %u has type %s, not (i32, i32, i32, i32) -> (i32)",
				cn->opts.realloc, t ? sig_text(t, buf, sizeof(buf)) : "?");
	return true;
}

static bool check_canon(const struct component *c, const struct comp_canon *cn, struct arena *arena,
		struct wasm_error *err)
{
	if (cn->kind != COMP_CANON_LIFT && cn->kind != COMP_CANON_LOWER)
		return true;
	bool lower = cn->kind == COMP_CANON_LOWER;
	const struct comp_type *ft = lower ? c->spaces[COMP_SORT_FUNC].items[cn->func].type
		: c->spaces[COMP_SORT_TYPE].items[cn->type].type;
	bool need_memory, need_realloc;
	comp_abi_needs(ft, lower, &need_memory, &need_realloc);
	if (need_memory && !cn->opts.has_memory)
		return INVALID(err, cn->offset, "canonical %s of func %u needs a memory option", lower ? "lower" : "lift",
				cn->func);
	if (need_realloc && !cn->opts.has_realloc)
		return INVALID(err, cn->offset, "canonical %s of func %u needs a realloc option", lower ? "lower" : "lift",
				cn->func);
	if (cn->opts.has_realloc && !check_realloc(c, cn, err))
		return false;
	if (lower) {
		if (cn->opts.has_post_return)
			return INVALID(err, cn->opts.offset, "post-return is only allowed on canonical lift");
		return true;
	}
	struct wasm_func_type want;
	if (!comp_flatten_functype(ft, false, arena, &want))
		return wasm_fail(err, WASM_ERR_LIMIT, cn->offset, "type %u nested too deeply", cn->type);
	const struct wasm_func_type *have = c->spaces[COMP_SORT_CORE_FUNC].items[cn->func].core_func_type;
	char b1[160], b2[160];
	if (!have || !func_types_equal(have, &want))
		return INVALID(err, cn->offset, "canonical lift: core func %u has type %s, the Canonical ABI wants %s",
				cn->func, have ? sig_text(have, b1, sizeof(b1)) : "?", sig_text(&want, b2, sizeof(b2)));
	if (cn->opts.has_post_return) {
		const struct wasm_func_type *pr = c->spaces[COMP_SORT_CORE_FUNC].items[cn->opts.post_return].core_func_type;
		struct wasm_func_type pr_want = { want.result_count, 0, want.results, want.results, 0 };
		if (!pr || !func_types_equal(pr, &pr_want))
			return INVALID(err, cn->opts.offset, "post-return function %u has type %s, not %s",
					cn->opts.post_return, pr ? sig_text(pr, b1, sizeof(b1)) : "?",
					sig_text(&pr_want, b2, sizeof(b2)));
	}
	return true;
}

/* Every import of the module is found in the argument instance its module name names. */
static bool check_core_instantiate(const struct component *c, const struct comp_core_instance *ci,
		struct wasm_error *err)
{
	static const uint8_t kind_sort[] = { COMP_SORT_CORE_FUNC, COMP_SORT_CORE_TABLE, COMP_SORT_CORE_MEMORY,
		COMP_SORT_CORE_GLOBAL };
	const struct comp_core_module_type *mt = c->spaces[COMP_SORT_CORE_MODULE].items[ci->module].module_type;
	for (uint32_t i = 0; i < mt->import_count; i++) {
		const struct comp_core_decl *imp = &mt->imports[i];
		const struct comp_core_arg *arg = NULL;
		for (uint32_t k = 0; k < ci->arg_count && !arg; k++)
			if (same_name(&ci->args[k].name, &imp->module))
				arg = &ci->args[k];
		if (!arg)
			return INVALID(err, ci->offset, "core module %u imports '%.*s' but no argument of that name is given",
					ci->module, (int)imp->module.len, imp->module.str);
		const struct comp_core_instance *from =
			&c->core_instances[c->spaces[COMP_SORT_CORE_INSTANCE].items[arg->instance].def];
		const struct comp_core_export *e = NULL;
		for (uint32_t k = 0; k < from->export_count && !e; k++)
			if (same_name(&from->exports[k].name, &imp->name))
				e = &from->exports[k];
		if (!e)
			return INVALID(err, ci->offset, "core module %u import '%.*s' '%.*s': core instance %u has no such export",
					ci->module, (int)imp->module.len, imp->module.str, (int)imp->name.len, imp->name.str,
					arg->instance);
		if (e->sort != kind_sort[imp->kind])
			return INVALID(err, ci->offset, "core module %u import '%.*s' '%.*s' is a %s, the argument a %s",
					ci->module, (int)imp->module.len, imp->module.str, (int)imp->name.len, imp->name.str,
					comp_sort_name(kind_sort[imp->kind]), comp_sort_name(e->sort));
		char b1[160], b2[160];
		if (imp->kind == WASM_EXTERN_FUNC && (!e->func_type || !func_types_equal(e->func_type, imp->func_type)))
			return INVALID(err, ci->offset, "core module %u import '%.*s' '%.*s' has type %s, the argument %s",
					ci->module, (int)imp->module.len, imp->module.str, (int)imp->name.len, imp->name.str,
					sig_text(imp->func_type, b1, sizeof(b1)),
					e->func_type ? sig_text(e->func_type, b2, sizeof(b2)) : "?");
	}
	return true;
}

/* Every import of the component is given, with its sort. (Types are not matched yet.) */
static bool check_instantiate(const struct component *c, const struct comp_instance *in, struct wasm_error *err)
{
	const struct comp_type *ct = c->spaces[COMP_SORT_COMPONENT].items[in->component].type;
	for (uint32_t i = 0; i < ct->import_count; i++) {
		const struct comp_extern *imp = &ct->imports[i];
		const struct comp_sortidx *arg = NULL;
		for (uint32_t k = 0; k < in->arg_count && !arg; k++)
			if (same_name(&in->args[k].name, &imp->name))
				arg = &in->args[k];
		if (!arg)
			return INVALID(err, in->offset, "component %u import '%.*s' is not given", in->component,
					(int)imp->name.len, imp->name.str);
		if (arg->sort != imp->sort)
			return INVALID(err, arg->offset, "component %u import '%.*s' is a %s, the argument a %s", in->component,
					(int)imp->name.len, imp->name.str, comp_sort_name(imp->sort), comp_sort_name(arg->sort));
	}
	return true;
}

static bool validate(const struct component *c, struct arena *arena, struct wasm_error *err)
{
	for (uint32_t i = 0; i < c->component_count; i++)
		if (!validate(&c->components[i], arena, err))
			return false;
	if (!check_names(c->type->imports, c->type->import_count, true, err) ||
			!check_names(c->type->exports, c->type->export_count, false, err))
		return false;
	for (uint32_t i = 0; i < c->canon_count; i++)
		if (!check_canon(c, &c->canons[i], arena, err))
			return false;
	for (uint32_t i = 0; i < c->core_instance_count; i++)
		if (c->core_instances[i].kind == COMP_INSTANTIATE && !check_core_instantiate(c, &c->core_instances[i], err))
			return false;
	for (uint32_t i = 0; i < c->instance_count; i++)
		if (c->instances[i].kind == COMP_INSTANTIATE && !check_instantiate(c, &c->instances[i], err))
			return false;
	return true;
}

bool component_validate(const struct component *c, struct arena *arena, struct wasm_error *err)
{
	memset(err, 0, sizeof(*err));
	return validate(c, arena, err) || cd_error_one_line(err);
}
