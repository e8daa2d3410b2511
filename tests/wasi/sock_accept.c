/*
 * sock_accept on the TCP listener sock_harness.py passes as 7 (8 is a
 * client already connected to it): the new descriptor talks to the client,
 * has no accept right, and the error paths.
 */
#include <stdint.h>

#include "check.h"

#define LISTENER 7
#define CLIENT 8

static void transfer(const char *label, __wasi_fd_t from, __wasi_fd_t to, const char *text)
{
	__wasi_ciovec_t out = { (const uint8_t *)text, strlen(text) };
	char buf[32] = { 0 };
	__wasi_iovec_t in = { (uint8_t *)buf, sizeof buf };
	__wasi_size_t sent = 0, got = 0;
	__wasi_roflags_t ro;
	WASI(label, __wasi_sock_send(from, &out, 1, 0, &sent));
	WASI("  recv", __wasi_sock_recv(to, &in, 1, 0, &got, &ro));
	printf("  %u sent, %u received: \"%.*s\"\n", (unsigned)sent, (unsigned)got, (int)got, buf);
}

int main(void)
{
	__wasi_subscription_t sub;
	memset(&sub, 0, sizeof sub);
	sub.userdata = 7;
	sub.u.tag = __WASI_EVENTTYPE_FD_READ;
	sub.u.u.fd_read.file_descriptor = LISTENER;
	__wasi_event_t ev;
	__wasi_size_t count = 0;
	WASI("poll the listener", __wasi_poll_oneoff(&sub, &ev, 1, &count));
	printf("  %u event, userdata %llu type %u error %s\n", (unsigned)count, (unsigned long long)ev.userdata,
	       (unsigned)ev.type, errno_name(ev.error));

	__wasi_fd_t conn = 0;
	WASI("accept", __wasi_sock_accept(LISTENER, 0, &conn));
	printf("  new descriptor %u\n", (unsigned)conn);
	__wasi_fdstat_t st;
	WASI("fdstat of it", __wasi_fd_fdstat_get(conn, &st));
	printf("  filetype %u, accept right %s, read/write rights %s\n", (unsigned)st.fs_filetype,
	       st.fs_rights_base & __WASI_RIGHTS_SOCK_ACCEPT ? "yes" : "no",
	       (st.fs_rights_base & (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE)) ==
			       (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE) ? "yes" : "no");
	transfer("client to server", CLIENT, conn, "ping");
	transfer("server to client", conn, CLIENT, "pong");
	WASI("shutdown server side", __wasi_sock_shutdown(conn, __WASI_SDFLAGS_WR));

	WASI("listener nonblocking", __wasi_fd_fdstat_set_flags(LISTENER, __WASI_FDFLAGS_NONBLOCK));
	WASI("accept, none pending", __wasi_sock_accept(LISTENER, __WASI_FDFLAGS_NONBLOCK, &conn));
	WASI("accept with append", __wasi_sock_accept(LISTENER, __WASI_FDFLAGS_APPEND, &conn));
	WASI_BAD_POINTER("accept result past memory", __wasi_sock_accept(LISTENER, 0, (__wasi_fd_t *)0xfffffffe));
	WASI("accept on the accepted one", __wasi_sock_accept(conn, 0, &conn));
	WASI("accept on fd 99", __wasi_sock_accept(99, 0, &conn));
	WASI("close it", __wasi_fd_close(conn));
	WASI("recv on the closed one", __wasi_sock_recv(conn, NULL, 0, 0, &count, NULL));
	return 0;
}
