/*
 * Decoding component types: defined value types, function, component,
 * instance and resource types with their declarators, core function and core
 * module types, extern descriptions and aliases. Type indices are resolved
 * while reading, so a decoded type is a graph of pointers.
 */
#include <string.h>

#include "component_decode.h"

/* The primitive value types: one shared object each, indexed by encoding - COMP_PRIM_STRING. */
#define PRIM(p) { .kind = COMP_TYPE_PRIM, .prim = (p) }
static const struct comp_type prim_types[] = {
	PRIM(COMP_PRIM_STRING), PRIM(COMP_PRIM_CHAR), PRIM(COMP_PRIM_F64), PRIM(COMP_PRIM_F32),
	PRIM(COMP_PRIM_U64), PRIM(COMP_PRIM_S64), PRIM(COMP_PRIM_U32), PRIM(COMP_PRIM_S32),
	PRIM(COMP_PRIM_U16), PRIM(COMP_PRIM_S16), PRIM(COMP_PRIM_U8), PRIM(COMP_PRIM_S8),
	PRIM(COMP_PRIM_BOOL),
};
#undef PRIM

static bool is_prim(uint8_t byte)
{
	return byte >= COMP_PRIM_STRING && byte <= COMP_PRIM_BOOL;
}

static bool is_value_type(const struct comp_type *t)
{
	return t->kind <= COMP_TYPE_BORROW;
}

/* Encodings of features beyond what WASI 0.2 needs. */
static const char *unsupported_type(uint8_t byte)
{
	switch (byte) {
	case 0x64: return "the error-context type";
	case 0x65: return "the future type";
	case 0x66: return "the stream type";
	case 0x67: return "the fixed-size list type";
	case 0x43: return "the async function type";
	case 0x3e: return "the async resource type";
	}
	return NULL;
}

static struct comp_type *new_type(struct comp_decoder *d, uint8_t kind, size_t at)
{
	struct comp_type *t = cd_alloc(d, 1, sizeof(*t));
	if (t) {
		t->kind = kind;
		t->offset = at;
	}
	return t;
}

static bool type_at(struct comp_decoder *d, const struct comp_scope *s, uint32_t index, size_t at,
		const struct comp_type **out)
{
	const struct comp_item *item;
	if (!cd_item(d, s, COMP_SORT_TYPE, index, at, &item))
		return false;
	*out = item->type;
	return true;
}

/* valtype ::= i:<typeidx> | pvt:<primvaltype>, as one s33. */
static bool read_valtype(struct comp_decoder *d, const struct comp_scope *s, const struct comp_type **out)
{
	size_t at = d->r.pos;
	int64_t v;
	if (!rd_s33(&d->r, &v))
		return false;
	if (v >= 0) {
		if (v > UINT32_MAX || !type_at(d, s, (uint32_t)v, at, out))
			return v > UINT32_MAX ? CD_INVALID(d, at, "unknown type %lld", (long long)v) : false;
		if (!is_value_type(*out))
			return CD_INVALID(d, at, "type %u is not a value type", (uint32_t)v);
		return true;
	}
	uint8_t byte = (uint8_t)(v & 0x7f);
	if (v < -64 || !is_prim(byte)) {
		const char *what = v >= -64 ? unsupported_type(byte) : NULL;
		return what ? CD_UNSUPPORTED(d, at, what) : CD_MALFORMED(d, at, "malformed value type");
	}
	*out = &prim_types[byte - COMP_PRIM_STRING];
	return true;
}

/* An optional valtype: 0x00 absent | 0x01 t. */
static bool read_opt_valtype(struct comp_decoder *d, const struct comp_scope *s, const struct comp_type **out)
{
	size_t at = d->r.pos;
	uint8_t tag;
	if (!rd_u8(&d->r, &tag))
		return false;
	*out = NULL;
	if (tag == 0)
		return true;
	if (tag != 1)
		return CD_MALFORMED(d, at, "malformed optional type");
	return read_valtype(d, s, out);
}

