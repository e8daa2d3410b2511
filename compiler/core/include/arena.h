/* A bump allocator: everything of one compilation is freed at once. */
#ifndef WASMC_ARENA_H
#define WASMC_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
	struct arena_block *head;
	size_t total; /* bytes handed out, for limits and statistics */
};

void arena_init(struct arena *arena);
void arena_free(struct arena *arena);
/* Zeroed memory, aligned for any type; NULL if out of memory or n * size overflows. */
void *arena_calloc(struct arena *arena, size_t n, size_t size);

#endif
