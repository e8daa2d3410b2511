/* proc_exit and sched_yield. */
#include "os.h"
#include "wasi.h"

/* Output is never buffered on the host side, so leaving at once loses nothing. */
_Noreturn void wasi_p1_proc_exit(struct rt_instance *caller, int32_t code)
{
	os_exit(code);
}

int32_t wasi_p1_sched_yield(struct rt_instance *caller)
{
	os_sched_yield();
	return WASI_ESUCCESS;
}
