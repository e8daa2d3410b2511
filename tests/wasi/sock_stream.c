/*
 * sock_send, sock_recv (peek, waitall, truncation), sock_shutdown and
 * poll_oneoff on sockets passed by sock_harness.py: 3-4 a stream pair, 5-6
 * a datagram pair. Then the error paths, and sockets calls on descriptors
 * that are no sockets.
 */
#include <stdint.h>

#include "check.h"

#define MS 1000000ull

static void send_str(const char *label, __wasi_fd_t fd, const char *a, const char *b)
{
	__wasi_ciovec_t iov[2] = { { (const uint8_t *)a, strlen(a) }, { (const uint8_t *)b, strlen(b) } };
	__wasi_size_t n = 0;
	WASI(label, __wasi_sock_send(fd, iov, 2, 0, &n));
	printf("  sent %u\n", (unsigned)n);
}

static void recv_show(const char *label, __wasi_fd_t fd, size_t len, __wasi_riflags_t flags)
{
	char buf[64] = { 0 };
	__wasi_iovec_t iov = { (uint8_t *)buf, len };
	__wasi_size_t n = 0;
	__wasi_roflags_t ro = 0xffff;
	WASI(label, __wasi_sock_recv(fd, &iov, 1, flags, &n, &ro));
	printf("  received %u \"%.*s\" roflags %u\n", (unsigned)n, (int)n, buf, (unsigned)ro);
}

#define READY_CLOCK_MS 60000

/*
 * Polls one descriptor for `type` against a clock of `clock_ms` and prints what
 * fired: 20ms where the clock is to fire, 60s where the descriptor is ready (a
 * short clock could also be due by the time a loaded machine collects the events).
 */
