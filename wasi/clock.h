/* Clock readings in nanoseconds, shared by preview 1 (clock.c, poll.c) and WASI 0.2 (wasi:clocks, wasi:io/poll). */
#ifndef WASMC_WASI_CLOCK_H
#define WASMC_WASI_CLOCK_H

#include <stdint.h>

#define WASI_NSEC_PER_SEC 1000000000ull

/* The time of Linux clock `clock` (OS_CLOCK_*) in nanoseconds; 0 if it cannot be read. */
uint64_t wasi_clock_ns(int clock);

/* The resolution of Linux clock `clock` in nanoseconds; 0 if it cannot be read. */
uint64_t wasi_clock_res_ns(int clock);

#endif
