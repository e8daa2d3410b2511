/*
 * WASI 0.2's wasi:sockets called directly (the imports of p2_sockets.wit,
 * with their flattened Canonical ABI signatures), in one process, on the
 * loopback interface: a TCP listener on 127.0.0.1 port 0, a client that
 * connects to it, accept, bytes both ways through the streams, shutdown and
 * end of file, refused connections and the state machine's errors, socket
 * options; the same over IPv6 (::1); two UDP sockets exchanging datagrams,
 * connected and not; ip-name-lookup of literals, "localhost" and a name no
 * resolver is asked for. Nothing printed depends on port numbers.
 *
 * Build: clang (wasm32-wasi) → embed p2_sockets.wit's world p2-sockets →
 * `jco new --wasi-command`. Run compiled with --inherit-network (or
 * --runtime-grants and WASMC_INHERIT_NETWORK=1): the output is
 * p2_sockets.stdout. Argument "denied" (compiled without the grant): bind
 * and connect answer access-denied; prints its checks and exits 1 if one
 * fails. Argument "send-unpermitted": a UDP send without check-send, which
 * traps.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p2_guest.h"

#define STREAMS "wasi:io/streams@0.2.12"
#define POLL "wasi:io/poll@0.2.12"
#define TCP "wasi:sockets/tcp@0.2.12"
#define UDP "wasi:sockets/udp@0.2.12"
#define LOOKUP "wasi:sockets/ip-name-lookup@0.2.12"

/* A return area: the host stores results with the Canonical ABI's layout; read with the helpers below. */
struct ret {
	_Alignas(8) uint8_t b[48];
};

/* An ip-socket-address flattened: the case, then 11 joined slots. */
struct addr {
	uint32_t v[12];
};
#define FLAT(a) a.v[0], a.v[1], a.v[2], a.v[3], a.v[4], a.v[5], a.v[6], a.v[7], a.v[8], a.v[9], a.v[10], a.v[11]
#define ADDR_PARAMS                                                                                                   \
	uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, uint32_t, \
		uint32_t

IMPORT("wasi:sockets/instance-network@0.2.12", "instance-network") uint32_t instance_network(void);
IMPORT("wasi:sockets/network@0.2.12", "[resource-drop]network") void drop_network(uint32_t h);
IMPORT("wasi:sockets/tcp-create-socket@0.2.12", "create-tcp-socket") void create_tcp_socket(uint32_t family, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.start-bind") void tcp_start_bind(uint32_t s, uint32_t net, ADDR_PARAMS, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.finish-bind") void tcp_finish_bind(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.start-connect") void tcp_start_connect(uint32_t s, uint32_t net, ADDR_PARAMS, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.finish-connect") void tcp_finish_connect(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.start-listen") void tcp_start_listen(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.finish-listen") void tcp_finish_listen(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.accept") void tcp_accept(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.local-address") void tcp_local_address(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.remote-address") void tcp_remote_address(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.is-listening") uint32_t tcp_is_listening(uint32_t s);
IMPORT(TCP, "[method]tcp-socket.address-family") uint32_t tcp_address_family(uint32_t s);
IMPORT(TCP, "[method]tcp-socket.set-listen-backlog-size") void tcp_set_listen_backlog_size(uint32_t s, uint64_t v, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.keep-alive-enabled") void tcp_keep_alive_enabled(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.set-keep-alive-enabled") void tcp_set_keep_alive_enabled(uint32_t s, uint32_t v, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.keep-alive-idle-time") void tcp_keep_alive_idle_time(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.set-keep-alive-idle-time") void tcp_set_keep_alive_idle_time(uint32_t s, uint64_t v, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.keep-alive-interval") void tcp_keep_alive_interval(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.set-keep-alive-interval") void tcp_set_keep_alive_interval(uint32_t s, uint64_t v, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.keep-alive-count") void tcp_keep_alive_count(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.set-keep-alive-count") void tcp_set_keep_alive_count(uint32_t s, uint32_t v, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.hop-limit") void tcp_hop_limit(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.set-hop-limit") void tcp_set_hop_limit(uint32_t s, uint32_t v, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.receive-buffer-size") void tcp_receive_buffer_size(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.set-receive-buffer-size") void tcp_set_receive_buffer_size(uint32_t s, uint64_t v, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.send-buffer-size") void tcp_send_buffer_size(uint32_t s, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.set-send-buffer-size") void tcp_set_send_buffer_size(uint32_t s, uint64_t v, struct ret *r);
IMPORT(TCP, "[method]tcp-socket.subscribe") uint32_t tcp_subscribe(uint32_t s);
IMPORT(TCP, "[method]tcp-socket.shutdown") void tcp_shutdown(uint32_t s, uint32_t how, struct ret *r);
IMPORT(TCP, "[resource-drop]tcp-socket") void drop_tcp_socket(uint32_t h);

