/*
 * What the portable runtime needs from every architecture, declared once.
 * Each <arch>/arch.h defines struct rt_jmp and the frame-walking inlines
 * (arch_frame_caller, arch_frame_return_address, arch_frame_within), then
 * includes this file; <arch>/jump.S, stack_switch.S and signal_context.c
 * implement it.
 */
#ifndef WASMC_RT_ARCH_COMMON_H
#define WASMC_RT_ARCH_COMMON_H

#include <stdint.h>

struct rt_jmp;

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
