/*
 * Memory faults as traps. SIGSEGV and SIGBUS run a handler on an alternate
 * signal stack (the wasm stack may be the one that overflowed). A fault
 * inside a linear memory's reservation is "out of bounds memory access"; one
 * in the wasm stack's guard is "call stack exhausted". Anything else is a
 * real crash: the default action is restored and the fault re-delivered, so
 * it still dumps core where it happened.
 */
#include "internal.h"

#define ALT_STACK_SIZE (64u << 10)

static bool installed;
static _Alignas(16) uint8_t alt_stack[ALT_STACK_SIZE];

static void on_fault(int sig, void *siginfo, void *ucontext)
{
	struct arch_fault fault;
	arch_fault_read(siginfo, ucontext, &fault);
	enum rt_trap kind = RT_TRAP_NONE;
	if (fault.code > 0) { /* raised by the kernel for this access, not sent by kill */
		if (rt_memory_reserved(fault.addr))
			kind = RT_TRAP_OOB_MEMORY;
		else if (rt_stack_in_guard(fault.addr))
			kind = RT_TRAP_STACK_EXHAUSTED;
	}
	if (kind == RT_TRAP_NONE) {
		arch_signal_reset(sig);
		if (fault.code <= 0)
			os_raise(sig);
		return; /* a fault repeats on return, now with the default action */
	}
	/* The trap jumps out of the handler, past the sigreturn that would unblock sig. */
	os_signal_unblock(sig);
	rt_trap_raise(kind, fault.pc, fault.fp, fault.sp);
}

bool rt_signals_init(void)
{
	if (installed)
		return true;
	if (os_sigaltstack(alt_stack, ALT_STACK_SIZE) < 0 ||
			arch_signal_install(OS_SIGSEGV, on_fault) < 0 || arch_signal_install(OS_SIGBUS, on_fault) < 0)
		return false;
	installed = true;
	return true;
}
