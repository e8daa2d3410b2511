/* The smallest command: one line to stdout, exit 0. */
#include <stdio.h>

int main(void)
{
	puts("hello from a component");
	return 0;
}
