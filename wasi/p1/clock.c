/*
 * clock_res_get and clock_time_get. WASI's clock ids 0-3 (realtime,
 * monotonic, process and thread CPU time) are Linux's CLOCK_* values.
 * Times are u64 nanoseconds; `precision` is a hint we may ignore.
 */
#include "clock.h"
#include "guest_memory.h"
#include "os.h"
#include "wasi_p1.h"

#define CLOCK_ID_COUNT 4

static int32_t store_time(struct rt_instance *caller, long ret, const struct os_timespec *ts, int32_t out)
{
	if (ret < 0)
		return wasi_errno_from_linux(-ret);
	uint8_t *p = guest_ptr(caller, (uint32_t)out, 8);
	if (!p)
		return WASI_EFAULT;
	guest_store_u64(p, wasi_ns_of(ts));
	return WASI_ESUCCESS;
}

int32_t wasi_p1_clock_res_get(struct rt_instance *caller, int32_t clock_id, int32_t resolution_out)
{
	if ((uint32_t)clock_id >= CLOCK_ID_COUNT)
		return WASI_EINVAL;
	struct os_timespec ts;
	return store_time(caller, os_clock_getres(clock_id, &ts), &ts, resolution_out);
}

int32_t wasi_p1_clock_time_get(struct rt_instance *caller, int32_t clock_id, int64_t precision, int32_t time_out)
{
	if ((uint32_t)clock_id >= CLOCK_ID_COUNT)
		return WASI_EINVAL;
	struct os_timespec ts;
	return store_time(caller, os_clock_gettime(clock_id, &ts), &ts, time_out);
}
