/*
 * The component decoder: the preamble, the sections in any order and number,
 * and the index spaces they build. Indices are checked against the spaces as
 * they are when the definition is read, as the binary format requires;
 * embedded core modules go through the core decoder and validator.
 */
#include <string.h>

#include "component_decode.h"

/* The version of the Component Model's binary format this decoder reads. */
enum { COMP_VERSION = 0x0d };

void *cd_alloc(struct comp_decoder *d, size_t n, size_t size)
{
	void *p = arena_calloc(d->arena, n ? n : 1, size);
	if (!p)
		wasm_fail(d->r.err, WASM_ERR_LIMIT, d->r.pos, "out of memory");
	return p;
}

bool cd_grow(struct comp_decoder *d, void **array, uint32_t *count, uint32_t n, size_t size)
{
	switch (arena_grow(d->arena, array, count, n, size)) {
	case ARENA_GROW_OK:
		return true;
	case ARENA_GROW_TOO_MANY:
		return CD_MALFORMED(d, d->r.pos, "too many definitions");
	default:
		return wasm_fail(d->r.err, WASM_ERR_LIMIT, d->r.pos, "out of memory");
	}
}

bool cd_add_item(struct comp_decoder *d, struct comp_space *space, const struct comp_item *item, uint32_t *index)
{
	if (!cd_grow(d, (void **)&space->items, &space->count, 1, sizeof(*item)))
		return false;
	space->items[space->count - 1] = *item;
	*index = space->count - 1;
	return true;
}

bool cd_item(struct comp_decoder *d, const struct comp_scope *s, uint8_t sort, uint32_t index, size_t at,
		const struct comp_item **out)
{
	const struct comp_space *space = &s->spaces[sort];
	if (index >= space->count)
		return CD_INVALID(d, at, "unknown %s %u", comp_sort_name(sort), index);
	*out = &space->items[index];
	return true;
}

bool cd_read_core_sort(struct comp_decoder *d, uint8_t *sort)
{
	size_t at = d->r.pos;
	uint8_t byte;
	if (!rd_u8(&d->r, &byte))
		return false;
	switch (byte) {
	case 0x00: *sort = COMP_SORT_CORE_FUNC; return true;
	case 0x01: *sort = COMP_SORT_CORE_TABLE; return true;
	case 0x02: *sort = COMP_SORT_CORE_MEMORY; return true;
	case 0x03: *sort = COMP_SORT_CORE_GLOBAL; return true;
	case 0x04: return CD_UNSUPPORTED(d, at, "the exception-handling proposal");
	case 0x10: *sort = COMP_SORT_CORE_TYPE; return true;
	case 0x11: *sort = COMP_SORT_CORE_MODULE; return true;
	case 0x12: *sort = COMP_SORT_CORE_INSTANCE; return true;
	}
	return CD_MALFORMED(d, at, "malformed core sort");
}

bool cd_read_sort(struct comp_decoder *d, uint8_t *sort)
{
	size_t at = d->r.pos;
	uint8_t byte;
	if (!rd_u8(&d->r, &byte))
		return false;
	switch (byte) {
	case 0x00: return cd_read_core_sort(d, sort);
	case 0x01: *sort = COMP_SORT_FUNC; return true;
	case 0x02: return CD_UNSUPPORTED(d, at, "the value sort");
	case 0x03: *sort = COMP_SORT_TYPE; return true;
	case 0x04: *sort = COMP_SORT_COMPONENT; return true;
	case 0x05: *sort = COMP_SORT_INSTANCE; return true;
	}
	return CD_MALFORMED(d, at, "malformed sort");
}

bool cd_read_extern_name(struct comp_decoder *d, struct wasm_name *name)
{
	size_t at = d->r.pos;
	uint8_t tag;
	if (!rd_u8(&d->r, &tag))
		return false;
	if (tag == 0x01)
		return CD_UNSUPPORTED(d, at, "an import or export name with a version suffix");
	if (tag != 0x00)
		return CD_MALFORMED(d, at, "malformed import or export name");
	return rd_name(&d->r, name);
}

