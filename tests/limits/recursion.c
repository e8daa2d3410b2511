/*
 * Recursion 20000 deep: some hundreds of KiB of the native wasm stack, which
 * the default holds and --max-wasm-stack 64KiB does not. No local has its
 * address taken (that would put it on the C stack in linear memory), and the
 * volatile store after the call keeps the recursion from becoming a loop.
 */
#include <stdio.h>

static volatile unsigned sink;

__attribute__((noinline)) static unsigned depth(unsigned n)
{
	if (n == 0)
		return 0;
	unsigned r = depth(n - 1);
	sink += r;
	return r + n;
}

int main(void)
{
	printf("%u\n", depth(20000));
	return 0;
}
