/*
 * The memory functions LLVM emits calls to (struct copies, memory.copy and
 * memory.fill, loops it recognises). Built with -fno-builtin so that these
 * loops are not themselves turned back into calls to memcpy and memset.
 * Words are moved with fixed-size __builtin_memcpy, which the compiler
 * expands to plain (unaligned-safe) loads and stores.
 */
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

void *memcpy(void *restrict dst, const void *restrict src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	for (; len >= 32; len -= 32, d += 32, s += 32) {
		uint64_t w[4];
		__builtin_memcpy(w, s, 32);
		__builtin_memcpy(d, w, 32);
	}
	for (; len >= 8; len -= 8, d += 8, s += 8) {
		uint64_t w;
		__builtin_memcpy(&w, s, 8);
		__builtin_memcpy(d, &w, 8);
	}
	while (len--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if ((uintptr_t)d - (uintptr_t)s >= len)
		return memcpy(dst, src, len);
	/* dst overlaps the end of src: copy from the end down. */
	d += len;
	s += len;
	for (; len >= 8; len -= 8) {
		uint64_t w;
		d -= 8;
		s -= 8;
		__builtin_memcpy(&w, s, 8);
		__builtin_memcpy(d, &w, 8);
	}
	while (len--)
		*--d = *--s;
	return dst;
}

void *memset(void *dst, int value, size_t len)
{
	unsigned char *d = dst;
	uint64_t w = 0x0101010101010101ull * (unsigned char)value;
	for (; len >= 32; len -= 32, d += 32) {
		uint64_t ws[4] = { w, w, w, w };
		__builtin_memcpy(d, ws, 32);
	}
	for (; len >= 8; len -= 8, d += 8)
		__builtin_memcpy(d, &w, 8);
	while (len--)
		*d++ = (unsigned char)value;
	return dst;
}

int memcmp(const void *a, const void *b, size_t len)
{
	const unsigned char *x = a, *y = b;
	for (; len; len--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t rt_strlen(const char *s)
{
	const char *p = s;
	while (*p)
		p++;
	return (size_t)(p - s);
}
