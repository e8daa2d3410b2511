/*
 * void rt_stack_switch(void (*fn)(void *), void *arg, uintptr_t stack_top)
 *
 * Runs fn(arg) on another stack. The frame pointer is cleared on the new
 * stack so that frame walks (backtraces, debuggers) end at the switch
 * instead of wandering into the old stack.
 */
	.text
	.globl	rt_stack_switch
	.type	rt_stack_switch, @function
rt_stack_switch:
	.cfi_startproc
	push	%rbp
	.cfi_def_cfa_offset 16
	.cfi_offset rbp, -16
	mov	%rsp, %rbp
	.cfi_def_cfa_register rbp
	mov	%rdi, %rax
	mov	%rsi, %rdi
	mov	%rdx, %rsp
	push	%rbp		/* the old stack's frame, to come back to */
	sub	$8, %rsp	/* keep the call 16-byte aligned */
	xor	%ebp, %ebp
	call	*%rax
	add	$8, %rsp
	pop	%rbp
	mov	%rbp, %rsp
	pop	%rbp
	.cfi_def_cfa rsp, 8
	ret
	.cfi_endproc
	.size	rt_stack_switch, . - rt_stack_switch

	.section .note.GNU-stack, "", @progbits
