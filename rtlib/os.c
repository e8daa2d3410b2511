/* The OS layer over raw system calls: see os.h. */
#include "os.h"
#include "syscall.h"

#define MAP_PRIVATE 0x02
#define MAP_ANONYMOUS 0x20
#define MREMAP_MAYMOVE 1
#define F_GETFL 3
#define TCGETS 0x5401
#define AT_EMPTY_PATH 0x1000
#define STATX_TYPE 1u
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define STATX_MODE_OFFSET 28

long os_read(int fd, void *buf, size_t len)
{
	return rt_syscall3(SYS_read, fd, (long)buf, (long)len);
}

long os_write(int fd, const void *buf, size_t len)
{
	return rt_syscall3(SYS_write, fd, (long)buf, (long)len);
}

long os_readv(int fd, const struct os_iovec *iov, int count)
{
	return rt_syscall3(SYS_readv, fd, (long)iov, count);
}

long os_writev(int fd, const struct os_iovec *iov, int count)
{
	return rt_syscall3(SYS_writev, fd, (long)iov, count);
}

long os_lseek(int fd, int64_t offset, int whence)
{
	return rt_syscall3(SYS_lseek, fd, (long)offset, whence);
}

long os_close(int fd)
{
	return rt_syscall1(SYS_close, fd);
}

/* statx rather than fstat: its layout is the same on every architecture. */
long os_file_type(int fd)
{
	_Alignas(8) uint8_t statx_buf[256];
	long ret = rt_syscall5(SYS_statx, fd, (long)"", AT_EMPTY_PATH, STATX_TYPE, (long)statx_buf);
	if (ret < 0)
		return ret;
	uint16_t mode;
	__builtin_memcpy(&mode, statx_buf + STATX_MODE_OFFSET, sizeof mode);
	return mode & OS_S_IFMT;
}

long os_fcntl_getfl(int fd)
{
	return rt_syscall2(SYS_fcntl, fd, F_GETFL);
}

bool os_isatty(int fd)
{
	_Alignas(8) uint8_t termios[64];
	return rt_syscall3(SYS_ioctl, fd, TCGETS, (long)termios) == 0;
}

long os_wait_fd(int fd, short events)
{
	struct {
		int32_t fd;
		int16_t events, revents;
	} poll_fd = { fd, events, 0 };
	return rt_syscall5(SYS_ppoll, (long)&poll_fd, 1, 0, 0, 0);
}

#define F_SETFL 4
#define STATX_BASIC_STATS 0x7ffu

long os_openat(int dirfd, const char *path, int flags, int mode)
{
	return rt_syscall4(SYS_openat, dirfd, (long)path, flags, mode);
}

static uint32_t load_u32(const uint8_t *p)
{
	uint32_t v;
	__builtin_memcpy(&v, p, sizeof v);
	return v;
}

static uint64_t load_u64(const uint8_t *p)
{
	uint64_t v;
	__builtin_memcpy(&v, p, sizeof v);
	return v;
}

/* A statx_timestamp (i64 seconds, u32 nanoseconds) in nanoseconds. */
static int64_t load_time(const uint8_t *p)
{
	int64_t sec = (int64_t)load_u64(p);
	return sec * 1000000000 + (int64_t)load_u32(p + 8);
}

/* The struct statx layout is the same on every architecture (include/uapi/linux/stat.h). */
long os_statx(int dirfd, const char *path, int flags, struct os_stat *st)
{
	_Alignas(8) uint8_t buf[256];
	long ret = rt_syscall5(SYS_statx, dirfd, (long)path, flags, STATX_BASIC_STATS, (long)buf);
	if (ret < 0)
		return ret;
	uint64_t major = load_u32(buf + 136), minor = load_u32(buf + 140);
	/* glibc's makedev, so that st_dev reads as it does natively. */
	st->dev = ((major & 0xfffff000ull) << 32) | ((major & 0xfffull) << 8) | ((minor & 0xffffff00ull) << 12) |
		(minor & 0xffull);
	st->ino = load_u64(buf + 32);
	st->nlink = load_u32(buf + 16);
	st->size = load_u64(buf + 40);
	st->mode = load_u32(buf + STATX_MODE_OFFSET) & 0xffff;
	st->atim = load_time(buf + 64);
	st->ctim = load_time(buf + 96);
	st->mtim = load_time(buf + 112);
	return 0;
}

