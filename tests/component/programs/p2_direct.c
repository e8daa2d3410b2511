/*
 * WASI 0.2's wasi:cli, wasi:io, wasi:clocks and wasi:random called directly
 * (the imports of p2_direct.wit, with their flattened Canonical ABI
 * signatures), beside the preview-1 adapter that printf goes through: every
 * function the adapter does not use (skip, splice, write-zeroes, flush,
 * pollable.ready and .block, insecure random, initial-cwd, ...) and the
 * result layouts in the return area.
 *
 * Build: clang (wasm32-wasi) → embed p2_direct.wit's world p2-direct
 * (`jco embed`) → `jco new --wasi-command`. It cannot run as a preview-1
 * module. Run with stdin from /dev/null (or a file: "hello world\n" echoes
 * "hello", skips " wo" and reads 4 bytes) and stdout not a terminal.
 * Arguments: "exit-err" exits through wasi:cli/exit with err (status 1);
 * "poll-empty" polls an empty list, which traps.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p2_guest.h"

#define STREAMS "wasi:io/streams@0.2.12"
#define POLL "wasi:io/poll@0.2.12"
#define ERROR "wasi:io/error@0.2.12"
#define MONOTONIC "wasi:clocks/monotonic-clock@0.2.12"
#define WALL "wasi:clocks/wall-clock@0.2.12"
#define ENVIRONMENT "wasi:cli/environment@0.2.12"

/* Return areas: result<list<u8> or _, stream-error>, option<string>: tag at 0, payload at 4. */
struct ret12 {
	uint8_t tag;
	uint32_t a, b;
};
/* result<u64, stream-error>: tag at 0, payload at 8 (stream-error: its tag at 8, the error at 12). */
struct ret16 {
	uint8_t tag;
	uint64_t value;
};
struct list {
	void *ptr;
	uint32_t len;
};
struct datetime {
	uint64_t seconds;
	uint32_t nanoseconds;
};
struct option_handle {
	uint8_t tag;
	uint32_t handle;
};
struct u64_pair {
	uint64_t a, b;
};

IMPORT("wasi:cli/stdin@0.2.12", "get-stdin") uint32_t get_stdin(void);
IMPORT("wasi:cli/stdout@0.2.12", "get-stdout") uint32_t get_stdout(void);
IMPORT("wasi:cli/terminal-stdout@0.2.12", "get-terminal-stdout") void get_terminal_stdout(struct option_handle *ret);
IMPORT("wasi:cli/terminal-output@0.2.12", "[resource-drop]terminal-output") void drop_terminal_output(uint32_t h);
IMPORT("wasi:cli/exit@0.2.12", "exit") _Noreturn void cli_exit(uint32_t is_err);
IMPORT(ENVIRONMENT, "get-arguments") void get_arguments(struct list *ret);
IMPORT(ENVIRONMENT, "get-environment") void get_environment(struct list *ret);
IMPORT(ENVIRONMENT, "initial-cwd") void initial_cwd(struct ret12 *ret);

IMPORT(STREAMS, "[method]output-stream.check-write") void out_check_write(uint32_t self, struct ret16 *ret);
IMPORT(STREAMS, "[method]output-stream.write") void out_write(uint32_t self, const void *p, size_t n, struct ret12 *ret);
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush")
void out_blocking_write_and_flush(uint32_t self, const void *p, size_t n, struct ret12 *ret);
IMPORT(STREAMS, "[method]output-stream.flush") void out_flush(uint32_t self, struct ret12 *ret);
IMPORT(STREAMS, "[method]output-stream.blocking-flush") void out_blocking_flush(uint32_t self, struct ret12 *ret);
IMPORT(STREAMS, "[method]output-stream.write-zeroes") void out_write_zeroes(uint32_t self, uint64_t n, struct ret12 *ret);
IMPORT(STREAMS, "[method]output-stream.blocking-write-zeroes-and-flush")
void out_blocking_write_zeroes_and_flush(uint32_t self, uint64_t n, struct ret12 *ret);
IMPORT(STREAMS, "[method]output-stream.splice") void out_splice(uint32_t self, uint32_t src, uint64_t n, struct ret16 *ret);
IMPORT(STREAMS, "[method]output-stream.blocking-splice")
void out_blocking_splice(uint32_t self, uint32_t src, uint64_t n, struct ret16 *ret);
IMPORT(STREAMS, "[method]output-stream.subscribe") uint32_t out_subscribe(uint32_t self);
IMPORT(STREAMS, "[method]input-stream.read") void in_read(uint32_t self, uint64_t n, struct ret12 *ret);
IMPORT(STREAMS, "[method]input-stream.blocking-read") void in_blocking_read(uint32_t self, uint64_t n, struct ret12 *ret);
IMPORT(STREAMS, "[method]input-stream.skip") void in_skip(uint32_t self, uint64_t n, struct ret16 *ret);
IMPORT(STREAMS, "[method]input-stream.blocking-skip") void in_blocking_skip(uint32_t self, uint64_t n, struct ret16 *ret);
IMPORT(STREAMS, "[method]input-stream.subscribe") uint32_t in_subscribe(uint32_t self);
IMPORT(STREAMS, "[resource-drop]input-stream") void drop_input_stream(uint32_t h);
IMPORT(STREAMS, "[resource-drop]output-stream") void drop_output_stream(uint32_t h);

