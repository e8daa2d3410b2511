/*
 * x86-64's part of the runtime's architecture interface (arch_common.h):
 * the jump buffer and walking frame pointers.
 */
#ifndef WASMC_RT_ARCH_H
#define WASMC_RT_ARCH_H

#include <stdint.h>

/* rbx rbp r12 r13 r14 r15, the stack pointer after return, the return address. */
struct rt_jmp {
	uintptr_t regs[8];
};

/* Frames: [fp] holds the caller's frame pointer, [fp + 8] the return address. */
#define ARCH_FRAME_RECORD 0

/* x86-64 loads and stores words at any address. */
#define ARCH_UNALIGNED_WORDS 1

/* Whether struct sigaction has sa_restorer (signal_action.c). */
#define ARCH_SA_RESTORER 1

/* The vDSO's clock_gettime (see vdso.c); qemu-user may map no vDSO, then the system call serves. */
#define ARCH_VDSO_CLOCK_GETTIME "__vdso_clock_gettime"

#include "arch_common.h"

#endif
