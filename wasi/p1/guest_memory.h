/*
 * Access to the caller's memory 0 from WASI functions: every pointer the
 * program passes is an offset checked against the memory's current size.
 * Values are moved with fixed-size copies, since WASI does not promise
 * alignment and the target may not forgive unaligned accesses.
 */
#ifndef WASMC_WASI_GUEST_MEMORY_H
#define WASMC_WASI_GUEST_MEMORY_H

#include <stddef.h>
#include <stdint.h>

#include "rt_abi.h"

/* The host address of [offset, offset + len) in memory 0, or NULL if it is not all inside. */
static inline uint8_t *guest_ptr(const struct rt_instance *caller, uint32_t offset, uint64_t len)
{
	if (!caller->mem0 || (uint64_t)offset + len > caller->mem0->size)
		return NULL;
	return caller->mem0_base + offset;
}

static inline uint16_t guest_load_u16(const uint8_t *p)
{
	uint16_t v;
	__builtin_memcpy(&v, p, sizeof v);
	return v;
}

static inline uint32_t guest_load_u32(const uint8_t *p)
{
	uint32_t v;
	__builtin_memcpy(&v, p, sizeof v);
	return v;
}

static inline uint64_t guest_load_u64(const uint8_t *p)
{
	uint64_t v;
	__builtin_memcpy(&v, p, sizeof v);
	return v;
}

static inline void guest_store_u16(uint8_t *p, uint16_t v)
{
	__builtin_memcpy(p, &v, sizeof v);
}

static inline void guest_store_u32(uint8_t *p, uint32_t v)
{
	__builtin_memcpy(p, &v, sizeof v);
}

static inline void guest_store_u64(uint8_t *p, uint64_t v)
{
	__builtin_memcpy(p, &v, sizeof v);
}

#endif
