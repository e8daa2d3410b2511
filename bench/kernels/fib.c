/* Call-heavy recursion: naive Fibonacci and the Ackermann function (deep, non-tail calls). */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static unsigned fib(unsigned n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) static unsigned ack(unsigned m, unsigned n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ack(m - 1, 1);
	return ack(m - 1, ack(m, n - 1));
}

int main(int argc, char **argv)
{
	unsigned n = argc > 1 ? (unsigned)atoi(argv[1]) : 33;
	unsigned f = fib(n);
	unsigned a = 0;
	for (unsigned i = 0; i < n / 3; i++)
		a += ack(2, 2000 + i) + ack(3, n / 4);
	printf("fib %u: %u %u\n", n, f, a);
	return 0;
}
