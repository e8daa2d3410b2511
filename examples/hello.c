/* The smallest WASI program: wasmc's first example. */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("Hello from WebAssembly, compiled by wasmc!\n");
	for (int i = 1; i < argc; i++)
		printf("argument %d: %s\n", i, argv[i]);
	return 0;
}
