/* Dense double-precision matrix multiply (i-k-j order), checksum of the result. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 900;
	double *a = malloc(sizeof(double) * n * n), *b = malloc(sizeof(double) * n * n);
	double *c = calloc((size_t)n * n, sizeof(double));
	if (!a || !b || !c)
		return 1;
	for (int i = 0; i < n * n; i++) {
		a[i] = (double)(i % 17) * 0.25;
		b[i] = (double)(i % 13) * 0.5;
	}
	for (int i = 0; i < n; i++)
		for (int k = 0; k < n; k++) {
			double aik = a[i * n + k];
			for (int j = 0; j < n; j++)
				c[i * n + j] += aik * b[k * n + j];
		}
	double sum = 0;
	for (int i = 0; i < n * n; i++)
		sum += c[i];
	printf("matmul %d: %.1f\n", n, sum);
	return 0;
}
