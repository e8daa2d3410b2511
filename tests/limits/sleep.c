/* Sleeps an hour in one WASI call (poll_oneoff): the time limit must end the wait, not only wasm code. */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	sleep(3600);
	printf("woke up\n");
	return 0;
}