static bool same_name(const struct wasm_name *a, const struct wasm_name *b)
{
	return a->len == b->len && !memcmp(a->str, b->str, a->len);
}

static bool read_sortidx(struct comp_decoder *d, const struct comp_scope *s, struct comp_sortidx *out)
{
	size_t at;
	const struct comp_item *item;
	if (!cd_read_sort(d, &out->sort))
		return false;
	at = d->r.pos;
	return rd_u32(&d->r, &out->index) && cd_item(d, s, out->sort, out->index, at, &item);
}

/* Section 1: an embedded core module, decoded and validated by the core front end. */
static bool read_core_module(struct comp_decoder *d, struct component *c)
{
	struct wasm_reader *r = &d->r;
	if (!cd_grow(d, (void **)&c->core_modules, &c->core_module_count, 1, sizeof(*c->core_modules)))
		return false;
	struct comp_core_module *cm = &c->core_modules[c->core_module_count - 1];
	cm->offset = r->pos;
	cm->size = rd_left(r);
	struct wasm_error err;
	if (!wasm_decode(r->bytes + r->pos, cm->size, d->arena, &cm->module, &err) ||
			!wasm_validate(&cm->module, d->arena, &err)) {
		*r->err = err;
		r->err->offset += cm->offset;
		return false;
	}
	const struct wasm_module *m = &cm->module;
	/* Its own allocation: c->core_modules moves as it grows, the items keep pointing here. */
	struct comp_core_module_type *t = cd_alloc(d, 1, sizeof(*t));
	if (!t)
		return false;
	t->import_count = m->import_count;
	t->export_count = m->export_count;
	t->imports = cd_alloc(d, m->import_count, sizeof(*t->imports));
	t->exports = cd_alloc(d, m->export_count, sizeof(*t->exports));
	if (!t->imports || !t->exports)
		return false;
	for (uint32_t i = 0; i < m->import_count; i++) {
		const struct wasm_import *imp = &m->imports[i];
		t->imports[i] = (struct comp_core_decl){ .module = imp->module, .name = imp->field, .kind = imp->kind };
		if (imp->kind == WASM_EXTERN_FUNC)
			t->imports[i].func_type = wasm_func_type_of(m, imp->index);
	}
	for (uint32_t i = 0; i < m->export_count; i++) {
		const struct wasm_export *e = &m->exports[i];
		t->exports[i] = (struct comp_core_decl){ .name = e->name, .kind = e->kind };
		if (e->kind == WASM_EXTERN_FUNC)
			t->exports[i].func_type = wasm_func_type_of(m, e->index);
	}
	cm->type = *t;
	r->pos = r->end;
	struct comp_item item = { .origin = COMP_FROM_DEFINITION, .def = c->core_module_count - 1,
		.offset = cm->offset, .module_type = t };
	uint32_t index;
	return cd_add_item(d, &c->spaces[COMP_SORT_CORE_MODULE], &item, &index);
}

static uint8_t sort_of_core_kind(uint8_t kind)
{
	static const uint8_t sorts[] = { COMP_SORT_CORE_FUNC, COMP_SORT_CORE_TABLE, COMP_SORT_CORE_MEMORY,
		COMP_SORT_CORE_GLOBAL };
	return sorts[kind];
}

