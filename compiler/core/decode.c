/*
 * The binary decoder: bytes to struct wasm_module. It checks everything the
 * binary format says (malformed modules); typing is the validator's.
 */
#include <string.h>

#include "insn.h"
#include "module.h"
#include "name_section.h"
#include "reader.h"

struct decoder {
	struct wasm_reader r;
	struct arena *arena;
	struct wasm_module *m;
	uint32_t declared_func_count; /* the function section's count */
	bool has_func_section;
	bool has_code_section;
	bool has_data_section;
	bool uses_data_index; /* memory.init or data.drop seen */
	size_t first_data_use;
};

#define MALFORMED(d, at, ...) wasm_fail((d)->r.err, WASM_ERR_MALFORMED, (at), __VA_ARGS__)
#define UNSUPPORTED(d, at, feature) \
	wasm_fail((d)->r.err, WASM_ERR_UNSUPPORTED, (at), "feature %s is not supported yet", (feature))

static void *alloc_array(struct decoder *d, size_t n, size_t size)
{
	void *p = arena_calloc(d->arena, n, size);
	if (!p)
		wasm_fail(d->r.err, WASM_ERR_LIMIT, d->r.pos, "out of memory");
	return p;
}

/* Grows an index space (or another array of the module) by n entries, zeroed. */
static bool grow_space(struct decoder *d, void **array, uint32_t *count, uint32_t n, size_t size)
{
	switch (arena_grow(d->arena, array, count, n, size)) {
	case ARENA_GROW_OK:
		return true;
	case ARENA_GROW_TOO_MANY:
		return MALFORMED(d, d->r.pos, "too many definitions");
	default:
		return wasm_fail(d->r.err, WASM_ERR_LIMIT, d->r.pos, "out of memory");
	}
}

static bool read_limits(struct decoder *d, struct wasm_limits *lim, bool is_memory)
{
	struct wasm_reader *r = &d->r;
	size_t at = r->pos;
	uint8_t flags;
	if (!rd_u8(r, &flags))
		return false;
	/* The flags are a one-bit LEB128 in Wasm 2.0; 3 and 4..7 are the threads and memory64 proposals'. */
	if (flags & 0x80)
		return MALFORMED(d, at, "integer representation too long");
	if (is_memory && flags == 3)
		return UNSUPPORTED(d, at, "threads");
	if (is_memory && flags >= 4 && flags <= 7)
		return UNSUPPORTED(d, at, "memory64");
	if (flags > 1)
		return MALFORMED(d, at, "integer too large");
	uint32_t min, max = 0;
	if (!rd_u32(r, &min))
		return false;
	if (flags & 1 && !rd_u32(r, &max))
		return false;
	lim->min = min;
	lim->max = max;
	lim->has_max = flags & 1;
	lim->shared = false;
	lim->is64 = false;
	return true;
}

static bool read_table_type(struct decoder *d, struct wasm_table_type *t)
{
	return rd_reftype(&d->r, &t->elem_type) && read_limits(d, &t->limits, false);
}

static bool read_global_type(struct decoder *d, struct wasm_global_type *g)
{
	if (!rd_valtype(&d->r, &g->type))
		return false;
	size_t at = d->r.pos;
	uint8_t mut;
	if (!rd_u8(&d->r, &mut))
		return false;
	if (mut > 1)
		return MALFORMED(d, at, "malformed mutability");
	g->mutable = mut;
	return true;
}

/* Notes the instructions whose decoding depends on other sections. */
static void note_insn(struct decoder *d, const struct wasm_insn *insn)
{
	if ((insn->op == WASM_OP_MEMORY_INIT || insn->op == WASM_OP_DATA_DROP) && !d->uses_data_index) {
		d->uses_data_index = true;
		d->first_data_use = insn->offset;
	}
}

/*
 * Reads instructions up to the `end` that closes the outermost block. In a
 * function body (in_body) running into the body's end means a missing `end`.
 */
