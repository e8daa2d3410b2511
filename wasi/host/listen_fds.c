/*
 * Adopting the sockets a launcher passes (systemd's socket activation,
 * listen_fds.h) as descriptors of the table.
 */
#include "listen_fds.h"

#include "fd_table.h"
#include "os.h"
#include "rt_string.h"
#include "wasi_errno.h"

#define LISTEN_FDS_START 3

/* The value of NAME=... in envp, or NULL. */
static const char *env_value(char **envp, const char *name)
{
	size_t n = rt_strlen(name);
	for (; envp && *envp; envp++)
		if (!memcmp(*envp, name, n) && (*envp)[n] == '=')
			return *envp + n + 1;
	return NULL;
}

/* A decimal number of at most 9 digits, or -1. */
static long parse_count(const char *s)
{
	long v = 0;
	int digits = 0;
	for (; *s; s++, digits++) {
		if (*s < '0' || *s > '9' || digits == 9)
			return -1;
		v = v * 10 + (*s - '0');
	}
	return digits ? v : -1;
}

static void say(const char *s)
{
	os_write(2, s, rt_strlen(s));
}

bool wasi_sock_adopt_listen_fds(char **envp)
{
	const char *fds = env_value(envp, "LISTEN_FDS"), *pid = env_value(envp, "LISTEN_PID");
	if (!fds || (pid && parse_count(pid) != os_getpid()))
		return true;
	long count = parse_count(fds);
	if (count < 0) {
		say("wasmc runtime: LISTEN_FDS is not a number\n");
		return false;
	}
	for (long i = 0; i < count; i++) {
		int host_fd = (int)(LISTEN_FDS_START + i);
		long type = os_socket_type(host_fd);
		if (type != OS_SOCK_STREAM && type != OS_SOCK_DGRAM) {
			say(type == -OS_ENOTSOCK || type >= 0 ? "wasmc runtime: a LISTEN_FDS descriptor is not a stream or datagram socket\n"
							      : "wasmc runtime: a LISTEN_FDS descriptor is not open\n");
			return false;
		}
		uint8_t filetype = type == OS_SOCK_STREAM ? WASI_FILETYPE_SOCKET_STREAM : WASI_FILETYPE_SOCKET_DGRAM;
		uint64_t rights = wasi_rights_of_filetype(filetype) & ~(WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL);
		int32_t wasi_fd;
		if (wasi_fd_add(host_fd, filetype, wasi_fdflags_of_host(host_fd), rights, rights, &wasi_fd) != WASI_ESUCCESS) {
			say("wasmc runtime: too many descriptors for LISTEN_FDS\n");
			return false;
		}
	}
	return true;
}
