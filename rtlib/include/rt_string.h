/*
 * The C library functions rtlib provides: the memory functions under their
 * C names (LLVM emits calls to them) and a string length for host code.
 */
#ifndef WASMC_RT_STRING_H
#define WASMC_RT_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t len);
void *memmove(void *dst, const void *src, size_t len);
void *memset(void *dst, int value, size_t len);
int memcmp(const void *a, const void *b, size_t len);
size_t rt_strlen(const char *s);

#endif
