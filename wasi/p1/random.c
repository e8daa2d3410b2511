/* random_get: wasi_random_fill (random.h) into the program's memory. */
#include "guest_memory.h"
#include "random.h"
#include "wasi_p1.h"

int32_t wasi_p1_random_get(struct rt_instance *caller, int32_t buf, int32_t buf_len)
{
	uint8_t *p = guest_ptr(caller, (uint32_t)buf, (uint32_t)buf_len);
	if (!p)
		return WASI_EFAULT;
	long ret = wasi_random_fill(p, (uint32_t)buf_len);
	return ret < 0 ? wasi_errno_from_linux(-ret) : WASI_ESUCCESS;
}
