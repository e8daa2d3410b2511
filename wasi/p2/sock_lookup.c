/*
 * wasi:sockets/ip-name-lookup without a resolver: the freestanding runtime
 * has no DNS client (no libc, no /etc/hosts or resolv.conf), so
 * resolve-addresses answers only what needs none: IPv4 literals (dotted
 * decimal), IPv6 literals (bare or in [brackets], no zone), and "localhost"
 * (127.0.0.1, then ::1). Any other well-formed name is name-unresolvable;
 * a malformed one (empty, a forbidden character, a bad number) is
 * invalid-argument, as Wasmtime's url::Host::parse refuses it. Lookups do
 * not touch the network, so they need no grant.
 */
#include "sock.h"

#define MAX_ADDRESSES 2

/* The representation of resolve-address-stream handles: the addresses, given one by one. */
struct resolve_stream {
	uint8_t count, next;
	struct {
		uint8_t family; /* enum p2_sock_family */
		uint8_t addr[16];
	} addrs[MAX_ADDRESSES];
};

_Static_assert(sizeof(struct resolve_stream) <= P2_REP_SIZE, "resolve_stream fits a handle");

/* The value of digit c in base (10 or 16), or -1. */
static int digit_value(char c, int base)
{
	int v = base;
	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	return v < base ? v : -1;
}

/* A number of 1 to max_digits digits in base, ending at s[len]; -1 if it is not one. */
static long parse_number(const char *s, uint32_t len, int base, uint32_t max_digits)
{
	if (len == 0 || len > max_digits || (base == 10 && len > 1 && s[0] == '0'))
		return -1;
	long v = 0;
	for (uint32_t i = 0; i < len; i++) {
		int d = digit_value(s[i], base);
		if (d < 0)
			return -1;
		v = v * base + d;
	}
	return v;
}

/* Where character c is in s[0..len), or len. */
static uint32_t find(const char *s, uint32_t len, char c)
{
	uint32_t i = 0;
	while (i < len && s[i] != c)
		i++;
	return i;
}

/* a.b.c.d, each 0-255 in decimal. */
static bool parse_ipv4(const char *s, uint32_t len, uint8_t out[4])
{
	for (int part = 0; part < 4; part++) {
		uint32_t end = find(s, len, '.');
		long v = parse_number(s, end, 10, 3);
		if (v < 0 || v > 255 || (part < 3) != (end < len))
			return false;
		out[part] = (uint8_t)v;
		s += end + (end < len);
		len -= end + (end < len);
	}
	return true;
}

/* RFC 4291's text form: 8 groups of 1-4 hex digits, one "::" for zero groups, an IPv4 tail for the last two. */
static bool parse_ipv6(const char *s, uint32_t len, uint8_t out[16])
{
	uint8_t groups[16];
	int count = 0, gap = -1; /* gap: where "::" stands, in groups */
	uint32_t i = 0;
	if (len >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		i = 2;
	}
	while (i < len) {
		uint32_t end = i + find(s + i, len - i, ':');
		if (find(s + i, end - i, '.') < end - i) {
			if (end != len || count > 6 || !parse_ipv4(s + i, end - i, groups + 2 * count))
				return false;
			count += 2;
			break;
		}
		long v = parse_number(s + i, end - i, 16, 4);
		if (v < 0 || count == 8)
			return false;
		groups[2 * count] = (uint8_t)(v >> 8);
		groups[2 * count + 1] = (uint8_t)v;
		count++;
		if (end == len)
			break;
		if (end + 1 < len && s[end + 1] == ':') {
			if (gap >= 0)
				return false;
			gap = count;
			i = end + 2;
		} else if (end + 1 == len) {
			return false;
		} else {
			i = end + 1;
		}
	}
	if (gap < 0 ? count != 8 : count > 7)
		return false;
	int tail = gap < 0 ? 0 : count - gap;
	__builtin_memset(out, 0, 16);
	__builtin_memcpy(out, groups, 2 * (size_t)(count - tail));
	__builtin_memcpy(out + 16 - 2 * tail, groups + 2 * (count - tail), 2 * (size_t)tail);
	return true;
}

static bool equal_ignoring_case(const char *s, uint32_t len, const char *lower)
{
	uint32_t i = 0;
	for (; i < len && lower[i]; i++)
		if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]) != lower[i])
			return false;
	return i == len && !lower[i];
}

/* Characters a host name cannot hold (the URL standard's forbidden host code points). */
static bool forbidden(char c)
{
	const char *list = "#%/:<>?@[\\]^|";
	return (unsigned char)c <= ' ' || c == 0x7f || find(list, 13, c) < 13;
}

