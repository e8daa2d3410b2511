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
#define OS_MADV_HUGEPAGE 14

#define OS_SIGBUS 7
#define OS_SIGSEGV 11
#define OS_SIGALRM 14

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

/* File system calls for WASI: the *at forms, relative to a directory descriptor. */
#define OS_AT_FDCWD (-100)
#define OS_AT_SYMLINK_NOFOLLOW 0x100
#define OS_AT_REMOVEDIR 0x200
#define OS_AT_SYMLINK_FOLLOW 0x400
#define OS_AT_EMPTY_PATH 0x1000
#define OS_O_RDONLY 0
#define OS_O_WRONLY 1
#define OS_O_RDWR 2
#define OS_O_ACCMODE 3
#define OS_RENAME_NOREPLACE 1
#define OS_UTIME_NOW ((1l << 30) - 1)
#define OS_UTIME_OMIT ((1l << 30) - 2)
#define OS_ENOENT 2
#define OS_EBADF 9
#define OS_EEXIST 17
#define OS_ENOTDIR 20
#define OS_EISDIR 21
#define OS_EINVAL 22
#define OS_ENOSYS 38
#define OS_ENOTEMPTY 39
#define OS_ELOOP 40
#define OS_EOPNOTSUPP 95

/* What statx tells about a file; times in nanoseconds since the epoch. */
struct os_stat {
	uint64_t dev, ino, nlink, size;
	uint32_t mode;
	int64_t atim, mtim, ctim;
};

long os_openat(int dirfd, const char *path, int flags, int mode);
/* statx of path relative to dirfd (path "" with OS_AT_EMPTY_PATH: dirfd itself). */
long os_statx(int dirfd, const char *path, int flags, struct os_stat *st);
long os_readlinkat(int dirfd, const char *path, char *buf, size_t len);
long os_mkdirat(int dirfd, const char *path, int mode);
long os_unlinkat(int dirfd, const char *path, int flags);
long os_symlinkat(const char *target, int dirfd, const char *path);
long os_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags);
long os_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath);
/* times[0] access, times[1] modification; nsec may be OS_UTIME_NOW / OS_UTIME_OMIT. */
long os_utimensat(int dirfd, const char *path, const struct os_timespec times[2], int flags);
long os_getdents64(int fd, void *buf, size_t len);
long os_preadv(int fd, const struct os_iovec *iov, int count, int64_t offset);
long os_pwritev(int fd, const struct os_iovec *iov, int count, int64_t offset);
long os_ftruncate(int fd, int64_t len);
long os_fallocate(int fd, int mode, int64_t offset, int64_t len);
long os_fadvise(int fd, int64_t offset, int64_t len, int advice);
long os_fsync(int fd);
long os_fdatasync(int fd);
long os_fcntl_setfl(int fd, long flags);
long os_dup3(int oldfd, int newfd, int flags);

_Noreturn void os_exit(int code);
long os_sched_yield(void);

/* Anonymous private mappings; NULL on failure. */
void *os_mmap_anon(size_t len, int prot, int extra_flags);
long os_munmap(void *addr, size_t len);
long os_mprotect(void *addr, size_t len, int prot);
void *os_mremap(void *addr, size_t old_len, size_t new_len);
long os_madvise(void *addr, size_t len, int advice);

/* clock_gettime through the vDSO when the kernel maps one (vdso.c), else the system call. */
long os_clock_gettime(int clock, struct os_timespec *ts);

/* vdso.c: records where the auxiliary vector lies, after envp's NULL (the entry calls it). */
void rt_vdso_set_auxv(char **envp);
typedef int (*os_clock_gettime_fn)(long clock, struct os_timespec *ts);
/* The vDSO's clock_gettime (0 or -errno, as the system call), or NULL without a vDSO. */
os_clock_gettime_fn rt_vdso_clock_gettime(void);
/* Where the kernel mapped the vDSO (AT_SYSINFO_EHDR), or NULL (qemu-user 7 maps none). */
const void *rt_vdso_base(void);
long os_clock_getres(int clock, struct os_timespec *ts);
long os_getrandom(void *buf, size_t len);

long os_sigaltstack(void *stack, size_t size);
long os_signal_unblock(int sig);
/* Sends sig to the calling thread. */
long os_raise(int sig);
/* Sends SIGALRM to the process once, ns nanoseconds from now (setitimer ITIMER_REAL). */
long os_alarm_after(uint64_t ns);

/* Waiting, signals and sockets for WASI (poll_oneoff, proc_raise, sock_*). */
#define OS_POLLERR 8
#define OS_POLLHUP 16
#define OS_POLLNVAL 32
#define OS_CLOCK_REALTIME 0
#define OS_CLOCK_MONOTONIC 1
#define OS_TIMER_ABSTIME 1
#define OS_SEEK_CUR 1
#define OS_MSG_PEEK 2
#define OS_MSG_TRUNC 0x20
#define OS_MSG_DONTWAIT 0x40
#define OS_MSG_WAITALL 0x100
#define OS_MSG_NOSIGNAL 0x4000
#define OS_SOCK_STREAM 1
#define OS_SOCK_DGRAM 2
#define OS_SOCK_NONBLOCK 04000
#define OS_SOCK_CLOEXEC 02000000
#define OS_SHUT_RD 0
#define OS_SHUT_WR 1
#define OS_SHUT_RDWR 2
#define OS_ENOTSOCK 88