static bool read_instructions(struct decoder *d, bool in_body, size_t *end_out)
{
	struct wasm_reader *r = &d->r;
	uint32_t depth = 1;
	struct wasm_insn insn;
	while (depth > 0) {
		if (r->pos >= r->end)
			return in_body ? MALFORMED(d, r->pos, "END opcode expected") : rd_eof_error(r);
		if (!wasm_read_insn(r, &insn))
			return false;
		note_insn(d, &insn);
		switch (insn.op) {
		case WASM_OP_BLOCK:
		case WASM_OP_LOOP:
		case WASM_OP_IF:
			if (depth == UINT32_MAX)
				return wasm_fail(r->err, WASM_ERR_LIMIT, insn.offset, "blocks nested too deeply");
			depth++;
			break;
		case WASM_OP_END:
			depth--;
			break;
		default:
			break;
		}
	}
	*end_out = r->pos;
	return true;
}

static bool read_const_expr(struct decoder *d, struct wasm_expr *e)
{
	e->offset = d->r.pos;
	return read_instructions(d, false, &e->end);
}

static bool read_valtype_vec(struct decoder *d, uint32_t *count, const uint8_t **out)
{
	uint8_t *types;
	if (!rd_count(&d->r, 1, count) || !(types = alloc_array(d, *count ? *count : 1, 1)))
		return false;
	for (uint32_t k = 0; k < *count; k++)
		if (!rd_valtype(&d->r, &types[k]))
			return false;
	*out = types;
	return true;
}

/* Structurally equal function types share one canonical index (call_indirect compares those). */
struct type_canon {
	uint32_t *slots; /* type index + 1, 0 for empty; open addressing */
	uint32_t mask;
};

static uint32_t hash_func_type(const struct wasm_func_type *t)
{
	uint32_t h = 2166136261u;
	h = (h ^ t->param_count) * 16777619u;
	for (uint32_t k = 0; k < t->param_count; k++)
		h = (h ^ t->params[k]) * 16777619u;
	h = (h ^ t->result_count) * 16777619u;
	for (uint32_t k = 0; k < t->result_count; k++)
		h = (h ^ t->results[k]) * 16777619u;
	return h;
}

static bool func_types_equal(const struct wasm_func_type *a, const struct wasm_func_type *b)
{
	return a->param_count == b->param_count && a->result_count == b->result_count &&
		!memcmp(a->params, b->params, a->param_count) && !memcmp(a->results, b->results, a->result_count);
}

static bool canonicalize(struct decoder *d, struct type_canon *canon, uint32_t index)
{
	struct wasm_func_type *t = &d->m->types[index];
	for (uint32_t slot = hash_func_type(t) & canon->mask;; slot = (slot + 1) & canon->mask) {
		uint32_t other = canon->slots[slot];
		if (other == 0) {
			canon->slots[slot] = index + 1;
			t->canon_index = index;
			return true;
		}
		if (func_types_equal(&d->m->types[other - 1], t)) {
			t->canon_index = other - 1;
			return true;
		}
	}
}

static bool read_type_section(struct decoder *d)
{
	struct wasm_reader *r = &d->r;
	struct wasm_module *m = d->m;
	if (!rd_count(r, 3, &m->type_count))
		return false;
	m->types = alloc_array(d, m->type_count, sizeof(*m->types));
	if (!m->types)
		return false;
	struct type_canon canon = { .mask = 1 };
	while (canon.mask / 2 < m->type_count)
		canon.mask = canon.mask * 2 + 1;
	if (!(canon.slots = alloc_array(d, (size_t)canon.mask + 1, sizeof(*canon.slots))))
		return false;
	for (uint32_t i = 0; i < m->type_count; i++) {
		struct wasm_func_type *t = &m->types[i];
		size_t at = r->pos;
		uint8_t form;
		if (!rd_u8(r, &form))
			return false;
		if (form == 0x5e || form == 0x5f || form == 0x4e || form == 0x50 || form == 0x4f)
			return UNSUPPORTED(d, at, "gc");
		if (form != 0x60)
			return MALFORMED(d, at, "malformed function type");
		if (!read_valtype_vec(d, &t->param_count, &t->params) ||
				!read_valtype_vec(d, &t->result_count, &t->results))
			return false;
		if (!canonicalize(d, &canon, i))
			return false;
	}
	return true;
}

