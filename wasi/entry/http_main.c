/*
 * http_main: the program's main when the component is a
 * wasi:http/incoming-handler: an HTTP/1.1 server (docs/serving.md).
 *
 * Processes give each request a fresh instance: the listener holds the
 * instances the plan made, which nothing ever calls; each connection gets a
 * process (fork), and each request on it another, whose copy-on-write copy
 * of those instances is as fresh as a new instantiation. The request's
 * process calls handle, writes the response and exits, taking whatever the
 * handler left in memories, globals, tables and the handle table with it.
 * A trap answers 500; a request process that dies any other way is
 * answered 500 by its connection. The listener never runs wasm. The time
 * limit and fuel (--timeout, --fuel) start again in each request; without
 * --timeout a request's process is ended after --request-timeout (default
 * DEFAULT_REQUEST_TIMEOUT), so that an endless handler cannot hold its
 * connection. SIGTERM stops it cleanly: no new connection, each connection
 * finishes its request, exit 0.
 */
#include "component_entry.h"
#include "http_server.h"
#include "os.h"
#include "rt_limits.h"
#include "rt_out.h"
#include "rt_string.h"
#include "wasi_p2_http.h"

#define DEFAULT_LISTEN "127.0.0.1:8080"
#define DEFAULT_REQUEST_TIMEOUT "60s"
#define USAGE "usage: SERVER [--listen ADDR:PORT] [--request-timeout DURATION|none]"
#define MAX_CONNECTIONS 256

/* A request process's exit status: the response is written (possibly a 500 for a trap), or writing failed. */
enum { REQUEST_ANSWERED = 0, REQUEST_WRITE_FAILED = 3 };

static int say(const char *what, const char *detail)
{
	struct rt_out out = { .fd = 2 };
	rt_out_str(&out, "wasmc server: ");
	rt_out_str(&out, what);
	if (detail) {
		rt_out_str(&out, ": ");
		rt_out_str(&out, detail);
	}
	rt_out_str(&out, "\n");
	rt_out_flush(&out);
	return 2;
}

/* The response the handler set, written; 500 if it set none or an error-code. */
static bool write_handler_response(int fd, const struct http_head *head, const struct wasi_p2_http_outparam *outparam)
{
	struct wasi_p2_http_response r;
	if (!wasi_p2_http_response_get(outparam, &r))
		return http_write_status(fd, 500, head->keep_alive);
	struct http_field_ref *fields = rt_alloc((r.header_count ? r.header_count : 1) * sizeof *fields);
	for (uint32_t i = 0; i < r.header_count; i++)
		fields[i] = (struct http_field_ref){ r.headers[i].name, r.headers[i].value, r.headers[i].name_len,
			r.headers[i].value_len };
	struct http_response_head rh = {
		.status = r.status,
		.fields = fields,
		.field_count = r.header_count,
		.body_size = r.body_size,
		.keep_alive = head->keep_alive,
		.head_only = head->method_len == 4 && !memcmp(head->method, "HEAD", 4),
	};
	return http_write_response(fd, &rh, r.body_fd);
}

/* The server's options. */
struct options {
	const char *listen;
	uint64_t request_timeout_ns; /* 0: none */
};

static struct options options;

/*
 * The request's limits: --timeout and --fuel start again (the interrupt flag
 * the listener's own timer may have set is cleared first); without --timeout
 * the process ends at --request-timeout (SIGALRM's default action), which its
 * connection answers with 500.
 */
static bool start_request_limits(void)
{
	rt_interrupt_pending = 0;
	if (!rt_limits_start())
		return false;
	if (rt_limit_get(RT_LIMIT_TIMEOUT) != UINT64_MAX || !options.request_timeout_ns)
		return true;
	return os_signal_unblock(OS_SIGALRM) >= 0 && os_alarm_after(options.request_timeout_ns) >= 0;
}

