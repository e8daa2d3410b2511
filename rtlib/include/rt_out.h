/*
 * Buffered output to a file descriptor without libc (format.c): for the
 * runtime's own messages and the program entries' (wasi/entry/).
 */
#ifndef WASMC_RT_OUT_H
#define WASMC_RT_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rt_out {
	int fd;
	uint32_t len;
	char buf[512];
};
void rt_out_mem(struct rt_out *out, const char *s, size_t len);
void rt_out_str(struct rt_out *out, const char *s);
void rt_out_dec(struct rt_out *out, uint64_t value);
void rt_out_hex(struct rt_out *out, uint64_t value);
void rt_out_flush(struct rt_out *out);
/* Writes all of buf, retrying partial writes; false on error. */
bool rt_write_all(int fd, const void *buf, size_t len);

#endif
