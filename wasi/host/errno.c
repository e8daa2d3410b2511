/* The one mapping from Linux errno values to WASI's (errno.def). */
#include "wasi_errno.h"

static const struct {
	uint8_t linux_code, wasi_code;
} errno_map[] = {
#define WASI_ERRNO(name, wasi_code, linux_code) { linux_code, wasi_code },
#include "errno.def"
#undef WASI_ERRNO
};

int32_t wasi_errno_from_linux(long linux_errno)
{
	for (size_t i = 0; i < sizeof errno_map / sizeof errno_map[0]; i++)
		if (errno_map[i].linux_code == linux_errno)
			return errno_map[i].wasi_code;
	return WASI_EIO;
}
