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
static inline uintptr_t arch_frame_caller(uintptr_t fp)
{
	return ((const uintptr_t *)fp)[-2];
}

static inline uintptr_t arch_frame_return_address(uintptr_t fp)
{
	return ((const uintptr_t *)fp)[-1];
}

/* Whether the frame record below fp lies within the stack [lo, hi). */
static inline int arch_frame_within(uintptr_t fp, uintptr_t lo, uintptr_t hi)
{
	return (fp & 7) == 0 && fp <= hi && fp >= lo && fp - lo >= 16;
}

/*
 * RISC-V's base ISA may trap on (or emulate, slowly) a misaligned word:
 * string.c moves words only between 8-aligned addresses.
 */
#define ARCH_UNALIGNED_WORDS 0

/* Whether struct sigaction has sa_restorer (signal_action.c). */
#define ARCH_SA_RESTORER 0

#include "arch_common.h"

#endif
