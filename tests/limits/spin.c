/* An infinite loop with no call in it. */
int main(void)
{
	volatile unsigned counter = 0;
	for (;;)
		counter++;
}