static void poll_fd(const char *label, __wasi_fd_t fd, __wasi_eventtype_t type, uint64_t clock_ms)
{
	__wasi_subscription_t subs[2];
	memset(subs, 0, sizeof subs);
	subs[0].userdata = 100 + fd;
	subs[0].u.tag = type;
	subs[0].u.u.fd_read.file_descriptor = fd;
	subs[1].userdata = 1;
	subs[1].u.tag = __WASI_EVENTTYPE_CLOCK;
	subs[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
	subs[1].u.u.clock.timeout = clock_ms * MS;
	__wasi_event_t ev[2];
	__wasi_size_t count = 0;
	WASI(label, __wasi_poll_oneoff(subs, ev, 2, &count));
	for (__wasi_size_t i = 0; i < count; i++)
		printf("  userdata %llu error %s type %u nbytes %llu flags %u\n", (unsigned long long)ev[i].userdata,
		       errno_name(ev[i].error), (unsigned)ev[i].type,
		       (unsigned long long)(ev[i].type == __WASI_EVENTTYPE_CLOCK ? 0 : ev[i].fd_readwrite.nbytes),
		       (unsigned)(ev[i].type == __WASI_EVENTTYPE_CLOCK ? 0 : ev[i].fd_readwrite.flags));
}

/* More buffers than one host call takes (Linux's 1024): a stream moves every byte in order, a datagram is EMSGSIZE. */
#define MANY 1500

static void many_iovecs(void)
{
	static char out[MANY], in[MANY];
	static __wasi_ciovec_t ciov[MANY];
	static __wasi_iovec_t iov[MANY];
	for (int i = 0; i < MANY; i++) {
		out[i] = (char)('a' + i % 26);
		ciov[i] = (__wasi_ciovec_t){ (const uint8_t *)&out[i], 1 };
		iov[i] = (__wasi_iovec_t){ (uint8_t *)&in[i], 1 };
	}
	__wasi_size_t n = 0;
	__wasi_roflags_t ro = 0;
	WASI("send 1500 one-byte iovecs", __wasi_sock_send(3, ciov, MANY, 0, &n));
	printf("  sent %u\n", (unsigned)n);
	WASI("recv into 1500 one-byte iovecs", __wasi_sock_recv(4, iov, MANY, 0, &n, &ro));
	printf("  received %u, %s\n", (unsigned)n, memcmp(in, out, MANY) ? "different" : "the same");
	WASI("datagram send 1500 iovecs", __wasi_sock_send(5, ciov, MANY, 0, &n));
	memset(in, 0, sizeof in);
	WASI("datagram send 1000 iovecs", __wasi_sock_send(5, ciov, 1000, 0, &n));
	printf("  sent %u\n", (unsigned)n);
	WASI("datagram recv into 1500 iovecs", __wasi_sock_recv(6, iov, MANY, 0, &n, &ro));
	WASI("datagram recv into 1000 iovecs", __wasi_sock_recv(6, iov, 1000, 0, &n, &ro));
	printf("  received %u, %s\n", (unsigned)n, memcmp(in, out, 1000) ? "different" : "the same");
}

int main(void)
{
	__wasi_fdstat_t st;
	WASI("fdstat 3", __wasi_fd_fdstat_get(3, &st));
	printf("  filetype %u\n", (unsigned)st.fs_filetype);
	WASI("fdstat 5", __wasi_fd_fdstat_get(5, &st));
	printf("  filetype %u\n", (unsigned)st.fs_filetype);

	poll_fd("poll read, nothing sent", 4, __WASI_EVENTTYPE_FD_READ, 20);
	poll_fd("poll write", 3, __WASI_EVENTTYPE_FD_WRITE, READY_CLOCK_MS);
	send_str("send 2 iovecs", 3, "hello", " world");
	poll_fd("poll read after send", 4, __WASI_EVENTTYPE_FD_READ, READY_CLOCK_MS);
	recv_show("recv peek 5", 4, 5, __WASI_RIFLAGS_RECV_PEEK);
	recv_show("recv 5", 4, 5, 0);
	send_str("send more", 3, "abc", "def");
	recv_show("recv waitall 12", 4, 12, __WASI_RIFLAGS_RECV_WAITALL);
	many_iovecs();

	send_str("datagram send", 5, "0123456789", "");
	recv_show("datagram recv 4 of 10", 6, 4, 0);
	send_str("datagram send", 5, "xyz", "");
	recv_show("datagram recv all", 6, 10, 0);

	WASI("shutdown 0", __wasi_sock_shutdown(3, 0));
	WASI("shutdown 4", __wasi_sock_shutdown(3, 4));
	WASI("shutdown wr", __wasi_sock_shutdown(3, __WASI_SDFLAGS_WR));
	recv_show("recv after peer shutdown", 4, 10, 0);
	poll_fd("poll read after peer shutdown", 4, __WASI_EVENTTYPE_FD_READ, READY_CLOCK_MS);
	__wasi_ciovec_t one = { (const uint8_t *)"x", 1 };
	__wasi_size_t n;
	WASI("send after shutdown (EPIPE, no SIGPIPE)", __wasi_sock_send(3, &one, 1, 0, &n));
	WASI("shutdown rd|wr", __wasi_sock_shutdown(4, __WASI_SDFLAGS_RD | __WASI_SDFLAGS_WR));
	poll_fd("poll read after both shut down: hangup", 4, __WASI_EVENTTYPE_FD_READ, READY_CLOCK_MS);

	char buf[8];
	__wasi_iovec_t iov = { (uint8_t *)buf, sizeof buf };
	__wasi_roflags_t ro;
	WASI("recv unknown riflags", __wasi_sock_recv(6, &iov, 1, 4, &n, &ro));
	WASI("send siflags", __wasi_sock_send(5, &one, 1, 1, &n));
	__wasi_iovec_t bad = { (uint8_t *)0xfffffff0, 64 };
	WASI_BAD_POINTER("recv iovec past memory", __wasi_sock_recv(6, &bad, 1, 0, &n, &ro));
	WASI_BAD_POINTER("send iovecs past memory", __wasi_sock_send(5, (const __wasi_ciovec_t *)0xfffffff8, 2, 0, &n));
	WASI_BAD_POINTER("recv length past memory", __wasi_sock_recv(6, &iov, 1, 0, (__wasi_size_t *)0xfffffffe, &ro));
	WASI("accept on a connected stream", __wasi_sock_accept(3, 0, (__wasi_fd_t *)&n));

	WASI("recv on stdout", __wasi_sock_recv(1, &iov, 1, 0, &n, &ro));
	WASI("send on stdin", __wasi_sock_send(0, &one, 1, 0, &n));
	WASI("accept on stderr", __wasi_sock_accept(2, 0, (__wasi_fd_t *)&n));
	WASI("shutdown stdout", __wasi_sock_shutdown(1, __WASI_SDFLAGS_WR));
	WASI("recv on fd 99", __wasi_sock_recv(99, &iov, 1, 0, &n, &ro));
	WASI("shutdown fd 99", __wasi_sock_shutdown(99, __WASI_SDFLAGS_WR));
	poll_fd("poll fd 99", 99, __WASI_EVENTTYPE_FD_READ, READY_CLOCK_MS);
	return 0;
}