/* Labels are kebab-case and unique within their type. */
static bool check_labels(struct comp_decoder *d, const struct comp_field *fields, uint32_t n, const size_t *at)
{
	for (uint32_t i = 0; i < n; i++) {
		if (!comp_label_valid(&fields[i].name))
			return CD_INVALID(d, at[i], "'%.*s' is not a kebab-case label", (int)fields[i].name.len,
					fields[i].name.str);
		for (uint32_t k = 0; k < i; k++)
			if (fields[k].name.len == fields[i].name.len &&
					!memcmp(fields[k].name.str, fields[i].name.str, fields[i].name.len))
				return CD_INVALID(d, at[i], "duplicate label '%.*s'", (int)fields[i].name.len,
						fields[i].name.str);
	}
	return true;
}

enum field_form { FIELD_NAMED, FIELD_CASE, FIELD_LABEL, FIELD_UNNAMED };

/* A vector of record fields, variant cases, flag or enum labels, or tuple elements. */
static bool read_fields(struct comp_decoder *d, const struct comp_scope *s, enum field_form form,
		struct comp_type *t, uint32_t min_count)
{
	struct wasm_reader *r = &d->r;
	size_t vec_at = r->pos;
	if (!rd_count(r, 1, &t->field_count))
		return false;
	struct comp_field *fields = cd_alloc(d, t->field_count ? t->field_count : 1, sizeof(*fields));
	size_t *at = cd_alloc(d, t->field_count ? t->field_count : 1, sizeof(*at));
	if (!fields || !at)
		return false;
	for (uint32_t i = 0; i < t->field_count; i++) {
		at[i] = r->pos;
		if (form != FIELD_UNNAMED && !rd_name(r, &fields[i].name))
			return false;
		if ((form == FIELD_NAMED || form == FIELD_UNNAMED) && !read_valtype(d, s, &fields[i].type))
			return false;
		if (form == FIELD_CASE) {
			if (!read_opt_valtype(d, s, &fields[i].type))
				return false;
			size_t refines_at = r->pos;
			uint8_t refines;
			if (!rd_u8(r, &refines))
				return false;
			if (refines != 0)
				return CD_MALFORMED(d, refines_at, "malformed variant case");
		}
	}
	t->fields = fields;
	if (t->field_count < min_count)
		return CD_INVALID(d, vec_at, "%s must have at least one %s",
				form == FIELD_CASE ? "a variant" : form == FIELD_UNNAMED ? "a tuple" : "a record, flags or enum",
				form == FIELD_CASE ? "case" : form == FIELD_UNNAMED ? "element" : "field");
	if (t->kind == COMP_TYPE_FLAGS && t->field_count > 32)
		return CD_INVALID(d, vec_at, "flags may have at most 32 labels");
	return form == FIELD_UNNAMED || check_labels(d, fields, t->field_count, at);
}

static bool read_handle(struct comp_decoder *d, const struct comp_scope *s, struct comp_type *t)
{
	size_t at = d->r.pos;
	uint32_t index;
	if (!rd_u32(&d->r, &index) || !type_at(d, s, index, at, &t->elem))
		return false;
	if (t->elem->kind != COMP_TYPE_RESOURCE)
		return CD_INVALID(d, at, "type %u is not a resource type", index);
	return true;
}

/* functype ::= 0x40 params:vec(<labelvaltype>) results:(0x00 t | 0x01 0x00) */
static bool read_func_type(struct comp_decoder *d, const struct comp_scope *s, struct comp_type *t)
{
	if (!read_fields(d, s, FIELD_NAMED, t, 0))
		return false;
	size_t at = d->r.pos;
	uint8_t tag;
	if (!rd_u8(&d->r, &tag))
		return false;
	if (tag == 0)
		return read_valtype(d, s, &t->elem);
	uint8_t none;
	if (tag != 1 || !rd_u8(&d->r, &none))
		return tag != 1 ? CD_MALFORMED(d, at, "malformed function result list") : false;
	if (none != 0)
		return CD_UNSUPPORTED(d, at, "a function with named results");
	return true;
}

