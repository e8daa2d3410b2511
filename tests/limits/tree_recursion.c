/*
 * Naive Fibonacci of 90: about 2^62 calls, never deeper than 90, so the
 * stack limit never stops it; only checks at the entries of recursive
 * functions do (wasmc --timeout, --fuel).
 */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) static unsigned long long fib(unsigned n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(int argc, char **argv)
{
	printf("%llu\n", fib(argc > 1 ? (unsigned)atoi(argv[1]) : 90));
	return 0;
}
