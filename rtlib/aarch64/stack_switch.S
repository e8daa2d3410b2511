/*
 * void rt_stack_switch(void (*fn)(void *), void *arg, uintptr_t stack_top)
 *
 * Runs fn(arg) on another stack. The frame pointer is cleared on the new
 * stack so that frame walks (backtraces, debuggers) end at the switch
 * instead of wandering into the old stack.
 */
	.text
	.globl	rt_stack_switch
	.type	rt_stack_switch, %function
	.p2align 2
rt_stack_switch:
	.cfi_startproc
	stp	x29, x30, [sp, #-32]!
	.cfi_def_cfa_offset 32
	.cfi_offset x29, -32
	.cfi_offset x30, -24
	str	x19, [sp, #16]
	.cfi_offset x19, -16
	mov	x19, sp		/* the old stack, to come back to */
	.cfi_def_cfa x19, 32
	mov	x3, x0
	mov	x0, x1
	mov	sp, x2
	mov	x29, #0
	blr	x3
	mov	sp, x19
	.cfi_def_cfa sp, 32
	ldr	x19, [sp, #16]
	ldp	x29, x30, [sp], #32
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	rt_stack_switch, . - rt_stack_switch

	.section .note.GNU-stack, "", %progbits
