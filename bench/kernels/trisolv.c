/*
 * Triangular solves: x = L⁻¹ b by forward substitution, column by column,
 * with L stored transposed (row j of U holds column j of L), so that each
 * step is an axpy over a contiguous row: the loop native code vectorizes.
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int reps = argc > 1 ? atoi(argv[1]) : 500;
	enum { N = 2000 };
	double *u = malloc(sizeof(double) * N * N), *b = malloc(sizeof(double) * N), *x = malloc(sizeof(double) * N);
	if (!u || !b || !x)
		return 1;
	for (int j = 0; j < N; j++) {
		for (int i = 0; i < N; i++)
			u[(size_t)j * N + i] = i < j ? 0.0 : i == j ? 2.0 + (j % 7) : 1.0 / (1 + (i + 3 * j) % 97);
		b[j] = 1.0 + (j % 13);
	}
	double total = 0;
	for (int r = 0; r < reps; r++) {
		for (int i = 0; i < N; i++)
			x[i] = b[i] + r;
		for (int j = 0; j < N; j++) {
			const double *row = u + (size_t)j * N;
			double xj = x[j] / row[j];
			x[j] = xj;
			for (int i = j + 1; i < N; i++)
				x[i] -= row[i] * xj;
		}
		for (int i = 0; i < N; i += 97)
			total += x[i];
	}
	printf("trisolv %d: %.6e\n", reps, total);
	return 0;
}