static bool read_decls(struct comp_decoder *d, const struct comp_scope *parent, bool is_component,
		struct comp_type *t);

/* resourcetype ::= 0x3f 0x7f f?:<core:funcidx>? (only where a component defines it) */
static bool read_resource_type(struct comp_decoder *d, const struct comp_scope *s, struct comp_type *t)
{
	struct wasm_reader *r = &d->r;
	size_t at = r->pos;
	uint8_t rep;
	if (!rd_u8(r, &rep))
		return false;
	if (rep != 0x7f)
		return CD_MALFORMED(d, at, "malformed resource representation");
	at = r->pos;
	uint8_t has_dtor;
	if (!rd_u8(r, &has_dtor))
		return false;
	if (has_dtor > 1)
		return CD_MALFORMED(d, at, "malformed optional destructor");
	t->resource_defined = true;
	t->has_dtor = has_dtor;
	if (has_dtor) {
		at = r->pos;
		const struct comp_item *f;
		if (!rd_u32(r, &t->dtor) || !cd_item(d, s, COMP_SORT_CORE_FUNC, t->dtor, at, &f))
			return false;
		const struct wasm_func_type *ft = f->core_func_type;
		if (!ft || ft->param_count != 1 || ft->params[0] != WASM_VT_I32 || ft->result_count != 0)
			return CD_INVALID(d, at, "a resource destructor must have type (func (param i32))");
	}
	if (!s->component)
		return CD_INVALID(d, t->offset, "resource types can only be defined in a component");
	return true;
}

bool cd_read_type(struct comp_decoder *d, const struct comp_scope *s, const struct comp_type **out)
{
	struct wasm_reader *r = &d->r;
	size_t at = r->pos;
	uint8_t tag;
	if (!rd_u8(r, &tag))
		return false;
	if (is_prim(tag)) {
		*out = &prim_types[tag - COMP_PRIM_STRING];
		return true;
	}
	static const uint8_t kinds[] = {
		[0x72 - 0x3f] = COMP_TYPE_RECORD, [0x71 - 0x3f] = COMP_TYPE_VARIANT, [0x70 - 0x3f] = COMP_TYPE_LIST,
		[0x6f - 0x3f] = COMP_TYPE_TUPLE, [0x6e - 0x3f] = COMP_TYPE_FLAGS, [0x6d - 0x3f] = COMP_TYPE_ENUM,
		[0x6b - 0x3f] = COMP_TYPE_OPTION, [0x6a - 0x3f] = COMP_TYPE_RESULT, [0x69 - 0x3f] = COMP_TYPE_OWN,
		[0x68 - 0x3f] = COMP_TYPE_BORROW, [0x40 - 0x3f] = COMP_TYPE_FUNC, [0x41 - 0x3f] = COMP_TYPE_COMPONENT,
		[0x42 - 0x3f] = COMP_TYPE_INSTANCE, [0] = COMP_TYPE_RESOURCE,
	};
	const char *what = unsupported_type(tag);
	if (what)
		return CD_UNSUPPORTED(d, at, what);
	bool known = tag >= 0x3f && tag <= 0x72 && (kinds[tag - 0x3f] != 0 || tag == 0x3f);
	if (!known)
		return CD_MALFORMED(d, at, "malformed type 0x%02x", tag);
	struct comp_type *t = new_type(d, kinds[tag - 0x3f], at);
	if (!t)
		return false;
	bool ok;
	switch (t->kind) {
	case COMP_TYPE_RECORD: ok = read_fields(d, s, FIELD_NAMED, t, 1); break;
	case COMP_TYPE_VARIANT: ok = read_fields(d, s, FIELD_CASE, t, 1); break;
	case COMP_TYPE_TUPLE: ok = read_fields(d, s, FIELD_UNNAMED, t, 1); break;
	case COMP_TYPE_FLAGS: case COMP_TYPE_ENUM: ok = read_fields(d, s, FIELD_LABEL, t, 1); break;
	case COMP_TYPE_LIST: case COMP_TYPE_OPTION: ok = read_valtype(d, s, &t->elem); break;
	case COMP_TYPE_RESULT: ok = read_opt_valtype(d, s, &t->elem) && read_opt_valtype(d, s, &t->error); break;
	case COMP_TYPE_OWN: case COMP_TYPE_BORROW: ok = read_handle(d, s, t); break;
	case COMP_TYPE_FUNC: ok = read_func_type(d, s, t); break;
	case COMP_TYPE_RESOURCE: ok = read_resource_type(d, s, t); break;
	default: ok = read_decls(d, s, t->kind == COMP_TYPE_COMPONENT, t); break;
	}
	*out = t;
	return ok;
}

