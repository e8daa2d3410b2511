/* Verdicts on stdout without libc: one buffer, flushed by the caller after each verdict. */
#include "harness.h"

static char buf[4096];
static size_t used;

void out_flush(void)
{
	const char *p = buf;
	size_t left = used;
	while (left) {
		long n = os_write(1, p, left);
		if (n == -OS_EINTR)
			continue;
		if (n <= 0)
			os_exit(3); /* nobody reads our verdicts any more */
		p += n;
		left -= (size_t)n;
	}
	used = 0;
}

void out_mem(const char *s, size_t len)
{
	while (len) {
		if (used == sizeof buf)
			out_flush();
		size_t n = sizeof buf - used < len ? sizeof buf - used : len;
		memcpy(buf + used, s, n);
		used += n;
		s += n;
		len -= n;
	}
}

void out_str(const char *s)
{
	out_mem(s, rt_strlen(s));
}

static void digits(uint64_t value, unsigned base, unsigned min_digits)
{
	char d[64];
	unsigned n = 0;
	do {
		d[sizeof d - ++n] = "0123456789abcdef"[value % base];
		value /= base;
	} while (value || n < min_digits);
	out_mem(d + sizeof d - n, n);
}

void out_dec(uint64_t value)
{
	digits(value, 10, 1);
}

void out_hex(uint64_t value, unsigned min_digits)
{
	digits(value, 16, min_digits ? min_digits : 1);
}

void out_bytes(struct bytes b)
{
	if (!b.ptr) {
		out_str("(none)");
		return;
	}
	for (uint32_t i = 0; i < b.len; i++) {
		uint8_t c = (uint8_t)b.ptr[i];
		if (c >= 0x20 && c < 0x7f && c != '\\') {
			out_mem((const char *)&c, 1);
		} else {
			out_str("\\");
			out_hex(c, 2);
		}
	}
}

bool bytes_equal(struct bytes a, struct bytes b)
{
	return a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0;
}

struct bytes bytes_of(const char *s)
{
	return (struct bytes){ s, (uint32_t)rt_strlen(s) };
}
