/*
 * Prints the step number of every thousandth Collatz step, forever, each
 * line flushed (a trap loses nothing buffered): how many lines come out
 * before "all fuel consumed" depends on the fuel alone (wasmc --fuel).
 */
#include <stdio.h>

__attribute__((noinline)) static unsigned long long next(unsigned long long n)
{
	return n & 1 ? 3 * n + 1 : n / 2;
}

int main(void)
{
	unsigned long long n = 27;
	for (unsigned long step = 1;; step++) {
		n = n == 1 ? step : next(n);
		if (step % 1000 == 0) {
			printf("%lu %llu\n", step, n);
			fflush(stdout);
		}
	}
}