IMPORT("wasi:sockets/udp-create-socket@0.2.12", "create-udp-socket") void create_udp_socket(uint32_t family, struct ret *r);
IMPORT(UDP, "[method]udp-socket.start-bind") void udp_start_bind(uint32_t s, uint32_t net, ADDR_PARAMS, struct ret *r);
IMPORT(UDP, "[method]udp-socket.finish-bind") void udp_finish_bind(uint32_t s, struct ret *r);
IMPORT(UDP, "[method]udp-socket.stream") void udp_stream(uint32_t s, uint32_t some, ADDR_PARAMS, struct ret *r);
IMPORT(UDP, "[method]udp-socket.local-address") void udp_local_address(uint32_t s, struct ret *r);
IMPORT(UDP, "[method]udp-socket.remote-address") void udp_remote_address(uint32_t s, struct ret *r);
IMPORT(UDP, "[method]udp-socket.address-family") uint32_t udp_address_family(uint32_t s);
IMPORT(UDP, "[method]udp-socket.unicast-hop-limit") void udp_unicast_hop_limit(uint32_t s, struct ret *r);
IMPORT(UDP, "[method]udp-socket.set-unicast-hop-limit") void udp_set_unicast_hop_limit(uint32_t s, uint32_t v, struct ret *r);
IMPORT(UDP, "[method]udp-socket.receive-buffer-size") void udp_receive_buffer_size(uint32_t s, struct ret *r);
IMPORT(UDP, "[method]udp-socket.set-receive-buffer-size") void udp_set_receive_buffer_size(uint32_t s, uint64_t v, struct ret *r);
IMPORT(UDP, "[method]udp-socket.send-buffer-size") void udp_send_buffer_size(uint32_t s, struct ret *r);
IMPORT(UDP, "[method]udp-socket.set-send-buffer-size") void udp_set_send_buffer_size(uint32_t s, uint64_t v, struct ret *r);
IMPORT(UDP, "[method]udp-socket.subscribe") uint32_t udp_subscribe(uint32_t s);
IMPORT(UDP, "[method]incoming-datagram-stream.receive") void udp_receive(uint32_t s, uint64_t max, struct ret *r);
IMPORT(UDP, "[method]incoming-datagram-stream.subscribe") uint32_t udp_incoming_subscribe(uint32_t s);
IMPORT(UDP, "[method]outgoing-datagram-stream.check-send") void udp_check_send(uint32_t s, struct ret *r);
IMPORT(UDP, "[method]outgoing-datagram-stream.send") void udp_send(uint32_t s, const void *list, size_t n, struct ret *r);
IMPORT(UDP, "[method]outgoing-datagram-stream.subscribe") uint32_t udp_outgoing_subscribe(uint32_t s);
IMPORT(UDP, "[resource-drop]udp-socket") void drop_udp_socket(uint32_t h);
IMPORT(UDP, "[resource-drop]incoming-datagram-stream") void drop_incoming_datagram_stream(uint32_t h);
IMPORT(UDP, "[resource-drop]outgoing-datagram-stream") void drop_outgoing_datagram_stream(uint32_t h);

IMPORT(LOOKUP, "resolve-addresses") void resolve_addresses(uint32_t net, const char *name, size_t len, struct ret *r);
IMPORT(LOOKUP, "[method]resolve-address-stream.resolve-next-address") void resolve_next_address(uint32_t s, struct ret *r);
IMPORT(LOOKUP, "[method]resolve-address-stream.subscribe") uint32_t resolve_subscribe(uint32_t s);
IMPORT(LOOKUP, "[resource-drop]resolve-address-stream") void drop_resolve_address_stream(uint32_t h);

IMPORT(STREAMS, "[method]input-stream.read") void in_read(uint32_t s, uint64_t n, struct ret *r);
IMPORT(STREAMS, "[method]input-stream.blocking-read") void in_blocking_read(uint32_t s, uint64_t n, struct ret *r);
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush")
void out_blocking_write_and_flush(uint32_t s, const void *p, size_t n, struct ret *r);
IMPORT(STREAMS, "[resource-drop]input-stream") void drop_input_stream(uint32_t h);
IMPORT(STREAMS, "[resource-drop]output-stream") void drop_output_stream(uint32_t h);
IMPORT(POLL, "[method]pollable.block") void pollable_block(uint32_t h);
IMPORT(POLL, "[method]pollable.ready") uint32_t pollable_ready(uint32_t h);
IMPORT(POLL, "[resource-drop]pollable") void drop_pollable(uint32_t h);
IMPORT("wasi:io/error@0.2.12", "[resource-drop]error") void drop_error(uint32_t h);

enum { IPV4, IPV6 };
enum { SHUT_RECEIVE, SHUT_SEND, SHUT_BOTH };
enum { WOULD_BLOCK = 8 };

