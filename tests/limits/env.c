/* Prints the environment variables the program sees whose names start with WASMC, then "done". */
#include <stdio.h>
#include <string.h>

extern char **environ;

int main(void)
{
	for (char **e = environ; *e; e++)
		if (!strncmp(*e, "WASMC", 5))
			printf("%s\n", *e);
	puts("done");
	return 0;
}
