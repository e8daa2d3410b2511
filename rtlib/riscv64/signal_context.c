/*
 * RISC-V 64 signal frames: the kernel's struct sigaction has no restorer
 * (the kernel returns through the vDSO's rt_sigreturn, qemu-user through a
 * trampoline of its own) and the siginfo / ucontext layouts
 * (arch/riscv/include/uapi/asm/{ucontext,sigcontext,ptrace}.h).
 */
#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "syscall.h"

#define SA_SIGINFO 0x00000004ul
#define SA_ONSTACK 0x08000000ul
#define SIG_DFL ((void *)0)

struct kernel_sigaction {
	void *handler;
	unsigned long flags;
	uint64_t mask;
};

struct kernel_siginfo {
	int32_t signo, errno_value, code, pad;
	uintptr_t addr;
};

/*
 * struct ucontext: flags, link, stack_t, the signal mask padded to 128
 * bytes, then struct sigcontext (16-byte aligned), which starts with
 * user_regs_struct: pc, then x1-x31 (ra sp gp tp t0-t2 s0 ...).
 */
struct kernel_ucontext {
	uint64_t flags;
	void *link;
	void *ss_sp;
	int32_t ss_flags;
	uint64_t ss_size;
	uint64_t sigmask[16];
	_Alignas(16) uint64_t pc;
	uint64_t x[31]; /* x[n - 1] is register xn */
};

enum { REG_SP = 2, REG_S0 = 8 };

_Static_assert(offsetof(struct kernel_ucontext, pc) == 176, "uc_mcontext is at 176 on RISC-V 64");
_Static_assert(offsetof(struct kernel_siginfo, addr) == 16, "si_addr is at 16 on RISC-V 64");

static int set_action(int sig, void *handler, unsigned long flags)
{
	struct kernel_sigaction action = {
		.handler = handler,
		.flags = flags,
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
	fault->sp = uc->x[REG_SP - 1];
	fault->fp = uc->x[REG_S0 - 1];
}