static const char *const error_names[] = {
	"unknown", "access-denied", "not-supported", "invalid-argument", "out-of-memory", "timeout",
	"concurrency-conflict", "not-in-progress", "would-block", "invalid-state", "new-socket-limit",
	"address-not-bindable", "address-in-use", "remote-unreachable", "connection-refused", "connection-reset",
	"connection-aborted", "datagram-too-large", "name-unresolvable", "temporary-resolver-failure",
	"permanent-resolver-failure",
};


static uint32_t u32_at(const struct ret *r, int off)
{
	uint32_t v;
	memcpy(&v, r->b + off, 4);
	return v;
}

static uint64_t u64_at(const struct ret *r, int off)
{
	uint64_t v;
	memcpy(&v, r->b + off, 8);
	return v;
}

static int failures;

/* The outcome of result<T, error-code> whose payload is at `payload`: "ok" or the error's name. */
static const char *outcome(const struct ret *r, int payload)
{
	if (r->b[0] == 0)
		return "ok";
	return r->b[payload] < sizeof error_names / sizeof error_names[0] ? error_names[r->b[payload]] : "(bad code)";
}

/* Prints "label: outcome" for result<_, error-code>; returns whether it was ok. */
static int show(const char *label, const struct ret *r)
{
	printf("%s: %s\n", label, outcome(r, 1));
	return r->b[0] == 0;
}

/* The same for results whose payload is at 4 (handles, tuples, addresses, lists). */
static int show4(const char *label, const struct ret *r)
{
	printf("%s: %s\n", label, outcome(r, 4));
	return r->b[0] == 0;
}

static void expect(const char *label, const struct ret *r, int payload, const char *want)
{
	const char *got = outcome(r, payload);
	printf("%s: %s\n", label, got);
	if (strcmp(got, want)) {
		printf("  (want %s)\n", want);
		failures++;
	}
}

static struct addr ipv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint16_t port)
{
	return (struct addr){ { IPV4, port, a, b, c, d } };
}

static struct addr ipv6(const uint16_t segments[8], uint16_t port)
{
	struct addr x = { { IPV6, port, 0 } };
	for (int i = 0; i < 8; i++)
		x.v[3 + i] = segments[i];
	return x;
}

static const uint16_t loopback6[8] = { 0, 0, 0, 0, 0, 0, 0, 1 };

/* The ip-socket-address stored at p (the guest layout), flattened again. */
static struct addr addr_load(const uint8_t *p)
{
	uint16_t port;
	memcpy(&port, p + 4, 2);
	if (p[0] == IPV4)
		return ipv4(p[6], p[7], p[8], p[9], port);
	uint16_t seg[8];
	memcpy(seg, p + 12, 16);
	struct addr x = ipv6(seg, port);
	memcpy(&x.v[2], p + 8, 4);
	memcpy(&x.v[11], p + 28, 4);
	return x;
}

/* "127.0.0.1" or "0:0:0:0:0:0:0:1" (no port: ports differ from run to run). */
static const char *addr_text(const struct addr *a)
{
	static char text[64];
	if (a->v[0] == IPV4)
		snprintf(text, sizeof text, "%u.%u.%u.%u", a->v[2], a->v[3], a->v[4], a->v[5]);
	else
		snprintf(text, sizeof text, "%x:%x:%x:%x:%x:%x:%x:%x", a->v[3], a->v[4], a->v[5], a->v[6], a->v[7],
				a->v[8], a->v[9], a->v[10]);
	return text;
}

static int same_addr(const struct addr *a, const struct addr *b)
{
	return !memcmp(a, b, sizeof *a);
}

static const char *yes(int ok)
{
	return ok ? "yes" : "no";
}

/* Waits on a fresh pollable from `subscribe`'s result and drops it. */
static void wait_for(uint32_t pollable)
{
	pollable_block(pollable);
	drop_pollable(pollable);
}

static uint32_t new_tcp(uint32_t family)
{
	struct ret r;
	create_tcp_socket(family, &r);
	if (r.b[0]) {
		printf("create-tcp-socket: %s\n", outcome(&r, 4));
		exit(1);
	}
	return u32_at(&r, 4);
}

/* start-bind then finish-bind; the bind's outcome. */
static const char *tcp_bind(uint32_t sock, uint32_t net, struct addr a)
{
	struct ret r;
	tcp_start_bind(sock, net, FLAT(a), &r);
	if (r.b[0])
		return outcome(&r, 1);
	tcp_finish_bind(sock, &r);
	return outcome(&r, 1);
}

static struct addr tcp_local(uint32_t sock)
{
	struct ret r;
	tcp_local_address(sock, &r);
	return addr_load(r.b + 4);
}