static bool read_limits(struct comp_decoder *d, bool is_memory)
{
	size_t at = d->r.pos;
	uint8_t flags;
	uint32_t v;
	if (!rd_u8(&d->r, &flags))
		return false;
	if (is_memory && flags >= 2 && flags <= 7)
		return CD_UNSUPPORTED(d, at, flags == 3 || flags == 2 ? "a shared memory" : "memory64");
	if (flags > 1)
		return CD_MALFORMED(d, at, "integer too large");
	return rd_u32(&d->r, &v) && (!(flags & 1) || rd_u32(&d->r, &v));
}

/* core:importdesc, for module type declarations: functions keep their type. */
static bool read_core_desc(struct comp_decoder *d, const struct comp_space *core_types, struct comp_core_decl *out)
{
	struct wasm_reader *r = &d->r;
	size_t at = r->pos;
	uint8_t byte;
	if (!rd_u8(r, &out->kind))
		return false;
	switch (out->kind) {
	case WASM_EXTERN_FUNC: {
		uint32_t index;
		size_t index_at = r->pos;
		if (!rd_u32(r, &index))
			return false;
		if (index >= core_types->count || !core_types->items[index].core_func_type)
			return CD_INVALID(d, index_at, "unknown core function type %u", index);
		out->func_type = core_types->items[index].core_func_type;
		return true;
	}
	case WASM_EXTERN_TABLE:
		return rd_reftype(r, &byte) && read_limits(d, false);
	case WASM_EXTERN_MEMORY:
		return read_limits(d, true);
	case WASM_EXTERN_GLOBAL:
		if (!rd_valtype(r, &byte) || !rd_u8(r, &byte))
			return false;
		return byte <= 1 || CD_MALFORMED(d, r->pos - 1, "malformed mutability");
	case WASM_EXTERN_TAG:
		return CD_UNSUPPORTED(d, at, "the exception-handling proposal");
	}
	return CD_MALFORMED(d, at, "malformed import kind");
}

static bool read_core_func_type(struct comp_decoder *d, struct wasm_func_type **out)
{
	struct wasm_func_type *ft = cd_alloc(d, 1, sizeof(*ft));
	if (!ft)
		return false;
	uint32_t *counts[2] = { &ft->param_count, &ft->result_count };
	const uint8_t **types[2] = { &ft->params, &ft->results };
	for (int k = 0; k < 2; k++) {
		uint8_t *v;
		if (!rd_count(&d->r, 1, counts[k]) || !(v = cd_alloc(d, *counts[k] ? *counts[k] : 1, 1)))
			return false;
		for (uint32_t i = 0; i < *counts[k]; i++)
			if (!rd_valtype(&d->r, &v[i]))
				return false;
		*types[k] = v;
	}
	*out = ft;
	return true;
}

