/*
 * The process entry. The kernel leaves argc, argv[], NULL, envp[], NULL, auxv
 * at the (16-byte aligned) stack pointer; rt_main (entry.c) reads them from
 * there. The null frame pointer and link register end frame walks here.
 */
	.text
	.globl	_start
	.type	_start, %function
	.p2align 2
_start:
	.cfi_startproc
	.cfi_undefined x30
	mov	x29, #0
	mov	x30, #0
	mov	x0, sp
	and	sp, x0, #-16
	bl	rt_main
	brk	#0
	.cfi_endproc
	.size	_start, . - _start

	.section .note.GNU-stack, "", %progbits
