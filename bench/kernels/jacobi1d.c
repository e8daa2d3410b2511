/* A 1-D three-point Jacobi stencil over 1 Mi doubles, swapping two buffers each sweep. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int steps = argc > 1 ? atoi(argv[1]) : 2000;
	enum { N = 1 << 20 };
	double *a = malloc(sizeof(double) * N), *b = malloc(sizeof(double) * N);
	if (!a || !b)
		return 1;
	for (int i = 0; i < N; i++)
		a[i] = b[i] = (double)((i * 37) % 101) / 7.0;
	for (int s = 0; s < steps; s++) {
		for (int i = 1; i < N - 1; i++)
			b[i] = (a[i - 1] + a[i] + a[i + 1]) * (1.0 / 3.0);
		double *t = a;
		a = b;
		b = t;
	}
	double sum = 0;
	for (int i = 0; i < N; i += 5)
		sum += a[i];
	printf("jacobi1d %d: %.6f\n", steps, sum);
	return 0;
}