/* core:moduletype ::= 0x50 vec(<core:moduledecl>), validated with its own core type space. */
static bool read_core_module_type(struct comp_decoder *d, const struct comp_scope *s, struct comp_core_module_type **out)
{
	struct wasm_reader *r = &d->r;
	struct comp_core_module_type *mt = cd_alloc(d, 1, sizeof(*mt));
	struct comp_space types = { 0 };
	uint32_t n;
	if (!mt || !rd_count(r, 1, &n))
		return false;
	for (uint32_t i = 0; i < n; i++) {
		size_t at = r->pos;
		uint8_t tag;
		if (!rd_u8(r, &tag))
			return false;
		struct comp_core_decl decl = { 0 };
		struct comp_item item = { .origin = COMP_FROM_DEFINITION, .offset = at };
		uint32_t index;
		switch (tag) {
		case 0x00: /* import */
			if (!rd_name(r, &decl.module) || !rd_name(r, &decl.name) || !read_core_desc(d, &types, &decl))
				return false;
			if (!cd_grow(d, (void **)&mt->imports, &mt->import_count, 1, sizeof(decl)))
				return false;
			mt->imports[mt->import_count - 1] = decl;
			break;
		case 0x01: { /* type: function types only */
			size_t form_at = r->pos;
			uint8_t form;
			struct wasm_func_type *ft;
			if (!rd_u8(r, &form))
				return false;
			if (form != 0x60)
				return CD_INVALID(d, form_at, "a core module type may only declare function types");
			if (!read_core_func_type(d, &ft))
				return false;
			item.core_func_type = ft;
			if (!cd_add_item(d, &types, &item, &index))
				return false;
			break;
		}
		case 0x02: { /* alias: outer core types */
			uint8_t sort, target;
			uint32_t count, outer;
			if (!cd_read_core_sort(d, &sort) || !rd_u8(r, &target))
				return false;
			if (sort != COMP_SORT_CORE_TYPE || target != 0x01)
				return CD_INVALID(d, at, "a core module type may only alias outer core types");
			if (!rd_u32(r, &count) || !rd_u32(r, &outer))
				return false;
			if (count != 1)
				return CD_INVALID(d, at, "invalid outer alias count %u", count);
			const struct comp_item *found;
			if (!cd_item(d, s, COMP_SORT_CORE_TYPE, outer, at, &found) || !cd_add_item(d, &types, found, &index))
				return false;
			break;
		}
		case 0x03: /* export */
			if (!rd_name(r, &decl.name) || !read_core_desc(d, &types, &decl))
				return false;
			if (!cd_grow(d, (void **)&mt->exports, &mt->export_count, 1, sizeof(decl)))
				return false;
			mt->exports[mt->export_count - 1] = decl;
			break;
		default:
			return CD_MALFORMED(d, at, "malformed core module type declaration");
		}
	}
	*out = mt;
	return true;
}

bool cd_read_core_type(struct comp_decoder *d, const struct comp_scope *s, struct comp_item *out)
{
	size_t at = d->r.pos;
	uint8_t form;
	if (!rd_u8(&d->r, &form))
		return false;
	memset(out, 0, sizeof(*out));
	out->origin = COMP_FROM_DEFINITION;
	out->offset = at;
	if (form == 0x60) {
		struct wasm_func_type *ft;
		if (!read_core_func_type(d, &ft))
			return false;
		out->core_func_type = ft;
		return true;
	}
	if (form == 0x50) {
		struct comp_core_module_type *mt;
		if (!read_core_module_type(d, s, &mt))
			return false;
		out->module_type = mt;
		return true;
	}
	if (form == 0x00 || form == 0x4e || form == 0x4f || form == 0x5e || form == 0x5f)
		return CD_UNSUPPORTED(d, at, "the gc proposal");
	return CD_MALFORMED(d, at, "malformed core type");
}

