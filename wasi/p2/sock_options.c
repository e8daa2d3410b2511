/*
 * The socket options of wasi:sockets' tcp-socket (keep-alive, hop limit,
 * buffer sizes) and udp-socket (unicast hop limit, buffer sizes), through
 * setsockopt/getsockopt with Wasmtime's rules: 0 is invalid-argument, values
 * are clamped to what Linux takes, buffer sizes read back halved (Linux
 * doubles what it is given). A tcp-socket that is connecting or closed has
 * no options (invalid-state).
 */
#include "sock.h"

#define NS_PER_S 1000000000ull
/* Linux's limits: keep-alive times up to 32767 s, probes up to 127, buffer sizes up to INT_MAX. */
#define MAX_KEEPALIVE_S 32767ull
#define MAX_KEEPALIVE_COUNT 127u
#define MAX_BUFFER_SIZE 0x7fffffffull

/* A socket whose option is asked for, or the error that answers instead. */
struct sock_ref {
	int fd;
	uint8_t family;
	enum p2_sock_error err;
};

static struct sock_ref tcp_ref(uint32_t self)
{
	struct sock_ref r;
	const struct p2_tcp_socket *s = p2_tcp_for_option(self, &r.err);
	r.fd = s->fd;
	r.family = s->family;
	return r;
}

static struct sock_ref udp_ref(uint32_t self)
{
	const struct p2_udp_socket *s = p2_handle_get(self, P2_RES_UDP_SOCKET);
	return (struct sock_ref){ s->fd, s->family, P2_SOCK_OK };
}

/* An int option of r's socket, unless r already failed. */
static int get_int(struct sock_ref *r, int level, int name)
{
	int value = 0;
	if (r->err == P2_SOCK_OK)
		r->err = p2_sock_check(os_getsockopt_int(r->fd, level, name, &value));
	return value;
}

/*
 * Sets an int option to value, at most max (0 is invalid-argument);
 * result<_, error-code>. ENOBUFS, which only buffer sizes give, is fine:
 * they are a hint, as most systems take them.
 */
static void set_int(struct wasi_p2_ctx *ctx, uint32_t ret, struct sock_ref r, int level, int name, uint64_t value,
		uint64_t max)
{
	if (r.err == P2_SOCK_OK && value == 0)
		r.err = P2_SOCK_INVALID_ARGUMENT;
	if (r.err == P2_SOCK_OK) {
		long res = os_setsockopt_int(r.fd, level, name, (int)(value < max ? value : max));
		r.err = res == -P2_LINUX_ENOBUFS ? P2_SOCK_OK : p2_sock_check(res);
	}
	p2_sock_result_empty(ctx, ret, r.err);
}

/* result<u8, error-code> (and bool), result<u32, error-code>, result<u64, error-code>. */
static void result_u8(struct wasi_p2_ctx *ctx, uint32_t ret, struct sock_ref r, uint8_t v)
{
	uint8_t *out = p2_sock_result(ctx, ret, 2, 1, r.err);
	if (out)
		p2_store_u8(out, v);
}

static void result_u32(struct wasi_p2_ctx *ctx, uint32_t ret, struct sock_ref r, uint32_t v)
{
	uint8_t *out = p2_sock_result(ctx, ret, 8, 4, r.err);
	if (out)
		p2_store_u32(out, v);
}

static void result_u64(struct wasi_p2_ctx *ctx, uint32_t ret, struct sock_ref r, uint64_t v)
{
	uint8_t *out = p2_sock_result(ctx, ret, 16, 8, r.err);
	if (out)
		p2_store_u64(out, v);
}

/* ---- Hop limit: IP_TTL or IPV6_UNICAST_HOPS by the socket's family ---- */

static int hop_level(const struct sock_ref *r)
{
	return r->family == P2_SOCK_IPV4 ? OS_IPPROTO_IP : OS_IPPROTO_IPV6;
}

static int hop_name(const struct sock_ref *r)
{
	return r->family == P2_SOCK_IPV4 ? OS_IP_TTL : OS_IPV6_UNICAST_HOPS;
}

static void hop_limit(struct wasi_p2_ctx *ctx, uint32_t ret, struct sock_ref r)
{
	int v = get_int(&r, hop_level(&r), hop_name(&r));
	if (r.err == P2_SOCK_OK && (v < 0 || v > 255))
		r.err = P2_SOCK_NOT_SUPPORTED;
	result_u8(ctx, ret, r, (uint8_t)v);
}

static void set_hop_limit(struct wasi_p2_ctx *ctx, uint32_t ret, struct sock_ref r, uint32_t value)
{
	set_int(ctx, ret, r, hop_level(&r), hop_name(&r), value & 0xff, 255);
}

/* ---- Buffer sizes ---- */

static void buffer_size(struct wasi_p2_ctx *ctx, uint32_t ret, struct sock_ref r, int name)
{
	int v = get_int(&r, OS_SOL_SOCKET, name);
	result_u64(ctx, ret, r, v > 0 ? (uint64_t)v / 2 : 0);
}

static void set_buffer_size(struct wasi_p2_ctx *ctx, uint32_t ret, struct sock_ref r, int name, uint64_t value)
{
	set_int(ctx, ret, r, OS_SOL_SOCKET, name, value, MAX_BUFFER_SIZE);
}

/* ---- tcp-socket ---- */