/* start-connect, then finish-connect until it no longer would block; r holds finish-connect's result. */
static void tcp_connect(uint32_t sock, uint32_t net, struct addr to, struct ret *r)
{
	tcp_start_connect(sock, net, FLAT(to), r);
	if (r->b[0])
		return;
	for (;;) {
		tcp_finish_connect(sock, r);
		if (r->b[0] == 0 || r->b[4] != WOULD_BLOCK)
			return;
		wait_for(tcp_subscribe(sock));
	}
}

/* Writes text whole to an output stream. */
static void send_text(uint32_t out, const char *text)
{
	struct ret r;
	out_blocking_write_and_flush(out, text, strlen(text), &r);
	if (r.b[0])
		printf("write: failed\n");
}

/* blocking-read: "data" or "closed" (or the failure). */
static const char *receive_text(uint32_t in)
{
	static char text[128];
	struct ret r;
	in_blocking_read(in, sizeof text - 3, &r);
	if (r.b[0]) {
		if (r.b[4] == 0)
			drop_error(u32_at(&r, 8));
		return r.b[4] == 1 ? "closed" : "last-operation-failed";
	}
	uint32_t len = u32_at(&r, 8);
	char *data = (char *)(uintptr_t)u32_at(&r, 4);
	snprintf(text, sizeof text, "\"%.*s\"", (int)len, data);
	free(len ? data : NULL);
	return text;
}

/* A TCP listener on loopback, port 0; its address is stored at *where. */
static uint32_t tcp_listener(uint32_t net, uint32_t family, struct addr loopback, struct addr *where)
{
	uint32_t listener = new_tcp(family);
	printf("bind listener: %s\n", tcp_bind(listener, net, loopback));
	struct ret r;
	tcp_start_listen(listener, &r);
	show("start-listen", &r);
	tcp_finish_listen(listener, &r);
	show("finish-listen", &r);
	*where = tcp_local(listener);
	printf("listening on %s, port chosen: %s\n", addr_text(where), yes(where->v[1] != 0));
	return listener;
}

/* Accepts one connection (waiting for it): the socket and its streams at out[0..2]. */
static void tcp_accept_one(uint32_t listener, uint32_t out[3])
{
	struct ret r;
	wait_for(tcp_subscribe(listener));
	tcp_accept(listener, &r);
	show4("accept", &r);
	for (int i = 0; i < 3; i++)
		out[i] = u32_at(&r, 4 + 4 * i);
}

static void tcp_states(uint32_t net)
{
	printf("-- tcp states\n");
	struct ret r;
	uint32_t s = new_tcp(IPV4);
	printf("address-family: %s\n", tcp_address_family(s) == IPV4 ? "ipv4" : "ipv6");
	tcp_local_address(s, &r);
	show4("local-address before bind", &r);
	tcp_start_listen(s, &r);
	show("start-listen before bind", &r);
	tcp_finish_bind(s, &r);
	show("finish-bind before start-bind", &r);
	tcp_start_bind(s, net, FLAT(ipv4(224, 0, 0, 1, 0)), &r);
	show("start-bind multicast", &r);
	tcp_start_bind(s, net, FLAT(ipv6(loopback6, 0)), &r);
	show("start-bind ipv6 address on ipv4 socket", &r);
	tcp_start_bind(s, net, FLAT(ipv4(127, 0, 0, 1, 0)), &r);
	show("start-bind 127.0.0.1:0", &r);
	tcp_local_address(s, &r);
	show4("local-address while bind started", &r);
	tcp_start_bind(s, net, FLAT(ipv4(127, 0, 0, 1, 0)), &r);
	show("start-bind again", &r);
	tcp_finish_bind(s, &r);
	show("finish-bind", &r);
	tcp_finish_bind(s, &r);
	show("finish-bind again", &r);
	struct addr a = tcp_local(s);
	printf("local-address: %s, port chosen: %s\n", addr_text(&a), yes(a.v[1] != 0));
	tcp_remote_address(s, &r);
	show4("remote-address unconnected", &r);
	tcp_shutdown(s, SHUT_BOTH, &r);
	show("shutdown unconnected", &r);
	tcp_accept(s, &r);
	show4("accept unlistening", &r);
	tcp_finish_connect(s, &r);
	show4("finish-connect without start-connect", &r);
	printf("is-listening: %s\n", yes(tcp_is_listening(s)));

	/* A bound socket that does not listen refuses connections. */
	uint32_t client = new_tcp(IPV4);
	tcp_start_connect(client, net, FLAT(ipv4(127, 0, 0, 1, 0)), &r);
	show("start-connect to port 0", &r);
	tcp_start_connect(client, net, FLAT(ipv4(0, 0, 0, 0, a.v[1])), &r);
	show("start-connect to 0.0.0.0", &r);
	tcp_connect(client, net, a, &r);
	show4("connect to a port nobody listens on", &r);
	tcp_local_address(client, &r);
	show4("local-address after a failed connect", &r);
	tcp_keep_alive_enabled(client, &r);
	show("keep-alive-enabled after a failed connect", &r);
	drop_tcp_socket(client);
	drop_tcp_socket(s);
}

