/* random_get from getrandom, which may return less than asked (or be interrupted). */
#include "guest_memory.h"
#include "os.h"
#include "wasi.h"

int32_t wasi_p1_random_get(struct rt_instance *caller, int32_t buf, int32_t buf_len)
{
	uint8_t *p = guest_ptr(caller, (uint32_t)buf, (uint32_t)buf_len);
	if (!p)
		return WASI_EFAULT;
	uint32_t left = (uint32_t)buf_len;
	while (left) {
		long n = os_getrandom(p, left);
		if (n == -OS_EINTR)
			continue;
		if (n < 0)
			return wasi_errno_from_linux(-n);
		p += n;
		left -= (uint32_t)n;
	}
	return WASI_ESUCCESS;
}
