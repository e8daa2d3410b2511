/*
 * wasi:sockets/network and instance-network: the network handle (one
 * capability: the grant), error codes from Linux errnos as Wasmtime maps
 * them, ip-socket-address in its flat, guest and host forms, and what tcp
 * and udp sockets share (opening, binding, connected streams).
 */
#include "grants.h"
#include "sock.h"

enum p2_sock_error p2_sock_error_of_linux(long linux_errno)
{
	switch (linux_errno) {
	case P2_LINUX_EAGAIN:
	case P2_LINUX_EINTR:
	case P2_LINUX_EINPROGRESS: return P2_SOCK_WOULD_BLOCK;
	case P2_LINUX_EPERM:
	case P2_LINUX_EACCES: return P2_SOCK_ACCESS_DENIED;
	case P2_LINUX_EADDRINUSE: return P2_SOCK_ADDRESS_IN_USE;
	case P2_LINUX_EADDRNOTAVAIL: return P2_SOCK_ADDRESS_NOT_BINDABLE;
	case P2_LINUX_EALREADY: return P2_SOCK_CONCURRENCY_CONFLICT;
	case P2_LINUX_ETIMEDOUT: return P2_SOCK_TIMEOUT;
	case P2_LINUX_ECONNREFUSED: return P2_SOCK_CONNECTION_REFUSED;
	case P2_LINUX_ECONNRESET: return P2_SOCK_CONNECTION_RESET;
	case P2_LINUX_ECONNABORTED: return P2_SOCK_CONNECTION_ABORTED;
	case P2_LINUX_EINVAL: return P2_SOCK_INVALID_ARGUMENT;
	case P2_LINUX_EHOSTUNREACH:
	case P2_LINUX_EHOSTDOWN:
	case P2_LINUX_ENETDOWN:
	case P2_LINUX_ENETUNREACH:
	case P2_LINUX_ENONET: return P2_SOCK_REMOTE_UNREACHABLE;
	case P2_LINUX_EISCONN:
	case P2_LINUX_ENOTCONN:
	case P2_LINUX_EDESTADDRREQ: return P2_SOCK_INVALID_STATE;
	case P2_LINUX_ENFILE:
	case P2_LINUX_EMFILE: return P2_SOCK_NEW_SOCKET_LIMIT;
	case P2_LINUX_EMSGSIZE: return P2_SOCK_DATAGRAM_TOO_LARGE;
	case P2_LINUX_ENOMEM:
	case P2_LINUX_ENOBUFS: return P2_SOCK_OUT_OF_MEMORY;
	case P2_LINUX_ENOTSUP: /* EOPNOTSUPP */
	case P2_LINUX_ENOPROTOOPT:
	case P2_LINUX_EPFNOSUPPORT:
	case P2_LINUX_EPROTONOSUPPORT:
	case P2_LINUX_EPROTOTYPE:
	case P2_LINUX_ESOCKTNOSUPPORT:
	case P2_LINUX_EAFNOSUPPORT: return P2_SOCK_NOT_SUPPORTED;
	default: return P2_SOCK_UNKNOWN;
	}
}

enum p2_sock_error p2_sock_check(long ret)
{
	return ret < 0 ? p2_sock_error_of_linux(-ret) : P2_SOCK_OK;
}

uint8_t *p2_sock_result(struct wasi_p2_ctx *ctx, uint32_t ret, uint32_t size, uint32_t payload,
		enum p2_sock_error err)
{
	uint8_t *out = p2_guest(ctx, ret, size);
	p2_store_u8(out, err != P2_SOCK_OK);
	if (err == P2_SOCK_OK)
		return out + payload;
	p2_store_u8(out + payload, (uint8_t)err);
	return NULL;
}

void p2_sock_result_empty(struct wasi_p2_ctx *ctx, uint32_t ret, enum p2_sock_error err)
{
	p2_sock_result(ctx, ret, 2, 1, err);
}

void p2_sock_check_case(uint32_t discriminant, uint32_t cases)
{
	if (discriminant >= cases)
		rt_trap(RT_TRAP_UNREACHABLE);
}

/* ---- network, instance-network ---- */

enum p2_sock_error p2_sock_network_check(uint32_t network)
{
	p2_handle_get(network, P2_RES_NETWORK);
	return wasi_grants_network() ? P2_SOCK_OK : P2_SOCK_ACCESS_DENIED;
}

