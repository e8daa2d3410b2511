/*
 * The host side of WASI preview 1 (see wasi_p1.def). Each function is called
 * by generated code as wasi_p1_NAME(caller, ...): pointers are i32 offsets
 * into the caller's memory 0, checked against its size (out of bounds gives
 * WASI_EFAULT); results are WASI errno values. Public for what plays
 * generated code (tests/rtlib); the compiler binds the names from wasi_p1.def.
 */
#ifndef WASMC_WASI_P1_H
#define WASMC_WASI_P1_H

#include <stdbool.h>
#include <stdint.h>

#include "rt_abi.h"
#include "wasi_errno.h"

int32_t wasi_p1_args_get(struct rt_instance *caller, int32_t argv, int32_t argv_buf);
int32_t wasi_p1_args_sizes_get(struct rt_instance *caller, int32_t argc_out, int32_t argv_buf_size_out);
int32_t wasi_p1_environ_get(struct rt_instance *caller, int32_t environ, int32_t environ_buf);
int32_t wasi_p1_environ_sizes_get(struct rt_instance *caller, int32_t count_out, int32_t buf_size_out);
int32_t wasi_p1_clock_res_get(struct rt_instance *caller, int32_t clock_id, int32_t resolution_out);
int32_t wasi_p1_clock_time_get(struct rt_instance *caller, int32_t clock_id, int64_t precision, int32_t time_out);
int32_t wasi_p1_fd_close(struct rt_instance *caller, int32_t fd);
int32_t wasi_p1_fd_fdstat_get(struct rt_instance *caller, int32_t fd, int32_t fdstat_out);
int32_t wasi_p1_fd_seek(struct rt_instance *caller, int32_t fd, int64_t offset, int32_t whence, int32_t offset_out);
int32_t wasi_p1_fd_write(struct rt_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nwritten_out);
int32_t wasi_p1_fd_read(struct rt_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len, int32_t nread_out);
int32_t wasi_p1_fd_prestat_get(struct rt_instance *caller, int32_t fd, int32_t prestat_out);
int32_t wasi_p1_fd_prestat_dir_name(struct rt_instance *caller, int32_t fd, int32_t path, int32_t path_len);
int32_t wasi_p1_fd_advise(struct rt_instance *caller, int32_t fd, int64_t offset, int64_t len, int32_t advice);
int32_t wasi_p1_fd_allocate(struct rt_instance *caller, int32_t fd, int64_t offset, int64_t len);
int32_t wasi_p1_fd_datasync(struct rt_instance *caller, int32_t fd);
int32_t wasi_p1_fd_sync(struct rt_instance *caller, int32_t fd);
int32_t wasi_p1_fd_fdstat_set_flags(struct rt_instance *caller, int32_t fd, int32_t flags);
int32_t wasi_p1_fd_fdstat_set_rights(struct rt_instance *caller, int32_t fd, int64_t base, int64_t inheriting);
int32_t wasi_p1_fd_filestat_get(struct rt_instance *caller, int32_t fd, int32_t filestat_out);
int32_t wasi_p1_fd_filestat_set_size(struct rt_instance *caller, int32_t fd, int64_t size);
int32_t wasi_p1_fd_filestat_set_times(struct rt_instance *caller, int32_t fd, int64_t atim, int64_t mtim,
		int32_t fst_flags);
int32_t wasi_p1_fd_pread(struct rt_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len, int64_t offset,
		int32_t nread_out);
int32_t wasi_p1_fd_pwrite(struct rt_instance *caller, int32_t fd, int32_t iovs, int32_t iovs_len, int64_t offset,
		int32_t nwritten_out);
int32_t wasi_p1_fd_readdir(struct rt_instance *caller, int32_t fd, int32_t buf, int32_t buf_len, int64_t cookie,
		int32_t bufused_out);
int32_t wasi_p1_fd_renumber(struct rt_instance *caller, int32_t fd, int32_t to);
int32_t wasi_p1_fd_tell(struct rt_instance *caller, int32_t fd, int32_t offset_out);
int32_t wasi_p1_path_create_directory(struct rt_instance *caller, int32_t fd, int32_t path, int32_t path_len);
int32_t wasi_p1_path_filestat_get(struct rt_instance *caller, int32_t fd, int32_t flags, int32_t path,
		int32_t path_len, int32_t filestat_out);
int32_t wasi_p1_path_filestat_set_times(struct rt_instance *caller, int32_t fd, int32_t flags, int32_t path,
		int32_t path_len, int64_t atim, int64_t mtim, int32_t fst_flags);
int32_t wasi_p1_path_link(struct rt_instance *caller, int32_t old_fd, int32_t old_flags, int32_t old_path,
		int32_t old_path_len, int32_t new_fd, int32_t new_path, int32_t new_path_len);
int32_t wasi_p1_path_open(struct rt_instance *caller, int32_t fd, int32_t dirflags, int32_t path, int32_t path_len,
		int32_t oflags, int64_t rights_base, int64_t rights_inheriting, int32_t fdflags, int32_t fd_out);
int32_t wasi_p1_path_readlink(struct rt_instance *caller, int32_t fd, int32_t path, int32_t path_len, int32_t buf,
		int32_t buf_len, int32_t bufused_out);
int32_t wasi_p1_path_remove_directory(struct rt_instance *caller, int32_t fd, int32_t path, int32_t path_len);
int32_t wasi_p1_path_rename(struct rt_instance *caller, int32_t fd, int32_t old_path, int32_t old_path_len,
		int32_t new_fd, int32_t new_path, int32_t new_path_len);
int32_t wasi_p1_path_symlink(struct rt_instance *caller, int32_t old_path, int32_t old_path_len, int32_t fd,
		int32_t new_path, int32_t new_path_len);
int32_t wasi_p1_path_unlink_file(struct rt_instance *caller, int32_t fd, int32_t path, int32_t path_len);
_Noreturn void wasi_p1_proc_exit(struct rt_instance *caller, int32_t code);
int32_t wasi_p1_proc_raise(struct rt_instance *caller, int32_t sig);
int32_t wasi_p1_poll_oneoff(struct rt_instance *caller, int32_t in, int32_t out, int32_t nsubscriptions,
		int32_t nevents_out);
int32_t wasi_p1_sock_accept(struct rt_instance *caller, int32_t fd, int32_t flags, int32_t fd_out);
int32_t wasi_p1_sock_recv(struct rt_instance *caller, int32_t fd, int32_t ri_data, int32_t ri_data_len,
		int32_t ri_flags, int32_t ro_datalen_out, int32_t ro_flags_out);
int32_t wasi_p1_sock_send(struct rt_instance *caller, int32_t fd, int32_t si_data, int32_t si_data_len,
		int32_t si_flags, int32_t so_datalen_out);
int32_t wasi_p1_sock_shutdown(struct rt_instance *caller, int32_t fd, int32_t how);
int32_t wasi_p1_random_get(struct rt_instance *caller, int32_t buf, int32_t buf_len);
int32_t wasi_p1_sched_yield(struct rt_instance *caller);

/* Every function of wasi_p1.def is declared above. */
#define WASI_P1(name, signature) _Static_assert(sizeof(&wasi_p1_##name) != 0, "wasi_p1_" #name);
#include "wasi_p1.def"
#undef WASI_P1

#endif
