/*
 * What the portable runtime needs from every architecture, declared once.
 * Each <arch>/arch.h defines struct rt_jmp, ARCH_FRAME_RECORD (where a
 * frame's record {caller's frame pointer, return address} lies relative to
 * its frame pointer), ARCH_UNALIGNED_WORDS and ARCH_SA_RESTORER, then
 * includes this file; <arch>/jump.S, stack_switch.S and signal_context.c
 * implement it.
 */
#ifndef WASMC_RT_ARCH_COMMON_H
#define WASMC_RT_ARCH_COMMON_H

#include <stdint.h>

struct rt_jmp;

/* Frame records: [fp + ARCH_FRAME_RECORD] holds the caller's frame pointer, the next word the return address. */
static inline uintptr_t arch_frame_caller(uintptr_t fp)
{
	return ((const uintptr_t *)(fp + ARCH_FRAME_RECORD))[0];
}

static inline uintptr_t arch_frame_return_address(uintptr_t fp)
{
	return ((const uintptr_t *)(fp + ARCH_FRAME_RECORD))[1];
}

/* Whether the frame record of fp lies within the stack [lo, hi). */
static inline int arch_frame_within(uintptr_t fp, uintptr_t lo, uintptr_t hi)
{
	uintptr_t record = fp + ARCH_FRAME_RECORD;
	return (fp & 7) == 0 && record >= lo && record <= hi && hi - record >= 16;
}

/* jump.S: setjmp/longjmp over the callee-saved registers only (no signal mask). */
__attribute__((returns_twice)) int rt_jmp_save(struct rt_jmp *jmp);
_Noreturn void rt_jmp_restore(const struct rt_jmp *jmp, int value);

/*
 * stack_switch.S: calls fn(arg) with the stack pointer at stack_top (16-byte
 * aligned) and a null frame pointer, so that backtraces end at the switch.
 */
void rt_stack_switch(void (*fn)(void *), void *arg, uintptr_t stack_top);

/* signal_action.c (portable) and <arch>/signal_context.c */
struct arch_fault {
	uintptr_t addr; /* the faulting data address (si_addr) */
	uintptr_t pc, sp, fp;
	int code;       /* si_code: > 0 when the kernel raised it for a fault */
};

typedef void (*arch_signal_handler)(int sig, void *siginfo, void *ucontext);

/* Installs handler with SA_SIGINFO | SA_ONSTACK; returns -errno on failure. */
int arch_signal_install(int sig, arch_signal_handler handler);
/* The same with SA_RESTART, for a signal that only notes something (the time limit's). */
int arch_signal_install_restart(int sig, arch_signal_handler handler);
/* Restores the default action. */
int arch_signal_reset(int sig);
void arch_fault_read(const void *siginfo, const void *ucontext, struct arch_fault *fault);

/* <arch>/signal_context.c: the pc, sp and frame pointer of a signal's ucontext. */
void arch_fault_registers(const void *ucontext, struct arch_fault *fault);
/*
 * Where the architecture's struct sigaction has a restorer (ARCH_SA_RESTORER
 * is 1 in its arch.h), the stub that calls rt_sigreturn: without libc nobody
 * else provides one.
 */
void arch_sigreturn(void);

#endif
