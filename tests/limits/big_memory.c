/* 32 MiB of static data: the module's initial memory is above 32 MiB. */
#include <stdio.h>

static char big[32 << 20];

int main(int argc, char **argv)
{
	(void)argv;
	big[argc] = 1;
	puts("started");
	return big[0];
}
