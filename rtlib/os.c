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

void *os_mremap(void *addr, size_t old_len, size_t new_len)
{
	long ret = rt_syscall5(SYS_mremap, (long)addr, (long)old_len, (long)new_len, MREMAP_MAYMOVE, 0);
	return is_error(ret) ? NULL : (void *)ret;
}

long os_clock_gettime(int clock, struct os_timespec *ts)
{
	return rt_syscall2(SYS_clock_gettime, clock, (long)ts);
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
