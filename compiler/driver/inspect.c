/* `wasmc inspect`: a short human-readable summary of a module. */
#include <stdio.h>

#include "component.h"
#include "driver.h"

static const char *section_name(uint8_t id)
{
	static const char *const names[WASM_SEC_COUNT] = {
		"custom", "type", "import", "function", "table", "memory", "global",
		"export", "start", "element", "code", "data", "datacount", "tag",
	};
	return id < WASM_SEC_COUNT ? names[id] : "?";
}

void inspect_print_func_type(const struct wasm_func_type *t, FILE *out)
{
	fputc('(', out);
	for (uint32_t i = 0; i < t->param_count; i++)
		fprintf(out, "%s%s", i ? ", " : "", wasm_valtype_name(t->params[i]));
	fputs(") -> (", out);
	for (uint32_t i = 0; i < t->result_count; i++)
		fprintf(out, "%s%s", i ? ", " : "", wasm_valtype_name(t->results[i]));
	fputc(')', out);
}

static void print_limits(const struct wasm_limits *l, FILE *out)
{
	fprintf(out, "min %llu", (unsigned long long)l->min);
	if (l->has_max)
		fprintf(out, ", max %llu", (unsigned long long)l->max);
}

static void print_import(const struct wasm_module *m, const struct wasm_import *imp, FILE *out)
{
	fprintf(out, "  %.*s.%.*s: ", (int)imp->module.len, imp->module.str, (int)imp->field.len, imp->field.str);
	switch (imp->kind) {
	case WASM_EXTERN_FUNC: {
		uint32_t ti = m->funcs[imp->index].type_index;
		fputs("func ", out);
		if (ti < m->type_count)
			inspect_print_func_type(&m->types[ti], out);
		break;
	}
	case WASM_EXTERN_TABLE:
		fprintf(out, "table %s, ", wasm_valtype_name(m->tables[imp->index].type.elem_type));
		print_limits(&m->tables[imp->index].type.limits, out);
		break;
	case WASM_EXTERN_MEMORY:
		fputs("memory, pages ", out);
		print_limits(&m->memories[imp->index].type.limits, out);
		break;
	case WASM_EXTERN_GLOBAL:
		fprintf(out, "global %s%s", m->globals[imp->index].type.mutable ? "mut " : "",
			wasm_valtype_name(m->globals[imp->index].type.type));
		break;
	}
	fputc('\n', out);
}

void inspect_print(const struct loaded_module *lm, FILE *out)
{
	static const char *const kind_name[] = { "func", "table", "memory", "global", "tag" };
	const struct wasm_module *m = &lm->module;
	const char *path = lm->path;
	if (lm->component) {
		inspect_print_component(lm->component, path, out);
		return;
	}
	fprintf(out, "%s: WebAssembly module, %zu bytes\n", path, m->size);
	if (m->has_module_name)
		fprintf(out, "name: %.*s\n", (int)m->module_name.len, m->module_name.str);
	fprintf(out, "sections (%u):\n", m->section_count);
	for (uint32_t i = 0; i < m->section_count; i++) {
		const struct wasm_section_info *s = &m->sections[i];
		fprintf(out, "  %-10s at 0x%06zx, %zu bytes\n", section_name(s->id), s->offset, s->size);
	}
	fprintf(out, "types: %u\n", m->type_count);
	fprintf(out, "imports (%u):\n", m->import_count);
	for (uint32_t i = 0; i < m->import_count; i++)
		print_import(m, &m->imports[i], out);
	fprintf(out, "functions: %u defined, %u imported\n", m->func_count - m->imported_func_count,
		m->imported_func_count);
	fprintf(out, "tables: %u, memories: %u", m->table_count, m->memory_count);
	for (uint32_t i = m->imported_memory_count; i < m->memory_count; i++) {
		fputs(i == m->imported_memory_count ? " (pages " : "; pages ", out);
		print_limits(&m->memories[i].type.limits, out);
		if (i + 1 == m->memory_count)
			fputc(')', out);
	}
	fprintf(out, ", globals: %u\n", m->global_count);
	fprintf(out, "element segments: %u, data segments: %u\n", m->elem_count, m->data_segment_count);
	if (m->has_start)
		fprintf(out, "start: func %u\n", m->start_index);
	fprintf(out, "exports (%u):\n", m->export_count);
	for (uint32_t i = 0; i < m->export_count; i++) {
		const struct wasm_export *e = &m->exports[i];
		fprintf(out, "  %.*s: %s %u\n", (int)e->name.len, e->name.str, kind_name[e->kind], e->index);
	}
	fprintf(out, "custom sections (%u):\n", m->custom_count);
	for (uint32_t i = 0; i < m->custom_count; i++) {
		const struct wasm_custom *c = &m->customs[i];
		fprintf(out, "  %.*s: %zu bytes\n", (int)c->name.len, c->name.str, c->size);
	}
	if (m->func_name_count)
		fprintf(out, "function names: %u\n", m->func_name_count);
}
