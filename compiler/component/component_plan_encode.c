/* component_plan_encode: a plan as the bytes rtlib's component runner reads (rtlib/rt_component_plan.h). */
#include <stdlib.h>
#include <string.h>

#include "component_plan.h"
#include "rt_component_plan.h"

struct out {
	uint8_t *bytes; /* NULL while measuring */
	size_t size;
};

static void put(struct out *o, const void *p, size_t n)
{
	if (o->bytes && n)
		memcpy(o->bytes + o->size, p, n);
	o->size += n;
}

static void put_u8(struct out *o, uint8_t v)
{
	put(o, &v, 1);
}

static void put_u32(struct out *o, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };
	put(o, b, 4);
}

static void put_name(struct out *o, const struct wasm_name *n)
{
	put_u32(o, n->len);
	put(o, n->str, n->len);
}

static void put_ref(struct out *o, const struct plan_ref *r)
{
	put_u32(o, r->instance);
	if (r->instance != RT_PLAN_NONE)
		put_name(o, &r->name);
}

static void put_plan(struct out *o, const struct component_plan *p)
{
	put(o, RT_PLAN_MAGIC, 4);
	put_u32(o, (uint32_t)o->size); /* patched below once known */
	put_u32(o, p->module_count);
	put_u32(o, p->instance_count);
	for (uint32_t i = 0; i < p->instance_count; i++) {
		const struct plan_instance *in = &p->instances[i];
		put_u32(o, in->module);
		put_u32(o, in->import_count);
		for (uint32_t k = 0; k < in->import_count; k++) {
			const struct plan_source *s = &in->sources[k];
			put_u8(o, s->kind);
			if (s->kind == RT_PLAN_EXPORT) {
				put_u32(o, s->ref.instance);
				put_u8(o, s->extern_kind);
				put_name(o, &s->ref.name);
			} else {
				put_u32(o, s->host_index);
				put_name(o, &s->iface);
				put_name(o, &s->func);
				put_ref(o, &s->memory);
				put_ref(o, &s->realloc);
			}
		}
	}
	put_u8(o, p->entry_kind);
	put_u32(o, p->entry.instance);
	put_name(o, &p->entry.name);
	put_ref(o, &p->post_return);
}

bool component_plan_encode(const struct component_plan *p, uint8_t **bytes, size_t *size)
{
	struct out measure = { 0 };
	put_plan(&measure, p);
	struct out o = { .bytes = malloc(measure.size) };
	if (!o.bytes)
		return false;
	put_plan(&o, p);
	uint32_t total = (uint32_t)o.size;
	for (int i = 0; i < 4; i++)
		o.bytes[4 + i] = (uint8_t)(total >> (8 * i));
	*bytes = o.bytes;
	*size = o.size;
	return true;
}
