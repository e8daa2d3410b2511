/*
 * wasi:random: random, insecure and insecure-seed, all from getrandom
 * (random.c): the insecure ones need no other source.
 */
#include "p2.h"
#include "random.h"

/* buf[0..len) from getrandom; it fails only on a broken kernel, which no caller can handle. */
static void fill(void *buf, uint32_t len)
{
	if (wasi_random_fill(buf, len) < 0)
		rt_trap(RT_TRAP_UNREACHABLE);
}

static uint64_t random_u64(void)
{
	uint64_t v;
	fill(&v, sizeof v);
	return v;
}

/* list<u8> of `len` random bytes into the return area; a length no guest can hold traps as realloc would. */
static void random_bytes(struct wasi_p2_ctx *ctx, uint64_t len, uint32_t ret)
{
	if (len > UINT32_MAX)
		rt_trap(RT_TRAP_OUT_OF_MEMORY);
	uint32_t ptr = p2_alloc(ctx, 1, (uint32_t)len);
	fill(p2_guest(ctx, ptr, len), (uint32_t)len);
	uint8_t *out = p2_guest(ctx, ret, 8);
	p2_store_u32(out, ptr);
	p2_store_u32(out + 4, (uint32_t)len);
}

void wasi_p2_random_random_get_random_bytes(struct wasi_p2_ctx *ctx, uint64_t len, uint32_t ret)
{
	random_bytes(ctx, len, ret);
}

uint64_t wasi_p2_random_random_get_random_u64(struct wasi_p2_ctx *ctx)
{
	return random_u64();
}

void wasi_p2_random_insecure_get_insecure_random_bytes(struct wasi_p2_ctx *ctx, uint64_t len, uint32_t ret)
{
	random_bytes(ctx, len, ret);
}

uint64_t wasi_p2_random_insecure_get_insecure_random_u64(struct wasi_p2_ctx *ctx)
{
	return random_u64();
}

/* tuple<u64, u64>, drawn once: the same value for the instance's lifetime, as Wasmtime gives. */
void wasi_p2_random_insecure_seed_insecure_seed(struct wasi_p2_ctx *ctx, uint32_t ret)
{
	static uint64_t seed[2];
	static bool drawn;
	if (!drawn) {
		fill(seed, sizeof seed);
		drawn = true;
	}
	uint8_t *out = p2_guest(ctx, ret, 16);
	p2_store_u64(out, seed[0]);
	p2_store_u64(out + 8, seed[1]);
}
