/* Integer reductions over 4 Mi int32s: a dot product, a sum of squares and a masked count. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 400;
	enum { N = 1 << 22 };
	int32_t *a = malloc(sizeof(int32_t) * N), *b = malloc(sizeof(int32_t) * N);
	if (!a || !b)
		return 1;
	for (int i = 0; i < N; i++) {
		a[i] = (i * 7) % 1000 - 500;
		b[i] = (i * 13) % 777 - 388;
	}
	int64_t total = 0;
	for (int r = 0; r < reps; r++) {
		int32_t dot = 0, squares = 0, positive = 0;
		for (int i = 0; i < N; i++) {
			dot += a[i] * b[i];
			squares += a[i] * a[i];
			positive += a[i] > b[i];
		}
		total += (int64_t)dot + squares + positive + r;
		a[r % N] += 1;
	}
	printf("dot %d: %lld\n", reps, (long long)total);
	return 0;
}
