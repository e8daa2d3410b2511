/* __builtin_trap compiles to `unreachable`. */
int main(void)
{
	__builtin_trap();
}
