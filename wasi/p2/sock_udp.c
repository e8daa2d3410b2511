/*
 * wasi:sockets/udp and udp-create-socket: a udp-socket is a non-blocking
 * host socket; bind completes at once; `stream` (re)connects it, or not, and
 * gives an incoming and an outgoing datagram stream, each over its own dup
 * of the descriptor. Sending follows Wasmtime: check-send grants up to 16
 * datagrams, and send without that permission traps; a full socket answers
 * 0 until it is writable again.
 *
 * Wasmtime also traps when `stream` is called while the previous streams
 * live; these streams own their descriptors and keep working, so wasmc
 * does not.
 */
#include "grants.h"
#include "sock.h"

/* The largest UDP payload (Wasmtime's MAX_UDP_DATAGRAM_SIZE); datagrams received per call at most. */
#define MAX_DATAGRAM 65535u
#define RECEIVE_BATCH 64u
/* How many datagrams check-send permits. */
#define SEND_PERMIT 16u

/* incoming-datagram {data: list<u8>, remote-address} and outgoing-datagram {data, option<ip-socket-address>}. */
#define INCOMING_SIZE 40u
#define OUTGOING_SIZE 44u

enum send_state { SEND_IDLE, SEND_PERMITTED, SEND_WAITING };

struct datagram_stream {
	int32_t fd;           /* a dup of the socket's, owned */
	uint8_t family;       /* enum p2_sock_family */
	bool connected;       /* to `remote` */
	uint8_t send_state;   /* outgoing: enum send_state */
	uint32_t permit;      /* outgoing, SEND_PERMITTED: datagrams send may take */
	struct os_sockaddr remote;
};

_Static_assert(sizeof(struct p2_udp_socket) <= P2_REP_SIZE, "p2_udp_socket fits a handle");
_Static_assert(sizeof(struct datagram_stream) <= P2_REP_SIZE, "datagram_stream fits a handle");

/* The runtime is single-threaded: one buffer receives every datagram. */
static uint8_t datagram[MAX_DATAGRAM];

static void close_fd(void *rep)
{
	os_close(*(int32_t *)rep);
}

void p2_dtor_udp_socket(void *rep)
{
	close_fd(rep);
}

void p2_dtor_incoming_datagram_stream(void *rep)
{
	close_fd(rep);
}

void p2_dtor_outgoing_datagram_stream(void *rep)
{
	close_fd(rep);
}

static struct p2_udp_socket *udp_get(uint32_t self)
{
	return p2_handle_get(self, P2_RES_UDP_SOCKET);
}

void wasi_p2_sockets_udp_create_socket_create_udp_socket(struct wasi_p2_ctx *ctx, uint32_t family, uint32_t ret)
{
	long fd = p2_sock_open(family, OS_SOCK_DGRAM);
	uint8_t *out = p2_sock_result(ctx, ret, 8, 4, p2_sock_check(fd));
	struct p2_udp_socket s = { .fd = (int32_t)fd, .family = (uint8_t)family, .state = P2_UDP_DEFAULT };
	if (out)
		p2_store_u32(out, p2_handle_new(P2_RES_UDP_SOCKET, &s, sizeof s));
}

/* Wasmtime's order: the network's permission, the state, then the address. */
static enum p2_sock_error start_bind(struct p2_udp_socket *s, uint32_t network, const struct os_sockaddr *addr)
{
	enum p2_sock_error err = p2_sock_network_check(network);
	if (err != P2_SOCK_OK)
		return err;
	if (s->state != P2_UDP_DEFAULT)
		return P2_SOCK_INVALID_STATE;
	if (!p2_sock_addr_of_family(addr, s->family))
		return P2_SOCK_INVALID_ARGUMENT;
	err = p2_sock_bind(s->fd, addr);
	if (err == P2_SOCK_OK)
		s->state = P2_UDP_BIND_STARTED;
	return err;
}

void wasi_p2_sockets_udp_udp_socket_start_bind(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t network,
		P2_SOCK_ADDR_PARAMS, uint32_t ret)
{
	struct os_sockaddr addr;
	p2_sock_addr_lift(P2_SOCK_ADDR_FLAT, &addr);
	p2_sock_result_empty(ctx, ret, start_bind(udp_get(self), network, &addr));
}

