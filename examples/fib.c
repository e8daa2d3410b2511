/* Recursion, a loop and 64-bit arithmetic: Fibonacci numbers two ways. */
#include <stdio.h>
#include <stdlib.h>

static unsigned long long fib_recursive(unsigned n)
{
	return n < 2 ? n : fib_recursive(n - 1) + fib_recursive(n - 2);
}

static unsigned long long fib_iterative(unsigned n)
{
	unsigned long long a = 0, b = 1;
	while (n--) {
		unsigned long long t = a + b;
		a = b;
		b = t;
	}
	return a;
}

int main(int argc, char **argv)
{
	unsigned n = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 10) : 30;
	printf("fib(%u) = %llu (recursive), %llu (iterative)\n", n, fib_recursive(n), fib_iterative(n));
	return 0;
}
