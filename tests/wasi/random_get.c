/* random_get: small and large buffers filled completely (getrandom may return short), and the error paths. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"

/* Zero bytes in [p, p+n): a filled buffer has about n/256 of them. */
static size_t zeros(const uint8_t *p, size_t n)
{
	size_t z = 0;
	for (size_t i = 0; i < n; i++)
		z += p[i] == 0;
	return z;
}

static void fill(size_t n)
{
	uint8_t *buf = calloc(1, n);
	WASI("random_get", __wasi_random_get(buf, n));
	size_t z = zeros(buf, n);
	/* 4 standard deviations of a binomial(n, 1/256) around its mean, at least a little slack. */
	size_t limit = n / 256 + 4 * (size_t)__builtin_sqrt((double)n / 256) + 3;
	printf("  %zu bytes filled: %s\n", n, z <= limit ? "yes" : "no");
	/* The tail is where a short read would leave zeros. */
	size_t tail = n < 4096 ? n : 4096;
	printf("  tail filled: %s\n", zeros(buf + n - tail, tail) <= tail / 256 + 4 * (size_t)__builtin_sqrt((double)tail / 256) + 3 ? "yes" : "no");
	free(buf);
}

int main(void)
{
	fill(16);
	fill(1 << 16);
	fill((48u << 20) + 7); /* beyond getrandom's 32 MiB per call */
	uint8_t a[32] = { 0 }, b[32] = { 0 };
	WASI("draw a", __wasi_random_get(a, sizeof a));
	WASI("draw b", __wasi_random_get(b, sizeof b));
	printf("two draws differ: %s\n", memcmp(a, b, sizeof a) ? "yes" : "no");
	WASI("random_get 0 bytes", __wasi_random_get(a, 0));
	WASI_BAD_POINTER("random_get past memory", __wasi_random_get((uint8_t *)0xfffffff0, 32));
	WASI_BAD_POINTER("random_get length past memory", __wasi_random_get(a, 0xfffffff0));
	return 0;
}
