/* Guest memory for WASI 0.2 host functions: bounds checks that trap, and allocation through realloc. */
#include "p2.h"

uint8_t *p2_guest(struct wasi_p2_ctx *ctx, uint32_t ptr, uint64_t len)
{
	const struct rt_memory *m = ctx->view.mem0;
	if (!m || (uint64_t)ptr + len > m->size)
		rt_trap(RT_TRAP_OOB_MEMORY);
	return ctx->view.mem0_base + ptr;
}

typedef uint32_t (*realloc_fn)(struct rt_instance *instance, uint32_t old_ptr, uint32_t old_size, uint32_t align,
		uint32_t new_size);

uint32_t p2_alloc(struct wasi_p2_ctx *ctx, uint32_t align, uint32_t size)
{
	const struct rt_funcref *r = ctx->realloc;
	if (!r)
		rt_trap(RT_TRAP_UNREACHABLE); /* the compiler requires realloc where results need it */
	uint32_t ptr = ((realloc_fn)r->code)(r->instance, 0, 0, align, size);
	if (ptr & (align - 1))
		rt_trap(RT_TRAP_REALLOC_MISALIGNED);
	const struct rt_memory *m = ctx->view.mem0;
	if (!m || (uint64_t)ptr + size > m->size)
		rt_trap(RT_TRAP_REALLOC_OUT_OF_BOUNDS);
	return ptr;
}

uint32_t p2_alloc_copy(struct wasi_p2_ctx *ctx, const void *bytes, uint32_t size)
{
	uint32_t ptr = p2_alloc(ctx, 1, size);
	if (size)
		__builtin_memcpy(ctx->view.mem0_base + ptr, bytes, size);
	return ptr;
}
