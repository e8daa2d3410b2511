/*
 * The host side of a wasm2c-translated benchmark program (wabt 1.0.32's API):
 * the few wasi_snapshot_preview1 functions that wasi-libc's start-up, stdio
 * and exit use, and main(), which instantiates the module named "prog"
 * (wasm2c -n prog) and calls its _start. Built per program with -I pointing
 * at the folder holding the generated prog.h.
 *
 * Only what the benchmark corpus needs: stdout/stderr writes, arguments, an
 * empty environment, clocks, random bytes, exit. Anything else fails to link,
 * which bench/run reports as wasm2c being unable to run that program.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "prog.h"
#include "wasm-rt-impl.h"

enum { WASI_ESUCCESS = 0, WASI_EBADF = 8, WASI_EFAULT = 21, WASI_EINVAL = 28, WASI_EIO = 29, WASI_ENOSYS = 52 };

struct Z_wasi_snapshot_preview1_instance_t {
	wasm_rt_memory_t *memory;
	int argc;
	char **argv;
};

/* A guest range [ptr, ptr + len) inside memory, or NULL. */
static uint8_t *guest(struct Z_wasi_snapshot_preview1_instance_t *w, u32 ptr, u64 len)
{
	if ((u64)ptr + len > w->memory->size)
		return NULL;
	return w->memory->data + ptr;
}

static int put_u32(struct Z_wasi_snapshot_preview1_instance_t *w, u32 ptr, u32 v)
{
	uint8_t *p = guest(w, ptr, 4);
	if (!p)
		return 0;
	memcpy(p, &v, 4);
	return 1;
}

static int put_u64(struct Z_wasi_snapshot_preview1_instance_t *w, u32 ptr, u64 v)
{
	uint8_t *p = guest(w, ptr, 8);
	if (!p)
		return 0;
	memcpy(p, &v, 8);
	return 1;
}

u32 Z_wasi_snapshot_preview1Z_args_sizes_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 argc_ptr,
					     u32 size_ptr)
{
	u32 size = 0;
	for (int i = 0; i < w->argc; i++)
		size += (u32)strlen(w->argv[i]) + 1;
	return put_u32(w, argc_ptr, (u32)w->argc) && put_u32(w, size_ptr, size) ? WASI_ESUCCESS : WASI_EFAULT;
}

u32 Z_wasi_snapshot_preview1Z_args_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 argv_ptr, u32 buf_ptr)
{
	for (int i = 0; i < w->argc; i++) {
		u32 len = (u32)strlen(w->argv[i]) + 1;
		uint8_t *dst = guest(w, buf_ptr, len);
		if (!dst || !put_u32(w, argv_ptr + 4 * (u32)i, buf_ptr))
			return WASI_EFAULT;
		memcpy(dst, w->argv[i], len);
		buf_ptr += len;
	}
	return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_environ_sizes_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 count_ptr,
						u32 size_ptr)
{
	return put_u32(w, count_ptr, 0) && put_u32(w, size_ptr, 0) ? WASI_ESUCCESS : WASI_EFAULT;
}

u32 Z_wasi_snapshot_preview1Z_environ_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 environ_ptr,
					  u32 buf_ptr)
{
	return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_fd_write(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u32 iovs, u32 count,
				       u32 written_ptr)
{
	if (fd != 1 && fd != 2)
		return WASI_EBADF;
	u32 total = 0;
	for (u32 i = 0; i < count; i++) {
		uint8_t *iov = guest(w, iovs + 8 * i, 8);
		if (!iov)
			return WASI_EFAULT;
		u32 ptr, len;
		memcpy(&ptr, iov, 4);
		memcpy(&len, iov + 4, 4);
		uint8_t *buf = guest(w, ptr, len);
		if (!buf)
			return WASI_EFAULT;
		while (len > 0) {
			ssize_t n = write((int)fd, buf, len);
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0)
				return WASI_EIO;
			buf += n;
			len -= (u32)n;
			total += (u32)n;
		}
	}
	return put_u32(w, written_ptr, total) ? WASI_ESUCCESS : WASI_EFAULT;
}

u32 Z_wasi_snapshot_preview1Z_fd_close(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd)
{
	return fd <= 2 ? WASI_ESUCCESS : WASI_EBADF;
}

u32 Z_wasi_snapshot_preview1Z_fd_seek(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u64 offset,
				      u32 whence, u32 result_ptr)
{
	/* The standard streams are not seekable here (wasi-libc asks when opening stdout). */
	return fd <= 2 ? 70 /* ESPIPE */ : WASI_EBADF;
}

u32 Z_wasi_snapshot_preview1Z_fd_fdstat_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 fd, u32 stat_ptr)
{
	if (fd > 2)
		return WASI_EBADF;
	uint8_t *st = guest(w, stat_ptr, 24);
	if (!st)
		return WASI_EFAULT;
	memset(st, 0, 24);
	st[0] = isatty((int)fd) ? 2 /* character device */ : 0 /* unknown */;
	u64 rights = 1u << 6 /* fd_write */;
	memcpy(st + 8, &rights, 8);
	return WASI_ESUCCESS;
}

u32 Z_wasi_snapshot_preview1Z_clock_time_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 id,
					     u64 precision, u32 time_ptr)
{
	static const clockid_t ids[] = { CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
					 CLOCK_THREAD_CPUTIME_ID };
	struct timespec ts;
	if (id >= sizeof ids / sizeof ids[0] || clock_gettime(ids[id], &ts) != 0)
		return WASI_EINVAL;
	return put_u64(w, time_ptr, (u64)ts.tv_sec * 1000000000u + (u64)ts.tv_nsec) ? WASI_ESUCCESS : WASI_EFAULT;
}

u32 Z_wasi_snapshot_preview1Z_random_get(struct Z_wasi_snapshot_preview1_instance_t *w, u32 buf_ptr, u32 len)
{
	uint8_t *buf = guest(w, buf_ptr, len);
	if (!buf)
		return WASI_EFAULT;
	for (u32 done = 0; done < len;) {
		ssize_t n = getrandom(buf + done, len - done, 0);
		if (n < 0 && errno != EINTR)
			return WASI_EIO;
		if (n > 0)
			done += (u32)n;
	}
	return WASI_ESUCCESS;
}

void Z_wasi_snapshot_preview1Z_proc_exit(struct Z_wasi_snapshot_preview1_instance_t *w, u32 code)
{
	exit((int)code);
}

int main(int argc, char **argv)
{
	static Z_prog_instance_t instance;
	static struct Z_wasi_snapshot_preview1_instance_t wasi;
	wasi.argc = argc;
	wasi.argv = argv;
	wasm_rt_init();
	Z_prog_init_module();
	Z_prog_instantiate(&instance, &wasi);
	wasi.memory = Z_progZ_memory(&instance);
	wasm_rt_trap_t trap = wasm_rt_impl_try();
	if (trap != WASM_RT_TRAP_NONE) {
		fprintf(stderr, "wasm2c: trap: %s\n", wasm_rt_strerror(trap));
		return 134;
	}
	Z_progZ__start(&instance);
	return 0;
}