long os_readlinkat(int dirfd, const char *path, char *buf, size_t len)
{
	return rt_syscall4(SYS_readlinkat, dirfd, (long)path, (long)buf, (long)len);
}

long os_mkdirat(int dirfd, const char *path, int mode)
{
	return rt_syscall3(SYS_mkdirat, dirfd, (long)path, mode);
}

long os_unlinkat(int dirfd, const char *path, int flags)
{
	return rt_syscall3(SYS_unlinkat, dirfd, (long)path, flags);
}

long os_symlinkat(const char *target, int dirfd, const char *path)
{
	return rt_syscall3(SYS_symlinkat, (long)target, dirfd, (long)path);
}

long os_linkat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath, int flags)
{
	return rt_syscall5(SYS_linkat, olddirfd, (long)oldpath, newdirfd, (long)newpath, flags);
}

/* renameat2 with no flags: the generic table has no renameat. */
long os_renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	return rt_syscall5(SYS_renameat2, olddirfd, (long)oldpath, newdirfd, (long)newpath, 0);
}

long os_utimensat(int dirfd, const char *path, const struct os_timespec times[2], int flags)
{
	return rt_syscall4(SYS_utimensat, dirfd, (long)path, (long)times, flags);
}

long os_getdents64(int fd, void *buf, size_t len)
{
	return rt_syscall3(SYS_getdents64, fd, (long)buf, (long)len);
}

/* The offset goes as two halves (low, high); 64-bit kernels take it whole from the first. */
long os_preadv(int fd, const struct os_iovec *iov, int count, int64_t offset)
{
	return rt_syscall5(SYS_preadv, fd, (long)iov, count, (long)offset, 0);
}

long os_pwritev(int fd, const struct os_iovec *iov, int count, int64_t offset)
{
	return rt_syscall5(SYS_pwritev, fd, (long)iov, count, (long)offset, 0);
}

long os_ftruncate(int fd, int64_t len)
{
	return rt_syscall2(SYS_ftruncate, fd, (long)len);
}

long os_fallocate(int fd, int mode, int64_t offset, int64_t len)
{
	return rt_syscall4(SYS_fallocate, fd, mode, (long)offset, (long)len);
}

long os_fadvise(int fd, int64_t offset, int64_t len, int advice)
{
	return rt_syscall4(SYS_fadvise64, fd, (long)offset, (long)len, advice);
}

long os_fsync(int fd)
{
	return rt_syscall1(SYS_fsync, fd);
}

long os_fdatasync(int fd)
{
	return rt_syscall1(SYS_fdatasync, fd);
}

long os_fcntl_setfl(int fd, long flags)
{
	return rt_syscall3(SYS_fcntl, fd, F_SETFL, flags);
}

long os_dup3(int oldfd, int newfd, int flags)
{
	return rt_syscall3(SYS_dup3, oldfd, newfd, flags);
}

_Noreturn void os_exit(int code)
{
	for (;;)
		rt_syscall1(SYS_exit_group, code);
}

long os_sched_yield(void)
{
	return rt_syscall0(SYS_sched_yield);
}

static bool is_error(long ret)
{
	return (unsigned long)ret > -4096ul;
}

void *os_mmap_anon(size_t len, int prot, int extra_flags)
{
	long ret = rt_syscall6(SYS_mmap, 0, (long)len, prot, MAP_PRIVATE | MAP_ANONYMOUS | extra_flags, -1, 0);
	return is_error(ret) ? NULL : (void *)ret;
}

long os_munmap(void *addr, size_t len)
{
	return rt_syscall2(SYS_munmap, (long)addr, (long)len);
}

long os_mprotect(void *addr, size_t len, int prot)
{
	return rt_syscall3(SYS_mprotect, (long)addr, (long)len, prot);
}

long os_madvise(void *addr, size_t len, int advice)
{
	return rt_syscall3(SYS_madvise, (long)addr, (long)len, advice);
}

void *os_mremap(void *addr, size_t old_len, size_t new_len)
{
	long ret = rt_syscall5(SYS_mremap, (long)addr, (long)old_len, (long)new_len, MREMAP_MAYMOVE, 0);
	return is_error(ret) ? NULL : (void *)ret;
}

