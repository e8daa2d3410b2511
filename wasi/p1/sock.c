/*
 * sock_accept, sock_recv, sock_send, sock_shutdown over socket descriptors
 * of the table (the sockets a launcher passed: listen_fds.h). A descriptor that is open but not a socket gives ENOTSOCK before rights
 * are looked at, as Linux would answer.
 */
#include "fd_table.h"
#include "guest_memory.h"
#include "iovec.h"
#include "os.h"
#include "wasi_p1.h"

/* riflags, roflags, sdflags of the witx. */
#define RIFLAG_RECV_PEEK 1
#define RIFLAG_RECV_WAITALL 2
#define ROFLAG_RECV_DATA_TRUNCATED 1
#define SDFLAG_RD 1
#define SDFLAG_WR 2

static bool is_socket(const struct wasi_fd *fd)
{
	return fd->filetype == WASI_FILETYPE_SOCKET_STREAM || fd->filetype == WASI_FILETYPE_SOCKET_DGRAM;
}

/* The open socket `fd` with `rights`: EBADF, ENOTSOCK or ENOTCAPABLE otherwise. */
static struct wasi_fd *get_socket(int32_t fd, uint64_t rights, int32_t *err)
{
	struct wasi_fd *entry = wasi_fd_get(fd, 0, err);
	if (!entry)
		return NULL;
	if (!is_socket(entry)) {
		*err = WASI_ENOTSOCK;
		return NULL;
	}
	return wasi_fd_get(fd, rights, err);
}

int32_t wasi_p1_sock_accept(struct rt_instance *caller, int32_t fd, int32_t flags, int32_t fd_out)
{
	int32_t err;
	struct wasi_fd *listener = get_socket(fd, WASI_RIGHT_SOCK_ACCEPT, &err);
	if (!listener)
		return err;
	if (flags & ~WASI_FDFLAG_NONBLOCK)
		return WASI_EINVAL; /* only nonblock makes sense for a new connection */
	uint8_t *out = guest_ptr(caller, (uint32_t)fd_out, 4);
	if (!out)
		return WASI_EFAULT;
	long host_fd = os_accept4(listener->host_fd,
			OS_SOCK_CLOEXEC | (flags & WASI_FDFLAG_NONBLOCK ? OS_SOCK_NONBLOCK : 0));
	if (host_fd < 0)
		return wasi_errno_from_linux(-host_fd);
	uint64_t rights = wasi_rights_of_filetype(WASI_FILETYPE_SOCKET_STREAM) & ~WASI_RIGHT_SOCK_ACCEPT &
		~(WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL);
	int32_t new_fd;
	err = wasi_fd_add((int)host_fd, WASI_FILETYPE_SOCKET_STREAM, (uint16_t)flags, rights, 0, &new_fd);
	if (err == WASI_ESUCCESS)
		guest_store_u32(out, (uint32_t)new_fd);
	return err;
}

/*
 * A datagram, and a peek, must be one call over all buffers: more than
 * Linux takes in one call (WASI_IOV_MAX non-empty ones) is EMSGSIZE, as
 * recvmsg/sendmsg answer. A stream is moved batch by batch.
 */
static bool one_call(const struct wasi_fd *sock, int32_t ri_flags)
{
	return sock->filetype == WASI_FILETYPE_SOCKET_DGRAM || (ri_flags & RIFLAG_RECV_PEEK);
}

static uint64_t batch_bytes(const struct os_iovec *batch, int n)
{
	uint64_t sum = 0;
	for (int i = 0; i < n; i++)
		sum += batch[i].len;
	return sum;
}

/*
 * Like readv over all buffers: after a batch is filled, the next takes only
 * what is already there (with WAITALL, waits for it as recvmsg would).
 */