void wasi_p2_sockets_udp_udp_socket_finish_bind(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	struct p2_udp_socket *s = udp_get(self);
	bool started = s->state == P2_UDP_BIND_STARTED;
	if (started)
		s->state = P2_UDP_BOUND;
	p2_sock_result_empty(ctx, ret, started ? P2_SOCK_OK : P2_SOCK_NOT_IN_PROGRESS);
}

/* Disconnects (connect to AF_UNSPEC), then connects to remote if given. */
static enum p2_sock_error reconnect(struct p2_udp_socket *s, const struct os_sockaddr *remote)
{
	if (s->state != P2_UDP_BOUND && s->state != P2_UDP_CONNECTED)
		return P2_SOCK_INVALID_STATE;
	if (s->state == P2_UDP_CONNECTED) {
		struct os_sockaddr unspec = { .family = OS_AF_UNSPEC };
		enum p2_sock_error err = p2_sock_check(os_connect(s->fd, &unspec));
		if (err != P2_SOCK_OK)
			return err;
		s->state = P2_UDP_BOUND;
	}
	if (!remote)
		return P2_SOCK_OK;
	if (!wasi_grants_network())
		return P2_SOCK_ACCESS_DENIED;
	if (!p2_sock_addr_of_family(remote, s->family) || !p2_sock_addr_is_remote(remote))
		return P2_SOCK_INVALID_ARGUMENT;
	long ret = os_connect(s->fd, remote);
	if (ret == -P2_LINUX_EAFNOSUPPORT)
		return P2_SOCK_INVALID_ARGUMENT;
	if (ret < 0)
		return p2_sock_check(ret);
	s->state = P2_UDP_CONNECTED;
	return P2_SOCK_OK;
}

/* A new datagram stream handle of `type` over a dup of the socket's descriptor, or 0 with *err set. */
static uint32_t stream_new(enum p2_resource type, const struct p2_udp_socket *s, const struct os_sockaddr *remote,
		enum p2_sock_error *err)
{
	long fd = os_dup_cloexec(s->fd);
	if (fd < 0) {
		*err = p2_sock_check(fd);
		return 0;
	}
	struct datagram_stream d = { .fd = (int32_t)fd, .family = s->family, .connected = remote != NULL };
	if (remote)
		d.remote = *remote;
	return p2_handle_new(type, &d, sizeof d);
}

/*
 * stream(remote-address: option<ip-socket-address>):
 * result<tuple<incoming-datagram-stream, outgoing-datagram-stream>, error-code>
 */
void wasi_p2_sockets_udp_udp_socket_stream(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t has_remote,
		P2_SOCK_ADDR_PARAMS, uint32_t ret)
{
	p2_sock_check_case(has_remote, 2);
	struct os_sockaddr remote;
	if (has_remote)
		p2_sock_addr_lift(P2_SOCK_ADDR_FLAT, &remote);
	const struct os_sockaddr *peer = has_remote ? &remote : NULL;
	enum p2_sock_error err = reconnect(udp_get(self), peer);
	/* A copy: new handles may move the table. */
	struct p2_udp_socket s = *udp_get(self);
	uint32_t streams[2] = { 0, 0 };
	if (err == P2_SOCK_OK)
		streams[0] = stream_new(P2_RES_INCOMING_DATAGRAM_STREAM, &s, peer, &err);
	if (err == P2_SOCK_OK)
		streams[1] = stream_new(P2_RES_OUTGOING_DATAGRAM_STREAM, &s, peer, &err);
	if (err != P2_SOCK_OK && streams[0])
		p2_handle_drop(streams[0], P2_RES_INCOMING_DATAGRAM_STREAM);
	uint8_t *out = p2_sock_result(ctx, ret, 12, 4, err);
	if (out) {
		p2_store_u32(out, streams[0]);
		p2_store_u32(out + 4, streams[1]);
	}
}

void wasi_p2_sockets_udp_udp_socket_local_address(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	const struct p2_udp_socket *s = udp_get(self);
	bool bound = s->state == P2_UDP_BOUND || s->state == P2_UDP_CONNECTED;
	p2_sock_result_addr(ctx, ret, bound ? P2_SOCK_OK : P2_SOCK_INVALID_STATE, s->fd, false);
}

