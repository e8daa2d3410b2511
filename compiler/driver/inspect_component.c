/*
 * `wasmc inspect` for a component: its imports and exports, embedded core
 * modules, how core instances are wired, and the canonical lifts and lowers
 * between them: what compile-time instantiation works from.
 */
#include <stdio.h>
#include <string.h>

#include "component.h"
#include "driver.h"

#define NAME(n) (int)(n).len, (n).str

static const char *prim_name(uint8_t prim)
{
	static const char *const names[] = { "string", "char", "f64", "f32", "u64", "s64", "u32", "s32", "u16",
		"s16", "u8", "s8", "bool" };
	return prim >= COMP_PRIM_STRING && prim <= COMP_PRIM_BOOL ? names[prim - COMP_PRIM_STRING] : "?";
}

/* A value type in WIT's spelling, nested types to a small depth. */
static void print_valtype(const struct comp_type *t, FILE *out, int depth)
{
	static const char *const kind_names[] = { "", "record", "variant", "list", "tuple", "flags", "enum",
		"option", "result", "own", "borrow", "func", "resource", "instance", "component" };
	if (!t) {
		fputc('_', out);
		return;
	}
	if (depth > 3) {
		fputs("...", out);
		return;
	}
	switch (t->kind) {
	case COMP_TYPE_PRIM:
		fputs(prim_name(t->prim), out);
		return;
	case COMP_TYPE_LIST: case COMP_TYPE_OPTION:
		fprintf(out, "%s<", kind_names[t->kind]);
		print_valtype(t->elem, out, depth + 1);
		fputc('>', out);
		return;
	case COMP_TYPE_RESULT:
		fputs("result<", out);
		print_valtype(t->elem, out, depth + 1);
		fputs(", ", out);
		print_valtype(t->error, out, depth + 1);
		fputc('>', out);
		return;
	case COMP_TYPE_OWN: case COMP_TYPE_BORROW:
		if (t->elem->resource_name.len)
			fprintf(out, "%s<%.*s>", kind_names[t->kind], NAME(t->elem->resource_name));
		else
			fprintf(out, "%s<resource>", kind_names[t->kind]);
		return;
	case COMP_TYPE_TUPLE: case COMP_TYPE_RECORD: case COMP_TYPE_VARIANT:
		fprintf(out, "%s<", kind_names[t->kind]);
		for (uint32_t i = 0; i < t->field_count; i++) {
			fputs(i ? ", " : "", out);
			if (t->fields[i].name.len)
				fprintf(out, "%.*s%s", NAME(t->fields[i].name), t->fields[i].type ? ": " : "");
			if (t->fields[i].type || t->kind != COMP_TYPE_VARIANT)
				print_valtype(t->fields[i].type, out, depth + 1);
		}
		fputc('>', out);
		return;
	default:
		fprintf(out, "%s(%u)", kind_names[t->kind], t->field_count);
		return;
	}
}

static void print_functype(const struct comp_type *ft, FILE *out)
{
	fputc('(', out);
	for (uint32_t i = 0; i < ft->field_count; i++) {
		fprintf(out, "%s%.*s: ", i ? ", " : "", NAME(ft->fields[i].name));
		print_valtype(ft->fields[i].type, out, 1);
	}
	fputc(')', out);
	if (ft->elem) {
		fputs(" -> ", out);
		print_valtype(ft->elem, out, 1);
	}
}

static void print_core_sig(const struct wasm_func_type *t, FILE *out)
{
	if (t)
		inspect_print_func_type(t, out);
	else
		fputs("?", out);
}

/* An interface name's parts: "wasi:cli/run@0.2.0" -> interface wasi:cli/run, version 0.2.0. */
static void print_extern(const struct comp_extern *e, FILE *out, const char *indent)
{
	fprintf(out, "%s%.*s: %s", indent, NAME(e->name), comp_sort_name(e->sort));
	const char *at = memchr(e->name.str, '@', e->name.len);
	if (at && memchr(e->name.str, '/', e->name.len))
		fprintf(out, " (interface %.*s, version %.*s)", (int)(at - e->name.str), e->name.str,
				(int)(e->name.len - (uint32_t)(at - e->name.str) - 1), at + 1);
	if (e->sort == COMP_SORT_FUNC) {
		fputs(" ", out);
		print_functype(e->type, out);
	} else if (e->sort == COMP_SORT_TYPE && e->type->kind == COMP_TYPE_RESOURCE) {
		fputs(" resource", out);
	}
	fputc('\n', out);
	if (e->sort == COMP_SORT_INSTANCE && *indent == ' ' && indent[2] == 0)
		for (uint32_t i = 0; i < e->type->export_count; i++)
			print_extern(&e->type->exports[i], out, "      ");
}