int32_t wasi_p1_sock_recv(struct rt_instance *caller, int32_t fd, int32_t ri_data, int32_t ri_data_len,
		int32_t ri_flags, int32_t ro_datalen_out, int32_t ro_flags_out)
{
	int32_t err;
	struct wasi_fd *sock = get_socket(fd, WASI_RIGHT_FD_READ, &err);
	if (!sock)
		return err;
	if (ri_flags & ~(RIFLAG_RECV_PEEK | RIFLAG_RECV_WAITALL))
		return WASI_EINVAL;
	struct wasi_iovs list;
	err = wasi_iovs_init(&list, caller, ri_data, ri_data_len);
	if (err)
		return err;
	uint8_t *datalen = guest_ptr(caller, (uint32_t)ro_datalen_out, 4);
	uint8_t *roflags = guest_ptr(caller, (uint32_t)ro_flags_out, 2);
	if (!datalen || !roflags)
		return WASI_EFAULT;
	if (list.total > UINT32_MAX)
		return WASI_EINVAL;
	int host_flags = (ri_flags & RIFLAG_RECV_PEEK ? OS_MSG_PEEK : 0) |
		(ri_flags & RIFLAG_RECV_WAITALL ? OS_MSG_WAITALL : 0);
	uint64_t received = 0;
	int msg_flags = 0;
	for (;;) {
		struct os_iovec batch[WASI_IOV_MAX];
		bool complete;
		int n = wasi_iovs_fill(&list, batch, WASI_IOV_MAX, &complete);
		if (!complete && one_call(sock, ri_flags))
			return WASI_EMSGSIZE;
		long ret;
		do
			ret = os_recvmsg(sock->host_fd, batch, n, host_flags, &msg_flags);
		while (ret == -OS_EINTR);
		if (ret < 0 && received == 0)
			return wasi_errno_from_linux(-ret);
		if (ret <= 0)
			break; /* what was received so far; an error comes back on the next call */
		received += (uint64_t)ret;
		wasi_iovs_advance(&list, (uint64_t)ret);
		if (complete || (uint64_t)ret < batch_bytes(batch, n))
			break;
		if (!(ri_flags & RIFLAG_RECV_WAITALL))
			host_flags |= OS_MSG_DONTWAIT;
	}
	uint16_t ro = msg_flags & OS_MSG_TRUNC ? ROFLAG_RECV_DATA_TRUNCATED : 0;
	guest_store_u32(datalen, (uint32_t)received);
	guest_store_u16(roflags, ro);
	return WASI_ESUCCESS;
}

/* Sends everything, as fd_write does; a non-blocking socket may take less (the count says how much). */
int32_t wasi_p1_sock_send(struct rt_instance *caller, int32_t fd, int32_t si_data, int32_t si_data_len,
		int32_t si_flags, int32_t so_datalen_out)
{
	int32_t err;
	struct wasi_fd *sock = get_socket(fd, WASI_RIGHT_FD_WRITE, &err);
	if (!sock)
		return err;
	if (si_flags != 0)
		return WASI_EINVAL; /* preview 1 defines no siflags */
	struct wasi_iovs list;
	err = wasi_iovs_init(&list, caller, si_data, si_data_len);
	if (err)
		return err;
	uint8_t *datalen = guest_ptr(caller, (uint32_t)so_datalen_out, 4);
	if (!datalen)
		return WASI_EFAULT;
	if (list.total > UINT32_MAX)
		return WASI_EINVAL;
	uint64_t sent = 0;
	/* The first call is made even with no bytes: an empty datagram is a message. */
	for (bool first = true; first || wasi_iovs_left(&list); first = false) {
		struct os_iovec batch[WASI_IOV_MAX];
		bool complete;
		int n = wasi_iovs_fill(&list, batch, WASI_IOV_MAX, &complete);
		if (!complete && one_call(sock, 0))
			return WASI_EMSGSIZE;
		/* A peer that went away is EPIPE for the program, never SIGPIPE for the process. */
		long ret;
		do
			ret = os_sendmsg(sock->host_fd, batch, n, OS_MSG_NOSIGNAL);
		while (ret == -OS_EINTR);
		if (ret < 0 && sent == 0)
			return wasi_errno_from_linux(-ret);
		if (ret <= 0)
			break;
		sent += (uint64_t)ret;
		wasi_iovs_advance(&list, (uint64_t)ret);
		if (one_call(sock, 0))
			break;
	}
	guest_store_u32(datalen, (uint32_t)sent);
	return WASI_ESUCCESS;
}

int32_t wasi_p1_sock_shutdown(struct rt_instance *caller, int32_t fd, int32_t how)
{
	int32_t err;
	struct wasi_fd *sock = get_socket(fd, WASI_RIGHT_SOCK_SHUTDOWN, &err);
	if (!sock)
		return err;
	static const int host_how[] = { [SDFLAG_RD] = OS_SHUT_RD, [SDFLAG_WR] = OS_SHUT_WR,
		[SDFLAG_RD | SDFLAG_WR] = OS_SHUT_RDWR };
	if (how < SDFLAG_RD || how > (SDFLAG_RD | SDFLAG_WR))
		return WASI_EINVAL;
	long ret = os_shutdown(sock->host_fd, host_how[how]);
	return ret < 0 ? wasi_errno_from_linux(-ret) : WASI_ESUCCESS;
}