void wasi_p2_sockets_udp_udp_socket_remote_address(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	const struct p2_udp_socket *s = udp_get(self);
	p2_sock_result_addr(ctx, ret, s->state == P2_UDP_CONNECTED ? P2_SOCK_OK : P2_SOCK_INVALID_STATE, s->fd, true);
}

uint32_t wasi_p2_sockets_udp_udp_socket_address_family(struct wasi_p2_ctx *ctx, uint32_t self)
{
	return udp_get(self)->family;
}

/* Nothing a udp-socket does waits: ready at once. */
uint32_t wasi_p2_sockets_udp_udp_socket_subscribe(struct wasi_p2_ctx *ctx, uint32_t self)
{
	udp_get(self);
	return p2_pollable_new_ready();
}

void wasi_p2_sockets_udp_drop_udp_socket(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_UDP_SOCKET);
}

/* ---- incoming-datagram-stream ---- */

struct received {
	uint32_t data, len; /* guest list<u8> */
	struct os_sockaddr from;
};

/*
 * receive(max-results): result<list<incoming-datagram>, error-code>. Up to
 * max-results (at most RECEIVE_BATCH) datagrams that are there now; none is
 * an empty list. An error after some datagrams waits for the next call.
 */
void wasi_p2_sockets_udp_incoming_datagram_stream_receive(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t max,
		uint32_t ret)
{
	/* A copy: the guest's realloc runs between datagrams. */
	struct datagram_stream s = *(struct datagram_stream *)p2_handle_get(self, P2_RES_INCOMING_DATAGRAM_STREAM);
	struct received got[RECEIVE_BATCH];
	uint32_t n = 0, limit = max < RECEIVE_BATCH ? (uint32_t)max : RECEIVE_BATCH;
	enum p2_sock_error err = P2_SOCK_OK;
	while (n < limit) {
		struct os_sockaddr from = { 0 };
		long len = os_recvfrom(s.fd, datagram, sizeof datagram, OS_MSG_DONTWAIT, &from);
		if (len == -OS_EINTR)
			continue;
		if (len < 0) {
			if (n == 0 && len != -OS_EAGAIN)
				err = p2_sock_check(len);
			break;
		}
		if (s.connected && !p2_sock_addr_equal(&from, &s.remote))
			continue; /* the host should have dropped it already */
		got[n] = (struct received){ p2_alloc_copy(ctx, datagram, (uint32_t)len), (uint32_t)len, from };
		n++;
	}
	uint32_t list = err == P2_SOCK_OK ? p2_alloc(ctx, 4, n * INCOMING_SIZE) : 0;
	uint8_t *out = p2_sock_result(ctx, ret, 12, 4, err);
	if (!out)
		return;
	uint8_t *items = p2_guest(ctx, list, (uint64_t)n * INCOMING_SIZE);
	for (uint32_t i = 0; i < n; i++) {
		uint8_t *item = items + (size_t)i * INCOMING_SIZE;
		p2_store_u32(item, got[i].data);
		p2_store_u32(item + 4, got[i].len);
		p2_sock_addr_store(item + 8, &got[i].from);
	}
	p2_store_u32(out, list);
	p2_store_u32(out + 4, n);
}

uint32_t wasi_p2_sockets_udp_incoming_datagram_stream_subscribe(struct wasi_p2_ctx *ctx, uint32_t self)
{
	const struct datagram_stream *s = p2_handle_get(self, P2_RES_INCOMING_DATAGRAM_STREAM);
	return p2_pollable_new_fd(s->fd, OS_POLLIN);
}

void wasi_p2_sockets_udp_drop_incoming_datagram_stream(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_INCOMING_DATAGRAM_STREAM);
}

/* ---- outgoing-datagram-stream ---- */

static struct datagram_stream *outgoing_get(uint32_t self)
{
	return p2_handle_get(self, P2_RES_OUTGOING_DATAGRAM_STREAM);
}

