/*
 * wasi:sockets for WASI 0.2, over real non-blocking host sockets, with
 * Wasmtime's behaviour and error codes. Files: sock_network.c (network,
 * instance-network, error codes, addresses and the results carrying them),
 * sock_tcp.c (tcp-create-socket, tcp-socket's states), sock_options.c
 * (socket options of tcp and udp sockets), sock_udp.c (udp-create-socket,
 * udp-socket and its datagram streams), sock_lookup.c (ip-name-lookup).
 *
 * The network is the host's only with the grant (--inherit-network,
 * wasi_grants_network): without it every network handle refuses bind and
 * connect with access-denied, as Wasmtime's deny-all address check does.
 *
 * Where wasmc differs from Wasmtime: streams hold their own descriptors
 * (dups), so a socket may be dropped before its streams (Wasmtime traps);
 * the first TCP socket makes the process ignore SIGPIPE (Rust programs
 * such as Wasmtime always do), so that writing to a closed connection
 * fails instead of killing the program.
 */
#ifndef WASMC_WASI_P2_SOCK_H
#define WASMC_WASI_P2_SOCK_H

#include <stdbool.h>
#include <stdint.h>

#include "os.h"
#include "p2.h"

/* wasi:sockets/network error-code, in the WIT's order; P2_SOCK_OK is success. */
enum p2_sock_error {
	P2_SOCK_OK = -1,
	P2_SOCK_UNKNOWN,
	P2_SOCK_ACCESS_DENIED,
	P2_SOCK_NOT_SUPPORTED,
	P2_SOCK_INVALID_ARGUMENT,
	P2_SOCK_OUT_OF_MEMORY,
	P2_SOCK_TIMEOUT,
	P2_SOCK_CONCURRENCY_CONFLICT,
	P2_SOCK_NOT_IN_PROGRESS,
	P2_SOCK_WOULD_BLOCK,
	P2_SOCK_INVALID_STATE,
	P2_SOCK_NEW_SOCKET_LIMIT,
	P2_SOCK_ADDRESS_NOT_BINDABLE,
	P2_SOCK_ADDRESS_IN_USE,
	P2_SOCK_REMOTE_UNREACHABLE,
	P2_SOCK_CONNECTION_REFUSED,
	P2_SOCK_CONNECTION_RESET,
	P2_SOCK_CONNECTION_ABORTED,
	P2_SOCK_DATAGRAM_TOO_LARGE,
	P2_SOCK_NAME_UNRESOLVABLE,
	P2_SOCK_TEMPORARY_RESOLVER_FAILURE,
	P2_SOCK_PERMANENT_RESOLVER_FAILURE,
};

/* ip-address-family */
enum p2_sock_family { P2_SOCK_IPV4, P2_SOCK_IPV6 };

/* Linux errno values by errno.def's names (P2_LINUX_EINVAL, ...), and those it lacks. */
enum p2_linux_errno {
#define WASI_ERRNO(name, wasi_code, linux_code) P2_LINUX_E##name = linux_code,
#include "errno.def"
#undef WASI_ERRNO
	P2_LINUX_ENONET = 64,
	P2_LINUX_ESOCKTNOSUPPORT = 94,
	P2_LINUX_EPFNOSUPPORT = 96,
	P2_LINUX_EHOSTDOWN = 112,
};

/* The error-code of a Linux errno (positive), as Wasmtime maps them. */
enum p2_sock_error p2_sock_error_of_linux(long linux_errno);

/* The error-code of a system call's result: P2_SOCK_OK when it is not negative. */
enum p2_sock_error p2_sock_check(long ret);

/*
 * Stores the tag of result<T, error-code> at guest address ret (size bytes,
 * T's payload at offset `payload`): on an error its code, and NULL; on
 * success the host address of the payload for the caller to fill.
 */
uint8_t *p2_sock_result(struct wasi_p2_ctx *ctx, uint32_t ret, uint32_t size, uint32_t payload,
		enum p2_sock_error err);

/* result<_, error-code>. */
void p2_sock_result_empty(struct wasi_p2_ctx *ctx, uint32_t ret, enum p2_sock_error err);

/* An enum or variant discriminant out of its range traps, as the Canonical ABI lifts it. */
void p2_sock_check_case(uint32_t discriminant, uint32_t cases);

/* ---- The network ---- */

/* access-denied unless the network is granted; traps if `network` is not a network handle. */
enum p2_sock_error p2_sock_network_check(uint32_t network);

