/*
 * wasi:io/poll: pollables over a host descriptor (a stream's subscribe), at
 * a monotonic deadline (wasi:clocks), or ready at once (a closed stream),
 * and the waiting for them: one ppoll through wait.c, as preview 1's
 * poll_oneoff waits. Errors of a descriptor make its pollable ready (the
 * WIT: polling itself never fails).
 */
#include "clock.h"
#include "os.h"
#include "p2.h"
#include "wait.h"

enum pollable_kind { POLLABLE_READY, POLLABLE_FD, POLLABLE_DEADLINE };

struct p2_pollable {
	uint8_t kind;      /* enum pollable_kind */
	int16_t events;    /* POLLABLE_FD: OS_POLLIN or OS_POLLOUT */
	int32_t host_fd;   /* POLLABLE_FD: not owned (the stream's descriptor) */
	uint64_t deadline; /* POLLABLE_DEADLINE: monotonic nanoseconds */
};

_Static_assert(sizeof(struct p2_pollable) <= P2_REP_SIZE, "p2_pollable fits a handle");

/* Up to this many pollables the ppoll array lives on the stack, beyond it in a mapping. */
#define STACK_POLL_FDS 32

static uint32_t pollable_new(struct p2_pollable p)
{
	return p2_handle_new(P2_RES_POLLABLE, &p, sizeof p);
}

uint32_t p2_pollable_new_fd(int host_fd, int16_t events)
{
	return pollable_new((struct p2_pollable){ .kind = POLLABLE_FD, .events = events, .host_fd = host_fd });
}

uint32_t p2_pollable_new_deadline(uint64_t monotonic_ns)
{
	return pollable_new((struct p2_pollable){ .kind = POLLABLE_DEADLINE, .host_fd = -1, .deadline = monotonic_ns });
}

uint32_t p2_pollable_new_ready(void)
{
	return pollable_new((struct p2_pollable){ .kind = POLLABLE_READY, .host_fd = -1 });
}

/*
 * Waits (or with no_wait, only looks) until one of the n pollables whose
 * handles are the u32s at `handles` is ready. Returns how many are; each
 * fds[i].revents is then 1 if pollable i is, else 0.
 */
static uint32_t wait_ready(const uint8_t *handles, uint32_t n, struct os_pollfd *fds, bool no_wait)
{
	uint64_t deadline = WASI_NO_DEADLINE;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t h;
		__builtin_memcpy(&h, handles + 4 * (size_t)i, 4);
		const struct p2_pollable *p = p2_handle_get(h, P2_RES_POLLABLE);
		fds[i] = (struct os_pollfd){ p->kind == POLLABLE_FD ? p->host_fd : -1, p->events, 0 };
		if (p->kind == POLLABLE_READY)
			no_wait = true;
		else if (p->kind == POLLABLE_DEADLINE && p->deadline < deadline)
			deadline = p->deadline;
	}
	for (;;) {
		bool failed = wasi_wait(fds, n, deadline, no_wait) < 0;
		uint64_t now = wasi_clock_ns(OS_CLOCK_MONOTONIC);
		uint32_t count = 0;
		for (uint32_t i = 0; i < n; i++) {
			uint32_t h;
			__builtin_memcpy(&h, handles + 4 * (size_t)i, 4);
			const struct p2_pollable *p = p2_handle_get(h, P2_RES_POLLABLE);
			bool ready = p->kind == POLLABLE_READY || (p->kind == POLLABLE_DEADLINE && now >= p->deadline) ||
				(p->kind == POLLABLE_FD && (failed || fds[i].revents));
			fds[i].revents = ready;
			count += ready;
		}
		/* A wait that ends early (a spurious wake-up) waits again, unless the time limit has passed. */
		if (count || no_wait || rt_interrupt_pending)
			return count;
	}
}

uint32_t wasi_p2_io_poll_pollable_ready(struct wasi_p2_ctx *ctx, uint32_t self)
{
	struct os_pollfd fd;
	return wait_ready((const uint8_t *)&self, 1, &fd, true) != 0;
}

void wasi_p2_io_poll_pollable_block(struct wasi_p2_ctx *ctx, uint32_t self)
{
	struct os_pollfd fd;
	wait_ready((const uint8_t *)&self, 1, &fd, false);
}

/*
 * poll(in: list<borrow<pollable>>) -> list<u32>: blocks until at least one
 * is ready and returns the indices of all that are. An empty list could
 * never return: it traps, as in Wasmtime.
 */
void wasi_p2_io_poll_poll(struct wasi_p2_ctx *ctx, uint32_t list, uint32_t n, uint32_t ret)
{
	if (n == 0)
		rt_trap(RT_TRAP_UNREACHABLE);
	const uint8_t *handles = p2_guest(ctx, list, (uint64_t)n * 4);
	struct os_pollfd stack_fds[STACK_POLL_FDS];
	struct os_pollfd *fds = stack_fds;
	size_t map_len = n > STACK_POLL_FDS ? (size_t)n * sizeof *fds : 0;
	if (map_len && !(fds = os_mmap_anon(map_len, OS_PROT_READ | OS_PROT_WRITE, 0)))
		rt_trap(RT_TRAP_OUT_OF_MEMORY);
	uint32_t count = wait_ready(handles, n, fds, false);
	uint32_t ptr = p2_alloc(ctx, 4, count * 4);
	uint8_t *indices = p2_guest(ctx, ptr, (uint64_t)count * 4);
	for (uint32_t i = 0, k = 0; i < n; i++)
		if (fds[i].revents)
			p2_store_u32(indices + 4 * (size_t)k++, i);
	if (map_len)
		os_munmap(fds, map_len);
	uint8_t *out = p2_guest(ctx, ret, 8);
	p2_store_u32(out, ptr);
	p2_store_u32(out + 4, count);
}

void wasi_p2_io_poll_drop_pollable(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_POLLABLE);
}