void cd_extern_item(const struct comp_extern *e, uint8_t origin, uint32_t def, struct comp_item *out)
{
	memset(out, 0, sizeof(*out));
	out->origin = origin;
	out->def = def;
	out->offset = e->offset;
	out->type = e->type;
	out->module_type = e->module_type;
}

static bool expect_kind(struct comp_decoder *d, const struct comp_type *t, uint8_t kind, uint32_t index,
		size_t at, const char *what)
{
	if (t->kind != kind)
		return CD_INVALID(d, at, "type %u is not %s", index, what);
	return true;
}

bool cd_read_externdesc(struct comp_decoder *d, const struct comp_scope *s, struct comp_extern *out)
{
	struct wasm_reader *r = &d->r;
	size_t at = r->pos;
	uint8_t tag;
	uint32_t index;
	if (!rd_u8(r, &tag))
		return false;
	size_t index_at = r->pos;
	switch (tag) {
	case 0x00: { /* core module */
		uint8_t sort;
		const struct comp_item *item;
		if (!rd_u8(r, &sort))
			return false;
		if (sort != 0x11)
			return CD_MALFORMED(d, index_at, "malformed core module description");
		index_at = r->pos;
		if (!rd_u32(r, &index) || !cd_item(d, s, COMP_SORT_CORE_TYPE, index, index_at, &item))
			return false;
		if (!item->module_type)
			return CD_INVALID(d, index_at, "core type %u is not a module type", index);
		out->sort = COMP_SORT_CORE_MODULE;
		out->module_type = item->module_type;
		return true;
	}
	case 0x01:
		out->sort = COMP_SORT_FUNC;
		return rd_u32(r, &index) && type_at(d, s, index, index_at, &out->type) &&
			expect_kind(d, out->type, COMP_TYPE_FUNC, index, index_at, "a function type");
	case 0x02:
		return CD_UNSUPPORTED(d, at, "the value sort");
	case 0x03: {
		uint8_t bound;
		out->sort = COMP_SORT_TYPE;
		if (!rd_u8(r, &bound))
			return false;
		if (bound == 0x00)
			return rd_u32(r, &index) && type_at(d, s, index, r->pos, &out->type);
		if (bound != 0x01)
			return CD_MALFORMED(d, index_at, "malformed type bound");
		/* (sub resource): each import or export of one is a fresh abstract resource. */
		struct comp_type *t = new_type(d, COMP_TYPE_RESOURCE, at);
		if (!t)
			return false;
		t->resource_name = out->name;
		out->type = t;
		return true;
	}
	case 0x04:
		out->sort = COMP_SORT_COMPONENT;
		return rd_u32(r, &index) && type_at(d, s, index, index_at, &out->type) &&
			expect_kind(d, out->type, COMP_TYPE_COMPONENT, index, index_at, "a component type");
	case 0x05:
		out->sort = COMP_SORT_INSTANCE;
		return rd_u32(r, &index) && type_at(d, s, index, index_at, &out->type) &&
			expect_kind(d, out->type, COMP_TYPE_INSTANCE, index, index_at, "an instance type");
	}
	return CD_MALFORMED(d, at, "malformed extern description");
}

/* Adds an import or export declarator to the type and to the declarator's index space. */
static bool add_decl(struct comp_decoder *d, struct comp_space *spaces, const struct comp_extern *e,
		struct comp_extern **list, uint32_t *count)
{
	for (uint32_t i = 0; i < *count; i++)
		if ((*list)[i].name.len == e->name.len && !memcmp((*list)[i].name.str, e->name.str, e->name.len))
			return CD_INVALID(d, e->offset, "duplicate name '%.*s'", (int)e->name.len, e->name.str);
	if (!cd_grow(d, (void **)list, count, 1, sizeof(**list)))
		return false;
	(*list)[*count - 1] = *e;
	struct comp_item item;
	uint32_t index;
	cd_extern_item(e, COMP_FROM_IMPORT, *count - 1, &item);
	return cd_add_item(d, &spaces[e->sort], &item, &index);
}

