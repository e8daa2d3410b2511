/* The start-up benchmark: the smallest program that goes through libc's start-up, stdio and exit. */
#include <stdio.h>

int main(void)
{
	puts("hello");
	return 0;
}