/* Every call gives a new handle; the capability is the grant, the same for all. */
uint32_t wasi_p2_sockets_instance_network_instance_network(struct wasi_p2_ctx *ctx)
{
	return p2_handle_new(P2_RES_NETWORK, NULL, 0);
}

void wasi_p2_sockets_network_drop_network(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_NETWORK);
}

/* network-error-code: option<error-code> of a stream's error; every error holds an errno, so always some. */
void wasi_p2_sockets_network_network_error_code(struct wasi_p2_ctx *ctx, uint32_t error, uint32_t ret)
{
	const struct p2_error *e = p2_handle_get(error, P2_RES_ERROR);
	uint8_t *out = p2_guest(ctx, ret, 2);
	p2_store_u8(out, 1);
	p2_store_u8(out + 1, (uint8_t)p2_sock_error_of_linux(e->linux_errno));
}

/* ---- Addresses ---- */

/* Ports and IPv6 segments are big-endian in a sockaddr; flow-info and scope-id are the host's (as Rust's std). */
static void store_be16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static uint16_t load_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint16_t load_u16(const uint8_t *p)
{
	uint16_t v;
	__builtin_memcpy(&v, p, 2);
	return v;
}

static uint32_t load_u32(const uint8_t *p)
{
	uint32_t v;
	__builtin_memcpy(&v, p, 4);
	return v;
}

void p2_sock_addr_lift(const uint32_t flat[P2_SOCK_ADDR_FLAT_COUNT], struct os_sockaddr *out)
{
	p2_sock_check_case(flat[0], 2);
	*out = (struct os_sockaddr){ .family = flat[0] == P2_SOCK_IPV4 ? OS_AF_INET : OS_AF_INET6 };
	store_be16((uint8_t *)&out->port, flat[1]);
	if (flat[0] == P2_SOCK_IPV4) {
		for (int i = 0; i < 4; i++)
			out->in4[i] = (uint8_t)flat[2 + i];
		return;
	}
	out->in6.flowinfo = flat[2];
	for (int i = 0; i < 8; i++)
		store_be16(out->in6.addr + 2 * i, flat[3 + i]);
	out->in6.scope_id = flat[11];
}

/*
 * The guest layout: the case (u8) at 0; ipv4: port (u16) at 4, octets at 6;
 * ipv6: port at 4, flow-info at 8, segments at 12, scope-id at 28.
 */
void p2_sock_addr_load(const uint8_t *in, struct os_sockaddr *out)
{
	uint32_t flat[P2_SOCK_ADDR_FLAT_COUNT] = { in[0], load_u16(in + 4) };
	if (in[0] == P2_SOCK_IPV4) {
		for (int i = 0; i < 4; i++)
			flat[2 + i] = in[6 + i];
	} else {
		flat[2] = load_u32(in + 8);
		for (int i = 0; i < 8; i++)
			flat[3 + i] = load_u16(in + 12 + 2 * i);
		flat[11] = load_u32(in + 28);
	}
	p2_sock_addr_lift(flat, out);
}

void p2_sock_addr_store(uint8_t *out, const struct os_sockaddr *addr)
{
	bool v4 = addr->family == OS_AF_INET;
	p2_store_u8(out, v4 ? P2_SOCK_IPV4 : P2_SOCK_IPV6);
	p2_store_u16(out + 4, load_be16((const uint8_t *)&addr->port));
	if (v4) {
		for (int i = 0; i < 4; i++)
			p2_store_u8(out + 6 + i, addr->in4[i]);
		return;
	}
	p2_store_u32(out + 8, addr->in6.flowinfo);
	for (int i = 0; i < 8; i++)
		p2_store_u16(out + 12 + 2 * i, load_be16(addr->in6.addr + 2 * i));
	p2_store_u32(out + 28, addr->in6.scope_id);
}

void p2_sock_result_addr(struct wasi_p2_ctx *ctx, uint32_t ret, enum p2_sock_error err, int fd, bool peer)
{
	struct os_sockaddr addr = { 0 };
	if (err == P2_SOCK_OK)
		err = p2_sock_check(peer ? os_getpeername(fd, &addr) : os_getsockname(fd, &addr));
	uint8_t *out = p2_sock_result(ctx, ret, 4 + P2_SOCK_ADDR_SIZE, 4, err);
	if (out)
		p2_sock_addr_store(out, &addr);
}

