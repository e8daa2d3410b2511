/*
 * A minimal setjmp/longjmp: the callee-saved registers of AAPCS64 (x19-x28,
 * the frame pointer x29, the low halves d8-d15 of v8-v15), the return
 * address x30 and the stack pointer (struct rt_jmp in arch.h). The signal
 * mask is not saved: signal.c unblocks the fault signal before it unwinds.
 */
	.text
	.globl	rt_jmp_save
	.type	rt_jmp_save, %function
	.p2align 2
rt_jmp_save:
	.cfi_startproc
	stp	x19, x20, [x0, #0]
	stp	x21, x22, [x0, #16]
	stp	x23, x24, [x0, #32]
	stp	x25, x26, [x0, #48]
	stp	x27, x28, [x0, #64]
	stp	x29, x30, [x0, #80]
	mov	x1, sp
	str	x1, [x0, #96]
	stp	d8, d9, [x0, #104]
	stp	d10, d11, [x0, #120]
	stp	d12, d13, [x0, #136]
	stp	d14, d15, [x0, #152]
	mov	w0, #0
	ret
	.cfi_endproc
	.size	rt_jmp_save, . - rt_jmp_save

	.globl	rt_jmp_restore
	.type	rt_jmp_restore, %function
	.p2align 2
rt_jmp_restore:
	.cfi_startproc
	ldp	x19, x20, [x0, #0]
	ldp	x21, x22, [x0, #16]
	ldp	x23, x24, [x0, #32]
	ldp	x25, x26, [x0, #48]
	ldp	x27, x28, [x0, #64]
	ldp	x29, x30, [x0, #80]
	ldr	x2, [x0, #96]
	mov	sp, x2
	ldp	d8, d9, [x0, #104]
	ldp	d10, d11, [x0, #120]
	ldp	d12, d13, [x0, #136]
	ldp	d14, d15, [x0, #152]
	mov	w0, w1
	ret
	.cfi_endproc
	.size	rt_jmp_restore, . - rt_jmp_restore

	.section .note.GNU-stack, "", %progbits
