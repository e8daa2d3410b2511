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
	addi	sp, sp, -32
	.cfi_def_cfa_offset 32
	sd	ra, 24(sp)
	sd	s0, 16(sp)
	sd	s1, 8(sp)
	.cfi_offset ra, -8
	.cfi_offset s0, -16
	.cfi_offset s1, -24
	mv	s1, sp		/* the old stack, to come back to */
	.cfi_def_cfa s1, 32
	mv	t0, a0
	mv	a0, a1
	mv	sp, a2
	li	s0, 0
	jalr	t0
	mv	sp, s1
	.cfi_def_cfa sp, 32
	ld	s1, 8(sp)
	ld	s0, 16(sp)
	ld	ra, 24(sp)
	addi	sp, sp, 32
	.cfi_def_cfa_offset 0
	ret
	.cfi_endproc
	.size	rt_stack_switch, . - rt_stack_switch

	.section .note.GNU-stack, "", %progbits