IMPORT(POLL, "[method]pollable.ready") uint32_t pollable_ready(uint32_t self);
IMPORT(POLL, "[method]pollable.block") void pollable_block(uint32_t self);
IMPORT(POLL, "poll") void poll_list(const uint32_t *in, size_t n, struct list *ret);
IMPORT(POLL, "[resource-drop]pollable") void drop_pollable(uint32_t h);
IMPORT(ERROR, "[method]error.to-debug-string") void error_to_debug_string(uint32_t self, struct list *ret);
IMPORT(ERROR, "[resource-drop]error") void drop_error(uint32_t h);

IMPORT(MONOTONIC, "now") uint64_t monotonic_now(void);
IMPORT(MONOTONIC, "resolution") uint64_t monotonic_resolution(void);
IMPORT(MONOTONIC, "subscribe-instant") uint32_t subscribe_instant(uint64_t when);
IMPORT(MONOTONIC, "subscribe-duration") uint32_t subscribe_duration(uint64_t when);
IMPORT(WALL, "now") void wall_now(struct datetime *ret);
IMPORT(WALL, "resolution") void wall_resolution(struct datetime *ret);

IMPORT("wasi:random/random@0.2.12", "get-random-bytes") void get_random_bytes(uint64_t n, struct list *ret);
IMPORT("wasi:random/random@0.2.12", "get-random-u64") uint64_t get_random_u64(void);
IMPORT("wasi:random/insecure@0.2.12", "get-insecure-random-bytes") void get_insecure_random_bytes(uint64_t n, struct list *ret);
IMPORT("wasi:random/insecure@0.2.12", "get-insecure-random-u64") uint64_t get_insecure_random_u64(void);
IMPORT("wasi:random/insecure-seed@0.2.12", "insecure-seed") void insecure_seed(struct u64_pair *ret);

#define MS 1000000ull

extern char **environ;


static const char *yes(int ok)
{
	return ok ? "yes" : "no";
}

/* A stream-error's text; drops its error. */
static const char *stream_error(uint8_t tag, uint32_t error)
{
	static char text[200];
	if (tag == 1)
		return "closed";
	struct list s = { 0, 0 };
	error_to_debug_string(error, &s);
	snprintf(text, sizeof text, "last-operation-failed: %.*s", (int)s.len, (const char *)s.ptr);
	free(s.len ? s.ptr : NULL);
	drop_error(error);
	return text;
}

static const char *unit_result(const struct ret12 *r)
{
	return r->tag == 0 ? "ok" : stream_error((uint8_t)r->a, r->b);
}

static const char *u64_result(const struct ret16 *r)
{
	static char text[40];
	if (r->tag == 0) {
		snprintf(text, sizeof text, "ok(%llu)", (unsigned long long)r->value);
		return text;
	}
	return stream_error((uint8_t)r->value, (uint32_t)(r->value >> 32));
}

