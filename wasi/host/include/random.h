/* Random bytes from getrandom, shared by preview 1's random_get and WASI 0.2's wasi:random. */
#ifndef WASMC_WASI_RANDOM_H
#define WASMC_WASI_RANDOM_H

#include <stddef.h>

/* Fills buf[0..len) with random bytes. Returns 0, or a negative Linux errno. */
long wasi_random_fill(void *buf, size_t len);

#endif