static void tcp_options(uint32_t sock)
{
	printf("-- tcp options\n");
	struct ret r;
	tcp_set_keep_alive_enabled(sock, 1, &r);
	show("set-keep-alive-enabled true", &r);
	tcp_keep_alive_enabled(sock, &r);
	printf("keep-alive-enabled: %s\n", r.b[0] ? "error" : yes(r.b[1]));
	tcp_set_keep_alive_idle_time(sock, 0, &r);
	show("set-keep-alive-idle-time 0", &r);
	tcp_set_keep_alive_idle_time(sock, 10000000000ull, &r);
	show("set-keep-alive-idle-time 10 s", &r);
	tcp_keep_alive_idle_time(sock, &r);
	printf("keep-alive-idle-time: %llu ns\n", (unsigned long long)u64_at(&r, 8));
	tcp_set_keep_alive_interval(sock, 1500000000ull, &r);
	show("set-keep-alive-interval 1.5 s", &r);
	tcp_keep_alive_interval(sock, &r);
	printf("keep-alive-interval: %llu ns\n", (unsigned long long)u64_at(&r, 8));
	tcp_set_keep_alive_count(sock, 0, &r);
	show("set-keep-alive-count 0", &r);
	tcp_set_keep_alive_count(sock, 1000, &r);
	show("set-keep-alive-count 1000", &r);
	tcp_keep_alive_count(sock, &r);
	printf("keep-alive-count (clamped): %u\n", u32_at(&r, 4));
	tcp_set_hop_limit(sock, 0, &r);
	show("set-hop-limit 0", &r);
	tcp_set_hop_limit(sock, 42, &r);
	show("set-hop-limit 42", &r);
	tcp_hop_limit(sock, &r);
	printf("hop-limit: %u\n", r.b[1]);
	tcp_set_receive_buffer_size(sock, 0, &r);
	show("set-receive-buffer-size 0", &r);
	tcp_set_receive_buffer_size(sock, 65536, &r);
	show("set-receive-buffer-size 65536", &r);
	tcp_receive_buffer_size(sock, &r);
	printf("receive-buffer-size: %llu\n", (unsigned long long)u64_at(&r, 8));
	tcp_set_send_buffer_size(sock, 65536, &r);
	show("set-send-buffer-size 65536", &r);
	tcp_send_buffer_size(sock, &r);
	printf("send-buffer-size: %llu\n", (unsigned long long)u64_at(&r, 8));
}

/* A listener, a client connecting to it, the accepted connection, bytes both ways, shutdown. */
static void tcp_exchange(uint32_t net, uint32_t family, struct addr loopback)
{
	printf("-- tcp over %s\n", family == IPV4 ? "ipv4" : "ipv6");
	struct ret r;
	struct addr where;
	uint32_t listener = tcp_listener(net, family, loopback, &where);
	printf("is-listening: %s\n", yes(tcp_is_listening(listener)));
	tcp_accept(listener, &r);
	show4("accept with none pending", &r);
	tcp_set_listen_backlog_size(listener, 0, &r);
	show("set-listen-backlog-size 0", &r);
	tcp_set_listen_backlog_size(listener, 16, &r);
	show("set-listen-backlog-size 16 while listening", &r);

	uint32_t client = new_tcp(family);
	tcp_connect(client, net, where, &r);
	show4("connect", &r);
	uint32_t client_in = u32_at(&r, 4), client_out = u32_at(&r, 8);
	tcp_start_connect(client, net, FLAT(where), &r);
	show("start-connect when connected", &r);
	tcp_remote_address(client, &r);
	struct addr peer = addr_load(r.b + 4);
	printf("client's remote-address is the listener's: %s\n", yes(!r.b[0] && same_addr(&peer, &where)));
	struct addr client_addr = tcp_local(client);

	uint32_t conn[3];
	tcp_accept_one(listener, conn);
	tcp_remote_address(conn[0], &r);
	peer = addr_load(r.b + 4);
	printf("accepted remote-address is the client's: %s\n", yes(!r.b[0] && same_addr(&peer, &client_addr)));
	struct addr local = tcp_local(conn[0]);
	printf("accepted local-address is the listener's: %s\n", yes(same_addr(&local, &where)));
	printf("accepted is-listening: %s, address-family: %s\n", yes(tcp_is_listening(conn[0])),
			tcp_address_family(conn[0]) == family ? "the listener's" : "other");

	in_read(conn[1], 100, &r);
	printf("read with nothing sent: %s, %u bytes\n", r.b[0] ? "error" : "ok", r.b[0] ? 0 : u32_at(&r, 8));
	send_text(client_out, "hello server");
	printf("server reads %s\n", receive_text(conn[1]));
	send_text(conn[2], "hello client");
	printf("client reads %s\n", receive_text(client_in));
	tcp_shutdown(client, SHUT_SEND, &r);
	show("client shutdown send", &r);
	printf("server reads %s\n", receive_text(conn[1]));
	send_text(conn[2], "still open the other way");
	printf("client reads %s\n", receive_text(client_in));
	tcp_shutdown(conn[0], SHUT_BOTH, &r);
	show("server shutdown both", &r);
	printf("client reads %s\n", receive_text(client_in));
	if (family == IPV4)
		tcp_options(conn[0]);

	/* Streams and sockets dropped in any order; the connection ends with the last. */
	drop_input_stream(conn[1]);
	drop_tcp_socket(conn[0]);
	drop_output_stream(conn[2]);
	/* Writing to a connection the peer closed fails (EPIPE does not kill the process). */
	int failed = 0;
	for (int i = 0; i < 100 && !failed; i++) {
		out_blocking_write_and_flush(client_out, "x", 1, &r);
		failed = r.b[0];
		if (failed && r.b[4] == 0)
			drop_error(u32_at(&r, 8));
	}
	printf("client writes after the server closed: fails %s\n", yes(failed));
	drop_tcp_socket(client);
	drop_input_stream(client_in);
	drop_output_stream(client_out);
	/* A second socket cannot take the listener's address. */
	uint32_t other = new_tcp(family);
	printf("bind to the listener's address: %s\n", tcp_bind(other, net, where));
	drop_tcp_socket(other);
	drop_tcp_socket(listener);
}

