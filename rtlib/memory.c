/*
 * Linear memories. Each reserves 8 GiB of PROT_NONE address space once (4 GiB
 * addressable plus a guard covering any 32-bit offset) and commits pages
 * with mprotect as it grows, so the base never moves and generated code
 * needs no bounds checks: a stray access faults inside the reservation and
 * the signal handler turns the fault into a trap (see signal.c).
 *
 * The reservation starts on a 2 MiB boundary and its addressable part is
 * advised MADV_HUGEPAGE, so that where the kernel's transparent huge pages
 * allow ("madvise" or "always" mode) every 2 MiB of committed memory can be
 * one page: a fault and a TLB entry per 2 MiB instead of per 4 KiB, which is
 * what programs touching much fresh memory pay for. Memory below 2 MiB, or
 * the part of the last 2 MiB past the memory's size, stays in small pages
 * (a huge page needs its whole range committed), so small programs keep
 * their start-up and footprint. wasmc --no-huge-pages leaves it out.
 */
#include "internal.h"
#include "rt_limits.h"

#define RESERVATION (8ull << 30)
#define ADDRESSABLE (4ull << 30)
#define HUGE_PAGE (2ull << 20)
#define MAX_PAGES 65536u

/* RT_NO_HUGE_PAGES_SYMBOL: present (weak) when the program was compiled with --no-huge-pages. */
extern const uint8_t wasmc_no_huge_pages[] __attribute__((weak));

static bool huge_pages_wanted(void)
{
	return !wasmc_no_huge_pages;
}

/* RESERVATION bytes of PROT_NONE address space, 2 MiB-aligned when huge pages are wanted. */
static uint8_t *reserve(void)
{
	if (!huge_pages_wanted())
		return os_mmap_anon(RESERVATION, OS_PROT_NONE, OS_MAP_NORESERVE);
	uint8_t *p = os_mmap_anon(RESERVATION + HUGE_PAGE, OS_PROT_NONE, OS_MAP_NORESERVE);
	if (!p)
		return NULL;
	uintptr_t head = -(uintptr_t)p & (HUGE_PAGE - 1);
	uint8_t *base = p + head;
	if (head)
		os_munmap(p, head);
	os_munmap(base + RESERVATION, HUGE_PAGE - head);
	/* Only advice: a kernel without THP refuses it, and memory works the same. */
	os_madvise(base, ADDRESSABLE, OS_MADV_HUGEPAGE);
	return base;
}

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

/* A memory whose initial size is above --max-memory does not start: says why (the caller traps "out of memory"). */
static void say_over_limit(uint64_t min_pages, uint64_t limit)
{
	struct rt_out out = { .fd = 2 };
	rt_out_str(&out, "wasmc runtime: the module's initial memory of ");
	rt_out_dec(&out, min_pages * RT_WASM_PAGE_SIZE);
	rt_out_str(&out, " bytes exceeds the memory limit of ");
	rt_out_dec(&out, limit);
	rt_out_str(&out, " bytes (wasmc --max-memory, " RT_MAX_MEMORY_VARIABLE ")\n");
	rt_out_flush(&out);
}

struct rt_memory *rt_memory_new(struct rt_instance *instance, uint64_t min_pages, uint64_t max_pages)
{
	if (max_pages > MAX_PAGES)
		max_pages = MAX_PAGES;
	uint64_t limit = rt_limit_get(RT_LIMIT_MAX_MEMORY);
	if (limit != UINT64_MAX && min_pages > limit / RT_WASM_PAGE_SIZE) {
		say_over_limit(min_pages, limit);
		rt_trap_in_callee(RT_TRAP_OUT_OF_MEMORY);
	}
	if (limit != UINT64_MAX && max_pages > limit / RT_WASM_PAGE_SIZE)
		max_pages = limit / RT_WASM_PAGE_SIZE;
	if (min_pages > max_pages)
		rt_trap_in_callee(RT_TRAP_OUT_OF_MEMORY);
	struct memory_record *record = rt_alloc_raw(sizeof *record);
	uint8_t *base = reserve();
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