/* core:instance ::= 0x00 m vec(name 0x12 instanceidx) | 0x01 vec(name core:sortidx) */
static bool read_core_instance(struct comp_decoder *d, const struct comp_scope *s, struct comp_core_instance *ci)
{
	struct wasm_reader *r = &d->r;
	struct component *c = s->component;
	ci->offset = r->pos;
	if (!rd_u8(r, &ci->kind))
		return false;
	if (ci->kind == COMP_INSTANTIATE) {
		size_t at = r->pos;
		const struct comp_item *module;
		if (!rd_u32(r, &ci->module) || !cd_item(d, s, COMP_SORT_CORE_MODULE, ci->module, at, &module))
			return false;
		if (!rd_count(r, 3, &ci->arg_count) || !(ci->args = cd_alloc(d, ci->arg_count, sizeof(*ci->args))))
			return false;
		for (uint32_t i = 0; i < ci->arg_count; i++) {
			struct comp_core_arg *a = &ci->args[i];
			const struct comp_item *inst;
			uint8_t sort;
			at = r->pos;
			if (!rd_name(r, &a->name))
				return false;
			for (uint32_t k = 0; k < i; k++)
				if (same_name(&ci->args[k].name, &a->name))
					return CD_INVALID(d, at, "duplicate instantiation argument '%.*s'", (int)a->name.len,
							a->name.str);
			size_t sort_at = r->pos;
			if (!cd_read_core_sort(d, &sort))
				return false;
			if (sort != COMP_SORT_CORE_INSTANCE)
				return CD_INVALID(d, sort_at, "a core instantiation argument must be a core instance");
			at = r->pos;
			if (!rd_u32(r, &a->instance) || !cd_item(d, s, COMP_SORT_CORE_INSTANCE, a->instance, at, &inst))
				return false;
		}
		/* Its exports are the module's. */
		const struct comp_core_module_type *mt = module->module_type;
		const struct wasm_module *defined = module->origin == COMP_FROM_DEFINITION ?
			&c->core_modules[module->def].module : NULL;
		ci->export_count = mt->export_count;
		if (!(ci->exports = cd_alloc(d, mt->export_count, sizeof(*ci->exports))))
			return false;
		for (uint32_t i = 0; i < mt->export_count; i++)
			ci->exports[i] = (struct comp_core_export){ .name = mt->exports[i].name,
				.sort = sort_of_core_kind(mt->exports[i].kind),
				.index = defined ? defined->exports[i].index : i, .func_type = mt->exports[i].func_type };
		return true;
	}
	if (ci->kind != COMP_INLINE_EXPORTS)
		return CD_MALFORMED(d, ci->offset, "malformed core instance");
	if (!rd_count(r, 3, &ci->export_count) || !(ci->exports = cd_alloc(d, ci->export_count, sizeof(*ci->exports))))
		return false;
	for (uint32_t i = 0; i < ci->export_count; i++) {
		struct comp_core_export *e = &ci->exports[i];
		const struct comp_item *item;
		size_t at = r->pos;
		if (!rd_name(r, &e->name))
			return false;
		for (uint32_t k = 0; k < i; k++)
			if (same_name(&ci->exports[k].name, &e->name))
				return CD_INVALID(d, at, "duplicate export name '%.*s'", (int)e->name.len, e->name.str);
		if (!cd_read_core_sort(d, &e->sort))
			return false;
		size_t index_at = r->pos;
		if (!rd_u32(r, &e->index) || !cd_item(d, s, e->sort, e->index, index_at, &item))
			return false;
		if (e->sort > COMP_SORT_CORE_GLOBAL)
			return CD_INVALID(d, at, "a core instance can only export functions, tables, memories and globals");
		e->func_type = item->core_func_type;
	}
	return true;
}

/* A (name, sort, index) list; its names must be unique. */
static bool read_sortidx_vec(struct comp_decoder *d, const struct comp_scope *s, bool export_names,
		uint32_t *count, struct comp_sortidx **out)
{
	struct wasm_reader *r = &d->r;
	if (!rd_count(r, 3, count) || !(*out = cd_alloc(d, *count, sizeof(**out))))
		return false;
	for (uint32_t i = 0; i < *count; i++) {
		struct comp_sortidx *e = &(*out)[i];
		e->offset = r->pos;
		if (!(export_names ? cd_read_extern_name(d, &e->name) : rd_name(r, &e->name)))
			return false;
		for (uint32_t k = 0; k < i; k++)
			if (same_name(&(*out)[k].name, &e->name))
				return CD_INVALID(d, e->offset, "duplicate name '%.*s'", (int)e->name.len, e->name.str);
		if (!read_sortidx(d, s, e))
			return false;
	}
	return true;
}

