/* A 2-D five-point Jacobi stencil on a square grid, swapping two buffers each sweep. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	int steps = argc > 1 ? atoi(argv[1]) : 350;
	enum { N = 1024 };
	double *g = malloc(sizeof(double) * N * N), *h = malloc(sizeof(double) * N * N);
	if (!g || !h)
		return 1;
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			g[i * N + j] = h[i * N + j] = (i == 0 || j == 0) ? 100.0 : (double)((i * 7 + j * 13) % 31);
	for (int s = 0; s < steps; s++) {
		for (int i = 1; i < N - 1; i++)
			for (int j = 1; j < N - 1; j++)
				h[i * N + j] = 0.2 * (g[i * N + j] + g[(i - 1) * N + j] + g[(i + 1) * N + j] +
						      g[i * N + j - 1] + g[i * N + j + 1]);
		double *t = g;
		g = h;
		h = t;
	}
	double sum = 0;
	for (int i = 0; i < N * N; i += 7)
		sum += g[i];
	printf("stencil %d: %.6f\n", steps, sum);
	return 0;
}
