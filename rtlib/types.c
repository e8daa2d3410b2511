/*
 * Canonical type ids: signature strings interned in one process-wide hash
 * table, so that call_indirect compares two integers and equal signatures
 * from different modules get the same id.
 */
#include "internal.h"

struct type_entry {
	const char *signature; /* NULL: empty slot */
	uint32_t hash, id;
};

static struct type_entry *entries;
static uint32_t capacity, count;

static uint32_t hash_of(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static bool same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static struct type_entry *slot_for(struct type_entry *table, uint32_t size, const char *signature, uint32_t hash)
{
	for (uint32_t i = hash & (size - 1);; i = (i + 1) & (size - 1)) {
		struct type_entry *e = &table[i];
		if (!e->signature || (e->hash == hash && same(e->signature, signature)))
			return e;
	}
}

/* Old tables are left behind (rt_alloc frees nothing): at most as much again as the live one. */
static bool grow(void)
{
	uint32_t new_capacity = capacity ? capacity * 2 : 64;
	struct type_entry *table = rt_alloc_raw((size_t)new_capacity * sizeof(struct type_entry));
	if (!table)
		return false;
	for (uint32_t i = 0; i < capacity; i++)
		if (entries[i].signature)
			*slot_for(table, new_capacity, entries[i].signature, entries[i].hash) = entries[i];
	entries = table;
	capacity = new_capacity;
	return true;
}

uint32_t rt_type_id(const char *signature)
{
	if (count * 2 >= capacity && !grow())
		rt_trap_in_callee(RT_TRAP_OUT_OF_MEMORY);
	uint32_t hash = hash_of(signature);
	struct type_entry *e = slot_for(entries, capacity, signature, hash);
	if (e->signature)
		return e->id;
	size_t len = rt_strlen(signature);
	char *copy = rt_alloc_raw(len + 1);
	if (!copy)
		rt_trap_in_callee(RT_TRAP_OUT_OF_MEMORY);
	memcpy(copy, signature, len + 1);
	*e = (struct type_entry){ .signature = copy, .hash = hash, .id = ++count };
	return e->id;
}
