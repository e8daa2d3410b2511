/*
 * Instances as the harness sees them (compiled modules and host modules),
 * their exports, the registry of module names, and import resolution with
 * the spec's import matching (WebAssembly 2.0, section 4.5.2 "Import
 * Matching"): functions need equal signatures, tables and memories limits
 * subtyping against the exporter's current size and declared maximum,
 * globals the same type and mutability.
 */
#include "harness.h"

static void *slot(const struct instance *inst, uint32_t offset, uint32_t index)
{
	return ((void **)((uint8_t *)inst->rt + offset))[index];
}

static uint32_t imported_globals(const struct rt_module *m)
{
	uint32_t n = 0;
	for (uint32_t i = 0; i < m->import_count; i++)
		n += m->imports[i].kind == RT_EXTERN_GLOBAL;
	return n;
}

/* A global's type: run.py's list, else (for imported ones) the import's declaration. */
static void global_type(const struct instance *inst, uint32_t index, struct extern_ref *out)
{
	const struct rt_module *m = inst->module;
	if (inst->globals.ptr && inst->globals.len >= 2 * (index + 1)) {
		out->global_type = (uint8_t)inst->globals.ptr[2 * index];
		out->global_mutable = inst->globals.ptr[2 * index + 1] == 'm';
		return;
	}
	if (index < imported_globals(m)) {
		for (uint32_t i = 0, g = 0; i < m->import_count; i++) {
			if (m->imports[i].kind != RT_EXTERN_GLOBAL)
				continue;
			if (g++ == index) {
				out->global_type = m->imports[i].global_type;
				out->global_mutable = m->imports[i].global_mutable;
			}
		}
	}
}

static bool host_export(const struct instance *inst, struct bytes name, uint8_t kind, struct extern_ref *out,
		bool *other_kind)
{
	for (uint32_t i = 0; i < inst->host_export_count; i++) {
		const struct host_export *e = &inst->host_exports[i];
		if (!bytes_equal(name, bytes_of(e->name)))
			continue;
		if (e->ref.kind == kind) {
			*out = e->ref;
			return true;
		}
		*other_kind = true;
	}
	return false;
}

bool instance_export(const struct instance *inst, struct bytes name, uint8_t kind, struct extern_ref *out,
		bool *other_kind)
{
	*other_kind = false;
	*out = (struct extern_ref){ .kind = kind };
	if (!inst->module)
		return host_export(inst, name, kind, out, other_kind);
	const struct rt_module *m = inst->module;
	const struct rt_export *e = rt_export_find(m, name.ptr, name.len, (enum rt_extern_kind)kind);
	if (!e) {
		for (uint8_t k = RT_EXTERN_FUNC; k <= RT_EXTERN_GLOBAL; k++)
			if (k != kind && rt_export_find(m, name.ptr, name.len, (enum rt_extern_kind)k))
				*other_kind = true;
		return false;
	}
	switch (kind) {
	case RT_EXTERN_FUNC:
		out->ptr = rt_instance_func(inst->rt, e->index);
		out->signature = m->func_signatures[e->index];
		out->func_index = e->index;
		break;
	case RT_EXTERN_TABLE:
		out->ptr = slot(inst, m->tables_offset, e->index);
		break;
	case RT_EXTERN_MEMORY:
		out->ptr = slot(inst, m->memories_offset, e->index);
		break;
	default:
		out->ptr = slot(inst, m->globals_offset, e->index);
		global_type(inst, e->index, out);
		break;
	}
	return true;
}

/* ---- names ---- */

void name_map_set(struct name_map *map, struct bytes name, struct instance *inst)
{
	for (uint32_t i = 0; i < map->count; i++) {
		if (bytes_equal(map->names[i], name)) {
			map->insts[i] = inst;
			return;
		}
	}
	if (map->count == map->capacity) {
		uint32_t capacity = map->capacity ? 2 * map->capacity : 16;
		struct bytes *names = rt_alloc(capacity * sizeof *names);
		struct instance **insts = rt_alloc(capacity * sizeof *insts);
		if (map->count) {
			memcpy(names, map->names, map->count * sizeof *names);
			memcpy(insts, map->insts, map->count * sizeof *insts);
		}
		map->names = names;
		map->insts = insts;
		map->capacity = capacity;
	}
	map->names[map->count] = name;
	map->insts[map->count++] = inst;
}

struct instance *name_map_get(const struct name_map *map, struct bytes name)
{
	for (uint32_t i = 0; i < map->count; i++)
		if (bytes_equal(map->names[i], name))
			return map->insts[i];
	return NULL;
}

static struct name_map registry;

void registry_add(struct bytes name, struct instance *inst)
{
	name_map_set(&registry, name, inst);
}

/* ---- import matching ---- */

static bool same_string(const char *a, const char *b)
{
	return a && b && bytes_equal(bytes_of(a), bytes_of(b));
}

/* Limits {min, max} (max UINT64_MAX: none) match an exporter's current size and maximum. */
static bool limits_match(const struct rt_import *imp, uint64_t size, uint64_t max, bool has_max)
{
	if (size < imp->min)
		return false;
	return imp->max == UINT64_MAX || (has_max && max <= imp->max);
}

static bool import_matches(const struct rt_import *imp, const struct extern_ref *ext)
{
	switch (imp->kind) {
	case RT_EXTERN_FUNC:
		return same_string(imp->signature, ext->signature);
	case RT_EXTERN_TABLE: {
		const struct rt_table *t = ext->ptr;
		return t->elem_type == imp->elem_type && limits_match(imp, t->size, t->max, t->max != UINT32_MAX);
	}
	case RT_EXTERN_MEMORY: {
		/* rtlib stores an absent maximum as 65536 pages, the most a 32-bit memory can have. */
		const struct rt_memory *mem = ext->ptr;
		return limits_match(imp, mem->size / RT_WASM_PAGE_SIZE, mem->max_pages, true);
	}
	default:
		return ext->global_type == imp->global_type && ext->global_mutable == (imp->global_mutable != 0);
	}
}

bool link_imports(const struct rt_module *m, void **imports, const char **error)
{
	for (uint32_t i = 0; i < m->import_count; i++) {
		const struct rt_import *imp = &m->imports[i];
		if (imp->bound) { /* generated code binds it itself */
			imports[i] = NULL;
			continue;
		}
		struct bytes module = { imp->module, imp->module_len }, field = { imp->field, imp->field_len };
		struct instance *exporter = name_map_get(&registry, module);
		struct extern_ref ext;
		bool other_kind = false;
		if (!exporter || !instance_export(exporter, field, imp->kind, &ext, &other_kind)) {
			*error = other_kind ? "incompatible import type" : "unknown import";
			return false;
		}
		if (!import_matches(imp, &ext)) {
			*error = "incompatible import type";
			return false;
		}
		imports[i] = ext.ptr;
	}
	return true;
}