/* ---- Addresses ---- */

/*
 * An ip-socket-address flattened: the discriminant then 11 joined slots
 * (ipv4: port, 4 octets; ipv6: port, flow-info, 8 segments, scope-id).
 * Host functions take them as P2_SOCK_ADDR_PARAMS and pass P2_SOCK_ADDR_FLAT.
 */
#define P2_SOCK_ADDR_FLAT_COUNT 12
#define P2_SOCK_ADDR_PARAMS                                                                                     \
	uint32_t addr_case, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4, uint32_t a5,        \
		uint32_t a6, uint32_t a7, uint32_t a8, uint32_t a9, uint32_t a10
#define P2_SOCK_ADDR_FLAT \
	((const uint32_t[P2_SOCK_ADDR_FLAT_COUNT]){ addr_case, a0, a1, a2, a3, a4, a5, a6, a7, a8, a9, a10 })

/* The host address of a flattened ip-socket-address (traps on a bad discriminant). */
void p2_sock_addr_lift(const uint32_t flat[P2_SOCK_ADDR_FLAT_COUNT], struct os_sockaddr *out);

/* An ip-socket-address in guest memory (32 bytes, align 4) to a host address, and back. */
#define P2_SOCK_ADDR_SIZE 32
void p2_sock_addr_load(const uint8_t *in, struct os_sockaddr *out);
void p2_sock_addr_store(uint8_t *out, const struct os_sockaddr *addr);

/* result<ip-socket-address, error-code> of getsockname / getpeername on fd, unless err already failed. */
void p2_sock_result_addr(struct wasi_p2_ctx *ctx, uint32_t ret, enum p2_sock_error err, int fd, bool peer);

bool p2_sock_addr_equal(const struct os_sockaddr *a, const struct os_sockaddr *b);

/* Wasmtime's address rules: the socket's family (no IPv4-mapped or -compatible IPv6), unicast, a remote peer. */
bool p2_sock_addr_of_family(const struct os_sockaddr *addr, uint8_t family);
bool p2_sock_addr_is_unicast(const struct os_sockaddr *addr);
bool p2_sock_addr_is_remote(const struct os_sockaddr *addr);

/* ---- Sockets ---- */

/*
 * A new non-blocking, close-on-exec socket of `family` (traps when out of
 * range) and `type` (OS_SOCK_STREAM / OS_SOCK_DGRAM), IPv6 sockets IPv6
 * only: the descriptor, or a negative Linux errno.
 */
long p2_sock_open(uint32_t family, int type);

/* Binds fd to addr; EAFNOSUPPORT is invalid-argument (Wasmtime's tcp_bind and udp_bind). */
enum p2_sock_error p2_sock_bind(int fd, const struct os_sockaddr *addr);

/* New own handles of an input-stream and an output-stream over dups of connected fd (SEQUENTIAL streams). */
enum p2_sock_error p2_sock_streams(int fd, uint32_t streams[2]);

/* tcp-socket states, as Wasmtime's (streaming: connected, its streams handed out). */
enum p2_tcp_state {
	P2_TCP_DEFAULT,
	P2_TCP_BIND_STARTED,
	P2_TCP_BOUND,
	P2_TCP_LISTEN_STARTED,
	P2_TCP_LISTENING,
	P2_TCP_CONNECTING,
	P2_TCP_STREAMING,
	P2_TCP_CLOSED,
};

/* The representation of tcp-socket handles. */
struct p2_tcp_socket {
	int32_t fd;             /* owned */
	uint8_t family;         /* enum p2_sock_family */
	uint8_t state;          /* enum p2_tcp_state */
	int32_t connect_errno;  /* CONNECTING: why connect failed at once (finish-connect reports it), or 0 */
	uint32_t backlog;       /* for listen */
};

/* The tcp-socket `self` for an option: invalid-state while connecting or closed (Wasmtime's as_std_view). */
struct p2_tcp_socket *p2_tcp_for_option(uint32_t self, enum p2_sock_error *err);

/* udp-socket states, as Wasmtime's. */
enum p2_udp_state { P2_UDP_DEFAULT, P2_UDP_BIND_STARTED, P2_UDP_BOUND, P2_UDP_CONNECTED };

/* The representation of udp-socket handles. */
struct p2_udp_socket {
	int32_t fd;       /* owned */
	uint8_t family;   /* enum p2_sock_family */
	uint8_t state;    /* enum p2_udp_state */
};

#endif
