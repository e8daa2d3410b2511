/*
 * RISC-V 64 signal frames: the ucontext layout
 * (arch/riscv/include/uapi/asm/{ucontext,sigcontext,ptrace}.h). struct
 * sigaction has no restorer here: the kernel returns through the vDSO's
 * rt_sigreturn, qemu-user through a trampoline of its own.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch.h"

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

void arch_fault_registers(const void *ucontext, struct arch_fault *fault)
{
	const struct kernel_ucontext *uc = ucontext;
	fault->pc = uc->pc;
	fault->sp = uc->x[REG_SP - 1];
	fault->fp = uc->x[REG_S0 - 1];
}
