/*
 * wasi:clocks: monotonic-clock (nanoseconds as u64, and pollables at an
 * instant or after a duration) and wall-clock (a datetime record).
 */
#include "clock.h"
#include "os.h"
#include "p2.h"

uint64_t wasi_p2_clocks_monotonic_clock_now(struct wasi_p2_ctx *ctx)
{
	return wasi_clock_ns(OS_CLOCK_MONOTONIC);
}

uint64_t wasi_p2_clocks_monotonic_clock_resolution(struct wasi_p2_ctx *ctx)
{
	return wasi_clock_res_ns(OS_CLOCK_MONOTONIC);
}

uint32_t wasi_p2_clocks_monotonic_clock_subscribe_instant(struct wasi_p2_ctx *ctx, uint64_t when)
{
	return p2_pollable_new_deadline(when);
}

/* A duration past the end of time is the end of time. */
uint32_t wasi_p2_clocks_monotonic_clock_subscribe_duration(struct wasi_p2_ctx *ctx, uint64_t when)
{
	uint64_t deadline;
	if (__builtin_add_overflow(wasi_clock_ns(OS_CLOCK_MONOTONIC), when, &deadline))
		deadline = UINT64_MAX;
	return p2_pollable_new_deadline(deadline);
}

/* Stores datetime { seconds: u64, nanoseconds: u32 } (16 bytes) at guest address `ret`. */
static void store_datetime(struct wasi_p2_ctx *ctx, uint32_t ret, uint64_t ns)
{
	uint8_t *out = p2_guest(ctx, ret, 16);
	p2_store_u64(out, ns / WASI_NSEC_PER_SEC);
	p2_store_u32(out + 8, (uint32_t)(ns % WASI_NSEC_PER_SEC));
}

void wasi_p2_clocks_wall_clock_now(struct wasi_p2_ctx *ctx, uint32_t ret)
{
	store_datetime(ctx, ret, wasi_clock_ns(OS_CLOCK_REALTIME));
}

void wasi_p2_clocks_wall_clock_resolution(struct wasi_p2_ctx *ctx, uint32_t ret)
{
	store_datetime(ctx, ret, wasi_clock_res_ns(OS_CLOCK_REALTIME));
}