void wasi_p2_sockets_tcp_tcp_socket_keep_alive_enabled(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	struct sock_ref r = tcp_ref(self);
	int v = get_int(&r, OS_SOL_SOCKET, OS_SO_KEEPALIVE);
	result_u8(ctx, ret, r, v != 0);
}

/* bool: any non-zero value is true (the Canonical ABI); false is a value here, not an invalid 0. */
void wasi_p2_sockets_tcp_tcp_socket_set_keep_alive_enabled(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t value,
		uint32_t ret)
{
	struct sock_ref r = tcp_ref(self);
	if (r.err == P2_SOCK_OK)
		r.err = p2_sock_check(os_setsockopt_int(r.fd, OS_SOL_SOCKET, OS_SO_KEEPALIVE, value != 0));
	p2_sock_result_empty(ctx, ret, r.err);
}

/* Keep-alive times: durations in nanoseconds, whole seconds for Linux (at least 1). */
static void keep_alive_time(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret, int name)
{
	struct sock_ref r = tcp_ref(self);
	int v = get_int(&r, OS_IPPROTO_TCP, name);
	result_u64(ctx, ret, r, (uint64_t)(v > 0 ? v : 0) * NS_PER_S);
}

static void set_keep_alive_time(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t ns, uint32_t ret, int name)
{
	uint64_t s = ns / NS_PER_S;
	set_int(ctx, ret, tcp_ref(self), OS_IPPROTO_TCP, name, ns == 0 ? 0 : s == 0 ? 1 : s, MAX_KEEPALIVE_S);
}

void wasi_p2_sockets_tcp_tcp_socket_keep_alive_idle_time(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	keep_alive_time(ctx, self, ret, OS_TCP_KEEPIDLE);
}

void wasi_p2_sockets_tcp_tcp_socket_set_keep_alive_idle_time(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t value,
		uint32_t ret)
{
	set_keep_alive_time(ctx, self, value, ret, OS_TCP_KEEPIDLE);
}

void wasi_p2_sockets_tcp_tcp_socket_keep_alive_interval(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	keep_alive_time(ctx, self, ret, OS_TCP_KEEPINTVL);
}

void wasi_p2_sockets_tcp_tcp_socket_set_keep_alive_interval(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t value,
		uint32_t ret)
{
	set_keep_alive_time(ctx, self, value, ret, OS_TCP_KEEPINTVL);
}

void wasi_p2_sockets_tcp_tcp_socket_keep_alive_count(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	struct sock_ref r = tcp_ref(self);
	int v = get_int(&r, OS_IPPROTO_TCP, OS_TCP_KEEPCNT);
	result_u32(ctx, ret, r, (uint32_t)v);
}

void wasi_p2_sockets_tcp_tcp_socket_set_keep_alive_count(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t value,
		uint32_t ret)
{
	set_int(ctx, ret, tcp_ref(self), OS_IPPROTO_TCP, OS_TCP_KEEPCNT, value, MAX_KEEPALIVE_COUNT);
}

void wasi_p2_sockets_tcp_tcp_socket_hop_limit(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	hop_limit(ctx, ret, tcp_ref(self));
}

void wasi_p2_sockets_tcp_tcp_socket_set_hop_limit(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t value, uint32_t ret)
{
	set_hop_limit(ctx, ret, tcp_ref(self), value);
}

void wasi_p2_sockets_tcp_tcp_socket_receive_buffer_size(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	buffer_size(ctx, ret, tcp_ref(self), OS_SO_RCVBUF);
}

void wasi_p2_sockets_tcp_tcp_socket_set_receive_buffer_size(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t value,
		uint32_t ret)
{
	set_buffer_size(ctx, ret, tcp_ref(self), OS_SO_RCVBUF, value);
}

void wasi_p2_sockets_tcp_tcp_socket_send_buffer_size(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	buffer_size(ctx, ret, tcp_ref(self), OS_SO_SNDBUF);
}

void wasi_p2_sockets_tcp_tcp_socket_set_send_buffer_size(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t value,
		uint32_t ret)
{
	set_buffer_size(ctx, ret, tcp_ref(self), OS_SO_SNDBUF, value);
}

/* ---- udp-socket ---- */

void wasi_p2_sockets_udp_udp_socket_unicast_hop_limit(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	hop_limit(ctx, ret, udp_ref(self));
}

void wasi_p2_sockets_udp_udp_socket_set_unicast_hop_limit(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t value,
		uint32_t ret)
{
	set_hop_limit(ctx, ret, udp_ref(self), value);
}

void wasi_p2_sockets_udp_udp_socket_receive_buffer_size(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	buffer_size(ctx, ret, udp_ref(self), OS_SO_RCVBUF);
}

void wasi_p2_sockets_udp_udp_socket_set_receive_buffer_size(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t value,
		uint32_t ret)
{
	set_buffer_size(ctx, ret, udp_ref(self), OS_SO_RCVBUF, value);
}

void wasi_p2_sockets_udp_udp_socket_send_buffer_size(struct wasi_p2_ctx *ctx, uint32_t self, uint32_t ret)
{
	buffer_size(ctx, ret, udp_ref(self), OS_SO_SNDBUF);
}

void wasi_p2_sockets_udp_udp_socket_set_send_buffer_size(struct wasi_p2_ctx *ctx, uint32_t self, uint64_t value,
		uint32_t ret)
{
	set_buffer_size(ctx, ret, udp_ref(self), OS_SO_SNDBUF, value);
}
