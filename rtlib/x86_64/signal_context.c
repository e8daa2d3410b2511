/*
 * x86-64 signal frames: the ucontext layout (asm/ucontext.h, sigcontext.h)
 * and the rt_sigreturn stub that struct sigaction's restorer must name.
 */
#include <stddef.h>
#include <stdint.h>

#include "arch.h"
#include "syscall.h"

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

__attribute__((naked)) void arch_sigreturn(void)
{
	__asm__ volatile("mov %0, %%eax\n\tsyscall" : : "i"(SYS_rt_sigreturn));
}

void arch_fault_registers(const void *ucontext, struct arch_fault *fault)
{
	const struct kernel_ucontext *uc = ucontext;
	fault->pc = uc->gregs[REG_RIP];
	fault->sp = uc->gregs[REG_RSP];
	fault->fp = uc->gregs[REG_RBP];
}
