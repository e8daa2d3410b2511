/* Random bytes from getrandom, which may return less than asked (or be interrupted). */
#include "os.h"
#include "random.h"

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
