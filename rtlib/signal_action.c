/*
 * Installing signal handlers and reading a fault, without libc: the
 * kernel's struct sigaction and siginfo, which x86-64, AArch64 and RISC-V 64
 * share but for the restorer (ARCH_SA_RESTORER). The ucontext layouts
 * differ; <arch>/signal_context.c reads the registers from them.
 */
#include <stdint.h>

#include "arch.h"
#include "syscall.h"

#define SA_SIGINFO 0x00000004ul
#define SA_RESTORER 0x04000000ul
#define SA_ONSTACK 0x08000000ul
#define SA_RESTART 0x10000000ul
#define SIG_DFL ((void *)0)

struct kernel_sigaction {
	void *handler;
	unsigned long flags;
#if ARCH_SA_RESTORER
	void (*restorer)(void);
#endif
	uint64_t mask;
};

/* The fields before si_addr are the same on every 64-bit Linux. */
struct kernel_siginfo {
	int32_t signo, errno_value, code, pad;
	uintptr_t addr;
};

static int set_action(int sig, void *handler, unsigned long flags)
{
	struct kernel_sigaction action = {
		.handler = handler,
#if ARCH_SA_RESTORER
		.flags = flags | SA_RESTORER,
		.restorer = arch_sigreturn,
#else
		.flags = flags,
#endif
		.mask = 0,
	};
	return (int)rt_syscall4(SYS_rt_sigaction, sig, (long)&action, 0, sizeof action.mask);
}

int arch_signal_install(int sig, arch_signal_handler handler)
{
	return set_action(sig, (void *)handler, SA_SIGINFO | SA_ONSTACK);
}

int arch_signal_install_restart(int sig, arch_signal_handler handler)
{
	return set_action(sig, (void *)handler, SA_SIGINFO | SA_ONSTACK | SA_RESTART);
}

int arch_signal_reset(int sig)
{
	return set_action(sig, SIG_DFL, 0);
}

void arch_fault_read(const void *siginfo, const void *ucontext, struct arch_fault *fault)
{
	const struct kernel_siginfo *info = siginfo;
	fault->addr = info->addr;
	fault->code = info->code;
	arch_fault_registers(ucontext, fault);
}
