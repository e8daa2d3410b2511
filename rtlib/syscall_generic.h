/*
 * Linux's generic system call numbers (include/uapi/asm-generic/unistd.h),
 * which AArch64 and RISC-V 64 share; their syscall.h includes this file and
 * adds the instruction that makes the call. x86-64 has a table of its own
 * (x86_64/syscall.h). Only *at, statx, ppoll and renameat2 forms exist here:
 * the generic table has no open, stat, poll or rename.
 */
#ifndef WASMC_RT_SYSCALL_GENERIC_H
#define WASMC_RT_SYSCALL_GENERIC_H

#define SYS_getcwd 17
#define SYS_dup 23
#define SYS_dup3 24
#define SYS_fcntl 25
#define SYS_ioctl 29
#define SYS_mkdirat 34
#define SYS_unlinkat 35
#define SYS_symlinkat 36
#define SYS_linkat 37
#define SYS_ftruncate 46
#define SYS_fallocate 47
#define SYS_faccessat 48
#define SYS_fchmod 52
#define SYS_openat 56
#define SYS_close 57
#define SYS_getdents64 61
#define SYS_lseek 62
#define SYS_read 63
#define SYS_write 64
#define SYS_readv 65
#define SYS_writev 66
#define SYS_pread64 67
#define SYS_pwrite64 68
#define SYS_preadv 69
#define SYS_pwritev 70
#define SYS_ppoll 73
#define SYS_signalfd4 74
#define SYS_readlinkat 78
#define SYS_newfstatat 79
#define SYS_fstat 80
#define SYS_fsync 82
#define SYS_fdatasync 83
#define SYS_utimensat 88
#define SYS_exit 93
#define SYS_exit_group 94
#define SYS_nanosleep 101
#define SYS_setitimer 103
#define SYS_clock_gettime 113
#define SYS_clock_getres 114
#define SYS_clock_nanosleep 115
#define SYS_sched_yield 124
#define SYS_kill 129
#define SYS_tgkill 131
#define SYS_sigaltstack 132
#define SYS_rt_sigaction 134
#define SYS_rt_sigprocmask 135
#define SYS_rt_sigreturn 139
#define SYS_getpid 172
#define SYS_gettid 178
#define SYS_socket 198
#define SYS_bind 200
#define SYS_listen 201
#define SYS_accept 202
#define SYS_connect 203
#define SYS_getsockname 204
#define SYS_getpeername 205
#define SYS_sendto 206
#define SYS_recvfrom 207
#define SYS_setsockopt 208
#define SYS_getsockopt 209
#define SYS_shutdown 210
#define SYS_sendmsg 211
#define SYS_recvmsg 212
#define SYS_munmap 215
#define SYS_mremap 216
#define SYS_madvise 233
#define SYS_mmap 222
#define SYS_fadvise64 223
#define SYS_mprotect 226
#define SYS_clone 220
#define SYS_accept4 242
#define SYS_wait4 260
#define SYS_renameat2 276
#define SYS_getrandom 278
#define SYS_memfd_create 279
#define SYS_statx 291

#endif