/* check-send: result<u64, error-code>, how many datagrams send may take now (0 while the socket is full). */
void wasi_p2_sockets_udp_outgoing_datagram_stream_check_send(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	struct datagram_stream *s = outgoing_get(self);
	struct os_pollfd pfd = { s->fd, OS_POLLOUT, 0 };
	struct os_timespec zero = { 0, 0 };
	if (s->send_state == SEND_IDLE || (s->send_state == SEND_WAITING && os_ppoll(&pfd, 1, &zero) > 0)) {
		s->send_state = SEND_PERMITTED;
		s->permit = SEND_PERMIT;
	}
	uint8_t *out = p2_sock_result(ctx, ret, 16, 8, P2_SOCK_OK);
	p2_store_u64(out, s->send_state == SEND_PERMITTED ? s->permit : 0);
}

/* One outgoing-datagram lifted: its data and where it goes. */
struct outgoing {
	const uint8_t *data;
	uint32_t len;
	bool has_remote;
	struct os_sockaddr remote;
};

/* Sends one datagram to its address, or the stream's peer: the rules of Wasmtime's send_one. */
static enum p2_sock_error send_one(const struct datagram_stream *s, const struct outgoing *d)
{
	if (d->len > MAX_DATAGRAM)
		return P2_SOCK_DATAGRAM_TOO_LARGE;
	const struct os_sockaddr *to;
	if (!s->connected && d->has_remote) {
		if (!wasi_grants_network())
			return P2_SOCK_ACCESS_DENIED;
		to = &d->remote;
	} else if (s->connected && (!d->has_remote || p2_sock_addr_equal(&d->remote, &s->remote))) {
		to = &s->remote;
	} else {
		return P2_SOCK_INVALID_ARGUMENT;
	}
	if (!p2_sock_addr_is_remote(to) || !p2_sock_addr_of_family(to, s->family))
		return P2_SOCK_INVALID_ARGUMENT;
	return p2_sock_check(os_sendto(s->fd, d->data, d->len, 0, s->connected ? NULL : to));
}

/*
 * send(datagrams): result<u64, error-code>, how many were sent. Traps
 * unless check-send permitted that many. After a datagram went out, a
 * failure ends the call with the count (the WIT); a full socket sends none
 * until check-send sees it writable.
 */
void wasi_p2_sockets_udp_outgoing_datagram_stream_send(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t list,
		uint32_t n, uint32_t ret)
{
	struct datagram_stream *s = outgoing_get(self);
	if (s->send_state != SEND_PERMITTED || n > s->permit)
		rt_trap(RT_TRAP_UNREACHABLE);
	s->send_state = SEND_IDLE;
	/* The whole list is lifted first, so that a bad one traps before anything is sent. */
	struct outgoing lifted[SEND_PERMIT];
	const uint8_t *items = p2_guest(ctx, list, (uint64_t)n * OUTGOING_SIZE);
	for (uint32_t i = 0; i < n; i++) {
		const uint8_t *item = items + (size_t)i * OUTGOING_SIZE;
		uint32_t data, len;
		__builtin_memcpy(&data, item, 4);
		__builtin_memcpy(&len, item + 4, 4);
		p2_sock_check_case(item[8], 2);
		lifted[i] = (struct outgoing){ .data = p2_guest(ctx, data, len), .len = len, .has_remote = item[8] == 1 };
		if (lifted[i].has_remote)
			p2_sock_addr_load(item + 12, &lifted[i].remote);
	}
	uint64_t sent = 0;
	enum p2_sock_error err = P2_SOCK_OK;
	for (uint32_t i = 0; i < n; i++) {
		enum p2_sock_error e = send_one(s, &lifted[i]);
		if (e == P2_SOCK_OK) {
			sent++;
			continue;
		}
		if (sent == 0 && e == P2_SOCK_WOULD_BLOCK)
			s->send_state = SEND_WAITING;
		else if (sent == 0)
			err = e;
		break;
	}
	uint8_t *out = p2_sock_result(ctx, ret, 16, 8, err);
	if (out)
		p2_store_u64(out, sent);
}

uint32_t wasi_p2_sockets_udp_outgoing_datagram_stream_subscribe(struct wasi_p2_ctx *ctx, uint32_t self)
{
	return p2_pollable_new_fd(outgoing_get(self)->fd, OS_POLLOUT);
}

void wasi_p2_sockets_udp_drop_outgoing_datagram_stream(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_OUTGOING_DATAGRAM_STREAM);
}