/* Where a component func comes from: "wasi:cli/stdout@0.2.0 get-stdout", "lift of core func 9". */
static void print_func_origin(const struct component *c, uint32_t index, FILE *out)
{
	const struct comp_item *f = &c->spaces[COMP_SORT_FUNC].items[index];
	if (f->origin == COMP_FROM_ALIAS && c->aliases[f->def].target == COMP_ALIAS_EXPORT) {
		const struct comp_alias *a = &c->aliases[f->def];
		const struct comp_item *inst = &c->spaces[COMP_SORT_INSTANCE].items[a->instance];
		if (inst->origin == COMP_FROM_IMPORT)
			fprintf(out, "%.*s ", NAME(c->imports[inst->def].desc.name));
		else
			fprintf(out, "instance %u ", a->instance);
		fprintf(out, "'%.*s'", NAME(a->name));
	} else if (f->origin == COMP_FROM_CANON) {
		fprintf(out, "lift of core func %u", c->canons[f->def].func);
	} else if (f->origin == COMP_FROM_IMPORT) {
		fprintf(out, "import '%.*s'", NAME(c->imports[f->def].desc.name));
	} else {
		fputs("export", out);
	}
}

static void print_core_func_origin(const struct component *c, uint32_t index, FILE *out)
{
	const struct comp_item *f = &c->spaces[COMP_SORT_CORE_FUNC].items[index];
	if (f->origin == COMP_FROM_ALIAS && c->aliases[f->def].target == COMP_ALIAS_CORE_EXPORT)
		fprintf(out, "core instance %u '%.*s'", c->aliases[f->def].instance, NAME(c->aliases[f->def].name));
	else if (f->origin == COMP_FROM_CANON)
		fprintf(out, "canon %u", f->def);
	else
		fputs("outer alias", out);
}

static void print_opts(const struct comp_canon_opts *o, FILE *out)
{
	static const char *const encodings[] = { "utf8", "utf16", "latin1+utf16" };
	if (o->has_memory)
		fprintf(out, " memory %u", o->memory);
	if (o->has_realloc)
		fprintf(out, " realloc %u", o->realloc);
	if (o->has_post_return)
		fprintf(out, " post-return %u", o->post_return);
	if (o->has_string_encoding)
		fprintf(out, " string-encoding=%s", encodings[o->string_encoding]);
}

static void print_canons(const struct component *c, FILE *out, const char *in)
{
	static const char *const kinds[] = { "lift", "lower", "resource.new", "resource.drop", "resource.rep" };
	fprintf(out, "%scanon (%u):\n", in, c->canon_count);
	for (uint32_t i = 0; i < c->canon_count; i++) {
		const struct comp_canon *cn = &c->canons[i];
		const struct comp_item *res;
		switch (cn->kind) {
		case COMP_CANON_LOWER:
			res = &c->spaces[COMP_SORT_CORE_FUNC].items[cn->index];
			fprintf(out, "%s  core func %u = lower func %u (", in, cn->index, cn->func);
			print_func_origin(c, cn->func, out);
			fputs(") ", out);
			print_core_sig(res->core_func_type, out);
			break;
		case COMP_CANON_LIFT:
			fprintf(out, "%s  func %u = lift core func %u (", in, cn->index, cn->func);
			print_core_func_origin(c, cn->func, out);
			fputs(") as func", out);
			print_functype(c->spaces[COMP_SORT_FUNC].items[cn->index].type, out);
			break;
		default: {
			const struct comp_type *rt = c->spaces[COMP_SORT_TYPE].items[cn->type].type;
			fprintf(out, "%s  core func %u = %s type %u", in, cn->index, kinds[cn->kind], cn->type);
			if (rt->resource_name.len)
				fprintf(out, " (%.*s)", NAME(rt->resource_name));
			break;
		}
		}
		print_opts(&cn->opts, out);
		fputc('\n', out);
	}
}

/* The index in its sort's space of the i-th definition of a section (imports and aliases come first). */
static uint32_t space_index(const struct component *c, uint8_t sort, uint32_t def)
{
	for (uint32_t k = 0; k < c->spaces[sort].count; k++) {
		const struct comp_item *item = &c->spaces[sort].items[k];
		if (item->origin == COMP_FROM_DEFINITION && item->def == def)
			return k;
	}
	return def;
}

static void print_core_modules(const struct component *c, FILE *out, const char *in)
{
	static const char *const kinds[] = { "func", "table", "memory", "global" };
	fprintf(out, "%score modules (%u):\n", in, c->core_module_count);
	for (uint32_t i = 0; i < c->core_module_count; i++) {
		const struct comp_core_module *cm = &c->core_modules[i];
		const struct wasm_module *m = &cm->module;
		uint32_t index = space_index(c, COMP_SORT_CORE_MODULE, i);
		fprintf(out, "%s  module %u at 0x%zx, %zu bytes: %u functions (%u imported), %u memories, %u tables\n", in,
			index, cm->offset, cm->size, m->func_count,
			m->imported_func_count, m->memory_count, m->table_count);
		for (uint32_t k = 0; k < cm->type.import_count; k++) {
			const struct comp_core_decl *d = &cm->type.imports[k];
			fprintf(out, "%s    import %.*s.%.*s: %s ", in, NAME(d->module), NAME(d->name), kinds[d->kind]);
			if (d->kind == WASM_EXTERN_FUNC)
				print_core_sig(d->func_type, out);
			fputc('\n', out);
		}
		for (uint32_t k = 0; k < cm->type.export_count; k++)
			fprintf(out, "%s    export %.*s: %s\n", in, NAME(cm->type.exports[k].name), kinds[cm->type.exports[k].kind]);
	}
}