long os_clock_gettime(int clock, struct os_timespec *ts)
{
	os_clock_gettime_fn vdso = rt_vdso_clock_gettime();
	return vdso ? vdso(clock, ts) : rt_syscall2(SYS_clock_gettime, clock, (long)ts);
}

long os_clock_getres(int clock, struct os_timespec *ts)
{
	return rt_syscall2(SYS_clock_getres, clock, (long)ts);
}

long os_getrandom(void *buf, size_t len)
{
	return rt_syscall3(SYS_getrandom, (long)buf, (long)len, 0);
}

long os_sigaltstack(void *stack, size_t size)
{
	struct {
		void *sp;
		int32_t flags;
		size_t size;
	} ss = { stack, 0, size };
	return rt_syscall2(SYS_sigaltstack, (long)&ss, 0);
}

long os_signal_unblock(int sig)
{
	uint64_t set = 1ull << (sig - 1);
	return rt_syscall4(SYS_rt_sigprocmask, SIG_UNBLOCK, (long)&set, 0, sizeof set);
}

long os_raise(int sig)
{
	return rt_syscall3(SYS_tgkill, rt_syscall0(SYS_getpid), rt_syscall0(SYS_gettid), sig);
}

long os_alarm_after(uint64_t ns)
{
	struct { long interval_sec, interval_usec, value_sec, value_usec; } timer = {
		0, 0, (long)(ns / 1000000000u), (long)(ns % 1000000000u / 1000u),
	};
	if (!timer.value_sec && !timer.value_usec)
		timer.value_usec = 1; /* zero would disarm it */
	return rt_syscall3(SYS_setitimer, 0 /* ITIMER_REAL */, (long)&timer, 0);
}

long os_ppoll(struct os_pollfd *fds, size_t count, const struct os_timespec *timeout)
{
	return rt_syscall5(SYS_ppoll, (long)fds, (long)count, (long)timeout, 0, 0);
}

long os_clock_nanosleep(int clock, int flags, const struct os_timespec *t)
{
	return rt_syscall4(SYS_clock_nanosleep, clock, flags, (long)t, 0);
}

#define FIONREAD 0x541b

long os_bytes_readable(int fd)
{
	int32_t n = 0;
	long ret = rt_syscall3(SYS_ioctl, fd, FIONREAD, (long)&n);
	return ret < 0 ? ret : n;
}

long os_accept4(int fd, int flags)
{
	return rt_syscall4(SYS_accept4, fd, 0, 0, flags);
}

/* struct msghdr of 64-bit Linux, without address or control data. */
struct msghdr64 {
	void *name;
	uint32_t name_len;
	const struct os_iovec *iov;
	size_t iov_count;
	void *control;
	size_t control_len;
	int32_t flags;
};

long os_recvmsg(int fd, const struct os_iovec *iov, int count, int flags, int *msg_flags)
{
	struct msghdr64 msg = { .iov = iov, .iov_count = (size_t)count };
	long ret = rt_syscall3(SYS_recvmsg, fd, (long)&msg, flags);
	*msg_flags = ret < 0 ? 0 : msg.flags;
	return ret;
}

long os_sendmsg(int fd, const struct os_iovec *iov, int count, int flags)
{
	struct msghdr64 msg = { .iov = iov, .iov_count = (size_t)count };
	return rt_syscall3(SYS_sendmsg, fd, (long)&msg, flags);
}

long os_shutdown(int fd, int how)
{
	return rt_syscall2(SYS_shutdown, fd, how);
}

#define SOL_SOCKET 1
#define SO_TYPE 3

long os_socket_type(int fd)
{
	int32_t type = 0;
	uint32_t len = sizeof type;
	long ret = rt_syscall5(SYS_getsockopt, fd, SOL_SOCKET, SO_TYPE, (long)&type, (long)&len);
	return ret < 0 ? ret : type;
}

long os_getpid(void)
{
	return rt_syscall0(SYS_getpid);
}

long os_kill_self(int sig)
{
	return rt_syscall2(SYS_kill, rt_syscall0(SYS_getpid), sig);
}