/* The declarators of a component type (imports allowed) or an instance type. */
static bool read_decls(struct comp_decoder *d, const struct comp_scope *parent, bool is_component,
		struct comp_type *t)
{
	struct wasm_reader *r = &d->r;
	if (++d->depth > COMP_MAX_DEPTH)
		return wasm_fail(r->err, WASM_ERR_LIMIT, t->offset, "types nested too deeply");
	struct comp_space *spaces = cd_alloc(d, COMP_SORT_COUNT, sizeof(*spaces));
	struct comp_scope s = { .parent = parent, .spaces = spaces };
	struct comp_extern *imports = NULL, *exports = NULL;
	uint32_t import_count = 0, export_count = 0, n;
	if (!spaces || !rd_count(r, 1, &n))
		return false;
	for (uint32_t i = 0; i < n; i++) {
		size_t at = r->pos;
		uint8_t tag;
		if (!rd_u8(r, &tag))
			return false;
		struct comp_item item;
		uint32_t index;
		struct comp_extern e = { .offset = at };
		switch (tag) {
		case 0x00:
			if (!cd_read_core_type(d, &s, &item) || !cd_add_item(d, &spaces[COMP_SORT_CORE_TYPE], &item, &index))
				return false;
			break;
		case 0x01: {
			const struct comp_type *ty;
			if (!cd_read_type(d, &s, &ty))
				return false;
			item = (struct comp_item){ .origin = COMP_FROM_DEFINITION, .offset = at, .type = ty };
			if (!cd_add_item(d, &spaces[COMP_SORT_TYPE], &item, &index))
				return false;
			break;
		}
		case 0x02: {
			struct comp_alias a;
			if (!cd_read_alias(d, &s, &a))
				return false;
			break;
		}
		case 0x03:
		case 0x04:
			if (tag == 0x03 && !is_component)
				return CD_INVALID(d, at, "an instance type cannot declare imports");
			if (!cd_read_extern_name(d, &e.name) || !cd_read_externdesc(d, &s, &e))
				return false;
			if (tag == 0x03 ? !add_decl(d, spaces, &e, &imports, &import_count)
					: !add_decl(d, spaces, &e, &exports, &export_count))
				return false;
			break;
		default:
			return CD_MALFORMED(d, at, "malformed %s type declaration", is_component ? "component" : "instance");
		}
	}
	t->imports = imports;
	t->import_count = import_count;
	t->exports = exports;
	t->export_count = export_count;
	d->depth--;
	return true;
}

/* The exports of an instance (or a component type's exports) named `name`. */
static const struct comp_extern *find_extern(const struct comp_extern *list, uint32_t n, const struct wasm_name *name)
{
	for (uint32_t i = 0; i < n; i++)
		if (list[i].name.len == name->len && !memcmp(list[i].name.str, name->str, name->len))
			return &list[i];
	return NULL;
}

static bool alias_export(struct comp_decoder *d, const struct comp_scope *s, struct comp_alias *a, size_t at,
		struct comp_item *item)
{
	const struct comp_item *inst;
	if (!cd_item(d, s, COMP_SORT_INSTANCE, a->instance, at, &inst))
		return false;
	const struct comp_type *it = inst->type;
	const struct comp_extern *e = it ? find_extern(it->exports, it->export_count, &a->name) : NULL;
	if (!e)
		return CD_INVALID(d, at, "instance %u has no export named '%.*s'", a->instance, (int)a->name.len, a->name.str);
	if (e->sort != a->sort)
		return CD_INVALID(d, at, "export '%.*s' of instance %u is a %s, not a %s", (int)a->name.len, a->name.str,
				a->instance, comp_sort_name(e->sort), comp_sort_name(a->sort));
	cd_extern_item(e, COMP_FROM_ALIAS, 0, item);
	return true;
}