static uint32_t new_udp(uint32_t family)
{
	struct ret r;
	create_udp_socket(family, &r);
	if (r.b[0]) {
		printf("create-udp-socket: %s\n", outcome(&r, 4));
		exit(1);
	}
	return u32_at(&r, 4);
}

static const char *udp_bind(uint32_t sock, uint32_t net, struct addr a)
{
	struct ret r;
	udp_start_bind(sock, net, FLAT(a), &r);
	if (r.b[0])
		return outcome(&r, 1);
	udp_finish_bind(sock, &r);
	return outcome(&r, 1);
}

/* stream(remote): the incoming and outgoing streams at out[0..1]. */
static void udp_streams(uint32_t sock, const struct addr *remote, uint32_t out[2], const char *label)
{
	struct ret r;
	struct addr none = { { 0 } };
	udp_stream(sock, remote != NULL, FLAT((remote ? *remote : none)), &r);
	show4(label, &r);
	out[0] = u32_at(&r, 4);
	out[1] = u32_at(&r, 8);
}

/* outgoing-datagram: data, option<ip-socket-address>. */
struct outgoing {
	const void *data;
	uint32_t len;
	uint8_t has_remote;
	_Alignas(4) uint8_t remote[32];
};

static void addr_store(uint8_t *p, const struct addr *a)
{
	memset(p, 0, 32);
	p[0] = (uint8_t)a->v[0];
	uint16_t port = (uint16_t)a->v[1];
	memcpy(p + 4, &port, 2);
	if (a->v[0] == IPV4) {
		for (int i = 0; i < 4; i++)
			p[6 + i] = (uint8_t)a->v[2 + i];
		return;
	}
	memcpy(p + 8, &a->v[2], 4);
	for (int i = 0; i < 8; i++) {
		uint16_t seg = (uint16_t)a->v[3 + i];
		memcpy(p + 12 + 2 * i, &seg, 2);
	}
	memcpy(p + 28, &a->v[11], 4);
}

/* check-send, then send one datagram: the outcome, and "sent N". */
static void send_datagram(uint32_t out, const char *label, const void *data, uint32_t len, const struct addr *to)
{
	struct ret r;
	udp_check_send(out, &r);
	if (r.b[0] || u64_at(&r, 8) == 0) {
		printf("%s: check-send %s, %llu\n", label, outcome(&r, 8), (unsigned long long)u64_at(&r, 8));
		return;
	}
	struct outgoing d = { .data = data, .len = len, .has_remote = to != NULL };
	if (to)
		addr_store(d.remote, to);
	udp_send(out, &d, 1, &r);
	if (r.b[0])
		printf("%s: %s\n", label, outcome(&r, 8));
	else
		printf("%s: sent %llu\n", label, (unsigned long long)u64_at(&r, 8));
}

/*
 * Receives datagrams until `expected` have come (waiting for them), or once
 * without waiting if none is expected; prints each with whether it came from
 * `from`, then the count.
 */
