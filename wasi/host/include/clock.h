/* Clock readings in nanoseconds, shared by preview 1 (clock.c, poll.c) and WASI 0.2 (wasi:clocks, wasi:io/poll). */
#ifndef WASMC_WASI_CLOCK_H
#define WASMC_WASI_CLOCK_H

#include <stdint.h>

#include "os.h"

#define WASI_NSEC_PER_SEC 1000000000ull

/* A timespec in nanoseconds. */
static inline uint64_t wasi_ns_of(const struct os_timespec *ts)
{
	return (uint64_t)ts->sec * WASI_NSEC_PER_SEC + (uint64_t)ts->nsec;
}

/* The time of Linux clock `clock` (OS_CLOCK_*) in nanoseconds; 0 if it cannot be read. */
uint64_t wasi_clock_ns(int clock);

/* The resolution of Linux clock `clock` in nanoseconds; 0 if it cannot be read. */
uint64_t wasi_clock_res_ns(int clock);

#endif