static bool read_import_section(struct decoder *d)
{
	struct wasm_reader *r = &d->r;
	struct wasm_module *m = d->m;
	if (!rd_count(r, 4, &m->import_count))
		return false;
	m->imports = alloc_array(d, m->import_count, sizeof(*m->imports));
	if (!m->imports)
		return false;
	for (uint32_t i = 0; i < m->import_count; i++) {
		struct wasm_import *imp = &m->imports[i];
		imp->offset = r->pos;
		if (!rd_name(r, &imp->module) || !rd_name(r, &imp->field))
			return false;
		size_t at = r->pos;
		if (!rd_u8(r, &imp->kind))
			return false;
		switch (imp->kind) {
		case WASM_EXTERN_FUNC: {
			uint32_t type_index;
			if (!rd_u32(r, &type_index))
				return false;
			if (!grow_space(d, (void **)&m->funcs, &m->func_count, 1, sizeof(*m->funcs)))
				return false;
			struct wasm_func *f = &m->funcs[m->func_count - 1];
			f->type_index = type_index;
			f->imported = true;
			f->import_index = i;
			imp->index = m->func_count - 1;
			m->imported_func_count++;
			break;
		}
		case WASM_EXTERN_TABLE: {
			struct wasm_table_type tt;
			if (!read_table_type(d, &tt))
				return false;
			if (!grow_space(d, (void **)&m->tables, &m->table_count, 1, sizeof(*m->tables)))
				return false;
			struct wasm_table *t = &m->tables[m->table_count - 1];
			t->type = tt;
			t->offset = imp->offset;
			t->imported = true;
			t->import_index = i;
			imp->index = m->table_count - 1;
			m->imported_table_count++;
			break;
		}
		case WASM_EXTERN_MEMORY: {
			struct wasm_memory_type mt;
			if (!read_limits(d, &mt.limits, true))
				return false;
			if (!grow_space(d, (void **)&m->memories, &m->memory_count, 1, sizeof(*m->memories)))
				return false;
			struct wasm_memory *mem = &m->memories[m->memory_count - 1];
			mem->type = mt;
			mem->offset = imp->offset;
			mem->imported = true;
			mem->import_index = i;
			imp->index = m->memory_count - 1;
			m->imported_memory_count++;
			break;
		}
		case WASM_EXTERN_GLOBAL: {
			struct wasm_global_type gt;
			if (!read_global_type(d, &gt))
				return false;
			if (!grow_space(d, (void **)&m->globals, &m->global_count, 1, sizeof(*m->globals)))
				return false;
			struct wasm_global *g = &m->globals[m->global_count - 1];
			g->type = gt;
			g->imported = true;
			g->import_index = i;
			imp->index = m->global_count - 1;
			m->imported_global_count++;
			break;
		}
		case WASM_EXTERN_TAG:
			return UNSUPPORTED(d, at, "exception-handling");
		default:
			return MALFORMED(d, at, "malformed import kind");
		}
	}
	return true;
}

static bool read_function_section(struct decoder *d)
{
	struct wasm_module *m = d->m;
	uint32_t n;
	if (!rd_count(&d->r, 1, &n))
		return false;
	uint32_t first = m->func_count;
	if (!grow_space(d, (void **)&m->funcs, &m->func_count, n, sizeof(*m->funcs)))
		return false;
	for (uint32_t i = 0; i < n; i++)
		if (!rd_u32(&d->r, &m->funcs[first + i].type_index))
			return false;
	d->declared_func_count = n;
	d->has_func_section = true;
	return true;
}

static bool read_table_section(struct decoder *d)
{
	struct wasm_module *m = d->m;
	uint32_t n;
	if (!rd_count(&d->r, 3, &n))
		return false;
	uint32_t first = m->table_count;
	if (!grow_space(d, (void **)&m->tables, &m->table_count, n, sizeof(*m->tables)))
		return false;
	for (uint32_t i = 0; i < n; i++) {
		size_t at = d->r.pos;
		if (d->r.pos < d->r.end && d->r.bytes[d->r.pos] == 0x40)
			return UNSUPPORTED(d, at, "function-references");
		m->tables[first + i].offset = at;
		if (!read_table_type(d, &m->tables[first + i].type))
			return false;
	}
	return true;
}

static bool read_memory_section(struct decoder *d)
{
	struct wasm_module *m = d->m;
	uint32_t n;
	if (!rd_count(&d->r, 2, &n))
		return false;
	uint32_t first = m->memory_count;
	if (!grow_space(d, (void **)&m->memories, &m->memory_count, n, sizeof(*m->memories)))
		return false;
	for (uint32_t i = 0; i < n; i++) {
		m->memories[first + i].offset = d->r.pos;
		if (!read_limits(d, &m->memories[first + i].type.limits, true))
			return false;
	}
	return true;
}

