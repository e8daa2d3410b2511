/*
 * Loops the vectorizer turns into SIMD code: saxpy on floats, an integer dot
 * product, a byte histogram-free min/max scan, and counting equal bytes.
 * Its wasm build enables simd128 (bench/run: the program's extra wasm flags).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static void saxpy(float *restrict y, const float *restrict x, float a, int n)
{
	for (int i = 0; i < n; i++)
		y[i] = a * x[i] + y[i];
}

__attribute__((noinline)) static int32_t dot_i32(const int32_t *a, const int32_t *b, int n)
{
	int32_t s = 0;
	for (int i = 0; i < n; i++)
		s += a[i] * b[i];
	return s;
}

__attribute__((noinline)) static uint32_t max_min_u8(const uint8_t *p, int n)
{
	uint8_t hi = 0, lo = 255;
	for (int i = 0; i < n; i++) {
		hi = p[i] > hi ? p[i] : hi;
		lo = p[i] < lo ? p[i] : lo;
	}
	return (uint32_t)hi << 8 | lo;
}

__attribute__((noinline)) static int32_t count_eq(const uint8_t *a, const uint8_t *b, int n)
{
	int32_t c = 0;
	for (int i = 0; i < n; i++)
		c += a[i] == b[i];
	return c;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 40000;
	enum { N = 16384 };
	float *x = malloc(sizeof(float) * N), *y = malloc(sizeof(float) * N);
	int32_t *ia = malloc(sizeof(int32_t) * N), *ib = malloc(sizeof(int32_t) * N);
	uint8_t *ba = malloc(N), *bb = malloc(N);
	if (!x || !y || !ia || !ib || !ba || !bb)
		return 1;
	uint32_t s = 7;
	for (int i = 0; i < N; i++) {
		s = s * 1664525u + 1013904223u;
		x[i] = (float)(s >> 20) / 4096.0f;
		y[i] = 0;
		ia[i] = (int32_t)(s >> 16) - 32768;
		ib[i] = (int32_t)(s & 0xffff) - 32768;
		ba[i] = (uint8_t)(s >> 24);
		bb[i] = (uint8_t)(s >> 13);
	}
	uint32_t check = 0;
	for (int r = 0; r < rounds; r++) {
		saxpy(y, x, 0.5f + (float)(r & 3), N);
		check += (uint32_t)dot_i32(ia, ib, N);
		ba[r % N] ^= (uint8_t)r;
		check ^= max_min_u8(ba + (r & 7), N - 8);
		check += (uint32_t)count_eq(ba, bb, N);
		if (y[r % N] > 1e6f)
			y[r % N] = 0;
	}
	double ysum = 0;
	for (int i = 0; i < N; i++)
		ysum += y[i];
	printf("simd %d: %u %.3f\n", rounds, check, ysum);
	return 0;
}
