#include "arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t cap;
	max_align_t data[];
};

enum { ARENA_BLOCK_SIZE = 64 * 1024 };

void arena_init(struct arena *arena)
{
	arena->head = NULL;
	arena->total = 0;
}

void arena_free(struct arena *arena)
{
	struct arena_block *b = arena->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena->head = NULL;
	arena->total = 0;
}

void *arena_calloc(struct arena *arena, size_t n, size_t size)
{
	const size_t align = sizeof(max_align_t);
	if (size && n > SIZE_MAX / size)
		return NULL;
	size_t bytes = n * size;
	if (bytes > SIZE_MAX - align)
		return NULL;
	bytes = (bytes + align - 1) & ~(align - 1);
	if (bytes == 0)
		bytes = align;

	struct arena_block *b = arena->head;
	if (!b || b->cap - b->used < bytes) {
		size_t cap = bytes > ARENA_BLOCK_SIZE / 4 ? bytes : ARENA_BLOCK_SIZE;
		b = malloc(sizeof(*b) + cap);
		if (!b)
			return NULL;
		b->cap = cap;
		b->used = 0;
		/* A big block goes behind the current one so the current one keeps filling. */
		if (arena->head && cap != ARENA_BLOCK_SIZE) {
			b->next = arena->head->next;
			arena->head->next = b;
		} else {
			b->next = arena->head;
			arena->head = b;
		}
	}
	void *p = (char *)b->data + b->used;
	b->used += bytes;
	arena->total += bytes;
	memset(p, 0, bytes);
	return p;
}

/* The room an array of `count` entries has: the next power of two. */
static size_t grown_capacity(size_t count)
{
	size_t cap = 1;
	while (cap < count && cap <= SIZE_MAX / 2)
		cap *= 2;
	return cap < count ? count : cap;
}

enum arena_grow_result arena_grow(struct arena *arena, void **array, uint32_t *count, uint32_t n, size_t size)
{
	if (n > UINT32_MAX - *count)
		return ARENA_GROW_TOO_MANY;
	size_t need = (size_t)*count + n;
	if (!*array || need > grown_capacity(*count)) {
		void *grown = arena_calloc(arena, grown_capacity(need), size);
		if (!grown)
			return ARENA_GROW_NO_MEMORY;
		if (*count)
			memcpy(grown, *array, (size_t)*count * size);
		*array = grown;
	}
	*count += n;
	return ARENA_GROW_OK;
}
