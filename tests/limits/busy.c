/*
 * Busy without recursion and without end: a leaf function called in a loop
 * (the Collatz steps of every number, forever).
 */
#include <stdio.h>

__attribute__((noinline)) static unsigned steps(unsigned long long n)
{
	unsigned s = 0;
	while (n != 1) {
		n = n & 1 ? 3 * n + 1 : n / 2;
		s++;
	}
	return s;
}

int main(void)
{
	unsigned long long longest = 0;
	for (unsigned long long n = 1; n != 0; n++) {
		unsigned s = steps(n);
		if (s > longest)
			longest = s;
	}
	printf("%llu\n", longest);
	return 0;
}
