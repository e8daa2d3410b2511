/* The descriptor operations preview 1 and WASI 0.2 share: see fs_ops.h. */
#include "fs_ops.h"

#include "fd_table.h"
#include "file_times.h"
#include "wasi_errno.h"

int32_t host_fd_set_size(int32_t fd, int64_t size)
{
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, WASI_RIGHT_FD_FILESTAT_SET_SIZE, &err);
	return entry ? wasi_result(os_ftruncate(entry->host_fd, size)) : err;
}

int32_t host_fd_set_times(int32_t fd, int64_t atim, int64_t mtim, int32_t fst_flags)
{
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, WASI_RIGHT_FD_FILESTAT_SET_TIMES, &err);
	if (!entry)
		return err;
	struct os_timespec times[2];
	err = filestat_times(atim, mtim, fst_flags, times);
	return err ? err : wasi_result(os_utimensat(entry->host_fd, NULL, times, 0));
}

int32_t host_fd_advise(int32_t fd, int64_t offset, int64_t len, int32_t advice)
{
	/* WASI: normal, sequential, random, willneed, dontneed, noreuse; Linux swaps sequential and random. */
	static const uint8_t linux_advice[] = { 0, 2, 1, 3, 4, 5 };
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, WASI_RIGHT_FD_ADVISE, &err);
	if (!entry)
		return err;
	if ((uint32_t)advice >= sizeof linux_advice)
		return WASI_EINVAL;
	return wasi_result(os_fadvise(entry->host_fd, offset, len, linux_advice[advice]));
}

int32_t host_fd_sync(int32_t fd)
{
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, WASI_RIGHT_FD_SYNC, &err);
	return entry ? wasi_result(os_fsync(entry->host_fd)) : err;
}
