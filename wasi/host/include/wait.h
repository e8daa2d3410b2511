/*
 * Waiting for descriptors and a deadline on the monotonic clock, shared by
 * preview 1's poll_oneoff (poll.c) and WASI 0.2's wasi:io/poll (p2/poll.c).
 */
#ifndef WASMC_WASI_WAIT_H
#define WASMC_WASI_WAIT_H

#include <stdbool.h>
#include <stdint.h>

#include "os.h"
#include "rt_limits.h" /* rt_interrupt_pending: waiters stop when the time limit has passed */

#define WASI_NO_DEADLINE UINT64_MAX

/*
 * Waits until one of fds[0..count) has events (ppoll; entries with fd -1
 * are skipped) or the monotonic clock reaches `deadline` (WASI_NO_DEADLINE:
 * none); with `no_wait`, only looks. Interrupted waits resume with the time
 * left. Returns 0, or a negative Linux errno from ppoll/clock_nanosleep.
 */
long wasi_wait(struct os_pollfd *fds, uint32_t count, uint64_t deadline, bool no_wait);

#endif
