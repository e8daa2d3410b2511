/* random_get from getrandom, which may return less than asked (or be interrupted). */
#include "guest_memory.h"
#include "os.h"
#include "random.h"
#include "wasi.h"

long wasi_random_fill(void *buf, size_t len)
{
	uint8_t *p = buf;
	while (len) {
		long n = os_getrandom(p, len);
		if (n == -OS_EINTR)
			continue;
		if (n < 0)
			return n;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int32_t wasi_p1_random_get(struct rt_instance *caller, int32_t buf, int32_t buf_len)
{
	uint8_t *p = guest_ptr(caller, (uint32_t)buf, (uint32_t)buf_len);
	if (!p)
		return WASI_EFAULT;
	long ret = wasi_random_fill(p, (uint32_t)buf_len);
	return ret < 0 ? wasi_errno_from_linux(-ret) : WASI_ESUCCESS;
}
