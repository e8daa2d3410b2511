/*
 * A rank-2 update of a dense matrix, A += u1 v1' + u2 v2', then y = A x:
 * row-wise elementwise work that native compilers vectorize.
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 150;
	enum { N = 2000 };
	double *a = malloc(sizeof(double) * N * N);
	double *u1 = malloc(sizeof(double) * N), *v1 = malloc(sizeof(double) * N);
	double *u2 = malloc(sizeof(double) * N), *v2 = malloc(sizeof(double) * N);
	double *x = malloc(sizeof(double) * N), *y = malloc(sizeof(double) * N);
	if (!a || !u1 || !v1 || !u2 || !v2 || !x || !y)
		return 1;
	for (int i = 0; i < N; i++) {
		u1[i] = (double)(i % 17) / 1024.0;
		v1[i] = (double)(i % 13) / 2048.0;
		u2[i] = (double)(i % 11) / 4096.0;
		v2[i] = (double)(i % 7) / 512.0;
		x[i] = (double)(i % 5) - 2.0;
		for (int j = 0; j < N; j++)
			a[i * N + j] = (double)((i + j) % 19) / 19.0;
	}
	double check = 0;
	for (int r = 0; r < reps; r++) {
		for (int i = 0; i < N; i++) {
			double *row = a + (size_t)i * N;
			for (int j = 0; j < N; j++)
				row[j] = row[j] + u1[i] * v1[j] + u2[i] * v2[j];
		}
		for (int i = 0; i < N; i++) {
			const double *row = a + (size_t)i * N;
			double s = 0;
			for (int j = 0; j < N; j++)
				s += row[j] * x[j];
			y[i] = s;
		}
		check += y[r % N];
		for (int j = 0; j < N; j++)
			v1[j] = -v1[j]; /* keep A bounded */
	}
	printf("gemver %d: %.6f\n", reps, check);
	return 0;
}
