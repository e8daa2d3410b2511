/* clock_res_get and clock_time_get: the four clocks, their resolutions, and the error paths. */
#include <stdint.h>

#include "check.h"

static const char *const clock_names[] = { "realtime", "monotonic", "process_cputime", "thread_cputime" };

static volatile uint64_t sink;

int main(void)
{
	for (__wasi_clockid_t id = 0; id < 4; id++) {
		__wasi_timestamp_t res = 0, t1 = 0, t2 = 0;
		printf("%s\n", clock_names[id]);
		WASI("  res_get", __wasi_clock_res_get(id, &res));
		printf("  resolution in (0, 1ms]: %s\n", res > 0 && res <= 1000000 ? "yes" : "no");
		WASI("  time_get", __wasi_clock_time_get(id, 1, &t1));
		for (uint64_t i = 0; i < 3000000; i++)
			sink += i;
		WASI("  time_get again", __wasi_clock_time_get(id, 0, &t2));
		printf("  advanced: %s\n", t2 > t1 ? "yes" : "no");
	}
	__wasi_timestamp_t now = 0;
	WASI("realtime with precision", __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1000, &now));
	printf("realtime after 2020: %s\n", now / 1000000000u > 1577836800u ? "yes" : "no");

	__wasi_timestamp_t t = 0;
	WASI("res_get clock 4", __wasi_clock_res_get(4, &t));
	WASI("time_get clock 4", __wasi_clock_time_get(4, 0, &t));
	WASI("time_get clock -1", __wasi_clock_time_get((__wasi_clockid_t)-1, 0, &t));
	WASI_BAD_POINTER("res_get out of memory", __wasi_clock_res_get(0, (__wasi_timestamp_t *)0xfffffffc));
	WASI_BAD_POINTER("time_get out of memory", __wasi_clock_time_get(1, 0, (__wasi_timestamp_t *)0xfffffff9));
	return 0;
}
