/* Calling a function through a pointer of the wrong type: "indirect call type mismatch". */
#include <stdio.h>

static int takes_int(int x)
{
	return x + 1;
}

int main(void)
{
	void *volatile p = (void *)takes_int;
	double (*wrong)(double) = (double (*)(double))p;
	printf("%f\n", wrong(1.0));
	return 0;
}
