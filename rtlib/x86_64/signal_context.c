/*
 * x86-64 signal frames: the kernel's struct sigaction (which needs
 * SA_RESTORER and a stub calling rt_sigreturn: without libc nobody else
 * provides one) and the siginfo / ucontext layouts.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "syscall.h"

#define SA_SIGINFO 0x00000004ul
#define SA_RESTORER 0x04000000ul
#define SA_ONSTACK 0x08000000ul
#define SIG_DFL ((void *)0)

struct kernel_sigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

struct kernel_siginfo {
	int32_t signo, errno_value, code, pad;
	uintptr_t addr;
};

/* struct ucontext: flags, link, stack_t, then mcontext's general registers. */
struct kernel_ucontext {
	uint64_t flags;
	void *link;
	void *ss_sp;
	int32_t ss_flags;
	uint64_t ss_size;
	uint64_t gregs[23];
};

enum { REG_RBP = 10, REG_RSP = 15, REG_RIP = 16 };

_Static_assert(offsetof(struct kernel_ucontext, gregs) == 40, "uc_mcontext is at 40 on x86-64");
_Static_assert(offsetof(struct kernel_siginfo, addr) == 16, "si_addr is at 16 on x86-64");

__attribute__((naked)) static void restore_rt(void)
{
	__asm__ volatile("mov %0, %%eax\n\tsyscall" : : "i"(SYS_rt_sigreturn));
}

static int set_action(int sig, void *handler, unsigned long flags)
{
	struct kernel_sigaction action = {
		.handler = handler,
		.flags = flags | SA_RESTORER,
		.restorer = restore_rt,
		.mask = 0,
	};
	return (int)rt_syscall4(SYS_rt_sigaction, sig, (long)&action, 0, sizeof action.mask);
}

int arch_signal_install(int sig, arch_signal_handler handler)
{
	return set_action(sig, (void *)handler, SA_SIGINFO | SA_ONSTACK);
}

int arch_signal_reset(int sig)
{
	return set_action(sig, SIG_DFL, 0);
}

void arch_fault_read(const void *siginfo, const void *ucontext, struct arch_fault *fault)
{
	const struct kernel_siginfo *info = siginfo;
	const struct kernel_ucontext *uc = ucontext;
	fault->addr = info->addr;
	fault->code = info->code;
	fault->pc = uc->gregs[REG_RIP];
	fault->sp = uc->gregs[REG_RSP];
	fault->fp = uc->gregs[REG_RBP];
}
