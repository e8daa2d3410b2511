/*
 * rt_alloc: instance parts live as long as the process, so a bump allocator
 * over mmap'd chunks serves them and nothing is ever freed. Large requests
 * get their own mapping so that they do not waste a chunk. The first chunk
 * is in .bss, which costs a small program no system call at start-up.
 */
#include "internal.h"

#define CHUNK_SIZE (1u << 20)
#define FIRST_CHUNK_SIZE (64u << 10)
#define ALIGNMENT 16u

static _Alignas(ALIGNMENT) uint8_t first_chunk[FIRST_CHUNK_SIZE];
static uint8_t *cursor = first_chunk, *chunk_end = first_chunk + FIRST_CHUNK_SIZE;

void *rt_alloc_raw(size_t size)
{
	if (size == 0)
		size = 1;
	if (size > SIZE_MAX - OS_PAGE_SIZE)
		return NULL;
	size = (size + ALIGNMENT - 1) & ~(size_t)(ALIGNMENT - 1);
	if (size > CHUNK_SIZE / 4)
		return os_mmap_anon((size + OS_PAGE_SIZE - 1) & ~(size_t)(OS_PAGE_SIZE - 1),
				OS_PROT_READ | OS_PROT_WRITE, 0);
	if (size > (size_t)(chunk_end - cursor)) {
		uint8_t *chunk = os_mmap_anon(CHUNK_SIZE, OS_PROT_READ | OS_PROT_WRITE, 0);
		if (!chunk)
			return NULL;
		cursor = chunk;
		chunk_end = chunk + CHUNK_SIZE;
	}
	void *p = cursor;
	cursor += size;
	return p;
}

void *rt_alloc(size_t size)
{
	void *p = rt_alloc_raw(size);
	if (!p)
		rt_trap_in_callee(RT_TRAP_OUT_OF_MEMORY);
	return p;
}
