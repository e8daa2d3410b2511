/*
 * AArch64 signal frames: the ucontext layout
 * (arch/arm64/include/uapi/asm/{ucontext,sigcontext}.h) and an rt_sigreturn
 * stub for struct sigaction's restorer, as musl does: it serves the kernel
 * and qemu-user alike, with or without a vDSO.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "syscall.h"

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

__attribute__((naked)) void arch_sigreturn(void)
{
	__asm__ volatile("mov x8, %0\n\tsvc #0" : : "i"(SYS_rt_sigreturn));
}

void arch_fault_registers(const void *ucontext, struct arch_fault *fault)
{
	const struct kernel_ucontext *uc = ucontext;
	fault->pc = uc->pc;
	fault->sp = uc->sp;
	fault->fp = uc->regs[REG_FP];
}
