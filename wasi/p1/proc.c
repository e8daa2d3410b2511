/* proc_exit, proc_raise and sched_yield. */
#include "os.h"
#include "wasi_p1.h"

/* WASI's signal numbers (witx `signal`): 1-15 are Linux's, 16-30 skip Linux's SIGSTKFLT (16). */
#define WASI_SIGNAL_LAST 30
#define WASI_SIGNAL_FIRST_SHIFTED 16

/* Output is never buffered on the host side, so leaving at once loses nothing. */
_Noreturn void wasi_p1_proc_exit(struct rt_instance *caller, int32_t code)
{
	os_exit(code);
}

/*
 * As the witx says ("send a signal to the process of the calling thread",
 * like POSIX raise): the signal's own action decides what happens. Signal 0
 * (none) only succeeds. SIGSEGV/SIGBUS sent this way are not traps: rtlib's
 * handler gives them their default action.
 */
int32_t wasi_p1_proc_raise(struct rt_instance *caller, int32_t sig)
{
	if ((uint32_t)sig > WASI_SIGNAL_LAST)
		return WASI_EINVAL;
	if (sig == 0)
		return WASI_ESUCCESS;
	int linux_sig = sig >= WASI_SIGNAL_FIRST_SHIFTED ? sig + 1 : sig;
	long ret = os_kill_self(linux_sig);
	return ret < 0 ? wasi_errno_from_linux(-ret) : WASI_ESUCCESS;
}

int32_t wasi_p1_sched_yield(struct rt_instance *caller)
{
	os_sched_yield();
	return WASI_ESUCCESS;
}
