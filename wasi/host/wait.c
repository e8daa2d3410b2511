/* wasi_wait: one ppoll (or, with no descriptors, one absolute sleep) until something is ready. */
#include "clock.h"
#include "wait.h"

static struct os_timespec timespec_of(uint64_t ns)
{
	return (struct os_timespec){ (int64_t)(ns / WASI_NSEC_PER_SEC), (int64_t)(ns % WASI_NSEC_PER_SEC) };
}

/*
 * Only a deadline: an absolute sleep, which neither drifts over
 * interruptions nor wakes early.
 */
long wasi_wait(struct os_pollfd *fds, uint32_t count, uint64_t deadline, bool no_wait)
{
	bool any_fd = false;
	for (uint32_t i = 0; i < count; i++)
		any_fd |= fds[i].fd >= 0;
	for (;;) {
		uint64_t now = wasi_clock_ns(OS_CLOCK_MONOTONIC);
		bool timed = deadline != WASI_NO_DEADLINE;
		long ret;
		if (!any_fd) {
			if (no_wait || now >= deadline)
				return 0;
			struct os_timespec at = timespec_of(deadline);
			/* Far deadlines (beyond i64 seconds) are the same as none: sleep as long as the kernel lets us. */
			ret = os_clock_nanosleep(OS_CLOCK_MONOTONIC, OS_TIMER_ABSTIME, &at);
		} else {
			uint64_t left = no_wait || !timed || now >= deadline ? 0 : deadline - now;
			struct os_timespec timeout = timespec_of(left);
			ret = os_ppoll(fds, count, timed || no_wait ? &timeout : NULL);
			if (ret > 0)
				ret = 0;
		}
		/* The time limit has passed: return as a timeout, so the program is back in wasm and traps. */
		if (ret != -OS_EINTR || rt_interrupt_pending)
			return ret == -OS_EINTR ? 0 : ret;
	}
}
