/* Unbounded recursion: "call stack exhausted", never a crash of the host. */
#include <stdio.h>

static int recurse(int n);
/* Through a volatile pointer, so that no compiler turns the recursion into a loop. */
static int (*volatile self)(int) = recurse;

/* No address-taken locals: the frames are on the native stack, not C's shadow stack in linear memory. */
static int recurse(int n)
{
	return self(n + 1) + n;
}

int main(void)
{
	printf("%d\n", recurse(0));
	return 0;
}
