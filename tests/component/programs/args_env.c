/* Arguments, an environment variable, stderr and a non-zero exit code. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	printf("argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = %s\n", i, argv[i]);
	const char *v = getenv("WASMC_TEST_VAR");
	printf("WASMC_TEST_VAR = %s\n", v ? v : "(unset)");
	fputs("to stderr\n", stderr);
	return argc > 2 ? 3 : 0;
}
