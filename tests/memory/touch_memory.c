/*
 * Grows linear memory by 16 MiB, writes every byte of it, prints the sum of
 * a checksum, then waits for a line on stdin before exiting, so that
 * test_huge_pages.py can read the process's mappings meanwhile.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { SIZE = 16 << 20 };

int main(void)
{
	unsigned char *p = malloc(SIZE);
	if (!p)
		return 1;
	memset(p, 1, SIZE);
	unsigned long sum = 0;
	for (size_t i = 0; i < SIZE; i += 4096)
		sum += p[i];
	printf("touched %lu pages\n", sum);
	fflush(stdout);
	char line[8];
	fgets(line, sizeof(line), stdin);
	return 0;
}