static void receive_datagrams(uint32_t in, uint64_t max, const struct addr *from, uint32_t expected)
{
	uint32_t total = 0;
	do {
		struct ret r;
		if (expected)
			wait_for(udp_incoming_subscribe(in));
		udp_receive(in, max, &r);
		if (r.b[0]) {
			printf("receive: %s\n", outcome(&r, 4));
			return;
		}
		uint32_t n = u32_at(&r, 8);
		const uint8_t *items = (const uint8_t *)(uintptr_t)u32_at(&r, 4);
		for (uint32_t i = 0; i < n; i++) {
			const uint8_t *item = items + 40 * i;
			uint32_t data, len;
			memcpy(&data, item, 4);
			memcpy(&len, item + 4, 4);
			struct addr sender = addr_load(item + 8);
			printf("  \"%.*s\" from the expected sender: %s\n", (int)len, (const char *)(uintptr_t)data,
					yes(same_addr(&sender, from)));
			free(len ? (void *)(uintptr_t)data : NULL);
		}
		free(n ? (void *)items : NULL);
		total += n;
	} while (total < expected);
	printf("receive (at most %llu at a time): %u datagram(s)\n", (unsigned long long)max, total);
}

static void udp(uint32_t net)
{
	printf("-- udp\n");
	struct ret r;
	uint32_t a = new_udp(IPV4), b = new_udp(IPV4);
	printf("address-family: %s\n", udp_address_family(a) == IPV4 ? "ipv4" : "ipv6");
	udp_local_address(a, &r);
	show4("local-address before bind", &r);
	uint32_t streams[2];
	udp_streams(a, NULL, streams, "stream before bind");
	udp_start_bind(a, net, FLAT(ipv6(loopback6, 0)), &r);
	show("start-bind ipv6 address on ipv4 socket", &r);
	printf("bind a: %s\n", udp_bind(a, net, ipv4(127, 0, 0, 1, 0)));
	printf("bind b: %s\n", udp_bind(b, net, ipv4(127, 0, 0, 1, 0)));
	udp_finish_bind(a, &r);
	show("finish-bind again", &r);
	struct addr addr_a, addr_b;
	udp_local_address(a, &r);
	addr_a = addr_load(r.b + 4);
	udp_local_address(b, &r);
	addr_b = addr_load(r.b + 4);
	printf("local-address: %s, port chosen: %s\n", addr_text(&addr_a), yes(addr_a.v[1] != 0));
	udp_remote_address(a, &r);
	show4("remote-address unconnected", &r);

	uint32_t sa[2], sb[2];
	udp_streams(a, NULL, sa, "stream a unconnected");
	struct addr port0 = ipv4(127, 0, 0, 1, 0);
	udp_streams(b, &port0, sb, "stream b to port 0");
	udp_streams(b, &addr_a, sb, "stream b connected to a");
	udp_remote_address(b, &r);
	struct addr peer = addr_load(r.b + 4);
	printf("b's remote-address is a's: %s\n", yes(!r.b[0] && same_addr(&peer, &addr_a)));

	receive_datagrams(sa[0], 10, &addr_b, 0);
	send_datagram(sb[1], "b sends \"ping\" to its peer", "ping", 4, NULL);
	send_datagram(sb[1], "b sends \"ping2\" to a by address", "ping2", 5, &addr_a);
	receive_datagrams(sa[0], 1, &addr_b, 2);
	send_datagram(sa[1], "a sends \"pong\" to b", "pong", 4, &addr_b);
	receive_datagrams(sb[0], 10, &addr_a, 1);
	receive_datagrams(sb[0], 0, &addr_a, 0);
	send_datagram(sa[1], "a sends without an address", "x", 1, NULL);
	send_datagram(sb[1], "b sends to another address", "x", 1, &addr_b);
	static char big[70000];
	send_datagram(sa[1], "a sends 70000 bytes", big, sizeof big, &addr_b);
	struct ret c;
	udp_check_send(sa[1], &c);
	printf("check-send: %s, %llu\n", outcome(&c, 8), (unsigned long long)u64_at(&c, 8));
	uint32_t p = udp_outgoing_subscribe(sa[1]);
	printf("outgoing pollable ready: %s\n", yes(pollable_ready(p)));
	drop_pollable(p);
	p = udp_subscribe(a);
	printf("socket pollable ready: %s\n", yes(pollable_ready(p)));
	drop_pollable(p);

	udp_set_unicast_hop_limit(a, 0, &r);
	show("set-unicast-hop-limit 0", &r);
	udp_set_unicast_hop_limit(a, 9, &r);
	show("set-unicast-hop-limit 9", &r);
	udp_unicast_hop_limit(a, &r);
	printf("unicast-hop-limit: %u\n", r.b[1]);
	udp_set_receive_buffer_size(a, 65536, &r);
	show("set-receive-buffer-size 65536", &r);
	udp_receive_buffer_size(a, &r);
	printf("receive-buffer-size: %llu\n", (unsigned long long)u64_at(&r, 8));
	udp_set_send_buffer_size(a, 0, &r);
	show("set-send-buffer-size 0", &r);
	udp_send_buffer_size(a, &r);
	printf("send-buffer-size: %s\n", outcome(&r, 8));

	/* Streaming again disconnects b. */
	drop_incoming_datagram_stream(sb[0]);
	drop_outgoing_datagram_stream(sb[1]);
	udp_streams(b, NULL, sb, "stream b again, unconnected");
	udp_remote_address(b, &r);
	show4("b's remote-address", &r);
	drop_udp_socket(a);
	drop_udp_socket(b);
	for (int i = 0; i < 2; i++) {
		drop_incoming_datagram_stream(i ? sb[0] : sa[0]);
		drop_outgoing_datagram_stream(i ? sb[1] : sa[1]);
	}
}