/* An instance type listing (name, sort, type) for each item. */
static bool instance_type_of(struct comp_decoder *d, const struct comp_scope *s, const struct comp_sortidx *items,
		uint32_t n, size_t at, const struct comp_type **out)
{
	struct comp_type *t = cd_alloc(d, 1, sizeof(*t));
	struct comp_extern *exports = cd_alloc(d, n, sizeof(*exports));
	if (!t || !exports)
		return false;
	for (uint32_t i = 0; i < n; i++) {
		const struct comp_item *item = &s->spaces[items[i].sort].items[items[i].index];
		if (items[i].sort <= COMP_SORT_CORE_INSTANCE && items[i].sort != COMP_SORT_CORE_MODULE)
			return CD_INVALID(d, items[i].offset, "a component instance cannot export a %s",
					comp_sort_name(items[i].sort));
		exports[i] = (struct comp_extern){ .name = items[i].name, .sort = items[i].sort, .type = item->type,
			.module_type = item->module_type, .offset = items[i].offset };
	}
	*t = (struct comp_type){ .kind = COMP_TYPE_INSTANCE, .export_count = n, .exports = exports, .offset = at };
	*out = t;
	return true;
}

/* instance ::= 0x00 c vec(<instantiatearg>) | 0x01 vec(<inlineexport>) */
static bool read_instance(struct comp_decoder *d, const struct comp_scope *s, struct comp_instance *in)
{
	struct wasm_reader *r = &d->r;
	in->offset = r->pos;
	if (!rd_u8(r, &in->kind))
		return false;
	if (in->kind == COMP_INSTANTIATE) {
		size_t at = r->pos;
		const struct comp_item *comp;
		if (!rd_u32(r, &in->component) || !cd_item(d, s, COMP_SORT_COMPONENT, in->component, at, &comp))
			return false;
		if (!read_sortidx_vec(d, s, false, &in->arg_count, &in->args))
			return false;
		struct comp_type *t = cd_alloc(d, 1, sizeof(*t));
		if (!t)
			return false;
		*t = (struct comp_type){ .kind = COMP_TYPE_INSTANCE, .export_count = comp->type->export_count,
			.exports = comp->type->exports, .offset = in->offset };
		in->type = t;
		return true;
	}
	if (in->kind != COMP_INLINE_EXPORTS)
		return CD_MALFORMED(d, in->offset, "malformed instance");
	return read_sortidx_vec(d, s, true, &in->export_count, &in->exports) &&
		instance_type_of(d, s, in->exports, in->export_count, in->offset, &in->type);
}

static bool read_canon_opts(struct comp_decoder *d, const struct comp_scope *s, struct comp_canon_opts *o)
{
	struct wasm_reader *r = &d->r;
	uint32_t n;
	o->offset = r->pos;
	if (!rd_count(r, 1, &n))
		return false;
	for (uint32_t i = 0; i < n; i++) {
		size_t at = r->pos;
		uint8_t tag;
		if (!rd_u8(r, &tag))
			return false;
		bool *has;
		uint32_t *index = NULL;
		uint8_t sort = COMP_SORT_CORE_FUNC;
		switch (tag) {
		case 0x00: case 0x01: case 0x02:
			has = &o->has_string_encoding;
			o->string_encoding = tag;
			break;
		case 0x03: has = &o->has_memory, index = &o->memory, sort = COMP_SORT_CORE_MEMORY; break;
		case 0x04: has = &o->has_realloc, index = &o->realloc; break;
		case 0x05: has = &o->has_post_return, index = &o->post_return; break;
		case 0x06: case 0x07: return CD_UNSUPPORTED(d, at, "the async canonical options");
		case 0x08: case 0x09: return CD_UNSUPPORTED(d, at, "the gc canonical options");
		default: return CD_MALFORMED(d, at, "malformed canonical option");
		}
		if (*has)
			return CD_INVALID(d, at, "duplicate or conflicting canonical option");
		*has = true;
		const struct comp_item *item;
		size_t index_at = r->pos;
		if (index && (!rd_u32(r, index) || !cd_item(d, s, sort, *index, index_at, &item)))
			return false;
	}
	return true;
}

