/*
 * wasi:sockets/tcp and tcp-create-socket: a tcp-socket is a non-blocking
 * host socket going through Wasmtime's states (p2_sock.h). start-bind binds
 * at once; start-connect issues the connect and finish-connect answers
 * would-block until it has completed (the socket's pollable is ready then);
 * finish-listen listens; accept takes one pending connection. A connected
 * socket's streams are wasi:io streams over dups of its descriptor, so the
 * socket and its streams may be dropped in any order (Wasmtime traps when
 * the socket goes first).
 */
#include "sock.h"

_Static_assert(sizeof(struct p2_tcp_socket) <= P2_REP_SIZE, "p2_tcp_socket fits a handle");

/* Wasmtime's listen backlog until set-listen-backlog-size. */
#define DEFAULT_BACKLOG 128
#define MAX_BACKLOG 0x7fffffffu

static uint32_t tcp_new(int fd, uint8_t family, uint8_t state)
{
	struct p2_tcp_socket s = { .fd = fd, .family = family, .state = state, .backlog = DEFAULT_BACKLOG };
	return p2_handle_new(P2_RES_TCP_SOCKET, &s, sizeof s);
}

void p2_dtor_tcp_socket(void *rep)
{
	os_close(((struct p2_tcp_socket *)rep)->fd);
}

static struct p2_tcp_socket *tcp_get(uint32_t self)
{
	return p2_handle_get(self, P2_RES_TCP_SOCKET);
}

struct p2_tcp_socket *p2_tcp_for_option(uint32_t self, enum p2_sock_error *err)
{
	struct p2_tcp_socket *s = tcp_get(self);
	*err = s->state == P2_TCP_CONNECTING || s->state == P2_TCP_CLOSED ? P2_SOCK_INVALID_STATE : P2_SOCK_OK;
	return s;
}

void wasi_p2_sockets_tcp_create_socket_create_tcp_socket(struct wasi_p2_ctx *ctx, uint32_t family, uint32_t ret)
{
	long fd = p2_sock_open(family, OS_SOCK_STREAM);
	uint8_t *out = p2_sock_result(ctx, ret, 8, 4, p2_sock_check(fd));
	if (out)
		p2_store_u32(out, tcp_new((int)fd, (uint8_t)family, P2_TCP_DEFAULT));
}

/* Wasmtime's order: the network's permission, the address, then the state. */
static enum p2_sock_error start_bind(struct p2_tcp_socket *s, uint32_t network, const struct os_sockaddr *addr)
{
	enum p2_sock_error err = p2_sock_network_check(network);
	if (err != P2_SOCK_OK)
		return err;
	if (!p2_sock_addr_is_unicast(addr) || !p2_sock_addr_of_family(addr, s->family))
		return P2_SOCK_INVALID_ARGUMENT;
	if (s->state != P2_TCP_DEFAULT)
		return P2_SOCK_INVALID_STATE;
	/* The WIT: bind is not affected by a recently closed socket's TIME_WAIT. */
	os_setsockopt_int(s->fd, OS_SOL_SOCKET, OS_SO_REUSEADDR, 1);
	err = p2_sock_bind(s->fd, addr);
	if (err == P2_SOCK_OK)
		s->state = P2_TCP_BIND_STARTED;
	return err;
}

void wasi_p2_sockets_tcp_tcp_socket_start_bind(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t network,
		P2_SOCK_ADDR_PARAMS, uint32_t ret)
{
	struct os_sockaddr addr;
	p2_sock_addr_lift(P2_SOCK_ADDR_FLAT, &addr);
	p2_sock_result_empty(ctx, ret, start_bind(tcp_get(self), network, &addr));
}

/* finish-bind and finish-listen's simple case: from `from` to `to`, else not-in-progress. */
static enum p2_sock_error advance(struct p2_tcp_socket *s, uint8_t from, uint8_t to)
{
	if (s->state != from)
		return P2_SOCK_NOT_IN_PROGRESS;
	s->state = to;
	return P2_SOCK_OK;
}

void wasi_p2_sockets_tcp_tcp_socket_finish_bind(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	p2_sock_result_empty(ctx, ret, advance(tcp_get(self), P2_TCP_BIND_STARTED, P2_TCP_BOUND));
}

