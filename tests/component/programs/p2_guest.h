/*
 * What the test programs that call WASI 0.2 directly share: declaring an
 * import by interface and name, and the cabi_realloc the Canonical ABI uses
 * to put the lists and strings the host returns into this program's memory.
 */
#ifndef P2_GUEST_H
#define P2_GUEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define IMPORT(iface, name) __attribute__((import_module(iface), import_name(name)))

__attribute__((export_name("cabi_realloc"))) void *cabi_realloc(void *old, size_t old_size, size_t align, size_t size)
{
	(void)old_size;
	if (size == 0)
		return (void *)align;
	void *p = old ? realloc(old, size) : malloc(size);
	if (!p || ((uintptr_t)p & (align - 1)))
		abort();
	return p;
}

#endif
