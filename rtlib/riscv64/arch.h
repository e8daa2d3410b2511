/*
 * RISC-V 64's part of the runtime's architecture interface (arch_common.h):
 * the jump buffer and walking frame pointers.
 */
#ifndef WASMC_RT_ARCH_H
#define WASMC_RT_ARCH_H

#include <stdint.h>

/* ra, sp, s0-s11, fs0-fs11 (jump.S's order). */
struct rt_jmp {
	uintptr_t regs[26];
};

/*
 * With frame pointers, s0 holds the frame's canonical frame address: the
 * caller's stack pointer. The record lies just below it: [fp - 16] the
 * caller's s0, [fp - 8] the return address.
 */
#define ARCH_FRAME_RECORD (-16)

/*
 * RISC-V's base ISA may trap on (or emulate, slowly) a misaligned word:
 * string.c moves words only between 8-aligned addresses.
 */
#define ARCH_UNALIGNED_WORDS 0

/* Whether struct sigaction has sa_restorer (signal_action.c). */
#define ARCH_SA_RESTORER 0

/* The vDSO's clock_gettime (see vdso.c); qemu-user may map no vDSO, then the system call serves. */
#define ARCH_VDSO_CLOCK_GETTIME "__kernel_clock_gettime"

#include "arch_common.h"

#endif
