/*
 * Floyd-Warshall all-pairs shortest paths on a 1000-node graph of int32
 * distances: the dynamic-programming relaxation d[i][j] = min(d[i][j],
 * d[i][k] + d[k][j]), whose inner loop native code vectorizes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000;
	if (n < 2)
		n = 2;
	int32_t *d = malloc(sizeof(int32_t) * (size_t)n * n);
	if (!d)
		return 1;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			d[(size_t)i * n + j] = i == j ? 0 : (int32_t)(((unsigned)(i * 131 + j * 71) % 1000) + 1) * ((i + j) % 5 ? 50 : 1);
	for (int k = 0; k < n; k++) {
		const int32_t *dk = d + (size_t)k * n;
		for (int i = 0; i < n; i++) {
			int32_t *di = d + (size_t)i * n;
			int32_t dik = di[k];
			for (int j = 0; j < n; j++) {
				int32_t through = dik + dk[j];
				di[j] = through < di[j] ? through : di[j];
			}
		}
	}
	int64_t total = 0;
	for (size_t i = 0; i < (size_t)n * n; i += 7)
		total += d[i];
	printf("floyd %d: %lld\n", n, (long long)total);
	return 0;
}