static bool read_global_section(struct decoder *d)
{
	struct wasm_module *m = d->m;
	uint32_t n;
	if (!rd_count(&d->r, 3, &n))
		return false;
	uint32_t first = m->global_count;
	if (!grow_space(d, (void **)&m->globals, &m->global_count, n, sizeof(*m->globals)))
		return false;
	for (uint32_t i = 0; i < n; i++) {
		struct wasm_global *g = &m->globals[first + i];
		if (!read_global_type(d, &g->type) || !read_const_expr(d, &g->init))
			return false;
	}
	return true;
}

static bool read_export_section(struct decoder *d)
{
	struct wasm_reader *r = &d->r;
	struct wasm_module *m = d->m;
	if (!rd_count(r, 3, &m->export_count))
		return false;
	m->exports = alloc_array(d, m->export_count, sizeof(*m->exports));
	if (!m->exports)
		return false;
	for (uint32_t i = 0; i < m->export_count; i++) {
		struct wasm_export *e = &m->exports[i];
		e->offset = r->pos;
		if (!rd_name(r, &e->name))
			return false;
		size_t at = r->pos;
		if (!rd_u8(r, &e->kind))
			return false;
		if (e->kind == WASM_EXTERN_TAG)
			return UNSUPPORTED(d, at, "exception-handling");
		if (e->kind > WASM_EXTERN_GLOBAL)
			return MALFORMED(d, at, "malformed export kind");
		if (!rd_u32(r, &e->index))
			return false;
	}
	return true;
}

static bool read_start_section(struct decoder *d)
{
	d->m->has_start = true;
	d->m->start_offset = d->r.pos;
	return rd_u32(&d->r, &d->m->start_index);
}

static bool read_elem_section(struct decoder *d)
{
	struct wasm_reader *r = &d->r;
	struct wasm_module *m = d->m;
	if (!rd_count(r, 2, &m->elem_count))
		return false;
	m->elems = alloc_array(d, m->elem_count, sizeof(*m->elems));
	if (!m->elems)
		return false;
	for (uint32_t i = 0; i < m->elem_count; i++) {
		struct wasm_elem *e = &m->elems[i];
		e->offset = r->pos;
		uint32_t flags;
		if (!rd_u32(r, &flags))
			return false;
		if (flags > 7)
			return MALFORMED(d, e->offset, "malformed elements segment kind");
		bool has_exprs = flags & 4;
		if (flags & 1)
			e->mode = flags & 2 ? WASM_SEG_DECLARATIVE : WASM_SEG_PASSIVE;
		else
			e->mode = WASM_SEG_ACTIVE;
		e->table_index = 0;
		if ((flags & 3) == 2 && !rd_u32(r, &e->table_index))
			return false;
		if (e->mode == WASM_SEG_ACTIVE && !read_const_expr(d, &e->offset_expr))
			return false;
		e->elem_type = WASM_VT_FUNCREF;
		if (flags & 3) {
			size_t at = r->pos;
			if (has_exprs) {
				if (!rd_reftype(r, &e->elem_type))
					return false;
			} else {
				uint8_t kind;
				if (!rd_u8(r, &kind))
					return false;
				if (kind != 0)
					return MALFORMED(d, at, "malformed element kind");
			}
		}
		if (!rd_count(r, 1, &e->count))
			return false;
		if (has_exprs) {
			if (!(e->exprs = alloc_array(d, e->count, sizeof(*e->exprs))))
				return false;
			for (uint32_t k = 0; k < e->count; k++)
				if (!read_const_expr(d, &e->exprs[k]))
					return false;
		} else {
			if (!(e->func_indices = alloc_array(d, e->count ? e->count : 1, sizeof(uint32_t))))
				return false;
			for (uint32_t k = 0; k < e->count; k++)
				if (!rd_u32(r, &e->func_indices[k]))
					return false;
		}
	}
	return true;
}

static bool read_data_count_section(struct decoder *d)
{
	d->m->has_data_count = true;
	return rd_u32(&d->r, &d->m->data_count);
}

