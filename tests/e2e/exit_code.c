/* The program's exit code is the process's; output written before exit is not lost. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	printf("argc %d", argc);
	for (int i = 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\n");
	fflush(stdout);
	exit(argc + 40);
}