/* Whether the last label of a name is a number: then it had to be an IPv4 address (the URL standard). */
static bool ends_in_number(const char *s, uint32_t len)
{
	if (len && s[len - 1] == '.')
		len--;
	uint32_t start = len;
	while (start && s[start - 1] != '.')
		start--;
	return start < len && digit_value(s[start], 10) >= 0;
}

static void add(struct resolve_stream *r, uint8_t family, const uint8_t *addr)
{
	r->addrs[r->count].family = family;
	__builtin_memcpy(r->addrs[r->count].addr, addr, family == P2_SOCK_IPV4 ? 4 : 16);
	r->count++;
}

static enum p2_sock_error resolve(const char *name, uint32_t len, struct resolve_stream *r)
{
	static const uint8_t loopback4[4] = { 127, 0, 0, 1 };
	static const uint8_t loopback6[16] = { [15] = 1 };
	uint8_t addr[16];
	if (len >= 2 && name[0] == '[' && name[len - 1] == ']') {
		if (!parse_ipv6(name + 1, len - 2, addr))
			return P2_SOCK_INVALID_ARGUMENT;
		add(r, P2_SOCK_IPV6, addr);
	} else if (parse_ipv4(name, len, addr)) {
		add(r, P2_SOCK_IPV4, addr);
	} else if (parse_ipv6(name, len, addr)) {
		add(r, P2_SOCK_IPV6, addr);
	} else if (equal_ignoring_case(name, len, "localhost")) {
		add(r, P2_SOCK_IPV4, loopback4);
		add(r, P2_SOCK_IPV6, loopback6);
	} else {
		for (uint32_t i = 0; i < len; i++)
			if (forbidden(name[i]))
				return P2_SOCK_INVALID_ARGUMENT;
		return len == 0 || ends_in_number(name, len) ? P2_SOCK_INVALID_ARGUMENT : P2_SOCK_NAME_UNRESOLVABLE;
	}
	return P2_SOCK_OK;
}

/* resolve-addresses(network, name): result<resolve-address-stream, error-code>; errors come at once. */
void wasi_p2_sockets_ip_name_lookup_resolve_addresses(struct wasi_p2_ctx *ctx, uint32_t network, uint32_t name,
		uint32_t len, uint32_t ret)
{
	p2_handle_get(network, P2_RES_NETWORK);
	struct resolve_stream r = { 0 };
	enum p2_sock_error err = resolve((const char *)p2_guest(ctx, name, len), len, &r);
	uint8_t *out = p2_sock_result(ctx, ret, 8, 4, err);
	if (out)
		p2_store_u32(out, p2_handle_new(P2_RES_RESOLVE_ADDRESS_STREAM, &r, sizeof r));
}

/*
 * resolve-next-address: result<option<ip-address>, error-code>: the option
 * at 2, the ip-address's case at 4 and its octets or segments at 6.
 */
void wasi_p2_sockets_ip_name_lookup_resolve_address_stream_resolve_next_address(struct wasi_p2_ctx *ctx,
		uint32_t self, uint32_t ret)
{
	struct resolve_stream *r = p2_handle_get(self, P2_RES_RESOLVE_ADDRESS_STREAM);
	uint8_t *out = p2_sock_result(ctx, ret, 22, 2, P2_SOCK_OK);
	bool some = r->next < r->count;
	p2_store_u8(out, some);
	if (!some)
		return;
	uint8_t family = r->addrs[r->next].family;
	const uint8_t *addr = r->addrs[r->next].addr;
	r->next++;
	p2_store_u8(out + 2, family);
	for (int i = 0; i < (family == P2_SOCK_IPV4 ? 4 : 0); i++)
		p2_store_u8(out + 4 + i, addr[i]);
	for (int i = 0; i < (family == P2_SOCK_IPV6 ? 8 : 0); i++)
		p2_store_u16(out + 4 + 2 * i, (uint16_t)(addr[2 * i] << 8 | addr[2 * i + 1]));
}

/* The addresses are all there from the start: ready at once. */
uint32_t wasi_p2_sockets_ip_name_lookup_resolve_address_stream_subscribe(struct wasi_p2_ctx *ctx, uint32_t self)
{
	p2_handle_get(self, P2_RES_RESOLVE_ADDRESS_STREAM);
	return p2_pollable_new_ready();
}

void wasi_p2_sockets_ip_name_lookup_drop_resolve_address_stream(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_RESOLVE_ADDRESS_STREAM);
}
