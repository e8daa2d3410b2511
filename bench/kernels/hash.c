/* FNV-1a and a xorshift mix over a generated buffer: integer code, shifts, multiplies. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 300;
	enum { SIZE = 1 << 20 };
	uint8_t *buf = malloc(SIZE);
	if (!buf)
		return 1;
	uint64_t x = 88172645463325252ull;
	for (int i = 0; i < SIZE; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		buf[i] = (uint8_t)x;
	}
	uint32_t fnv = 2166136261u;
	uint64_t mix = 0;
	for (int r = 0; r < rounds; r++) {
		for (int i = 0; i < SIZE; i++)
			fnv = (fnv ^ buf[i]) * 16777619u;
		mix ^= fnv + (mix << 6) + (mix >> 2);
	}
	printf("hash %u %llu\n", fnv, (unsigned long long)mix);
	return 0;
}