static void output_stream(void)
{
	uint32_t out = get_stdout(), other = get_stdout();
	printf("get-stdout twice: two handles %s\n", yes(out != other));
	drop_output_stream(other);
	struct ret16 budget;
	out_check_write(out, &budget);
	printf("check-write: %s, at least 4096: %s\n", budget.tag ? "err" : "ok", yes(!budget.tag && budget.value >= 4096));
	struct ret12 r;
	const char text[] = "direct write\n";
	out_write(out, text, sizeof text - 1, &r);
	if (r.tag) /* stdout that fails (/dev/full): the error, then `closed` */
		fprintf(stderr, "write: %s\n", unit_result(&r));
	else
		printf("write: ok\n");
	out_write(out, text, 0, &r);
	printf("write nothing: %s\n", unit_result(&r));
	const char more[] = "direct blocking write\n";
	out_blocking_write_and_flush(out, more, sizeof more - 1, &r);
	printf("blocking-write-and-flush: %s\n", unit_result(&r));
	out_flush(out, &r);
	printf("flush: %s\n", unit_result(&r));
	out_blocking_flush(out, &r);
	printf("blocking-flush: %s\n", unit_result(&r));
	out_write_zeroes(out, 3, &r);
	printf("\nwrite-zeroes 3 (above): %s\n", unit_result(&r));
	out_blocking_write_zeroes_and_flush(out, 2, &r);
	printf("\nblocking-write-zeroes-and-flush 2 (above): %s\n", unit_result(&r));
	uint32_t p = out_subscribe(out);
	printf("stdout pollable ready: %s\n", yes(pollable_ready(p)));
	drop_pollable(p);
	drop_output_stream(out);
}

static void input_stream(void)
{
	uint32_t in = get_stdin(), out = get_stdout();
	struct ret12 r;
	struct ret16 n;
	in_read(in, 0, &r);
	printf("read 0: %s, %u bytes\n", r.tag ? stream_error((uint8_t)r.a, r.b) : "ok", r.tag ? 0 : (unsigned)r.b);
	in_skip(in, 0, &n);
	printf("skip 0: %s\n", u64_result(&n));
	out_blocking_splice(out, in, 5, &n);
	printf("\nblocking-splice 5 to stdout (above): %s\n", u64_result(&n));
	in_blocking_skip(in, 3, &n);
	printf("blocking-skip 3: %s\n", u64_result(&n));
	uint64_t total = 0;
	for (;;) {
		in_blocking_read(in, 4096, &r);
		if (r.tag) {
			printf("blocking-read to the end: %llu bytes, then %s\n", (unsigned long long)total,
			       stream_error((uint8_t)r.a, r.b));
			break;
		}
		total += r.b;
		free(r.b ? (void *)(uintptr_t)r.a : NULL);
	}
	in_read(in, 10, &r);
	printf("read after the end: %s\n", r.tag ? stream_error((uint8_t)r.a, r.b) : "ok");
	in_skip(in, 10, &n);
	printf("skip after the end: %s\n", u64_result(&n));
	out_splice(out, in, 10, &n);
	printf("splice after the end: %s\n", u64_result(&n));
	uint32_t p = in_subscribe(in);
	printf("pollable of a closed stream ready: %s\n", yes(pollable_ready(p)));
	drop_pollable(p);
	drop_input_stream(in);
	drop_output_stream(out);
}

/* Polls and prints the ready indices. */
static void poll_show(const char *label, const uint32_t *pollables, size_t n)
{
	struct list ready = { 0, 0 };
	poll_list(pollables, n, &ready);
	printf("%s: ready", label);
	for (uint32_t i = 0; i < ready.len; i++)
		printf(" %u", ((const uint32_t *)ready.ptr)[i]);
	printf("\n");
	free(ready.len ? ready.ptr : NULL);
}

/*
 * Waits are measured from the moment their deadline was set (a slow machine
 * may spend most of the 200ms between subscribing and polling, and the poll
 * then rightly returns sooner); the upper bound only says that nothing
 * waited for the 1h pollable, so it is generous (a loaded qemu is slow).
 */
#define WAIT_MAX (60000 * MS)

static void polls(void)
{
	uint64_t subscribed = monotonic_now();
	uint32_t soon = subscribe_duration(200 * MS), late = subscribe_duration(3600000 * MS), past = subscribe_instant(0);
	bool soon_ready = pollable_ready(soon);
	uint64_t checked = monotonic_now() - subscribed;
	printf("ready: 200ms only once due %s, 1h %s, instant 0 %s\n", yes(!soon_ready || checked >= 200 * MS),
	       yes(pollable_ready(late)), yes(pollable_ready(past)));
	uint32_t two[2] = { late, soon };
	poll_show("poll [1h, 200ms]", two, 2);
	uint64_t took = monotonic_now() - subscribed;
	printf("  returned 200ms to 60s after subscribing: %s\n", yes(took >= 200 * MS && took < WAIT_MAX));
	uint32_t three[3] = { late, past, soon };
	poll_show("poll [1h, instant 0, 200ms]", three, 3);
	uint32_t same[2] = { soon, soon };
	poll_show("poll [200ms, 200ms]", same, 2);
	uint64_t start = monotonic_now();
	uint32_t at = subscribe_instant(start + 30 * MS);
	pollable_block(at);
	took = monotonic_now() - start;
	printf("block until now + 30ms: waited 30ms to 60s: %s\n", yes(took >= 30 * MS && took < WAIT_MAX));
	uint32_t many[40];
	for (int i = 0; i < 40; i++)
		many[i] = i == 37 ? soon : late;
	poll_show("poll 40, the 38th ready", many, 40);
	drop_pollable(at);
	drop_pollable(past);
	drop_pollable(late);
	drop_pollable(soon);
}

