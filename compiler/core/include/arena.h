/* A bump allocator: everything of one compilation is freed at once. */
#ifndef WASMC_ARENA_H
#define WASMC_ARENA_H

#include <stddef.h>
#include <stdint.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total; /* bytes handed out, for limits and statistics */
};

void arena_init(struct arena *arena);
void arena_free(struct arena *arena);
/* Zeroed memory, aligned for any type; NULL if out of memory or n * size overflows. */
void *arena_calloc(struct arena *arena, size_t n, size_t size);

enum arena_grow_result {
	ARENA_GROW_OK,
	ARENA_GROW_TOO_MANY,  /* the count would pass UINT32_MAX */
	ARENA_GROW_NO_MEMORY,
};
/*
 * Appends n zeroed entries of `size` bytes to the arena array *array of
 * *count entries. Its room is the next power of two of the count, so growing
 * one entry at a time (imports, custom sections) costs memory linear in the
 * count, not quadratic. On failure nothing changes.
 */
enum arena_grow_result arena_grow(struct arena *arena, void **array, uint32_t *count, uint32_t n, size_t size);

#endif
