/*
 * The process entry after <arch>/start.S: the kernel's initial stack holds
 * argc, argv[], NULL, envp[], NULL. Calls the program's rt_program_main
 * and exits with what it returns. wasi/entry/core_main.c provides the
 * rt_program_main of WASI commands; a program that defines its own (the
 * spec harness) keeps that one out of the link.
 */
#include "internal.h"

_Noreturn void rt_main(uintptr_t *initial_sp);

_Noreturn void rt_main(uintptr_t *initial_sp)
{
	int argc = (int)initial_sp[0];
	char **argv = (char **)(initial_sp + 1);
	char **envp = argv + argc + 1;
	rt_stack_set_main_top((uintptr_t)initial_sp);
	rt_vdso_set_auxv(envp);
	os_exit(rt_program_main(argc, argv, envp));
}
