/* The listening socket: "ADDR:PORT" parsed (IPv4 or [IPv6]), bound, listening. */
#include "http_server.h"
#include "os.h"

#define BACKLOG 1024

static bool parse_port(const char *s, uint16_t *port)
{
	uint32_t v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || (v = v * 10 + (uint32_t)(*s - '0')) > 65535)
			return false;
	}
	*port = (uint16_t)v;
	return true;
}

/* a.b.c.d up to `end`. */
static bool parse_ipv4(const char *s, const char *end, uint8_t out[4])
{
	for (int part = 0; part < 4; part++) {
		uint32_t v = 0;
		const char *start = s;
		while (s < end && *s >= '0' && *s <= '9' && s - start < 3)
			v = v * 10 + (uint32_t)(*s++ - '0');
		if (s == start || v > 255 || (part < 3 && (s == end || *s++ != '.')))
			return false;
		out[part] = (uint8_t)v;
	}
	return s == end;
}

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* An IPv6 address up to `end`, with at most one "::" (no embedded IPv4). */
static bool parse_ipv6(const char *s, const char *end, uint8_t out[16])
{
	uint16_t groups[8] = { 0 };
	int count = 0, gap = -1;
	if (end - s >= 2 && s[0] == ':' && s[1] == ':') {
		gap = 0;
		s += 2;
	}
	while (s < end) {
		uint32_t v = 0;
		int digits = 0;
		while (s < end && hex(*s) >= 0 && digits < 4) {
			v = v * 16 + (uint32_t)hex(*s++);
			digits++;
		}
		if (!digits || count == 8)
			return false;
		groups[count++] = (uint16_t)v;
		if (s == end)
			break;
		if (*s++ != ':' || s == end)
			return false;
		if (*s == ':') {
			if (gap >= 0)
				return false;
			gap = count;
			s++;
		}
	}
	if (gap < 0 ? count != 8 : count > 7)
		return false;
	uint16_t full[8] = { 0 };
	int tail = gap < 0 ? 0 : count - gap;
	for (int i = 0; i < count - tail; i++)
		full[i] = groups[i];
	for (int i = 0; i < tail; i++)
		full[8 - tail + i] = groups[gap + i];
	for (int i = 0; i < 8; i++) {
		out[2 * i] = (uint8_t)(full[i] >> 8);
		out[2 * i + 1] = (uint8_t)full[i];
	}
	return true;
}

static bool parse_address(const char *s, struct os_sockaddr *addr)
{
	const char *colon = 0;
	for (const char *p = s; *p; p++)
		if (*p == ':')
			colon = p;
	*addr = (struct os_sockaddr){ 0 };
	uint16_t port;
	if (!colon || !parse_port(colon + 1, &port))
		return false;
	addr->port = (uint16_t)(port >> 8 | port << 8);
	if (s[0] == '[') {
		addr->family = OS_AF_INET6;
		return colon > s + 1 && colon[-1] == ']' && parse_ipv6(s + 1, colon - 1, addr->in6.addr);
	}
	addr->family = OS_AF_INET;
	return parse_ipv4(s, colon, addr->in4);
}

int http_listen(const char *addr_port, uint16_t *port, const char **why)
{
	struct os_sockaddr addr;
	if (!parse_address(addr_port, &addr)) {
		*why = "--listen wants ADDR:PORT (127.0.0.1:8080, [::1]:8080; port 0: any free one)";
		return -1;
	}
	long fd = os_socket(addr.family, OS_SOCK_STREAM | OS_SOCK_CLOEXEC, 0);
	if (fd < 0) {
		*why = "cannot create a socket";
		return -1;
	}
	os_setsockopt_int((int)fd, OS_SOL_SOCKET, OS_SO_REUSEADDR, 1);
	if (os_bind((int)fd, &addr) < 0 || os_listen((int)fd, BACKLOG) < 0 || os_getsockname((int)fd, &addr) < 0) {
		os_close((int)fd);
		*why = "cannot listen on that address (in use, or not this machine's?)";
		return -1;
	}
	*port = (uint16_t)(addr.port >> 8 | addr.port << 8);
	return (int)fd;
}
