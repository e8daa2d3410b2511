/*
 * Linear memories. Each reserves 8 GiB of PROT_NONE address space once (4 GiB
 * addressable plus a guard covering any 32-bit offset) and commits pages
 * with mprotect as it grows, so the base never moves and generated code
 * needs no bounds checks: a stray access faults inside the reservation and
 * the signal handler turns the fault into a trap (see signal.c).
 */
#include "internal.h"

#define RESERVATION (8ull << 30)
#define MAX_PAGES 65536u

/* The registry of reservations the fault handler consults. */
struct memory_record {
	struct rt_memory memory;
	struct memory_record *next;
};

static struct memory_record *reservations;

bool rt_memory_reserved(uintptr_t addr)
{
	for (const struct memory_record *r = reservations; r; r = r->next)
		if (addr - (uintptr_t)r->memory.base < r->memory.reserved)
			return true;
	return false;
}

struct rt_memory *rt_memory_new(struct rt_instance *instance, uint64_t min_pages, uint64_t max_pages)
{
	if (max_pages > MAX_PAGES)
		max_pages = MAX_PAGES;
	if (min_pages > max_pages)
		rt_trap_in_callee(RT_TRAP_OUT_OF_MEMORY);
	struct memory_record *record = rt_alloc_raw(sizeof *record);
	uint8_t *base = os_mmap_anon(RESERVATION, OS_PROT_NONE, OS_MAP_NORESERVE);
	if (!record || !base)
		rt_trap_in_callee(RT_TRAP_OUT_OF_MEMORY);
	uint64_t size = min_pages * RT_WASM_PAGE_SIZE;
	if (size && os_mprotect(base, size, OS_PROT_READ | OS_PROT_WRITE) < 0) {
		os_munmap(base, RESERVATION);
		rt_trap_in_callee(RT_TRAP_OUT_OF_MEMORY);
	}
	record->memory = (struct rt_memory){
		.base = base,
		.size = size,
		.max_pages = max_pages,
		.reserved = RESERVATION,
	};
	record->next = reservations;
	reservations = record;
	return &record->memory;
}

uint32_t rt_memory_grow(struct rt_memory *memory, uint32_t delta_pages)
{
	uint64_t old_pages = memory->size / RT_WASM_PAGE_SIZE;
	if (delta_pages == 0)
		return (uint32_t)old_pages;
	if (delta_pages > memory->max_pages - old_pages)
		return UINT32_MAX;
	uint64_t delta = (uint64_t)delta_pages * RT_WASM_PAGE_SIZE;
	if (os_mprotect(memory->base + memory->size, delta, OS_PROT_READ | OS_PROT_WRITE) < 0)
		return UINT32_MAX;
	memory->size += delta;
	return (uint32_t)old_pages;
}

static bool in_bounds(uint64_t offset, uint64_t len, uint64_t size)
{
	return offset + len <= size;
}

void rt_memory_init(struct rt_memory *memory, uint32_t dst, const uint8_t *src, uint32_t src_size,
		uint32_t src_off, uint32_t len)
{
	if (!in_bounds(src_off, len, src_size) || !in_bounds(dst, len, memory->size))
		rt_trap_in_callee(RT_TRAP_OOB_MEMORY);
	memcpy(memory->base + dst, src + src_off, len);
}

void rt_memory_copy(struct rt_memory *dst_mem, uint32_t dst, struct rt_memory *src_mem, uint32_t src, uint32_t len)
{
	if (!in_bounds(src, len, src_mem->size) || !in_bounds(dst, len, dst_mem->size))
		rt_trap_in_callee(RT_TRAP_OOB_MEMORY);
	memmove(dst_mem->base + dst, src_mem->base + src, len);
}

void rt_memory_fill(struct rt_memory *memory, uint32_t dst, uint32_t value, uint32_t len)
{
	if (!in_bounds(dst, len, memory->size))
		rt_trap_in_callee(RT_TRAP_OOB_MEMORY);
	memset(memory->base + dst, (int)(value & 0xff), len);
}