struct os_pollfd {
	int32_t fd;
	int16_t events, revents;
};

/* timeout NULL: no limit. Returns the number of descriptors with events. */
long os_ppoll(struct os_pollfd *fds, size_t count, const struct os_timespec *timeout);
long os_clock_nanosleep(int clock, int flags, const struct os_timespec *t);
/* The bytes ready to read (FIONREAD). */
long os_bytes_readable(int fd);
long os_accept4(int fd, int flags);
/* recvmsg with no address; the message flags (OS_MSG_TRUNC) go to *msg_flags. */
long os_recvmsg(int fd, const struct os_iovec *iov, int count, int flags, int *msg_flags);
long os_sendmsg(int fd, const struct os_iovec *iov, int count, int flags);
long os_shutdown(int fd, int how);
/* SO_TYPE of a socket (OS_SOCK_STREAM, OS_SOCK_DGRAM, ...). */
long os_socket_type(int fd);
long os_getpid(void);
/* Sends sig to the whole process. */
long os_kill_self(int sig);

/* Sockets for WASI 0.2 (wasi:sockets): IPv4 and IPv6 sockets the program creates. */
#define OS_SIGPIPE 13
#define OS_EINPROGRESS 115
#define OS_AF_UNSPEC 0
#define OS_AF_INET 2
#define OS_AF_INET6 10
#define OS_SOL_SOCKET 1
#define OS_SO_REUSEADDR 2
#define OS_SO_ERROR 4
#define OS_SO_SNDBUF 7
#define OS_SO_RCVBUF 8
#define OS_SO_KEEPALIVE 9
#define OS_IPPROTO_IP 0
#define OS_IPPROTO_TCP 6
#define OS_IPPROTO_IPV6 41
#define OS_IP_TTL 2
#define OS_TCP_NODELAY 1
#define OS_TCP_KEEPIDLE 4
#define OS_TCP_KEEPINTVL 5
#define OS_TCP_KEEPCNT 6
#define OS_IPV6_UNICAST_HOPS 16
#define OS_IPV6_V6ONLY 26

/*
 * sockaddr_in (family OS_AF_INET: 16 bytes) or sockaddr_in6 (OS_AF_INET6:
 * 28 bytes), or OS_AF_UNSPEC alone; port and addresses in network byte order.
 */
struct os_sockaddr {
	uint16_t family;
	uint16_t port;
	union {
		uint8_t in4[4];
		struct {
			uint32_t flowinfo;
			uint8_t addr[16];
			uint32_t scope_id;
		} in6;
	};
};

long os_socket(int family, int type, int protocol);
/* bind and connect take the length that addr's family has. */
long os_bind(int fd, const struct os_sockaddr *addr);
long os_connect(int fd, const struct os_sockaddr *addr);
long os_listen(int fd, int backlog);
long os_getsockname(int fd, struct os_sockaddr *addr);
long os_getpeername(int fd, struct os_sockaddr *addr);
/* An int-valued socket option. */
long os_getsockopt_int(int fd, int level, int name, int *value);
long os_setsockopt_int(int fd, int level, int name, int value);
/* sendto (addr NULL: a connected socket's peer); recvfrom stores the sender at *from. */
long os_sendto(int fd, const void *buf, size_t len, int flags, const struct os_sockaddr *addr);
long os_recvfrom(int fd, void *buf, size_t len, int flags, struct os_sockaddr *from);
/* A new close-on-exec descriptor for fd's open file (F_DUPFD_CLOEXEC). */
long os_dup_cloexec(int fd);
/* From now on signal sig is ignored (SIGPIPE: writes to a closed connection fail with EPIPE). */
long os_signal_ignore(int sig);

/* Processes and anonymous files, for the HTTP server (a process per connection and per request). */
#define OS_WNOHANG 1
/* fork: the child's pid in the parent, 0 in the child, or -errno. */
long os_fork(void);
/* wait4 for pid (-1: any child); *status as the kernel gives it. */
long os_wait(int pid, int *status, int options);
/* The exit code of a wait status, or -1 if the process did not exit normally (a signal). */
static inline int os_exit_code(int status)
{
	return (status & 0x7f) == 0 ? (status >> 8) & 0xff : -1;
}
/* An anonymous file in memory (memfd_create, close-on-exec). */
long os_memfd(const char *name);
/* Signals as events: blocked, then read from a descriptor (signalfd, close-on-exec, non-blocking). */
#define OS_SIGTERM 15
long os_signal_block(int sig);
long os_signalfd(int sig);
long os_kill(int pid, int sig);
long os_pread(int fd, void *buf, size_t len, int64_t offset);

#endif
