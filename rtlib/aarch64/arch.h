/*
 * AArch64's part of the runtime's architecture interface (arch_common.h):
 * the jump buffer and walking frame pointers.
 */
#ifndef WASMC_RT_ARCH_H
#define WASMC_RT_ARCH_H

#include <stdint.h>

/* x19-x28, x29 (fp), x30 (lr), sp, d8-d15 (jump.S's order). */
struct rt_jmp {
	uintptr_t regs[21];
};

/* Frame records (AAPCS64): x29 points at {the caller's x29, the return address}. */
#define ARCH_FRAME_RECORD 0

/* AArch64 loads and stores words at any address (Linux enables it for user code). */
#define ARCH_UNALIGNED_WORDS 1

/* Whether struct sigaction has sa_restorer (signal_action.c). */
#define ARCH_SA_RESTORER 1

/* The vDSO's clock_gettime (see vdso.c); qemu-user may map no vDSO, then the system call serves. */
#define ARCH_VDSO_CLOCK_GETTIME "__kernel_clock_gettime"

#include "arch_common.h"

#endif
