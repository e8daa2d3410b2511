/*
 * poll_oneoff: clock subscriptions become one deadline on the monotonic
 * clock, fd_read / fd_write subscriptions one ppoll entry each. Regular
 * files are always ready (as poll(2) says of them), so they never wait.
 *
 * Errors follow Wasmtime: a malformed request (no subscriptions, an unknown
 * tag or clock, a descriptor that is not open or lacks poll_fd_readwrite)
 * fails the whole call; a descriptor that turns out bad while polling gets
 * its error in its own event.
 */
#include "clock.h"
#include "fd_table.h"
#include "guest_memory.h"
#include "os.h"
#include "wait.h"
#include "wasi_p1.h"

/* The witx layouts: subscription 48 bytes, event 32 bytes, both 8-aligned. */
#define SUB_SIZE 48
#define SUB_USERDATA 0
#define SUB_TAG 8
#define SUB_CLOCK_ID 16
#define SUB_CLOCK_TIMEOUT 24
#define SUB_CLOCK_FLAGS 40
#define SUB_FD 16
#define EVENT_SIZE 32
#define EVENT_USERDATA 0
#define EVENT_ERROR 8
#define EVENT_TYPE 10
#define EVENT_NBYTES 16
#define EVENT_FLAGS 24

enum { EVENTTYPE_CLOCK = 0, EVENTTYPE_FD_READ = 1, EVENTTYPE_FD_WRITE = 2 };
#define SUBCLOCKFLAG_ABSTIME 1
#define EVENTRWFLAG_HANGUP 1

/* Up to this many descriptors the ppoll array lives on the stack, beyond it in a mapping. */
#define STACK_POLL_FDS 32

static uint64_t saturating_add(uint64_t a, uint64_t b)
{
	return a + b < a ? WASI_NO_DEADLINE : a + b;
}

/*
 * A clock subscription's deadline on the monotonic clock. A realtime
 * deadline is converted once, now (as Wasmtime does): setting the wall
 * clock later does not move it. `precision` is a hint we ignore.
 */
static int32_t clock_deadline(const uint8_t *sub, uint64_t mono_now, uint64_t *deadline)
{
	uint32_t id = guest_load_u32(sub + SUB_CLOCK_ID);
	uint64_t timeout = guest_load_u64(sub + SUB_CLOCK_TIMEOUT);
	bool absolute = guest_load_u16(sub + SUB_CLOCK_FLAGS) & SUBCLOCKFLAG_ABSTIME;
	if (id != OS_CLOCK_REALTIME && id != OS_CLOCK_MONOTONIC)
		return WASI_EINVAL;
	if (!absolute)
		*deadline = saturating_add(mono_now, timeout);
	else if (id == OS_CLOCK_MONOTONIC)
		*deadline = timeout;
	else {
		uint64_t real_now = wasi_clock_ns(OS_CLOCK_REALTIME);
		*deadline = timeout > real_now ? saturating_add(mono_now, timeout - real_now) : mono_now;
	}
	return WASI_ESUCCESS;
}

struct poll_request {
	uint64_t deadline;       /* the earliest clock deadline, WASI_NO_DEADLINE if none */
	bool has_ready_file;     /* a regular file: no waiting */
	struct os_pollfd *fds;   /* one per subscription; fd -1 where not polled */
	uint64_t *deadlines;     /* one per subscription: a clock's deadline */
};

/* Checks every subscription and fills the request; the error fails the whole call. */
static int32_t prepare(const uint8_t *subs, uint32_t n, uint64_t mono_now, struct poll_request *req)
{
	req->deadline = WASI_NO_DEADLINE;
	req->has_ready_file = false;
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *sub = subs + (size_t)i * SUB_SIZE;
		struct os_pollfd *pfd = &req->fds[i];
		*pfd = (struct os_pollfd){ -1, 0, 0 };
		req->deadlines[i] = 0;
		uint8_t tag = sub[SUB_TAG];
		if (tag == EVENTTYPE_CLOCK) {
			int32_t err = clock_deadline(sub, mono_now, &req->deadlines[i]);
			if (err != WASI_ESUCCESS)
				return err;
			if (req->deadlines[i] < req->deadline)
				req->deadline = req->deadlines[i];
			continue;
		}
		if (tag != EVENTTYPE_FD_READ && tag != EVENTTYPE_FD_WRITE)
			return WASI_EINVAL;
		int32_t err;
		const struct wasi_fd *fd = wasi_fd_get((int32_t)guest_load_u32(sub + SUB_FD), WASI_RIGHT_POLL_FD_READWRITE, &err);
		if (!fd)
			return err;
		if (fd->filetype == WASI_FILETYPE_REGULAR_FILE)
			req->has_ready_file = true;
		else
			*pfd = (struct os_pollfd){ fd->host_fd, tag == EVENTTYPE_FD_READ ? OS_POLLIN : OS_POLLOUT, 0 };
	}
	return WASI_ESUCCESS;
}