static const struct wasm_func_type *resource_builtin_type(uint8_t kind)
{
	static const uint8_t i32[1] = { WASM_VT_I32 };
	static const struct wasm_func_type i32_to_i32 = { 1, 1, i32, i32, 0 };
	static const struct wasm_func_type i32_to_none = { 1, 0, i32, i32, 0 };
	return kind == COMP_CANON_RESOURCE_DROP ? &i32_to_none : &i32_to_i32;
}

/* canon ::= 0x00 0x00 f opts ft (lift) | 0x01 0x00 f opts (lower) | 0x02/0x03/0x04 rt (resource.new/drop/rep) */
static bool read_canon(struct comp_decoder *d, const struct comp_scope *s, struct comp_canon *cn)
{
	struct wasm_reader *r = &d->r;
	cn->offset = r->pos;
	uint8_t tag, sub;
	if (!rd_u8(r, &tag))
		return false;
	struct comp_item item = { .origin = COMP_FROM_CANON, .def = s->component->canon_count, .offset = cn->offset };
	const struct comp_item *target;
	size_t at;
	switch (tag) {
	case 0x00:
	case 0x01:
		cn->kind = tag == 0x00 ? COMP_CANON_LIFT : COMP_CANON_LOWER;
		at = r->pos;
		if (!rd_u8(r, &sub))
			return false;
		if (sub != 0x00)
			return CD_MALFORMED(d, at, "malformed canonical %s", tag ? "lower" : "lift");
		at = r->pos;
		if (!rd_u32(r, &cn->func) ||
				!cd_item(d, s, tag == 0x00 ? COMP_SORT_CORE_FUNC : COMP_SORT_FUNC, cn->func, at, &target) ||
				!read_canon_opts(d, s, &cn->opts))
			return false;
		if (cn->kind == COMP_CANON_LOWER) {
			struct wasm_func_type *ft = cd_alloc(d, 1, sizeof(*ft));
			if (!ft || !comp_flatten_functype(target->type, true, d->arena, ft))
				return ft ? wasm_fail(r->err, WASM_ERR_LIMIT, at, "out of memory") : false;
			item.core_func_type = ft;
			return cd_add_item(d, &s->spaces[COMP_SORT_CORE_FUNC], &item, &cn->index);
		}
		at = r->pos;
		if (!rd_u32(r, &cn->type) || !cd_item(d, s, COMP_SORT_TYPE, cn->type, at, &target))
			return false;
		if (target->type->kind != COMP_TYPE_FUNC)
			return CD_INVALID(d, at, "type %u is not a function type", cn->type);
		item.type = target->type;
		return cd_add_item(d, &s->spaces[COMP_SORT_FUNC], &item, &cn->index);
	case 0x02: case 0x03: case 0x04:
		cn->kind = tag == 0x02 ? COMP_CANON_RESOURCE_NEW : tag == 0x03 ? COMP_CANON_RESOURCE_DROP
			: COMP_CANON_RESOURCE_REP;
		at = r->pos;
		if (!rd_u32(r, &cn->type) || !cd_item(d, s, COMP_SORT_TYPE, cn->type, at, &target))
			return false;
		if (target->type->kind != COMP_TYPE_RESOURCE)
			return CD_INVALID(d, at, "type %u is not a resource type", cn->type);
		if (cn->kind != COMP_CANON_RESOURCE_DROP && !target->type->resource_defined)
			return CD_INVALID(d, at, "resource.new and resource.rep need a resource this component defines");
		item.core_func_type = resource_builtin_type(cn->kind);
		return cd_add_item(d, &s->spaces[COMP_SORT_CORE_FUNC], &item, &cn->index);
	}
	return CD_UNSUPPORTED(d, cn->offset, "this canonical built-in (async, threads or error-context)");
}

