/* Integer division by zero: "integer divide by zero". */
#include <stdio.h>

int main(void)
{
	volatile int zero = 0;
	printf("%d\n", 10 / zero);
	return 0;
}