static void clocks(void)
{
	uint64_t a = monotonic_now(), b = monotonic_now(), res = monotonic_resolution();
	printf("monotonic: never back %s, resolution in (0, 1ms] %s\n", yes(a && b >= a), yes(res > 0 && res <= MS));
	struct datetime now, wres;
	wall_now(&now);
	wall_resolution(&wres);
	printf("wall-clock: after 2020 %s, nanoseconds < 1e9 %s, resolution in (0, 1ms] %s\n",
	       yes(now.seconds > 1577836800ull), yes(now.nanoseconds < 1000000000u),
	       yes(wres.seconds == 0 && wres.nanoseconds > 0 && wres.nanoseconds <= MS));
}

static int all_zero(const struct list *l)
{
	for (uint32_t i = 0; i < l->len; i++)
		if (((const uint8_t *)l->ptr)[i])
			return 0;
	return 1;
}

static void randoms(void)
{
	struct list a = { 0, 0 }, none = { 0, 1 }, b = { 0, 0 };
	get_random_bytes(32, &a);
	get_random_bytes(0, &none);
	get_insecure_random_bytes(16, &b);
	printf("get-random-bytes 32: %u bytes, not zero %s; 0: %u bytes\n", (unsigned)a.len, yes(!all_zero(&a)),
	       (unsigned)none.len);
	printf("get-insecure-random-bytes 16: %u bytes, not zero %s\n", (unsigned)b.len, yes(!all_zero(&b)));
	free(a.ptr);
	free(b.ptr);
	printf("get-random-u64 twice differs: %s\n", yes(get_random_u64() != get_random_u64()));
	printf("get-insecure-random-u64 twice differs: %s\n", yes(get_insecure_random_u64() != get_insecure_random_u64()));
	struct u64_pair s1, s2;
	insecure_seed(&s1);
	insecure_seed(&s2);
	printf("insecure-seed: the same twice %s, not zero %s\n", yes(s1.a == s2.a && s1.b == s2.b), yes(s1.a | s1.b));
}

/* Whether the (ptr, len) string equals the C string s. */
static int same_string(const uint32_t *pair, const char *s)
{
	return pair[1] == strlen(s) && memcmp((const void *)(uintptr_t)pair[0], s, pair[1]) == 0;
}

static void environment(int argc, char **argv)
{
	struct list args = { 0, 0 }, vars = { 0, 0 };
	get_arguments(&args);
	int match = (int)args.len == argc;
	for (uint32_t i = 0; match && i < args.len; i++)
		match = same_string((const uint32_t *)args.ptr + 2 * i, argv[i]);
	printf("get-arguments: the same as argv: %s\n", yes(match));
	get_environment(&vars);
	uint32_t count = 0;
	match = 1;
	for (char **e = environ; *e; e++, count++) {
		const uint32_t *kv = (const uint32_t *)vars.ptr + 4 * count;
		const char *eq = strchr(*e, '=');
		match = match && count < vars.len && kv[1] == (uint32_t)(eq - *e) &&
			memcmp((const void *)(uintptr_t)kv[0], *e, kv[1]) == 0 && same_string(kv + 2, eq + 1);
	}
	printf("get-environment: the same as environ: %s\n", yes(match && count == vars.len));
	struct ret12 cwd;
	initial_cwd(&cwd);
	printf("initial-cwd: %s\n", cwd.tag ? "some" : "none");
	struct option_handle term;
	get_terminal_stdout(&term);
	printf("terminal-stdout: %s\n", term.tag ? "some" : "none");
	if (term.tag)
		drop_terminal_output(term.handle);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && strcmp(argv[1], "poll-empty") == 0) {
		struct list ready;
		poll_list(NULL, 0, &ready);
		printf("poll of nothing returned\n");
		return 0;
	}
	environment(argc, argv);
	output_stream();
	input_stream();
	polls();
	clocks();
	randoms();
	int err = argc > 1 && strcmp(argv[1], "exit-err") == 0;
	printf("exit(%s)\n", err ? "err" : "ok");
	cli_exit(err);
}