/* Every failure of the connect itself is reported by finish-connect, as Wasmtime's pending connect does. */
static enum p2_sock_error start_connect(struct p2_tcp_socket *s, uint32_t network, const struct os_sockaddr *addr)
{
	enum p2_sock_error err = p2_sock_network_check(network);
	if (err != P2_SOCK_OK)
		return err;
	if (s->state == P2_TCP_CONNECTING)
		return P2_SOCK_CONCURRENCY_CONFLICT;
	if (s->state != P2_TCP_DEFAULT && s->state != P2_TCP_BOUND)
		return P2_SOCK_INVALID_STATE;
	if (!p2_sock_addr_is_unicast(addr) || !p2_sock_addr_is_remote(addr) || !p2_sock_addr_of_family(addr, s->family))
		return P2_SOCK_INVALID_ARGUMENT;
	long ret = os_connect(s->fd, addr);
	bool pending = ret == 0 || ret == -OS_EINPROGRESS || ret == -OS_EINTR;
	s->connect_errno = pending ? 0 : (int32_t)-ret;
	s->state = P2_TCP_CONNECTING;
	return P2_SOCK_OK;
}

void wasi_p2_sockets_tcp_tcp_socket_start_connect(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t network,
		P2_SOCK_ADDR_PARAMS, uint32_t ret)
{
	struct os_sockaddr addr;
	p2_sock_addr_lift(P2_SOCK_ADDR_FLAT, &addr);
	p2_sock_result_empty(ctx, ret, start_connect(tcp_get(self), network, &addr));
}

/* Whether fd polls with events now. */
static bool ready_now(int fd, int16_t events)
{
	struct os_pollfd pfd = { fd, events, 0 };
	struct os_timespec zero = { 0, 0 };
	return os_ppoll(&pfd, 1, &zero) > 0;
}

/* Connected socket `self` hands out its streams; a failure to make them closes it. */
static enum p2_sock_error start_streaming(uint32_t self, uint32_t streams[2])
{
	enum p2_sock_error err = p2_sock_streams(tcp_get(self)->fd, streams);
	/* Looked up again: new handles may have moved the table. */
	tcp_get(self)->state = err == P2_SOCK_OK ? P2_TCP_STREAMING : P2_TCP_CLOSED;
	return err;
}

static enum p2_sock_error finish_connect(uint32_t self, uint32_t streams[2])
{
	struct p2_tcp_socket *s = tcp_get(self);
	if (s->state != P2_TCP_CONNECTING)
		return P2_SOCK_NOT_IN_PROGRESS;
	int failure = s->connect_errno;
	if (!failure) {
		if (!ready_now(s->fd, OS_POLLOUT))
			return P2_SOCK_WOULD_BLOCK;
		long ret = os_getsockopt_int(s->fd, OS_SOL_SOCKET, OS_SO_ERROR, &failure);
		if (ret < 0)
			failure = (int)-ret;
	}
	if (failure) {
		s->state = P2_TCP_CLOSED;
		return p2_sock_error_of_linux(failure);
	}
	return start_streaming(self, streams);
}

/* result<tuple<input-stream, output-stream>, error-code> */
void wasi_p2_sockets_tcp_tcp_socket_finish_connect(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	uint32_t streams[2];
	uint8_t *out = p2_sock_result(ctx, ret, 12, 4, finish_connect(self, streams));
	if (out) {
		p2_store_u32(out, streams[0]);
		p2_store_u32(out + 4, streams[1]);
	}
}

/* start-listen needs a bound socket (no implicit bind in 0.2). */
void wasi_p2_sockets_tcp_tcp_socket_start_listen(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	struct p2_tcp_socket *s = tcp_get(self);
	bool bound = s->state == P2_TCP_BOUND;
	if (bound)
		s->state = P2_TCP_LISTEN_STARTED;
	p2_sock_result_empty(ctx, ret, bound ? P2_SOCK_OK : P2_SOCK_INVALID_STATE);
}

void wasi_p2_sockets_tcp_tcp_socket_finish_listen(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	struct p2_tcp_socket *s = tcp_get(self);
	enum p2_sock_error err = advance(s, P2_TCP_LISTEN_STARTED, P2_TCP_LISTENING);
	if (err == P2_SOCK_OK && (err = p2_sock_check(os_listen(s->fd, (int)s->backlog))) != P2_SOCK_OK)
		s->state = P2_TCP_CLOSED;
	p2_sock_result_empty(ctx, ret, err);
}

/* Linux passes a new connection's pending network errors to accept; Wasmtime makes them connection-aborted. */
static enum p2_sock_error accept_error(long linux_errno)
{
	switch (linux_errno) {
	case P2_LINUX_ECONNRESET:
	case P2_LINUX_ENETRESET:
	case P2_LINUX_EHOSTUNREACH:
	case P2_LINUX_EHOSTDOWN:
	case P2_LINUX_ENETDOWN:
	case P2_LINUX_ENETUNREACH:
	case P2_LINUX_EPROTO:
	case P2_LINUX_ENOPROTOOPT:
	case P2_LINUX_ENONET:
	case P2_LINUX_ENOTSUP: return P2_SOCK_CONNECTION_ABORTED;
	default: return p2_sock_error_of_linux(linux_errno);
	}
}

