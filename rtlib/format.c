/* Printing without libc: strings and numbers into a buffer, flushed with write. */
#include "internal.h"

bool rt_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len) {
		long n = os_write(fd, p, len);
		if (n == -OS_EINTR)
			continue;
		if (n == -OS_EAGAIN) {
			os_wait_fd(fd, OS_POLLOUT);
			continue;
		}
		if (n <= 0)
			return false;
		p += n;
		len -= (size_t)n;
	}
	return true;
}

void rt_out_flush(struct rt_out *out)
{
	rt_write_all(out->fd, out->buf, out->len);
	out->len = 0;
}

void rt_out_mem(struct rt_out *out, const char *s, size_t len)
{
	while (len) {
		if (out->len == sizeof out->buf)
			rt_out_flush(out);
		size_t room = sizeof out->buf - out->len;
		size_t n = len < room ? len : room;
		memcpy(out->buf + out->len, s, n);
		out->len += (uint32_t)n;
		s += n;
		len -= n;
	}
}

void rt_out_str(struct rt_out *out, const char *s)
{
	rt_out_mem(out, s, rt_strlen(s));
}

static void put_digits(struct rt_out *out, uint64_t value, unsigned base)
{
	char digits[20];
	int n = 0;
	do {
		digits[sizeof digits - ++n] = "0123456789abcdef"[value % base];
		value /= base;
	} while (value);
	rt_out_mem(out, digits + sizeof digits - n, (size_t)n);
}

void rt_out_dec(struct rt_out *out, uint64_t value)
{
	put_digits(out, value, 10);
}

void rt_out_hex(struct rt_out *out, uint64_t value)
{
	put_digits(out, value, 16);
}
