/* The heap, strings, sorting through a function pointer (call_indirect) and memory.grow. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_value(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

int main(void)
{
	enum { N = 100000 };
	int *v = malloc(N * sizeof(int));
	if (!v)
		return 1;
	unsigned seed = 12345;
	for (int i = 0; i < N; i++) {
		seed = seed * 1103515245u + 12345u;
		v[i] = (int)(seed >> 8) % 100000;
	}
	qsort(v, N, sizeof(int), by_value);
	long long sum = 0;
	for (int i = 0; i < N; i++)
		sum += (long long)v[i] * (i % 7);
	printf("sorted %d %d %d sum %lld\n", v[0], v[N / 2], v[N - 1], sum);
	/* 64 MiB more: memory.grow several times over. */
	char *big = malloc(64 << 20);
	if (!big)
		return 2;
	memset(big, 'x', 64 << 20);
	big[(64 << 20) - 1] = 0;
	printf("big %zu\n", strlen(big));
	char buf[64];
	snprintf(buf, sizeof(buf), "%s-%d", "wasmc", 42);
	printf("%s %d\n", buf, strcmp(buf, "wasmc-42"));
	free(big);
	free(v);
	return 0;
}