/* accept: result<tuple<tcp-socket, input-stream, output-stream>, error-code>; would-block with none pending. */
void wasi_p2_sockets_tcp_tcp_socket_accept(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	struct p2_tcp_socket *listener = tcp_get(self);
	uint8_t family = listener->family;
	enum p2_sock_error err = listener->state == P2_TCP_LISTENING ? P2_SOCK_OK : P2_SOCK_INVALID_STATE;
	long fd = err == P2_SOCK_OK ? os_accept4(listener->fd, OS_SOCK_NONBLOCK | OS_SOCK_CLOEXEC) : -1;
	if (err == P2_SOCK_OK && fd < 0)
		err = accept_error(-fd);
	uint32_t handles[3] = { 0 };
	if (err == P2_SOCK_OK) {
		handles[0] = tcp_new((int)fd, family, P2_TCP_DEFAULT);
		err = start_streaming(handles[0], handles + 1);
		if (err != P2_SOCK_OK)
			p2_handle_drop(handles[0], P2_RES_TCP_SOCKET);
	}
	uint8_t *out = p2_sock_result(ctx, ret, 16, 4, err);
	for (int i = 0; out && i < 3; i++)
		p2_store_u32(out + 4 * i, handles[i]);
}

void wasi_p2_sockets_tcp_tcp_socket_local_address(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	const struct p2_tcp_socket *s = tcp_get(self);
	bool has = s->state == P2_TCP_BOUND || s->state == P2_TCP_LISTENING || s->state == P2_TCP_STREAMING;
	p2_sock_result_addr(ctx, ret, has ? P2_SOCK_OK : P2_SOCK_INVALID_STATE, s->fd, false);
}

void wasi_p2_sockets_tcp_tcp_socket_remote_address(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	const struct p2_tcp_socket *s = tcp_get(self);
	p2_sock_result_addr(ctx, ret, s->state == P2_TCP_STREAMING ? P2_SOCK_OK : P2_SOCK_INVALID_STATE, s->fd, true);
}

uint32_t wasi_p2_sockets_tcp_tcp_socket_is_listening(struct wasi_p2_ctx *ctx, uint32_t self)
{
	return tcp_get(self)->state == P2_TCP_LISTENING;
}

uint32_t wasi_p2_sockets_tcp_tcp_socket_address_family(struct wasi_p2_ctx *ctx, uint32_t self)
{
	return tcp_get(self)->family;
}

/* Kept for listen before it; a listening socket listens again with it (not-supported if that fails). */
static enum p2_sock_error set_backlog(struct p2_tcp_socket *s, uint64_t value)
{
	if (value == 0)
		return P2_SOCK_INVALID_ARGUMENT;
	uint32_t backlog = value > MAX_BACKLOG ? MAX_BACKLOG : (uint32_t)value;
	if (s->state == P2_TCP_LISTENING && os_listen(s->fd, (int)backlog) < 0)
		return P2_SOCK_NOT_SUPPORTED;
	if (s->state != P2_TCP_DEFAULT && s->state != P2_TCP_BOUND && s->state != P2_TCP_LISTENING)
		return P2_SOCK_INVALID_STATE;
	s->backlog = backlog;
	return P2_SOCK_OK;
}

void wasi_p2_sockets_tcp_tcp_socket_set_listen_backlog_size(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t value,
		uint32_t ret)
{
	p2_sock_result_empty(ctx, ret, set_backlog(tcp_get(self), value));
}

/*
 * Ready when connecting has finished or a connection is waiting to be
 * accepted; in the other states at once (an unconnected socket polls as
 * hung up) or when the connection is readable or writable.
 */
uint32_t wasi_p2_sockets_tcp_tcp_socket_subscribe(struct wasi_p2_ctx *ctx, uint32_t self)
{
	return p2_pollable_new_fd(tcp_get(self)->fd, OS_POLLIN | OS_POLLOUT);
}

/* shutdown-type receive, send, both */
void wasi_p2_sockets_tcp_tcp_socket_shutdown(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t how, uint32_t ret)
{
	static const int host_how[] = { OS_SHUT_RD, OS_SHUT_WR, OS_SHUT_RDWR };
	p2_sock_check_case(how, 3);
	const struct p2_tcp_socket *s = tcp_get(self);
	enum p2_sock_error err = s->state == P2_TCP_STREAMING ? p2_sock_check(os_shutdown(s->fd, host_how[how]))
							      : P2_SOCK_INVALID_STATE;
	p2_sock_result_empty(ctx, ret, err);
}

void wasi_p2_sockets_tcp_drop_tcp_socket(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_TCP_SOCKET);
}