static bool read_locals(struct decoder *d, struct wasm_func *f)
{
	struct wasm_reader *r = &d->r;
	uint32_t n;
	if (!rd_count(r, 2, &n))
		return false;
	f->local_decl_count = n;
	if (!(f->local_decls = alloc_array(d, n ? n : 1, sizeof(*f->local_decls))))
		return false;
	uint64_t total = 0;
	for (uint32_t i = 0; i < n; i++) {
		size_t at = r->pos;
		struct wasm_local_decl *l = &f->local_decls[i];
		if (!rd_u32(r, &l->count))
			return false;
		total += l->count;
		if (total > UINT32_MAX)
			return MALFORMED(d, at, "too many locals");
		if (!rd_valtype(r, &l->type))
			return false;
	}
	f->local_count = (uint32_t)total;
	return true;
}

static bool read_code_section(struct decoder *d)
{
	struct wasm_reader *r = &d->r;
	struct wasm_module *m = d->m;
	size_t at = r->pos;
	uint32_t n;
	if (!rd_u32(r, &n))
		return false;
	if (n != d->declared_func_count)
		return MALFORMED(d, at, "function and code section have inconsistent lengths");
	d->has_code_section = true;
	size_t section_end = r->end;
	for (uint32_t i = 0; i < n; i++) {
		struct wasm_func *f = &m->funcs[m->imported_func_count + i];
		f->code_offset = r->pos;
		uint32_t size;
		if (!rd_u32(r, &size))
			return false;
		if (size > rd_left(r))
			return MALFORMED(d, f->code_offset, "unexpected end of section or function");
		r->end = r->pos + size;
		if (!read_locals(d, f))
			return false;
		f->body_offset = r->pos;
		if (!read_instructions(d, true, &f->body_end))
			return false;
		if (r->pos != r->end)
			return MALFORMED(d, r->pos, "section size mismatch");
		r->end = section_end;
	}
	return true;
}

static bool read_data_section(struct decoder *d)
{
	struct wasm_reader *r = &d->r;
	struct wasm_module *m = d->m;
	size_t at = r->pos;
	if (!rd_count(r, 1, &m->data_segment_count))
		return false;
	if (m->has_data_count && m->data_count != m->data_segment_count)
		return MALFORMED(d, at, "data count and data section have inconsistent lengths");
	d->has_data_section = true;
	m->datas = alloc_array(d, m->data_segment_count, sizeof(*m->datas));
	if (!m->datas)
		return false;
	for (uint32_t i = 0; i < m->data_segment_count; i++) {
		struct wasm_data *s = &m->datas[i];
		s->offset = r->pos;
		uint32_t flags;
		if (!rd_u32(r, &flags))
			return false;
		if (flags > 2)
			return MALFORMED(d, s->offset, "malformed data segment kind");
		s->mode = flags == 1 ? WASM_SEG_PASSIVE : WASM_SEG_ACTIVE;
		s->memory_index = 0;
		if (flags == 2 && !rd_u32(r, &s->memory_index))
			return false;
		if (s->mode == WASM_SEG_ACTIVE && !read_const_expr(d, &s->offset_expr))
			return false;
		size_t len_at = r->pos;
		if (!rd_u32(r, &s->size))
			return false;
		if (s->size > rd_left(r))
			return MALFORMED(d, len_at, "unexpected end of section or function");
		if (!rd_bytes(r, s->size, &s->bytes))
			return false;
	}
	return true;
}

static bool read_custom_section(struct decoder *d, size_t section_offset)
{
	struct wasm_reader *r = &d->r;
	struct wasm_module *m = d->m;
	struct wasm_custom c;
	c.offset = section_offset;
	if (!rd_name(r, &c.name))
		return false;
	c.payload = r->bytes + r->pos;
	c.size = rd_left(r);
	r->pos = r->end;
	if (!grow_space(d, (void **)&m->customs, &m->custom_count, 1, sizeof(c)))
		return false;
	m->customs[m->custom_count - 1] = c;
	if (c.name.len == 4 && !memcmp(c.name.str, "name", 4))
		wasm_read_name_section(m, d->arena, &c);
	return true;
}

/* The position of each known section in the required order. */
static int section_rank(uint8_t id)
{
	switch (id) {
	case WASM_SEC_TYPE: return 1;
	case WASM_SEC_IMPORT: return 2;
	case WASM_SEC_FUNCTION: return 3;
	case WASM_SEC_TABLE: return 4;
	case WASM_SEC_MEMORY: return 5;
	case WASM_SEC_TAG: return 6;
	case WASM_SEC_GLOBAL: return 7;
	case WASM_SEC_EXPORT: return 8;
	case WASM_SEC_START: return 9;
	case WASM_SEC_ELEMENT: return 10;
	case WASM_SEC_DATA_COUNT: return 11;
	case WASM_SEC_CODE: return 12;
	case WASM_SEC_DATA: return 13;
	}
	return -1;
}