static bool alias_core_export(struct comp_decoder *d, const struct comp_scope *s, struct comp_alias *a, size_t at,
		struct comp_item *item)
{
	const struct comp_item *inst;
	if (!s->component)
		return CD_INVALID(d, at, "types cannot alias core instance exports");
	if (!cd_item(d, s, COMP_SORT_CORE_INSTANCE, a->instance, at, &inst))
		return false;
	const struct comp_core_instance *ci = &s->component->core_instances[inst->def];
	for (uint32_t i = 0; i < ci->export_count; i++) {
		const struct comp_core_export *e = &ci->exports[i];
		if (e->name.len != a->name.len || memcmp(e->name.str, a->name.str, a->name.len))
			continue;
		if (e->sort != a->sort)
			return CD_INVALID(d, at, "export '%.*s' of core instance %u is a %s, not a %s", (int)a->name.len,
					a->name.str, a->instance, comp_sort_name(e->sort), comp_sort_name(a->sort));
		*item = (struct comp_item){ .origin = COMP_FROM_ALIAS, .offset = at, .core_func_type = e->func_type };
		return true;
	}
	return CD_INVALID(d, at, "core instance %u has no export named '%.*s'", a->instance, (int)a->name.len,
			a->name.str);
}

static bool alias_outer(struct comp_decoder *d, const struct comp_scope *s, struct comp_alias *a, size_t at,
		struct comp_item *item)
{
	if (a->sort != COMP_SORT_TYPE && a->sort != COMP_SORT_CORE_TYPE && a->sort != COMP_SORT_CORE_MODULE &&
			a->sort != COMP_SORT_COMPONENT)
		return CD_INVALID(d, at, "an outer alias cannot refer to a %s", comp_sort_name(a->sort));
	const struct comp_scope *target = s;
	for (uint32_t k = 0; k < a->outer_count && target; k++)
		target = target->parent;
	if (!target)
		return CD_INVALID(d, at, "invalid outer alias count %u", a->outer_count);
	const struct comp_item *found;
	if (!cd_item(d, target, a->sort, a->outer_index, at, &found))
		return false;
	if (a->sort == COMP_SORT_TYPE && found->type && found->type->kind == COMP_TYPE_RESOURCE && a->outer_count &&
			found->type->resource_defined)
		return CD_INVALID(d, at, "an outer alias cannot refer to a resource type defined outside");
	*item = *found;
	item->origin = COMP_FROM_ALIAS;
	item->offset = at;
	return true;
}

bool cd_read_alias(struct comp_decoder *d, const struct comp_scope *s, struct comp_alias *a)
{
	struct wasm_reader *r = &d->r;
	memset(a, 0, sizeof(*a));
	a->offset = r->pos;
	if (!cd_read_sort(d, &a->sort))
		return false;
	size_t at = r->pos;
	if (!rd_u8(r, &a->target))
		return false;
	struct comp_item item;
	bool ok;
	uint32_t def = s->component ? s->component->alias_count : 0; /* the caller appends it there */
	switch (a->target) {
	case COMP_ALIAS_EXPORT:
		ok = rd_u32(r, &a->instance) && rd_name(r, &a->name) && alias_export(d, s, a, at, &item);
		break;
	case COMP_ALIAS_CORE_EXPORT:
		if (a->sort > COMP_SORT_CORE_INSTANCE)
			return CD_INVALID(d, a->offset, "a core export alias must have a core sort");
		ok = rd_u32(r, &a->instance) && rd_name(r, &a->name) && alias_core_export(d, s, a, at, &item);
		break;
	case COMP_ALIAS_OUTER:
		ok = rd_u32(r, &a->outer_count) && rd_u32(r, &a->outer_index) && alias_outer(d, s, a, at, &item);
		break;
	default:
		return CD_MALFORMED(d, at, "malformed alias target");
	}
	if (!ok)
		return false;
	item.offset = a->offset;
	item.def = def;
	return cd_add_item(d, &s->spaces[a->sort], &item, &a->index);
}
