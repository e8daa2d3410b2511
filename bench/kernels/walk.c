/*
 * Large array walks, memory-bound: a sequential pass and a strided pass (one
 * access per cache line) over 64 MiB of 32-bit words, read-modify-write.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int passes = argc > 1 ? atoi(argv[1]) : 10;
	enum { N = 16 << 20, STRIDE = 16 };
	uint32_t *v = malloc(sizeof(uint32_t) * N);
	if (!v)
		return 1;
	for (uint32_t i = 0; i < N; i++)
		v[i] = i * 2654435761u;
	uint64_t sum = 0;
	for (int p = 0; p < passes; p++) {
		for (uint32_t i = 0; i < N; i++)
			sum += v[i] >> (p & 7);
		for (uint32_t s = 0; s < STRIDE; s++)
			for (uint32_t i = s; i < N; i += STRIDE)
				v[i] += (uint32_t)sum;
	}
	printf("walk %d: %llu %u\n", passes, (unsigned long long)sum, v[N / 3]);
	return 0;
}