static void lookup(uint32_t net, const char *name)
{
	struct ret r;
	resolve_addresses(net, name, strlen(name), &r);
	printf("resolve \"%s\":", name);
	if (r.b[0]) {
		printf(" %s\n", outcome(&r, 4));
		return;
	}
	uint32_t stream = u32_at(&r, 4);
	wait_for(resolve_subscribe(stream));
	for (;;) {
		resolve_next_address(stream, &r);
		if (r.b[0]) {
			printf(" %s", outcome(&r, 2));
			break;
		}
		if (!r.b[2]) {
			printf(" (end)");
			break;
		}
		struct addr a;
		if (r.b[4] == IPV4) {
			a = ipv4(r.b[6], r.b[7], r.b[8], r.b[9], 0);
		} else {
			uint16_t seg[8];
			memcpy(seg, r.b + 6, 16);
			a = ipv6(seg, 0);
		}
		printf(" %s", addr_text(&a));
	}
	printf("\n");
	drop_resolve_address_stream(stream);
}

static void lookups(uint32_t net)
{
	printf("-- ip-name-lookup\n");
	const char *names[] = { "127.0.0.1", "::1", "localhost", "LocalHost", "[::ffff:10.1.2.3]", "fe80::1:2",
		"example.invalid", "", "256.1.1.1", "1.2.3", "a b", "1::2::3" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		lookup(net, names[i]);
}

/* Without the network grant: bind and connect are refused; what needs no network still works. */
static int denied(uint32_t net)
{
	struct ret r;
	uint32_t t = new_tcp(IPV4), u = new_udp(IPV4);
	tcp_start_bind(t, net, FLAT(ipv4(127, 0, 0, 1, 0)), &r);
	expect("tcp start-bind", &r, 1, "access-denied");
	tcp_start_connect(t, net, FLAT(ipv4(127, 0, 0, 1, 80)), &r);
	expect("tcp start-connect", &r, 1, "access-denied");
	tcp_start_listen(t, &r);
	expect("tcp start-listen (not bound)", &r, 1, "invalid-state");
	udp_start_bind(u, net, FLAT(ipv4(127, 0, 0, 1, 0)), &r);
	expect("udp start-bind", &r, 1, "access-denied");
	struct addr none = { { 0 } };
	udp_stream(u, 0, FLAT(none), &r);
	expect("udp stream (not bound)", &r, 4, "invalid-state");
	resolve_addresses(net, "localhost", 9, &r);
	expect("resolve localhost", &r, 4, "ok");
	if (!r.b[0])
		drop_resolve_address_stream(u32_at(&r, 4));
	drop_tcp_socket(t);
	drop_udp_socket(u);
	return failures ? 1 : 0;
}

/* A UDP send that check-send did not permit traps. */
static void send_unpermitted(uint32_t net)
{
	uint32_t u = new_udp(IPV4), s[2];
	udp_bind(u, net, ipv4(127, 0, 0, 1, 0));
	udp_streams(u, NULL, s, "stream");
	struct ret r;
	struct outgoing d = { .data = "x", .len = 1, .has_remote = 1 };
	struct addr to = ipv4(127, 0, 0, 1, 9);
	addr_store(d.remote, &to);
	udp_send(s[1], &d, 1, &r);
	printf("send without check-send: %s (should have trapped)\n", outcome(&r, 8));
}

int main(int argc, char **argv)
{
	uint32_t net = instance_network();
	if (argc > 1 && !strcmp(argv[1], "denied"))
		return denied(net);
	if (argc > 1 && !strcmp(argv[1], "send-unpermitted")) {
		send_unpermitted(net);
		return 1;
	}
	uint32_t other = instance_network();
	printf("instance-network twice: two handles %s\n", yes(other != net));
	drop_network(other);
	tcp_states(net);
	tcp_exchange(net, IPV4, ipv4(127, 0, 0, 1, 0));
	tcp_exchange(net, IPV6, ipv6(loopback6, 0));
	udp(net);
	lookups(net);
	drop_network(net);
	return 0;
}