/* In the request's own process: handle(request, response-out), then the response. Returns the exit status. */
static int handle_request(const struct component_entry *handler, const struct http_head *head, int fd, int body_fd)
{
	static struct wasi_p2_http_header headers[HTTP_HEADERS_MAX];
	for (uint32_t i = 0; i < head->field_count; i++)
		headers[i] = (struct wasi_p2_http_header){ head->fields[i].name, head->fields[i].value, head->fields[i].name_len,
			head->fields[i].value_len };
	struct wasi_p2_http_request request = {
		.method = head->method,
		.method_len = head->method_len,
		.target = head->target,
		.target_len = head->target_len,
		.authority = head->host ? head->host->value : NULL,
		.authority_len = head->host ? head->host->value_len : 0,
		.headers = headers,
		.header_count = head->field_count,
		.body_fd = body_fd,
	};
	if (!start_request_limits())
		return http_write_status(fd, 500, head->keep_alive) ? REQUEST_ANSWERED : REQUEST_WRITE_FAILED;
	uint32_t request_handle = wasi_p2_http_request_new(&request), outparam_handle;
	struct wasi_p2_http_outparam *outparam = wasi_p2_http_outparam_new(&outparam_handle);
	uint8_t args[2][16] = { { 0 } };
	__builtin_memcpy(args[0], &request_handle, 4);
	__builtin_memcpy(args[1], &outparam_handle, 4);
	enum rt_trap kind = rt_call(handler->fn, handler->tramp, args);
	if (kind == RT_TRAP_NONE && handler->post)
		kind = rt_call(handler->post, handler->post_tramp, args);
	bool written;
	if (kind != RT_TRAP_NONE) {
		rt_trap_report(kind); /* the server's log: the trap and its backtrace */
		written = http_write_status(fd, 500, head->keep_alive);
	} else {
		written = write_handler_response(fd, head, outparam);
	}
	return written ? REQUEST_ANSWERED : REQUEST_WRITE_FAILED;
}

/* One request in a process of its own; whether the connection may go on. */
static bool answer(const struct component_entry *handler, const struct http_head *head, int fd, int body_fd)
{
	long pid = os_fork();
	if (pid == 0)
		os_exit(handle_request(handler, head, fd, body_fd));
	int status = 0;
	long waited = -1;
	if (pid > 0) {
		do
			waited = os_wait((int)pid, &status, 0);
		while (waited == -OS_EINTR);
	}
	int code = waited > 0 ? os_exit_code(status) : -1;
	if (code == REQUEST_ANSWERED)
		return head->keep_alive;
	if (code != REQUEST_WRITE_FAILED)
		http_write_status(fd, pid > 0 ? 500 : 503, false); /* it died without answering, or never ran */
	return false;
}

/* In the connection's own process: its requests, one after the other. */
static void serve_connection(const struct component_entry *handler, int fd, int stop_fd)
{
	static struct http_conn conn;
	static struct http_head head;
	conn.fd = fd;
	conn.stop_fd = stop_fd;
	/* Responses go out whole in one or a few writes: waiting for more (Nagle) would only delay them. */
	os_setsockopt_int(fd, OS_IPPROTO_TCP, OS_TCP_NODELAY, 1);
	long body_fd = os_memfd("wasmc-http-request-body");
	if (body_fd < 0) {
		http_write_status(fd, 503, false);
		return;
	}
	for (;;) {
		int status = http_read_request(&conn, &head, (int)body_fd);
		if (status == HTTP_READ_CLOSED)
			return;
		if (status) {
			http_write_status(fd, (uint16_t)status, false);
			return;
		}
		if (!answer(handler, &head, fd, (int)body_fd))
			return;
	}
}

/* The value of option `name` at argv[*i] ("--name VALUE" or "--name=VALUE"), or NULL if it is another. */
static const char *option_value(const char *name, int argc, char **argv, int *i)
{
	size_t n = rt_strlen(name), len = rt_strlen(argv[*i]);
	if (len < n || memcmp(argv[*i], name, n))
		return NULL;
	if (len == n && *i + 1 < argc)
		return argv[++*i];
	return argv[*i][n] == '=' ? argv[*i] + n + 1 : NULL;
}

