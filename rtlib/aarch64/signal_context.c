/*
 * AArch64 signal frames: the kernel's struct sigaction (with SA_RESTORER and
 * a stub calling rt_sigreturn, as musl does: it serves the kernel and
 * qemu-user alike, with or without a vDSO) and the siginfo / ucontext
 * layouts (arch/arm64/include/uapi/asm/{ucontext,sigcontext}.h).
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

/*
 * struct ucontext: flags, link, stack_t, the signal mask padded to 128
 * bytes, then struct sigcontext (16-byte aligned): the fault address, x0-x30,
 * sp, pc.
 */
struct kernel_ucontext {
	uint64_t flags;
	void *link;
	void *ss_sp;
	int32_t ss_flags;
	uint64_t ss_size;
	uint64_t sigmask[16];
	_Alignas(16) uint64_t fault_address;
	uint64_t regs[31];
	uint64_t sp, pc, pstate;
};

enum { REG_FP = 29 };

_Static_assert(offsetof(struct kernel_ucontext, fault_address) == 176, "uc_mcontext is at 176 on AArch64");
_Static_assert(offsetof(struct kernel_ucontext, pc) == 440, "sigcontext.pc is at 440 on AArch64");
_Static_assert(offsetof(struct kernel_siginfo, addr) == 16, "si_addr is at 16 on AArch64");

__attribute__((naked)) static void restore_rt(void)
{
	__asm__ volatile("mov x8, %0\n\tsvc #0" : : "i"(SYS_rt_sigreturn));
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
	fault->pc = uc->pc;
	fault->sp = uc->sp;
	fault->fp = uc->regs[REG_FP];
}
