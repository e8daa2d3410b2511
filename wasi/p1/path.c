/*
 * path_*: preview 1's path functions over the shared operations of
 * fs_ops.h. A path the program passes is an (offset, length) in its memory;
 * outside it, the operation answers WASI_EFAULT after checking the
 * directory descriptor.
 */
#include "abi_p1.h"
#include "filestat.h"
#include "fs_ops.h"
#include "guest_memory.h"
#include "wasi_p1.h"

/* The program's path string in host memory, or NULL if it is not all inside memory 0. */
static const char *guest_path(struct rt_instance *caller, int32_t path, int32_t path_len)
{
	return (const char *)guest_ptr(caller, (uint32_t)path, (uint32_t)path_len);
}

int32_t wasi_p1_path_open(struct rt_instance *caller, int32_t fd, int32_t dirflags, int32_t path, int32_t path_len,
		int32_t oflags, int64_t rights_base, int64_t rights_inheriting, int32_t fdflags, int32_t fd_out)
{
	int32_t err = host_path_open_flags_check(oflags, fdflags);
	if (err)
		return err;
	uint8_t *new_fd = guest_ptr(caller, (uint32_t)fd_out, 4);
	if (!new_fd)
		return WASI_EFAULT;
	int32_t opened;
	err = host_path_open(fd, dirflags, guest_path(caller, path, path_len), (uint32_t)path_len, oflags,
			(uint64_t)rights_base, (uint64_t)rights_inheriting, fdflags, &opened);
	if (err)
		return err;
	guest_store_u32(new_fd, (uint32_t)opened);
	return WASI_ESUCCESS;
}

int32_t wasi_p1_path_create_directory(struct rt_instance *caller, int32_t fd, int32_t path, int32_t path_len)
{
	return host_path_create_directory(fd, guest_path(caller, path, path_len), (uint32_t)path_len);
}

int32_t wasi_p1_path_remove_directory(struct rt_instance *caller, int32_t fd, int32_t path, int32_t path_len)
{
	return host_path_remove_directory(fd, guest_path(caller, path, path_len), (uint32_t)path_len);
}

int32_t wasi_p1_path_unlink_file(struct rt_instance *caller, int32_t fd, int32_t path, int32_t path_len)
{
	return host_path_unlink_file(fd, guest_path(caller, path, path_len), (uint32_t)path_len);
}

int32_t wasi_p1_path_readlink(struct rt_instance *caller, int32_t fd, int32_t path, int32_t path_len, int32_t buf,
		int32_t buf_len, int32_t bufused_out)
{
	uint8_t *out = guest_ptr(caller, (uint32_t)buf, (uint32_t)buf_len);
	uint8_t *bufused = guest_ptr(caller, (uint32_t)bufused_out, 4);
	if (!out || !bufused)
		return WASI_EFAULT;
	uint32_t used;
	int32_t err = host_path_readlink(fd, guest_path(caller, path, path_len), (uint32_t)path_len, (char *)out,
			(uint32_t)buf_len, &used);
	if (err)
		return err;
	guest_store_u32(bufused, used);
	return WASI_ESUCCESS;
}

int32_t wasi_p1_path_symlink(struct rt_instance *caller, int32_t old_path, int32_t old_path_len, int32_t fd,
		int32_t new_path, int32_t new_path_len)
{
	const char *target = guest_path(caller, old_path, old_path_len);
	if (!target)
		return WASI_EFAULT;
	return host_path_symlink(target, (uint32_t)old_path_len, fd, guest_path(caller, new_path, new_path_len),
			(uint32_t)new_path_len);
}

int32_t wasi_p1_path_filestat_get(struct rt_instance *caller, int32_t fd, int32_t flags, int32_t path,
		int32_t path_len, int32_t filestat_out)
{
	uint8_t *out = guest_ptr(caller, (uint32_t)filestat_out, WASI_FILESTAT_SIZE);
	if (!out)
		return WASI_EFAULT;
	struct os_stat st;
	int32_t err = host_path_stat(fd, flags, guest_path(caller, path, path_len), (uint32_t)path_len, &st);
	if (err)
		return err;
	filestat_store(out, &st);
	return WASI_ESUCCESS;
}

int32_t wasi_p1_path_filestat_set_times(struct rt_instance *caller, int32_t fd, int32_t flags, int32_t path,
		int32_t path_len, int64_t atim, int64_t mtim, int32_t fst_flags)
{
	return host_path_set_times(fd, flags, guest_path(caller, path, path_len), (uint32_t)path_len, atim, mtim,
			fst_flags);
}

/* Our resolution already followed a link in the old path's last component if asked; linkat itself never does. */
int32_t wasi_p1_path_link(struct rt_instance *caller, int32_t old_fd, int32_t old_flags, int32_t old_path,
		int32_t old_path_len, int32_t new_fd, int32_t new_path, int32_t new_path_len)
{
	return host_path_link(old_fd, old_flags, guest_path(caller, old_path, old_path_len), (uint32_t)old_path_len,
			new_fd, guest_path(caller, new_path, new_path_len), (uint32_t)new_path_len);
}

int32_t wasi_p1_path_rename(struct rt_instance *caller, int32_t fd, int32_t old_path, int32_t old_path_len,
		int32_t new_fd, int32_t new_path, int32_t new_path_len)
{
	return host_path_rename(fd, guest_path(caller, old_path, old_path_len), (uint32_t)old_path_len, new_fd,
			guest_path(caller, new_path, new_path_len), (uint32_t)new_path_len);
}
