/*
 * The process entry. The kernel leaves argc, argv[], NULL, envp[], NULL, auxv
 * at the stack pointer; rt_main (main.c) reads them from there.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	.cfi_startproc
	.cfi_undefined rip
	xor	%ebp, %ebp
	mov	%rsp, %rdi
	and	$-16, %rsp
	call	rt_main
	hlt
	.cfi_endproc
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