/* The length of the sockaddr_in / sockaddr_in6 that addr's family has (AF_UNSPEC: the family alone matters). */
static uint32_t sockaddr_len(const struct os_sockaddr *addr)
{
	return addr->family == OS_AF_INET6 ? 28 : 16;
}

long os_socket(int family, int type, int protocol)
{
	return rt_syscall3(SYS_socket, family, type, protocol);
}

long os_bind(int fd, const struct os_sockaddr *addr)
{
	return rt_syscall3(SYS_bind, fd, (long)addr, sockaddr_len(addr));
}

long os_connect(int fd, const struct os_sockaddr *addr)
{
	return rt_syscall3(SYS_connect, fd, (long)addr, sockaddr_len(addr));
}

long os_listen(int fd, int backlog)
{
	return rt_syscall2(SYS_listen, fd, backlog);
}

long os_getsockname(int fd, struct os_sockaddr *addr)
{
	uint32_t len = sizeof *addr;
	return rt_syscall3(SYS_getsockname, fd, (long)addr, (long)&len);
}

long os_getpeername(int fd, struct os_sockaddr *addr)
{
	uint32_t len = sizeof *addr;
	return rt_syscall3(SYS_getpeername, fd, (long)addr, (long)&len);
}

long os_getsockopt_int(int fd, int level, int name, int *value)
{
	int32_t v = 0;
	uint32_t len = sizeof v;
	long ret = rt_syscall5(SYS_getsockopt, fd, level, name, (long)&v, (long)&len);
	*value = v;
	return ret;
}

long os_setsockopt_int(int fd, int level, int name, int value)
{
	int32_t v = value;
	return rt_syscall5(SYS_setsockopt, fd, level, name, (long)&v, sizeof v);
}

long os_sendto(int fd, const void *buf, size_t len, int flags, const struct os_sockaddr *addr)
{
	return rt_syscall6(SYS_sendto, fd, (long)buf, (long)len, flags, (long)addr, addr ? sockaddr_len(addr) : 0);
}

long os_recvfrom(int fd, void *buf, size_t len, int flags, struct os_sockaddr *from)
{
	uint32_t from_len = sizeof *from;
	return rt_syscall6(SYS_recvfrom, fd, (long)buf, (long)len, flags, (long)from, (long)&from_len);
}

#define F_DUPFD_CLOEXEC 1030

long os_dup_cloexec(int fd)
{
	return rt_syscall3(SYS_fcntl, fd, F_DUPFD_CLOEXEC, 0);
}

#define SIG_IGN 1

/*
 * The kernel's struct sigaction is handler, flags, then the restorer where
 * the architecture has one and the mask: all zero but the handler, so four
 * words fit every layout.
 */
long os_signal_ignore(int sig)
{
	unsigned long action[4] = { SIG_IGN, 0, 0, 0 };
	return rt_syscall4(SYS_rt_sigaction, sig, (long)action, 0, sizeof(uint64_t));
}

#define SIGCHLD 17
#define MFD_CLOEXEC 1

long os_fork(void)
{
	/* clone with no new stack and no thread pointers: the argument orders of the architectures differ only there. */
	return rt_syscall5(SYS_clone, SIGCHLD, 0, 0, 0, 0);
}

long os_wait(int pid, int *status, int options)
{
	return rt_syscall4(SYS_wait4, pid, (long)status, options, 0);
}

long os_memfd(const char *name)
{
	return rt_syscall2(SYS_memfd_create, (long)name, MFD_CLOEXEC);
}

long os_pread(int fd, void *buf, size_t len, int64_t offset)
{
	return rt_syscall4(SYS_pread64, fd, (long)buf, (long)len, (long)offset);
}

long os_signal_block(int sig)
{
	uint64_t set = 1ull << (sig - 1);
	return rt_syscall4(SYS_rt_sigprocmask, SIG_BLOCK, (long)&set, 0, sizeof set);
}

#define SFD_NONBLOCK 04000
#define SFD_CLOEXEC 02000000

long os_signalfd(int sig)
{
	uint64_t set = 1ull << (sig - 1);
	return rt_syscall4(SYS_signalfd4, -1, (long)&set, sizeof set, SFD_NONBLOCK | SFD_CLOEXEC);
}

long os_kill(int pid, int sig)
{
	return rt_syscall2(SYS_kill, pid, sig);
}
