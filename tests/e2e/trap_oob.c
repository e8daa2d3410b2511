/* A store far outside linear memory: "out of bounds memory access". */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	volatile uintptr_t addr = 0xfffffff0u;
	printf("before\n");
	fflush(stdout);
	*(volatile int *)addr = 1;
	printf("not reached\n");
	return 0;
}
