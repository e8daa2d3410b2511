/*
 * The OS layer: small wrappers over the architecture's raw Linux system
 * calls (<arch>/syscall.h). Calls return -errno on failure, as the kernel
 * does; pointer-returning ones return NULL.
 *
 * The constants are Linux's generic (asm-generic) values, which x86-64,
 * AArch64 and RISC-V 64 share, but for the few marked where one differs.
 */
#ifndef WASMC_RT_OS_H
#define WASMC_RT_OS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define OS_PAGE_SIZE 4096u

#define OS_PROT_NONE 0
#define OS_PROT_READ 1
#define OS_PROT_WRITE 2
#define OS_MAP_NORESERVE 0x4000
#define OS_MAP_STACK 0x20000

#define OS_SIGBUS 7
#define OS_SIGSEGV 11

#define OS_EINTR 4
#define OS_EAGAIN 11

#define OS_POLLIN 1
#define OS_POLLOUT 4

#define OS_S_IFMT 0170000
#define OS_S_IFIFO 0010000
#define OS_S_IFCHR 0020000
#define OS_S_IFDIR 0040000
#define OS_S_IFBLK 0060000
#define OS_S_IFREG 0100000
#define OS_S_IFLNK 0120000
#define OS_S_IFSOCK 0140000

#define OS_O_CREAT 0100
#define OS_O_EXCL 0200
#define OS_O_NOCTTY 0400
#define OS_O_TRUNC 01000
#define OS_O_APPEND 02000
#define OS_O_NONBLOCK 04000
#define OS_O_DSYNC 010000
#define OS_O_SYNC 04010000
#define OS_O_CLOEXEC 02000000
#define OS_O_PATH 010000000
/* The two open flags where AArch64 differs from the generic values. */
#if defined(__aarch64__)
#define OS_O_DIRECTORY 040000
#define OS_O_NOFOLLOW 0100000
#else
#define OS_O_DIRECTORY 0200000
#define OS_O_NOFOLLOW 0400000
#endif

struct os_iovec {
	void *base;
	size_t len;
};

struct os_timespec {
	int64_t sec, nsec;
};

long os_read(int fd, void *buf, size_t len);
long os_write(int fd, const void *buf, size_t len);
long os_readv(int fd, const struct os_iovec *iov, int count);
long os_writev(int fd, const struct os_iovec *iov, int count);
long os_lseek(int fd, int64_t offset, int whence);
long os_close(int fd);
/* The file type bits (OS_S_IFMT) of an open file. */
long os_file_type(int fd);
long os_fcntl_getfl(int fd);
bool os_isatty(int fd);
/* Waits until fd is ready for events (OS_POLLIN / OS_POLLOUT). */
long os_wait_fd(int fd, short events);

_Noreturn void os_exit(int code);
long os_sched_yield(void);

/* Anonymous private mappings; NULL on failure. */
void *os_mmap_anon(size_t len, int prot, int extra_flags);
long os_munmap(void *addr, size_t len);
long os_mprotect(void *addr, size_t len, int prot);
void *os_mremap(void *addr, size_t old_len, size_t new_len);

long os_clock_gettime(int clock, struct os_timespec *ts);
long os_clock_getres(int clock, struct os_timespec *ts);
long os_getrandom(void *buf, size_t len);

long os_sigaltstack(void *stack, size_t size);
long os_signal_unblock(int sig);
/* Sends sig to the calling thread. */
long os_raise(int sig);

#endif