static void print_core_instances(const struct component *c, FILE *out, const char *in)
{
	fprintf(out, "%score instances (%u):\n", in, c->core_instance_count);
	for (uint32_t i = 0; i < c->core_instance_count; i++) {
		const struct comp_core_instance *ci = &c->core_instances[i];
		if (ci->kind == COMP_INSTANTIATE) {
			fprintf(out, "%s  %u: instantiate module %u", in, space_index(c, COMP_SORT_CORE_INSTANCE, i),
				ci->module);
			for (uint32_t k = 0; k < ci->arg_count; k++)
				fprintf(out, "%s%.*s=core instance %u", k ? ", " : " with ", NAME(ci->args[k].name),
					ci->args[k].instance);
			fputc('\n', out);
			continue;
		}
		fprintf(out, "%s  %u: exports\n", in, space_index(c, COMP_SORT_CORE_INSTANCE, i));
		for (uint32_t k = 0; k < ci->export_count; k++) {
			const struct comp_core_export *e = &ci->exports[k];
			fprintf(out, "%s    %.*s = %s %u", in, NAME(e->name), comp_sort_name(e->sort), e->index);
			if (e->sort == COMP_SORT_CORE_FUNC) {
				fputs(" (", out);
				print_core_func_origin(c, e->index, out);
				fputc(')', out);
			}
			fputc('\n', out);
		}
	}
}

static void print_component(const struct component *c, FILE *out, const char *in)
{
	fprintf(out, "%simports (%u):\n", in, c->import_count);
	char deeper[16];
	snprintf(deeper, sizeof(deeper), "%s  ", in);
	for (uint32_t i = 0; i < c->import_count; i++)
		print_extern(&c->imports[i].desc, out, deeper);
	fprintf(out, "%sexports (%u):\n", in, c->export_count);
	for (uint32_t i = 0; i < c->export_count; i++) {
		const struct comp_export *e = &c->exports[i];
		fprintf(out, "%s  %.*s: %s %u", in, NAME(e->name), comp_sort_name(e->sort), e->index);
		if (e->sort == COMP_SORT_FUNC) {
			fputs(" = ", out);
			print_func_origin(c, e->index, out);
		}
		fputc('\n', out);
	}
	print_core_modules(c, out, in);
	print_core_instances(c, out, in);
	print_canons(c, out, in);
	fprintf(out, "%sinstances (%u):\n", in, c->instance_count);
	for (uint32_t i = 0; i < c->instance_count; i++) {
		const struct comp_instance *inst = &c->instances[i];
		const struct comp_sortidx *list = inst->kind == COMP_INSTANTIATE ? inst->args : inst->exports;
		uint32_t n = inst->kind == COMP_INSTANTIATE ? inst->arg_count : inst->export_count;
		if (inst->kind == COMP_INSTANTIATE)
			fprintf(out, "%s  %u: instantiate component %u", in, space_index(c, COMP_SORT_INSTANCE, i),
				inst->component);
		else
			fprintf(out, "%s  %u: exports", in, space_index(c, COMP_SORT_INSTANCE, i));
		for (uint32_t k = 0; k < n; k++)
			fprintf(out, "%s%.*s=%s %u", k ? ", " : inst->kind == COMP_INSTANTIATE ? " with " : " ",
				NAME(list[k].name), comp_sort_name(list[k].sort), list[k].index);
		fputc('\n', out);
	}
	fprintf(out, "%scomponents (%u):\n", in, c->component_count);
	for (uint32_t i = 0; i < c->component_count; i++) {
		fprintf(out, "%s  component %u at 0x%zx, %zu bytes:\n", in, i, c->components[i].offset, c->components[i].size);
		if (strlen(in) < 8)
			print_component(&c->components[i], out, deeper);
	}
}

void inspect_print_component(const struct component *c, const char *path, FILE *out)
{
	fprintf(out, "%s: WebAssembly component, %zu bytes\n", path, c->size);
	fputs("index spaces:", out);
	for (int s = 0; s < COMP_SORT_COUNT; s++)
		if (c->spaces[s].count)
			fprintf(out, " %s %u,", comp_sort_name(s), c->spaces[s].count);
	fputc('\n', out);
	print_component(c, out, "");
	fprintf(out, "custom sections (%u):\n", c->custom_count);
	for (uint32_t i = 0; i < c->custom_count; i++)
		fprintf(out, "  %.*s: %zu bytes\n", NAME(c->customs[i].name), c->customs[i].size);
}
