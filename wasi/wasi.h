/*
 * The host side of WASI preview 1 (see wasi_p1.def). Each function is called
 * by generated code as wasi_p1_NAME(caller, ...): pointers are i32 offsets
 * into the caller's memory 0, checked against its size (out of bounds gives
 * WASI_EFAULT); results are WASI errno values.
 */
#ifndef WASMC_WASI_H
#define WASMC_WASI_H

#include <stdint.h>

#include "rt_abi.h"

enum wasi_errno {
#define WASI_ERRNO(name, wasi_code, linux_code) WASI_E##name = wasi_code,
#include "errno.def"
#undef WASI_ERRNO
};

/*
 * The process's command line, from the entry (rtlib's main.c). Arguments
 * pass to the program as they are; environment variables are kept but none
 * is visible to it until granted.
 */
void wasi_p1_init(int argc, char **argv, char **envp);

/* The WASI errno of a Linux errno (positive). */
int32_t wasi_errno_from_linux(long linux_errno);

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
_Noreturn void wasi_p1_proc_exit(struct rt_instance *caller, int32_t code);
int32_t wasi_p1_random_get(struct rt_instance *caller, int32_t buf, int32_t buf_len);
int32_t wasi_p1_sched_yield(struct rt_instance *caller);

/* Every function of wasi_p1.def is declared above. */
#define WASI_P1(name, signature) _Static_assert(sizeof(&wasi_p1_##name) != 0, "wasi_p1_" #name);
#include "wasi_p1.def"
#undef WASI_P1

#endif
