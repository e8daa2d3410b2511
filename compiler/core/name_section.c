#include "name_section.h"

#include "reader.h"

enum { NAME_MODULE = 0, NAME_FUNCTION = 1 };

static bool read_func_names(struct wasm_reader *r, struct wasm_module *m, struct arena *arena)
{
	uint32_t n;
	if (!rd_count(r, 2, &n))
		return false;
	struct wasm_index_name *names = arena_calloc(arena, n ? n : 1, sizeof(*names));
	if (!names)
		return false;
	for (uint32_t i = 0; i < n; i++) {
		if (!rd_u32(r, &names[i].index) || !rd_name(r, &names[i].name))
			return false;
		/* The spec requires increasing indices, which lets lookups bisect. */
		if (i > 0 && names[i].index <= names[i - 1].index)
			return false;
	}
	m->func_names = names;
	m->func_name_count = n;
	return true;
}

static bool read_names(struct wasm_reader *r, struct wasm_module *m, struct arena *arena)
{
	int last_id = -1;
	while (r->pos < r->end) {
		uint8_t id;
		uint32_t size;
		if (!rd_u8(r, &id) || !rd_u32(r, &size))
			return false;
		if (size > rd_left(r) || (int)id <= last_id)
			return false;
		last_id = id;
		size_t end = r->pos + size;
		size_t outer_end = r->end;
		r->end = end;
		if (id == NAME_MODULE) {
			if (!rd_name(r, &m->module_name))
				return false;
			m->has_module_name = true;
		} else if (id == NAME_FUNCTION) {
			if (!read_func_names(r, m, arena))
				return false;
		}
		if (id <= NAME_FUNCTION && r->pos != end)
			return false;
		r->pos = end;
		r->end = outer_end;
	}
	return true;
}

void wasm_read_name_section(struct wasm_module *m, struct arena *arena, const struct wasm_custom *section)
{
	struct wasm_error ignored = { 0 };
	struct wasm_reader r;
	rd_init(&r, m->bytes, m->size, &ignored);
	r.pos = (size_t)(section->payload - m->bytes);
	r.end = r.pos + section->size;
	if (!read_names(&r, m, arena)) {
		m->has_module_name = false;
		m->func_names = NULL;
		m->func_name_count = 0;
	}
}
