/* Clock readings in nanoseconds: see clock.h. */
#include "clock.h"

uint64_t wasi_clock_ns(int clock)
{
	struct os_timespec ts;
	return os_clock_gettime(clock, &ts) < 0 ? 0 : wasi_ns_of(&ts);
}

uint64_t wasi_clock_res_ns(int clock)
{
	struct os_timespec ts;
	return os_clock_getres(clock, &ts) < 0 ? 0 : wasi_ns_of(&ts);
}
