/*
 * What the portable runtime needs from x86-64: the jump buffer, switching
 * stacks, walking frame pointers and reading a signal's context. Every
 * architecture folder has an arch.h with these same declarations.
 */
#ifndef WASMC_RT_ARCH_H
#define WASMC_RT_ARCH_H

#include <stdint.h>

/* rbx rbp r12 r13 r14 r15, the stack pointer after return, the return address. */
struct rt_jmp {
	uintptr_t regs[8];
};

/* jump.S: setjmp/longjmp over the callee-saved registers only (no signal mask). */
__attribute__((returns_twice)) int rt_jmp_save(struct rt_jmp *jmp);
_Noreturn void rt_jmp_restore(const struct rt_jmp *jmp, int value);

/*
 * stack_switch.S: calls fn(arg) with the stack pointer at stack_top (16-byte
 * aligned) and a null frame pointer, so that backtraces end at the switch.
 */
void rt_stack_switch(void (*fn)(void *), void *arg, uintptr_t stack_top);

/* Frames: [fp] holds the caller's frame pointer, [fp + 8] the return address. */
static inline uintptr_t arch_frame_caller(uintptr_t fp)
{
	return ((const uintptr_t *)fp)[0];
}

static inline uintptr_t arch_frame_return_address(uintptr_t fp)
{
	return ((const uintptr_t *)fp)[1];
}

/* Whether the frame record at fp lies within the stack [lo, hi). */
static inline int arch_frame_within(uintptr_t fp, uintptr_t lo, uintptr_t hi)
{
	return (fp & 7) == 0 && fp >= lo && fp < hi && hi - fp >= 16;
}

/* signal_context.c */
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

#endif
