/*
 * WASI errno values (errno.def), the host layer's answer for every
 * operation: preview 1 returns them as they are, WASI 0.2 maps them to its
 * error-code variants.
 */
#ifndef WASMC_WASI_ERRNO_H
#define WASMC_WASI_ERRNO_H

#include <stddef.h>
#include <stdint.h>

enum wasi_errno {
#define WASI_ERRNO(name, wasi_code, linux_code) WASI_E##name = wasi_code,
#include "errno.def"
#undef WASI_ERRNO
};

/* The WASI errno of a Linux errno (positive). */
int32_t wasi_errno_from_linux(long linux_errno);

/* A system call's result as WASI answers it: ESUCCESS, or the errno it failed with. */
static inline int32_t wasi_result(long ret)
{
	return ret < 0 ? wasi_errno_from_linux(-ret) : WASI_ESUCCESS;
}

#endif