static bool read_import(struct comp_decoder *d, const struct comp_scope *s, struct comp_import *imp)
{
	imp->offset = d->r.pos;
	imp->desc.offset = imp->offset;
	if (!cd_read_extern_name(d, &imp->desc.name) || !cd_read_externdesc(d, s, &imp->desc))
		return false;
	struct comp_item item;
	cd_extern_item(&imp->desc, COMP_FROM_IMPORT, s->component->import_count, &item);
	return cd_add_item(d, &s->spaces[imp->desc.sort], &item, &imp->index);
}

/* export ::= name sortidx ed?:<externdesc>? ; an export defines a new item of its sort. */
static bool read_export(struct comp_decoder *d, const struct comp_scope *s, struct comp_export *e)
{
	struct wasm_reader *r = &d->r;
	struct comp_sortidx si;
	e->offset = r->pos;
	if (!cd_read_extern_name(d, &e->name) || !read_sortidx(d, s, &si))
		return false;
	e->sort = si.sort;
	e->index = si.index;
	if (e->sort <= COMP_SORT_CORE_INSTANCE && e->sort != COMP_SORT_CORE_MODULE)
		return CD_INVALID(d, e->offset, "a component cannot export a %s", comp_sort_name(e->sort));
	size_t at = r->pos;
	uint8_t has_type;
	if (!rd_u8(r, &has_type))
		return false;
	if (has_type > 1)
		return CD_MALFORMED(d, at, "malformed export type ascription");
	struct comp_item item = s->spaces[e->sort].items[e->index];
	if (has_type) {
		struct comp_extern desc = { .name = e->name, .offset = at };
		if (!cd_read_externdesc(d, s, &desc))
			return false;
		if (desc.sort != e->sort)
			return CD_INVALID(d, at, "the type ascribed to export '%.*s' is not of its sort", (int)e->name.len,
					e->name.str);
		e->ascribed = desc.type;
		item.type = desc.type;
	}
	item.origin = COMP_FROM_DEFINITION;
	item.offset = e->offset;
	return cd_add_item(d, &s->spaces[e->sort], &item, &e->new_index);
}

/* Reads a vector section's entries with `read`, appending each to (*array, *count). */
#define READ_VEC(d, s, min_size, array, count, read)                                           \
	do {                                                                                   \
		uint32_t n_;                                                                   \
		if (!rd_count(&(d)->r, (min_size), &n_))                                       \
			return false;                                                          \
		for (uint32_t i_ = 0; i_ < n_; i_++) {                                         \
			__typeof__(*(array)) entry_ = { 0 };                                   \
			if (!read((d), (s), &entry_))                                          \
				return false;                                                  \
			if (!cd_grow((d), (void **)&(array), &(count), 1, sizeof(entry_)))     \
				return false;                                                  \
			(array)[(count) - 1] = entry_;                                         \
		}                                                                              \
	} while (0)

static bool read_type_entry(struct comp_decoder *d, const struct comp_scope *s, struct comp_item *item)
{
	item->origin = COMP_FROM_DEFINITION;
	item->offset = d->r.pos;
	return cd_read_type(d, s, &item->type);
}

static bool read_custom(struct comp_decoder *d, struct component *c, size_t section_offset)
{
	struct wasm_custom cs = { .offset = section_offset };
	if (!rd_name(&d->r, &cs.name))
		return false;
	cs.payload = d->r.bytes + d->r.pos;
	cs.size = rd_left(&d->r);
	d->r.pos = d->r.end;
	if (!cd_grow(d, (void **)&c->customs, &c->custom_count, 1, sizeof(cs)))
		return false;
	c->customs[c->custom_count - 1] = cs;
	return true;
}

static bool read_component(struct comp_decoder *d, const struct comp_scope *parent, struct component *c);

static bool read_nested_component(struct comp_decoder *d, const struct comp_scope *s)
{
	struct component sub;
	if (!read_component(d, s, &sub))
		return false;
	struct component *c = s->component;
	if (!cd_grow(d, (void **)&c->components, &c->component_count, 1, sizeof(sub)))
		return false;
	c->components[c->component_count - 1] = sub;
	struct comp_item item = { .origin = COMP_FROM_DEFINITION, .def = c->component_count - 1,
		.offset = sub.offset, .type = sub.type };
	uint32_t index;
	return cd_add_item(d, &s->spaces[COMP_SORT_COMPONENT], &item, &index);
}

