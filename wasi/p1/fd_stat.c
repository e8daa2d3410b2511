/*
 * What a descriptor is and the file under it: fd_fdstat_*, fd_filestat_*,
 * fd_advise, fd_allocate, fd_datasync, fd_sync.
 */
#include "fd_table.h"
#include "filestat.h"
#include "fs_ops.h"
#include "guest_memory.h"
#include "os.h"
#include "rt_string.h"
#include "wasi_p1.h"

#define FALLOC_MODE_DEFAULT 0
#define SYNC_FDFLAGS (WASI_FDFLAG_DSYNC | WASI_FDFLAG_RSYNC | WASI_FDFLAG_SYNC)

int32_t wasi_p1_fd_fdstat_get(struct rt_instance *caller, int32_t fd, int32_t fdstat_out)
{
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, 0, &err);
	if (!entry)
		return err;
	uint8_t *out = guest_ptr(caller, (uint32_t)fdstat_out, WASI_FDSTAT_SIZE);
	if (!out)
		return WASI_EFAULT;
	/* The host's flags are the truth: the process may share the descriptor. */
	uint16_t fdflags = wasi_fdflags_of_host(entry->host_fd) | (entry->fdflags & WASI_FDFLAG_RSYNC);
	memset(out, 0, WASI_FDSTAT_SIZE);
	out[0] = entry->filetype;
	memcpy(out + 2, &fdflags, 2);
	guest_store_u64(out + 8, entry->rights_base);
	guest_store_u64(out + 16, entry->rights_inheriting);
	return WASI_ESUCCESS;
}

/*
 * Only append and nonblock can change after opening (Linux's F_SETFL ignores
 * the sync flags): changing a sync flag is EINVAL, as Wasmtime answers; the
 * sync flags the descriptor already has may be passed back unchanged.
 */
int32_t wasi_p1_fd_fdstat_set_flags(struct rt_instance *caller, int32_t fd, int32_t flags)
{
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, WASI_RIGHT_FD_FDSTAT_SET_FLAGS, &err);
	if (!entry)
		return err;
	if ((uint32_t)flags & ~0x1fu)
		return WASI_EINVAL;
	long host = os_fcntl_getfl(entry->host_fd);
	if (host < 0)
		return wasi_errno_from_linux(-host);
	uint16_t current = wasi_fdflags_of_host(entry->host_fd) | (entry->fdflags & WASI_FDFLAG_RSYNC);
	if ((flags & SYNC_FDFLAGS) != (current & SYNC_FDFLAGS))
		return WASI_EINVAL;
	host &= ~(long)(OS_O_APPEND | OS_O_NONBLOCK);
	if (flags & WASI_FDFLAG_APPEND)
		host |= OS_O_APPEND;
	if (flags & WASI_FDFLAG_NONBLOCK)
		host |= OS_O_NONBLOCK;
	long ret = os_fcntl_setfl(entry->host_fd, host);
	if (ret < 0)
		return wasi_errno_from_linux(-ret);
	entry->fdflags = (uint16_t)flags;
	return WASI_ESUCCESS;
}

/* Rights can only be dropped. */
int32_t wasi_p1_fd_fdstat_set_rights(struct rt_instance *caller, int32_t fd, int64_t base, int64_t inheriting)
{
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, 0, &err);
	if (!entry)
		return err;
	if (((uint64_t)base & ~entry->rights_base) || ((uint64_t)inheriting & ~entry->rights_inheriting))
		return WASI_ENOTCAPABLE;
	entry->rights_base = (uint64_t)base;
	entry->rights_inheriting = (uint64_t)inheriting;
	return WASI_ESUCCESS;
}

int32_t wasi_p1_fd_filestat_get(struct rt_instance *caller, int32_t fd, int32_t filestat_out)
{
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, WASI_RIGHT_FD_FILESTAT_GET, &err);
	if (!entry)
		return err;
	uint8_t *out = guest_ptr(caller, (uint32_t)filestat_out, WASI_FILESTAT_SIZE);
	if (!out)
		return WASI_EFAULT;
	struct os_stat st;
	long ret = os_statx(entry->host_fd, "", OS_AT_EMPTY_PATH, &st);
	if (ret < 0)
		return wasi_errno_from_linux(-ret);
	filestat_store(out, &st);
	return WASI_ESUCCESS;
}

int32_t wasi_p1_fd_filestat_set_size(struct rt_instance *caller, int32_t fd, int64_t size)
{
	return host_fd_set_size(fd, size);
}

int32_t wasi_p1_fd_filestat_set_times(struct rt_instance *caller, int32_t fd, int64_t atim, int64_t mtim,
		int32_t fst_flags)
{
	return host_fd_set_times(fd, atim, mtim, fst_flags);
}

int32_t wasi_p1_fd_advise(struct rt_instance *caller, int32_t fd, int64_t offset, int64_t len, int32_t advice)
{
	return host_fd_advise(fd, offset, len, advice);
}

/* Where the file system cannot reserve space, the file is at least made long enough (as posix_fallocate does). */
int32_t wasi_p1_fd_allocate(struct rt_instance *caller, int32_t fd, int64_t offset, int64_t len)
{
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, WASI_RIGHT_FD_ALLOCATE, &err);
	if (!entry)
		return err;
	if (offset < 0 || len <= 0 || offset > INT64_MAX - len)
		return WASI_EINVAL;
	long ret = os_fallocate(entry->host_fd, FALLOC_MODE_DEFAULT, offset, len);
	if (ret != -OS_EOPNOTSUPP)
		return wasi_result(ret);
	struct os_stat st;
	ret = os_statx(entry->host_fd, "", OS_AT_EMPTY_PATH, &st);
	if (ret < 0)
		return wasi_errno_from_linux(-ret);
	return st.size >= (uint64_t)(offset + len) ? WASI_ESUCCESS : wasi_result(os_ftruncate(entry->host_fd, offset + len));
}

int32_t wasi_p1_fd_datasync(struct rt_instance *caller, int32_t fd)
{
	int32_t err;
	struct wasi_fd *entry = wasi_fd_get(fd, WASI_RIGHT_FD_DATASYNC, &err);
	return entry ? wasi_result(os_fdatasync(entry->host_fd)) : err;
}

int32_t wasi_p1_fd_sync(struct rt_instance *caller, int32_t fd)
{
	return host_fd_sync(fd);
}
