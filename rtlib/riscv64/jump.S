/*
 * A minimal setjmp/longjmp: the callee-saved registers of the RISC-V psABI
 * (s0-s11, fs0-fs11 with the D extension), the return address and the stack
 * pointer (struct rt_jmp in arch.h). The signal mask is not saved: signal.c
 * unblocks the fault signal before it unwinds.
 */
	.text
	.globl	rt_jmp_save
	.type	rt_jmp_save, %function
	.p2align 2
rt_jmp_save:
	.cfi_startproc
	sd	ra, 0(a0)
	sd	sp, 8(a0)
	sd	s0, 16(a0)
	sd	s1, 24(a0)
	sd	s2, 32(a0)
	sd	s3, 40(a0)
	sd	s4, 48(a0)
	sd	s5, 56(a0)
	sd	s6, 64(a0)
	sd	s7, 72(a0)
	sd	s8, 80(a0)
	sd	s9, 88(a0)
	sd	s10, 96(a0)
	sd	s11, 104(a0)
	fsd	fs0, 112(a0)
	fsd	fs1, 120(a0)
	fsd	fs2, 128(a0)
	fsd	fs3, 136(a0)
	fsd	fs4, 144(a0)
	fsd	fs5, 152(a0)
	fsd	fs6, 160(a0)
	fsd	fs7, 168(a0)
	fsd	fs8, 176(a0)
	fsd	fs9, 184(a0)
	fsd	fs10, 192(a0)
	fsd	fs11, 200(a0)
	li	a0, 0
	ret
	.cfi_endproc
	.size	rt_jmp_save, . - rt_jmp_save

	.globl	rt_jmp_restore
	.type	rt_jmp_restore, %function
	.p2align 2
rt_jmp_restore:
	.cfi_startproc
	ld	ra, 0(a0)
	ld	sp, 8(a0)
	ld	s0, 16(a0)
	ld	s1, 24(a0)
	ld	s2, 32(a0)
	ld	s3, 40(a0)
	ld	s4, 48(a0)
	ld	s5, 56(a0)
	ld	s6, 64(a0)
	ld	s7, 72(a0)
	ld	s8, 80(a0)
	ld	s9, 88(a0)
	ld	s10, 96(a0)
	ld	s11, 104(a0)
	fld	fs0, 112(a0)
	fld	fs1, 120(a0)
	fld	fs2, 128(a0)
	fld	fs3, 136(a0)
	fld	fs4, 144(a0)
	fld	fs5, 152(a0)
	fld	fs6, 160(a0)
	fld	fs7, 168(a0)
	fld	fs8, 176(a0)
	fld	fs9, 184(a0)
	fld	fs10, 192(a0)
	fld	fs11, 200(a0)
	mv	a0, a1
	ret
	.cfi_endproc
	.size	rt_jmp_restore, . - rt_jmp_restore

	.section .note.GNU-stack, "", %progbits