/* The command line into options; false (said why) if it is bad. */
static bool parse_options(int argc, char **argv)
{
	const char *timeout = DEFAULT_REQUEST_TIMEOUT;
	options.listen = DEFAULT_LISTEN;
	for (int i = 1; i < argc; i++) {
		const char *v;
		if ((v = option_value("--listen", argc, argv, &i)))
			options.listen = v;
		else if ((v = option_value("--request-timeout", argc, argv, &i)))
			timeout = v;
		else
			return say("unknown argument (" USAGE ")", argv[i]), false;
	}
	bool none = rt_strlen(timeout) == 4 && !memcmp(timeout, "none", 4);
	if (!none && !rt_parse_duration(timeout, &options.request_timeout_ns))
		return say("--request-timeout wants a duration (500ms, 30s, 2m) or none", timeout), false;
	return true;
}

/* The listener: its sockets and the processes of the connections it serves. */
struct server {
	int listen_fd;
	int stop_fd; /* SIGTERM as an event (signalfd; -1 if none could be made: SIGTERM then just ends it) */
	uint32_t active;
	int pids[MAX_CONNECTIONS];
};

/* Connections that ended, reaped; waits while there are too many, or (all) until none is left. */
static void reap(struct server *s, bool all)
{
	while (s->active) {
		int status;
		long pid = os_wait(-1, &status, all || s->active >= MAX_CONNECTIONS ? 0 : OS_WNOHANG);
		if (pid == -OS_EINTR)
			continue;
		if (pid <= 0)
			return;
		for (uint32_t i = 0; i < s->active; i++)
			if (s->pids[i] == (int)pid) {
				s->pids[i] = s->pids[--s->active];
				break;
			}
	}
}

/* SIGTERM: no new connection; each connection finishes the request it is in, then closes; exit 0. */
static int stop(struct server *s)
{
	os_close(s->listen_fd);
	for (uint32_t i = 0; i < s->active; i++)
		os_kill(s->pids[i], OS_SIGTERM);
	reap(s, true);
	return 0;
}

/* A new connection in a process of its own. */
static void accept_one(struct server *s, const struct component_entry *handler)
{
	/* Non-blocking, so that writes can give up on a client that does not read (http_send_all). */
	long fd = os_accept4(s->listen_fd, OS_SOCK_CLOEXEC | OS_SOCK_NONBLOCK);
	if (fd < 0)
		return; /* a connection reset before accept, out of descriptors: try again */
	long pid = os_fork();
	if (pid == 0) {
		os_close(s->listen_fd);
		serve_connection(handler, (int)fd, s->stop_fd);
		os_exit(0);
	}
	if (pid < 0)
		http_write_status((int)fd, 503, false);
	else
		s->pids[s->active++] = (int)pid;
	os_close((int)fd);
}

int http_main(const struct component_entry *handler, int argc, char **argv)
{
	if (!parse_options(argc, argv))
		return 2;
	static struct server s;
	const char *why = NULL;
	uint16_t port;
	s.listen_fd = http_listen(options.listen, &port, &why);
	if (s.listen_fd < 0)
		return say(why, options.listen);
	os_signal_ignore(OS_SIGPIPE);
	/* Blocked in every process forked from here: connections see it through stop_fd, requests never. */
	s.stop_fd = os_signal_block(OS_SIGTERM) >= 0 ? (int)os_signalfd(OS_SIGTERM) : -1;
	if (s.stop_fd < 0)
		os_signal_unblock(OS_SIGTERM);
	struct rt_out out = { .fd = 1 };
	rt_out_str(&out, "listening on port ");
	rt_out_dec(&out, port);
	rt_out_str(&out, "\n");
	rt_out_flush(&out);
	for (;;) {
		reap(&s, false);
		struct os_pollfd pfd[2] = { { s.listen_fd, OS_POLLIN, 0 }, { s.stop_fd, OS_POLLIN, 0 } };
		long ready = os_ppoll(pfd, s.stop_fd >= 0 ? 2 : 1, NULL);
		if (ready > 0 && pfd[1].revents)
			return stop(&s);
		if (ready > 0 && pfd[0].revents)
			accept_one(&s, handler);
	}
}
