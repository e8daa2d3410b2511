/*
 * A quicksort through a comparison callback (indirect calls) and a heap sort,
 * both ours: libc's qsort differs between glibc (native) and wasi-libc, which
 * would measure the libraries instead of the compilers.
 */
#include <stdio.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
	return (x > y) - (x < y);
}

typedef int (*compare_fn)(const void *, const void *);

static void quicksort_u(unsigned *v, int lo, int hi, compare_fn less)
{
	while (hi - lo > 16) {
		unsigned pivot = v[lo + (hi - lo) / 2];
		int i = lo, j = hi - 1;
		while (i <= j) {
			while (less(&v[i], &pivot) < 0)
				i++;
			while (less(&pivot, &v[j]) < 0)
				j--;
			if (i <= j) {
				unsigned t = v[i];
				v[i++] = v[j];
				v[j--] = t;
			}
		}
		if (j - lo < hi - i) {
			quicksort_u(v, lo, j + 1, less);
			lo = i;
		} else {
			quicksort_u(v, i, hi, less);
			hi = j + 1;
		}
	}
	for (int i = lo + 1; i < hi; i++)
		for (int j = i; j > lo && less(&v[j], &v[j - 1]) < 0; j--) {
			unsigned t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static compare_fn volatile comparator = cmp;

static void heapsort_u(unsigned *v, int n)
{
	for (int start = n / 2 - 1, end = n;; ) {
		int root;
		if (start >= 0) {
			root = start--;
		} else {
			if (--end == 0)
				break;
			unsigned t = v[0];
			v[0] = v[end];
			v[end] = t;
			root = 0;
		}
		for (int child; (child = 2 * root + 1) < end; root = child) {
			if (child + 1 < end && v[child] < v[child + 1])
				child++;
			if (v[root] >= v[child])
				break;
			unsigned t = v[root];
			v[root] = v[child];
			v[child] = t;
		}
	}
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1000000;
	unsigned *a = malloc(sizeof(unsigned) * n), *b = malloc(sizeof(unsigned) * n);
	if (!a || !b)
		return 1;
	unsigned s = 1;
	for (int i = 0; i < n; i++) {
		s = s * 1664525u + 1013904223u;
		a[i] = b[i] = s;
	}
	quicksort_u(a, 0, n, comparator);
	heapsort_u(b, n);
	unsigned long long check = 0;
	for (int i = 0; i < n; i++)
		check = check * 31 + (a[i] ^ b[i]) + a[i] % 1000;
	printf("sort %d: %llu\n", n, check);
	return 0;
}