bool p2_sock_addr_equal(const struct os_sockaddr *a, const struct os_sockaddr *b)
{
	if (a->family != b->family || a->port != b->port)
		return false;
	if (a->family == OS_AF_INET)
		return !__builtin_memcmp(a->in4, b->in4, 4);
	return !__builtin_memcmp(&a->in6, &b->in6, sizeof a->in6);
}

static const uint8_t zero16[16];

/* ::ffff:a.b.c.d */
static bool is_v4_mapped(const uint8_t *a)
{
	return !__builtin_memcmp(a, zero16, 10) && a[10] == 0xff && a[11] == 0xff;
}

/* ::a.b.c.d, deprecated since 2006 (but :: and ::1) */
static bool is_v4_compatible(const uint8_t *a)
{
	return !__builtin_memcmp(a, zero16, 12) && ((a[12] | a[13] | a[14]) != 0 || a[15] > 1);
}

bool p2_sock_addr_of_family(const struct os_sockaddr *addr, uint8_t family)
{
	if (family == P2_SOCK_IPV4)
		return addr->family == OS_AF_INET;
	return addr->family == OS_AF_INET6 && !is_v4_mapped(addr->in6.addr) && !is_v4_compatible(addr->in6.addr);
}

/* The IPv4 address of addr, or of an IPv4-mapped IPv6 one (Rust's to_canonical); NULL for other IPv6. */
static const uint8_t *canonical_v4(const struct os_sockaddr *addr)
{
	if (addr->family == OS_AF_INET)
		return addr->in4;
	return is_v4_mapped(addr->in6.addr) ? addr->in6.addr + 12 : NULL;
}

bool p2_sock_addr_is_unicast(const struct os_sockaddr *addr)
{
	const uint8_t *v4 = canonical_v4(addr);
	if (v4)
		return (v4[0] & 0xf0) != 0xe0 && load_u32(v4) != 0xffffffffu;
	return addr->in6.addr[0] != 0xff;
}

bool p2_sock_addr_is_remote(const struct os_sockaddr *addr)
{
	const uint8_t *v4 = canonical_v4(addr);
	bool unspecified = v4 ? load_u32(v4) == 0 : !__builtin_memcmp(addr->in6.addr, zero16, 16);
	return !unspecified && addr->port != 0;
}

/* ---- Sockets ---- */

long p2_sock_open(uint32_t family, int type)
{
	p2_sock_check_case(family, 2);
	/* Sockets come with streams: a write to a closed connection must fail (EPIPE), not kill the process. */
	static bool sigpipe_ignored;
	if (!sigpipe_ignored && type == OS_SOCK_STREAM) {
		os_signal_ignore(OS_SIGPIPE);
		sigpipe_ignored = true;
	}
	long fd = os_socket(family == P2_SOCK_IPV4 ? OS_AF_INET : OS_AF_INET6, type | OS_SOCK_NONBLOCK | OS_SOCK_CLOEXEC, 0);
	if (fd >= 0 && family == P2_SOCK_IPV6) {
		long err = os_setsockopt_int((int)fd, OS_IPPROTO_IPV6, OS_IPV6_V6ONLY, 1);
		if (err < 0) {
			os_close((int)fd);
			return err;
		}
	}
	return fd;
}

enum p2_sock_error p2_sock_bind(int fd, const struct os_sockaddr *addr)
{
	long ret = os_bind(fd, addr);
	return ret == -P2_LINUX_EAFNOSUPPORT ? P2_SOCK_INVALID_ARGUMENT : p2_sock_check(ret);
}

enum p2_sock_error p2_sock_streams(int fd, uint32_t streams[2])
{
	long in_fd = os_dup_cloexec(fd);
	if (in_fd < 0)
		return p2_sock_check(in_fd);
	long out_fd = os_dup_cloexec(fd);
	if (out_fd < 0) {
		os_close((int)in_fd);
		return p2_sock_check(out_fd);
	}
	streams[0] = p2_input_stream_new((int)in_fd, true, P2_STREAM_SEQUENTIAL, 0);
	streams[1] = p2_output_stream_new((int)out_fd, true, P2_STREAM_SEQUENTIAL, 0);
	return P2_SOCK_OK;
}
