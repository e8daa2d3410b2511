/*
 * The process entry. The kernel leaves argc, argv[], NULL, envp[], NULL, auxv
 * at the stack pointer; rt_main (entry.c) reads them from there. gp is set
 * as the psABI asks (a linker relaxing against it may rely on it); the null
 * frame pointer and return address end frame walks here.
 */
	.text
	.globl	_start
	.type	_start, %function
	.p2align 2
_start:
	.cfi_startproc
	.cfi_undefined ra
	.option	push
	.option	norelax
	lla	gp, __global_pointer$
	.option	pop
	li	s0, 0
	li	ra, 0
	mv	a0, sp
	andi	sp, sp, -16
	call	rt_main
	unimp
	.cfi_endproc
	.size	_start, . - _start

	.section .note.GNU-stack, "", %progbits
