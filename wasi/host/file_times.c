/* Preview 1's (atim, mtim, fstflags) as utimensat's times: see file_times.h. */
#include "file_times.h"

#include "abi_p1.h"
#include "wasi_errno.h"

static int32_t one_time(uint64_t ns, int32_t fst_flags, int32_t set, int32_t now, struct os_timespec *t)
{
	if ((fst_flags & set) && (fst_flags & now))
		return WASI_EINVAL;
	if (fst_flags & set)
		*t = (struct os_timespec){ (int64_t)(ns / 1000000000u), (int64_t)(ns % 1000000000u) };
	else
		*t = (struct os_timespec){ 0, fst_flags & now ? OS_UTIME_NOW : OS_UTIME_OMIT };
	return WASI_ESUCCESS;
}

int32_t filestat_times(int64_t atim, int64_t mtim, int32_t fst_flags, struct os_timespec times[2])
{
	if (fst_flags & ~(WASI_FSTFLAG_ATIM | WASI_FSTFLAG_ATIM_NOW | WASI_FSTFLAG_MTIM | WASI_FSTFLAG_MTIM_NOW))
		return WASI_EINVAL;
	int32_t err = one_time((uint64_t)atim, fst_flags, WASI_FSTFLAG_ATIM, WASI_FSTFLAG_ATIM_NOW, &times[0]);
	return err ? err : one_time((uint64_t)mtim, fst_flags, WASI_FSTFLAG_MTIM, WASI_FSTFLAG_MTIM_NOW, &times[1]);
}