static bool read_section(struct comp_decoder *d, const struct comp_scope *s, uint8_t id, size_t section_offset)
{
	struct component *c = s->component;
	uint32_t index;
	switch (id) {
	case 0: return read_custom(d, c, section_offset);
	case 1: return read_core_module(d, c);
	case 2: {
		uint32_t n;
		if (!rd_count(&d->r, 2, &n))
			return false;
		for (uint32_t i = 0; i < n; i++) {
			struct comp_core_instance ci = { 0 };
			if (!read_core_instance(d, s, &ci) ||
					!cd_grow(d, (void **)&c->core_instances, &c->core_instance_count, 1, sizeof(ci)))
				return false;
			c->core_instances[c->core_instance_count - 1] = ci;
			struct comp_item item = { .origin = COMP_FROM_DEFINITION, .def = c->core_instance_count - 1,
				.offset = ci.offset };
			if (!cd_add_item(d, &s->spaces[COMP_SORT_CORE_INSTANCE], &item, &index))
				return false;
		}
		return true;
	}
	case 3: {
		uint32_t n;
		if (!rd_count(&d->r, 1, &n))
			return false;
		for (uint32_t i = 0; i < n; i++) {
			struct comp_item item;
			if (!cd_read_core_type(d, s, &item) || !cd_add_item(d, &s->spaces[COMP_SORT_CORE_TYPE], &item, &index))
				return false;
		}
		return true;
	}
	case 4: return read_nested_component(d, s);
	case 5: {
		uint32_t n;
		if (!rd_count(&d->r, 2, &n))
			return false;
		for (uint32_t i = 0; i < n; i++) {
			struct comp_instance in = { 0 };
			if (!read_instance(d, s, &in) || !cd_grow(d, (void **)&c->instances, &c->instance_count, 1, sizeof(in)))
				return false;
			c->instances[c->instance_count - 1] = in;
			struct comp_item item = { .origin = COMP_FROM_DEFINITION, .def = c->instance_count - 1,
				.offset = in.offset, .type = in.type };
			if (!cd_add_item(d, &s->spaces[COMP_SORT_INSTANCE], &item, &index))
				return false;
		}
		return true;
	}
	case 6: READ_VEC(d, s, 3, c->aliases, c->alias_count, cd_read_alias); return true;
	case 7: {
		uint32_t n;
		if (!rd_count(&d->r, 1, &n))
			return false;
		for (uint32_t i = 0; i < n; i++) {
			struct comp_item item = { 0 };
			if (!read_type_entry(d, s, &item) || !cd_add_item(d, &s->spaces[COMP_SORT_TYPE], &item, &index))
				return false;
		}
		return true;
	}
	case 8: READ_VEC(d, s, 2, c->canons, c->canon_count, read_canon); return true;
	case 9: return CD_UNSUPPORTED(d, section_offset, "the component start section");
	case 10: READ_VEC(d, s, 3, c->imports, c->import_count, read_import); return true;
	case 11: READ_VEC(d, s, 4, c->exports, c->export_count, read_export); return true;
	case 12: return CD_UNSUPPORTED(d, section_offset, "the value section");
	}
	return CD_MALFORMED(d, section_offset, "malformed section id");
}

static bool read_preamble(struct comp_decoder *d, size_t at)
{
	static const uint8_t magic[4] = { 0x00, 0x61, 0x73, 0x6d };
	const uint8_t *p;
	if (!rd_bytes(&d->r, 8, &p))
		return false;
	if (memcmp(p, magic, 4))
		return CD_MALFORMED(d, at, "magic header not detected");
	if (p[6] != 0x01 || p[7] != 0x00)
		return CD_MALFORMED(d, at + 6, "a nested component must be a component (layer 1)");
	if (p[4] != COMP_VERSION || p[5] != 0x00)
		return wasm_fail(d->r.err, WASM_ERR_UNSUPPORTED, at + 4,
				"component binary version 0x%x is not supported (wasmc reads version 0x%x)",
				p[4] | p[5] << 8, COMP_VERSION);
	return true;
}

