/* Allocates 1 MiB blocks until malloc fails: under --max-memory that is an allocation failure, not a crash. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *volatile last; /* keeps clang from dropping the allocations */

int main(void)
{
	size_t mib = 0;
	for (;;) {
		char *p = malloc(1 << 20);
		if (!p)
			break;
		memset(p, 1, 1 << 20);
		last = p;
		if (++mib == 1024)
			break;
	}
	printf(mib < 1024 ? "allocation failed\n" : "no limit\n");
	fprintf(stderr, "allocated %zu MiB\n", mib);
	return 0;
}