/* What is left to read of a regular file: its size past the current offset. */
static uint64_t file_bytes_left(int host_fd)
{
	struct os_stat st;
	long pos = os_lseek(host_fd, 0, OS_SEEK_CUR);
	if (pos < 0 || os_statx(host_fd, "", OS_AT_EMPTY_PATH, &st) < 0)
		return 0;
	return st.size > (uint64_t)pos ? st.size - (uint64_t)pos : 0;
}

/* The event of subscription `sub` if it is ready; returns whether it wrote one. */
static bool fill_event(const uint8_t *sub, const struct os_pollfd *pfd, uint64_t mono_now, uint64_t deadline_of_sub,
		uint8_t *event)
{
	uint8_t tag = sub[SUB_TAG];
	uint16_t error = WASI_ESUCCESS, flags = 0;
	uint64_t nbytes = 0;
	if (tag == EVENTTYPE_CLOCK) {
		if (mono_now < deadline_of_sub)
			return false;
	} else if (pfd->fd < 0) {
		/* A regular file (checked open in prepare): ready, with what is left to read. */
		int32_t err;
		const struct wasi_fd *fd = wasi_fd_get((int32_t)guest_load_u32(sub + SUB_FD), 0, &err);
		if (tag == EVENTTYPE_FD_READ && fd)
			nbytes = file_bytes_left(fd->host_fd);
	} else {
		if (!pfd->revents)
			return false;
		if (pfd->revents & OS_POLLNVAL)
			error = WASI_EBADF;
		else if ((pfd->revents & OS_POLLERR) && !(pfd->revents & pfd->events))
			error = WASI_EIO;
		if (pfd->revents & OS_POLLHUP)
			flags = EVENTRWFLAG_HANGUP;
		if (tag == EVENTTYPE_FD_READ && error == WASI_ESUCCESS) {
			long n = os_bytes_readable(pfd->fd);
			nbytes = n > 0 ? (uint64_t)n : 0;
		}
	}
	__builtin_memset(event, 0, EVENT_SIZE);
	__builtin_memcpy(event + EVENT_USERDATA, sub + SUB_USERDATA, 8);
	guest_store_u16(event + EVENT_ERROR, error);
	event[EVENT_TYPE] = tag;
	guest_store_u64(event + EVENT_NBYTES, nbytes);
	guest_store_u16(event + EVENT_FLAGS, flags);
	return true;
}

int32_t wasi_p1_poll_oneoff(struct rt_instance *caller, int32_t in, int32_t out, int32_t nsubscriptions,
		int32_t nevents_out)
{
	uint32_t n = (uint32_t)nsubscriptions;
	if (n == 0)
		return WASI_EINVAL; /* nothing could ever wake it (Wasmtime: EINVAL) */
	const uint8_t *subs = guest_ptr(caller, (uint32_t)in, (uint64_t)n * SUB_SIZE);
	uint8_t *events = guest_ptr(caller, (uint32_t)out, (uint64_t)n * EVENT_SIZE);
	uint8_t *nevents_p = guest_ptr(caller, (uint32_t)nevents_out, 4);
	if (!subs || !events || !nevents_p)
		return WASI_EFAULT;

	struct os_pollfd stack_fds[STACK_POLL_FDS];
	uint64_t stack_deadlines[STACK_POLL_FDS];
	struct poll_request req = { .fds = stack_fds, .deadlines = stack_deadlines };
	size_t map_len = n > STACK_POLL_FDS ? (size_t)n * (sizeof(uint64_t) + sizeof(struct os_pollfd)) : 0;
	if (map_len) {
		req.deadlines = os_mmap_anon(map_len, OS_PROT_READ | OS_PROT_WRITE, 0);
		if (!req.deadlines)
			return WASI_ENOMEM;
		req.fds = (struct os_pollfd *)(req.deadlines + n);
	}

	int32_t err = prepare(subs, n, wasi_clock_ns(OS_CLOCK_MONOTONIC), &req);
	uint32_t count = 0;
	/*
	 * A wait that ends early (a spurious wake-up, a file's descriptor moved
	 * away) just waits again, unless the time limit has passed: then the
	 * program goes back to wasm code, which traps "interrupted".
	 */
	while (err == WASI_ESUCCESS && count == 0 && !rt_interrupt_pending) {
		long ret = wasi_wait(req.fds, n, req.deadline, req.has_ready_file);
		err = ret < 0 ? wasi_errno_from_linux(-ret) : WASI_ESUCCESS;
		uint64_t now = wasi_clock_ns(OS_CLOCK_MONOTONIC);
		for (uint32_t i = 0; err == WASI_ESUCCESS && i < n; i++) {
			const uint8_t *sub = subs + (size_t)i * SUB_SIZE;
			if (fill_event(sub, &req.fds[i], now, req.deadlines[i], events + (size_t)count * EVENT_SIZE))
				count++;
		}
	}
	if (map_len)
		os_munmap(req.deadlines, map_len);
	if (err == WASI_ESUCCESS)
		guest_store_u32(nevents_p, count);
	return err;
}
