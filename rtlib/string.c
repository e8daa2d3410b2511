/*
 * The memory functions LLVM emits calls to (struct copies, memory.copy and
 * memory.fill, loops it recognises). Built with -fno-builtin so that these
 * loops are not themselves turned back into calls to memcpy and memset.
 * Words are moved with fixed-size __builtin_memcpy, which the compiler
 * expands to plain loads and stores where the architecture does unaligned
 * word accesses (ARCH_UNALIGNED_WORDS in arch.h). Where it does not, those
 * copies would become calls to memcpy itself unless the pointers are known
 * to be aligned: there words move only between 8-aligned addresses (WORDS
 * says so to the compiler), and bytes otherwise.
 */
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

#define WORDS(p) (ARCH_UNALIGNED_WORDS ? (void *)(p) : __builtin_assume_aligned((void *)(p), 8))

/* Whether words can move between a and b once a is aligned: any time, or when both are aligned alike. */
static bool words_possible(const void *a, const void *b)
{
	return ARCH_UNALIGNED_WORDS || (((uintptr_t)a ^ (uintptr_t)b) & 7) == 0;
}

/* Copies upwards; also serves memmove when dst lies below src, so no restrict. */
static void copy_up(unsigned char *d, const unsigned char *s, size_t len)
{
	if (!words_possible(d, s)) {
		while (len--)
			*d++ = *s++;
		return;
	}
	for (; !ARCH_UNALIGNED_WORDS && len && ((uintptr_t)d & 7); len--)
		*d++ = *s++;
	for (; len >= 32; len -= 32, d += 32, s += 32) {
		uint64_t w[4];
		__builtin_memcpy(w, WORDS(s), 32);
		__builtin_memcpy(WORDS(d), w, 32);
	}
	for (; len >= 8; len -= 8, d += 8, s += 8) {
		uint64_t w;
		__builtin_memcpy(&w, WORDS(s), 8);
		__builtin_memcpy(WORDS(d), &w, 8);
	}
	while (len--)
		*d++ = *s++;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t len)
{
	copy_up(dst, src, len);
	return dst;
}

void *memmove(void *dst, const void *src, size_t len)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if ((uintptr_t)d - (uintptr_t)s >= len) {
		copy_up(d, s, len);
		return dst;
	}
	/* dst overlaps the end of src: copy from the end down. */
	d += len;
	s += len;
	if (!words_possible(d, s)) {
		while (len--)
			*--d = *--s;
		return dst;
	}
	for (; !ARCH_UNALIGNED_WORDS && len && ((uintptr_t)d & 7); len--)
		*--d = *--s;
	for (; len >= 8; len -= 8) {
		uint64_t w;
		d -= 8;
		s -= 8;
		__builtin_memcpy(&w, WORDS(s), 8);
		__builtin_memcpy(WORDS(d), &w, 8);
	}
	while (len--)
		*--d = *--s;
	return dst;
}

void *memset(void *dst, int value, size_t len)
{
	unsigned char *d = dst;
	uint64_t w = 0x0101010101010101ull * (unsigned char)value;
	for (; !ARCH_UNALIGNED_WORDS && len && ((uintptr_t)d & 7); len--)
		*d++ = (unsigned char)value;
	for (; len >= 32; len -= 32, d += 32) {
		uint64_t ws[4] = { w, w, w, w };
		__builtin_memcpy(WORDS(d), ws, 32);
	}
	for (; len >= 8; len -= 8, d += 8)
		__builtin_memcpy(WORDS(d), &w, 8);
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