/* The component type that a parent sees: imports and exports. */
static bool make_component_type(struct comp_decoder *d, struct component *c)
{
	struct comp_type *t = cd_alloc(d, 1, sizeof(*t));
	struct comp_extern *imports = cd_alloc(d, c->import_count, sizeof(*imports));
	struct comp_extern *exports = cd_alloc(d, c->export_count, sizeof(*exports));
	if (!t || !imports || !exports)
		return false;
	for (uint32_t i = 0; i < c->import_count; i++)
		imports[i] = c->imports[i].desc;
	for (uint32_t i = 0; i < c->export_count; i++) {
		const struct comp_export *e = &c->exports[i];
		const struct comp_item *item = &c->spaces[e->sort].items[e->new_index];
		exports[i] = (struct comp_extern){ .name = e->name, .sort = e->sort, .type = item->type,
			.module_type = item->module_type, .offset = e->offset };
	}
	*t = (struct comp_type){ .kind = COMP_TYPE_COMPONENT, .import_count = c->import_count, .imports = imports,
		.export_count = c->export_count, .exports = exports, .offset = c->offset };
	c->type = t;
	return true;
}

/* A component from the reader's position to its limit (the file, or the enclosing section). */
static bool read_component(struct comp_decoder *d, const struct comp_scope *parent, struct component *c)
{
	struct wasm_reader *r = &d->r;
	memset(c, 0, sizeof(*c));
	c->bytes = r->bytes;
	c->offset = r->pos;
	c->size = r->end - r->pos;
	if (++d->depth > COMP_MAX_DEPTH)
		return wasm_fail(r->err, WASM_ERR_LIMIT, c->offset, "components nested too deeply");
	if (!read_preamble(d, c->offset))
		return false;
	struct comp_scope s = { .parent = parent, .spaces = c->spaces, .component = c };
	size_t end = r->end;
	while (r->pos < end) {
		size_t section_offset = r->pos;
		uint8_t id;
		uint32_t len;
		if (!rd_u8(r, &id) || !rd_u32(r, &len))
			return false;
		if (id > 12)
			return CD_MALFORMED(d, section_offset, "malformed section id");
		if (len > rd_left(r))
			return CD_MALFORMED(d, r->pos, "length out of bounds");
		if (!cd_grow(d, (void **)&c->sections, &c->section_count, 1, sizeof(*c->sections)))
			return false;
		c->sections[c->section_count - 1] = (struct wasm_section_info){ .id = id, .offset = section_offset,
			.size = len };
		r->end = r->pos + len;
		if (!read_section(d, &s, id, section_offset))
			return false;
		if (r->pos != r->end)
			return CD_MALFORMED(d, r->pos, "section size mismatch");
		r->end = end;
	}
	d->depth--;
	return make_component_type(d, c);
}

bool component_is_component(const uint8_t *bytes, size_t size)
{
	return size >= 8 && bytes[0] == 0x00 && bytes[1] == 0x61 && bytes[2] == 0x73 && bytes[3] == 0x6d &&
		bytes[6] == 0x01 && bytes[7] == 0x00;
}

bool cd_error_one_line(struct wasm_error *err)
{
	for (char *p = err->message; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	return false;
}

bool component_decode(const uint8_t *bytes, size_t size, struct arena *arena, struct component *c,
		struct wasm_error *err)
{
	memset(err, 0, sizeof(*err));
	struct comp_decoder d = { .arena = arena };
	rd_init(&d.r, bytes, size, err);
	return read_component(&d, NULL, c) || cd_error_one_line(err);
}

const char *comp_sort_name(uint8_t sort)
{
	static const char *const names[COMP_SORT_COUNT] = {
		"core func", "core table", "core memory", "core global", "core type", "core module",
		"core instance", "func", "value", "type", "component", "instance",
	};
	return sort < COMP_SORT_COUNT ? names[sort] : "?";
}