static bool read_section_body(struct decoder *d, uint8_t id, size_t section_offset)
{
	switch (id) {
	case WASM_SEC_CUSTOM: return read_custom_section(d, section_offset);
	case WASM_SEC_TYPE: return read_type_section(d);
	case WASM_SEC_IMPORT: return read_import_section(d);
	case WASM_SEC_FUNCTION: return read_function_section(d);
	case WASM_SEC_TABLE: return read_table_section(d);
	case WASM_SEC_MEMORY: return read_memory_section(d);
	case WASM_SEC_GLOBAL: return read_global_section(d);
	case WASM_SEC_EXPORT: return read_export_section(d);
	case WASM_SEC_START: return read_start_section(d);
	case WASM_SEC_ELEMENT: return read_elem_section(d);
	case WASM_SEC_CODE: return read_code_section(d);
	case WASM_SEC_DATA: return read_data_section(d);
	case WASM_SEC_DATA_COUNT: return read_data_count_section(d);
	case WASM_SEC_TAG: return UNSUPPORTED(d, section_offset, "exception-handling");
	}
	return MALFORMED(d, section_offset, "malformed section id");
}

static bool read_header(struct decoder *d)
{
	static const uint8_t magic[4] = { 0x00, 0x61, 0x73, 0x6d };
	struct wasm_reader *r = &d->r;
	const uint8_t *p;
	if (!rd_bytes(r, 4, &p))
		return false;
	if (memcmp(p, magic, 4))
		return MALFORMED(d, 0, "magic header not detected");
	if (!rd_bytes(r, 4, &p))
		return false;
	if (p[0] == 0x0d && p[1] == 0x00 && p[2] == 0x01 && p[3] == 0x00)
		return MALFORMED(d, 4, "unknown binary version (this is a component, not a core module)");
	if (p[0] != 1 || p[1] || p[2] || p[3])
		return MALFORMED(d, 4, "unknown binary version");
	return true;
}

/* Cross-section checks that the binary format makes. */
static bool finish(struct decoder *d)
{
	struct wasm_module *m = d->m;
	if (d->declared_func_count && !d->has_code_section)
		return MALFORMED(d, m->size, "function and code section have inconsistent lengths");
	if (m->has_data_count && m->data_count && !d->has_data_section)
		return MALFORMED(d, m->size, "data count and data section have inconsistent lengths");
	if (d->uses_data_index && !m->has_data_count)
		return MALFORMED(d, d->first_data_use, "data count section required");
	return true;
}

bool wasm_decode(const uint8_t *bytes, size_t size, struct arena *arena,
		struct wasm_module *module, struct wasm_error *err)
{
	memset(module, 0, sizeof(*module));
	memset(err, 0, sizeof(*err));
	module->bytes = bytes;
	module->size = size;
	struct decoder d = { .arena = arena, .m = module };
	rd_init(&d.r, bytes, size, err);
	if (!read_header(&d))
		return false;

	int last_rank = 0;
	while (d.r.pos < size) {
		struct wasm_reader *r = &d.r;
		size_t section_offset = r->pos;
		uint8_t id;
		uint32_t len;
		if (!rd_u8(r, &id))
			return false;
		int rank = section_rank(id);
		if (id != WASM_SEC_CUSTOM && rank < 0)
			return MALFORMED(&d, section_offset, "malformed section id");
		if (!rd_u32(r, &len))
			return false;
		if (len > rd_left(r))
			return MALFORMED(&d, r->pos, "length out of bounds");
		if (id != WASM_SEC_CUSTOM) {
			if (rank <= last_rank)
				return MALFORMED(&d, section_offset, "unexpected content after last section");
			last_rank = rank;
		}
		if (!grow_space(&d, (void **)&module->sections, &module->section_count, 1,
				    sizeof(*module->sections)))
			return false;
		module->sections[module->section_count - 1] =
			(struct wasm_section_info){ .id = id, .offset = section_offset, .size = len };
		r->end = r->pos + len;
		if (!read_section_body(&d, id, section_offset))
			return false;
		if (r->pos != r->end)
			return MALFORMED(&d, r->pos, "section size mismatch");
		r->end = size;
	}
	return finish(&d);
}
