/*
 * Tables. The element array is its own mapping so that growing can mremap
 * it: generated code must reload `elems` after anything that may grow the
 * table.
 */
#include "internal.h"

/* The implementation's limit (V8's too): growing past it fails, as memory.grow past 4 GiB does. */
#define TABLE_MAX_ELEMS 10000000u

static size_t pages_for(uint64_t elems)
{
	uint64_t bytes = elems * sizeof(void *);
	return (size_t)((bytes + OS_PAGE_SIZE - 1) & ~(uint64_t)(OS_PAGE_SIZE - 1));
}

/* Makes room for `needed` elements; false if the memory is not there. */
static bool reserve(struct rt_table *table, uint64_t needed)
{
	if (needed <= table->capacity)
		return true;
	if (needed > TABLE_MAX_ELEMS)
		return false;
	uint64_t capacity = (uint64_t)table->capacity * 2;
	if (capacity < needed)
		capacity = needed;
	if (capacity > table->max)
		capacity = table->max;
	if (capacity > TABLE_MAX_ELEMS)
		capacity = TABLE_MAX_ELEMS;
	size_t old_bytes = pages_for(table->capacity), new_bytes = pages_for(capacity);
	void **elems = table->elems
		? os_mremap(table->elems, old_bytes, new_bytes)
		: os_mmap_anon(new_bytes, OS_PROT_READ | OS_PROT_WRITE, 0);
	if (!elems)
		return false;
	uint64_t fits = new_bytes / sizeof(void *);
	table->elems = elems;
	table->capacity = fits > UINT32_MAX ? UINT32_MAX : (uint32_t)fits;
	return true;
}

struct rt_table *rt_table_new(struct rt_instance *instance, uint8_t elem_type, uint32_t min, uint32_t max)
{
	struct rt_table *table = rt_alloc_raw(sizeof *table);
	if (!table || min > max)
		rt_trap_in_callee(RT_TRAP_OUT_OF_MEMORY);
	table->max = max;
	table->elem_type = elem_type;
	if (!reserve(table, min))
		rt_trap_in_callee(RT_TRAP_OUT_OF_MEMORY);
	table->size = min;
	return table;
}

uint32_t rt_table_grow(struct rt_table *table, void *init, uint32_t delta)
{
	uint32_t old_size = table->size;
	if (delta > table->max - old_size || !reserve(table, (uint64_t)old_size + delta))
		return UINT32_MAX;
	for (uint32_t i = 0; i < delta; i++)
		table->elems[old_size + i] = init;
	table->size = old_size + delta;
	return old_size;
}

static bool in_bounds(uint64_t offset, uint64_t len, uint64_t size)
{
	return offset + len <= size;
}

void rt_table_init(struct rt_table *table, uint32_t dst, void *const *src, uint32_t src_size, uint32_t src_off,
		uint32_t len)
{
	if (!in_bounds(src_off, len, src_size) || !in_bounds(dst, len, table->size))
		rt_trap_in_callee(RT_TRAP_OOB_TABLE);
	memcpy(table->elems + dst, src + src_off, (size_t)len * sizeof(void *));
}

void rt_table_copy(struct rt_table *dst_table, uint32_t dst, struct rt_table *src_table, uint32_t src, uint32_t len)
{
	if (!in_bounds(src, len, src_table->size) || !in_bounds(dst, len, dst_table->size))
		rt_trap_in_callee(RT_TRAP_OOB_TABLE);
	memmove(dst_table->elems + dst, src_table->elems + src, (size_t)len * sizeof(void *));
}

void rt_table_fill(struct rt_table *table, uint32_t dst, void *value, uint32_t len)
{
	if (!in_bounds(dst, len, table->size))
		rt_trap_in_callee(RT_TRAP_OOB_TABLE);
	for (uint32_t i = 0; i < len; i++)
		table->elems[dst + i] = value;
}
