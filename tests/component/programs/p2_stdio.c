/*
 * wasi:cli, wasi:io, wasi:clocks and wasi:random through the preview-1
 * adapter: the arguments and the environment, stdin read to its end (its
 * size and FNV-1a hash, and whether poll says it is readable), stdout with
 * one write larger than the adapter's 4096-byte chunks, stderr, the
 * monotonic and realtime clocks, sleeping (poll_oneoff becomes
 * wasi:io/poll), getentropy, and the exit status: argument "exit3" exits
 * with 3, which a component reports as 1.
 *
 * Run with stdin from /dev/null, a file or a pipe (not a terminal: poll
 * would wait for input for up to 5 s).
 */
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MS 1000000ull

extern char **environ;

static uint64_t now_ns(clockid_t id)
{
	struct timespec ts;
	if (clock_gettime(id, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static const char *yes(int ok)
{
	return ok ? "yes" : "no";
}

static void arguments_and_environment(int argc, char **argv)
{
	printf("argc %d\n", argc);
	for (int i = 1; i < argc; i++)
		printf("argv[%d] = [%s]\n", i, argv[i]);
	for (char **e = environ; *e; e++)
		printf("environ [%s]\n", *e);
}

static void read_stdin(void)
{
	struct pollfd pfd = { 0, POLLIN, 0 };
	int ready = poll(&pfd, 1, 5000);
	printf("poll stdin: %d, readable %s\n", ready, yes(ready == 1 && (pfd.revents & POLLIN)));
	static char buf[70000];
	uint64_t total = 0;
	uint32_t hash = 2166136261u;
	ssize_t n;
	while ((n = read(0, buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			hash = (hash ^ (uint8_t)buf[i]) * 16777619u;
		total += (uint64_t)n;
	}
	printf("stdin: %llu bytes, fnv1a %08x, last read %zd\n", (unsigned long long)total, hash, n);
}

/* 50 lines of 100 bytes in one write: the adapter passes it on in 4096-byte pieces. */
static void big_write(void)
{
	static char text[5000];
	for (int line = 0; line < 50; line++) {
		char *p = text + line * 100;
		memset(p, 'a' + line % 26, 100);
		memcpy(p, "line ", 5);
		p[5] = (char)('0' + line / 10);
		p[6] = (char)('0' + line % 10);
		p[7] = ' ';
		p[99] = '\n';
	}
	fflush(stdout);
	ssize_t n = write(1, text, sizeof text);
	printf("one write of %zu bytes: %zd\n", sizeof text, n);
}

static void clocks(void)
{
	struct timespec res;
	int ok = clock_getres(CLOCK_MONOTONIC, &res) == 0;
	printf("monotonic resolution in (0, 1ms]: %s\n",
	       yes(ok && res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000));
	ok = clock_getres(CLOCK_REALTIME, &res) == 0;
	printf("realtime resolution in (0, 1ms]: %s\n",
	       yes(ok && res.tv_sec == 0 && res.tv_nsec > 0 && res.tv_nsec <= 1000000));
	uint64_t a = now_ns(CLOCK_MONOTONIC), b = now_ns(CLOCK_MONOTONIC);
	printf("monotonic never goes back: %s\n", yes(a != 0 && b >= a));
	printf("realtime after 2020: %s\n", yes(now_ns(CLOCK_REALTIME) / 1000000000ull > 1577836800ull));
}

static void sleeps(void)
{
	uint64_t start = now_ns(CLOCK_MONOTONIC);
	struct timespec t = { 0, 30 * MS };
	int r = nanosleep(&t, NULL);
	uint64_t took = now_ns(CLOCK_MONOTONIC) - start;
	printf("nanosleep 30ms: %d, took 30ms to 60s: %s\n", r, yes(took >= 30 * MS && took < 60000 * MS));
	start = now_ns(CLOCK_MONOTONIC);
	r = usleep(20000);
	took = now_ns(CLOCK_MONOTONIC) - start;
	printf("usleep 20ms: %d, took 20ms to 60s: %s\n", r, yes(took >= 20 * MS && took < 60000 * MS));
	start = now_ns(CLOCK_MONOTONIC);
	r = poll(NULL, 0, 25);
	took = now_ns(CLOCK_MONOTONIC) - start;
	printf("poll nothing for 25ms: %d, took 25ms to 60s: %s\n", r, yes(took >= 25 * MS && took < 60000 * MS));
}

static void entropy(void)
{
	unsigned char a[32], b[32], zero[32] = { 0 };
	int ra = getentropy(a, sizeof a), rb = getentropy(b, sizeof b);
	printf("getentropy: %d %d, not zero %s, two draws differ %s\n", ra, rb, yes(memcmp(a, zero, sizeof a) != 0),
	       yes(memcmp(a, b, sizeof a) != 0));
	static unsigned char big[256];
	printf("getentropy 256 (the most it gives): %d\n", getentropy(big, sizeof big));
}

int main(int argc, char **argv)
{
	arguments_and_environment(argc, argv);
	read_stdin();
	big_write();
	clocks();
	sleeps();
	entropy();
	fputs("to stderr\n", stderr);
	fflush(stdout);
	if (argc > 1 && strcmp(argv[1], "exit3") == 0)
		exit(3);
	return 0;
}
