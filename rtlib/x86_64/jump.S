/*
 * A minimal setjmp/longjmp: the callee-saved registers of the SysV ABI, the
 * stack pointer and the return address (struct rt_jmp in arch.h). The signal
 * mask is not saved: signal.c unblocks the fault signal before it unwinds.
 */
	.text
	.globl	rt_jmp_save
	.type	rt_jmp_save, @function
rt_jmp_save:
	.cfi_startproc
	mov	%rbx, 0(%rdi)
	mov	%rbp, 8(%rdi)
	mov	%r12, 16(%rdi)
	mov	%r13, 24(%rdi)
	mov	%r14, 32(%rdi)
	mov	%r15, 40(%rdi)
	lea	8(%rsp), %rdx
	mov	%rdx, 48(%rdi)
	mov	(%rsp), %rdx
	mov	%rdx, 56(%rdi)
	xor	%eax, %eax
	ret
	.cfi_endproc
	.size	rt_jmp_save, . - rt_jmp_save

	.globl	rt_jmp_restore
	.type	rt_jmp_restore, @function
rt_jmp_restore:
	.cfi_startproc
	mov	%esi, %eax
	mov	0(%rdi), %rbx
	mov	8(%rdi), %rbp
	mov	16(%rdi), %r12
	mov	24(%rdi), %r13
	mov	32(%rdi), %r14
	mov	40(%rdi), %r15
	mov	48(%rdi), %rsp
	jmp	*56(%rdi)
	.cfi_endproc
	.size	rt_jmp_restore, . - rt_jmp_restore

	.section .note.GNU-stack, "", @progbits
