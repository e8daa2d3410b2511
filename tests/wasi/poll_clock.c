/*
 * poll_oneoff with clock subscriptions: relative and absolute, realtime and
 * monotonic, which of several fires, the witx layouts, sleeping through
 * libc (nanosleep), and the errors that fail the whole call.
 */
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "check.h"

#define MS 1000000ull

static __wasi_timestamp_t now(__wasi_clockid_t id)
{
	__wasi_timestamp_t t = 0;
	if (__wasi_clock_time_get(id, 1, &t))
		printf("clock_time_get failed\n");
	return t;
}

static __wasi_subscription_t clock_sub(uint64_t userdata, __wasi_clockid_t id, uint64_t timeout, int absolute)
{
	__wasi_subscription_t s;
	memset(&s, 0, sizeof s);
	s.userdata = userdata;
	s.u.tag = __WASI_EVENTTYPE_CLOCK;
	s.u.u.clock.id = id;
	s.u.u.clock.timeout = timeout;
	s.u.u.clock.precision = 1000;
	s.u.u.clock.flags = absolute ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
	return s;
}

/*
 * The upper bound of a wait: it only says that no later clock was waited for,
 * so it is generous (a loaded machine under qemu can be very late).
 */
#define WAIT_MAX_MS 60000

/*
 * Polls, then prints the events and whether the wait lasted at least `min_ms`
 * from `since` (the monotonic time its deadline was set from: an absolute
 * deadline was computed before the call, a relative one starts inside it, so
 * 0 means "when the call starts").
 */
static void poll_and_show(const char *label, const __wasi_subscription_t *subs, size_t n, uint64_t min_ms,
			  uint64_t since)
{
	__wasi_event_t events[4];
	memset(events, 0xaa, sizeof events);
	__wasi_size_t count = 99;
	uint64_t start = since ? since : now(__WASI_CLOCKID_MONOTONIC);
	WASI(label, __wasi_poll_oneoff(subs, events, n, &count));
	uint64_t took = now(__WASI_CLOCKID_MONOTONIC) - start;
	printf("  events: %u\n", (unsigned)count);
	for (__wasi_size_t i = 0; i < count && i < 4; i++)
		printf("  userdata %llu error %s type %u\n", (unsigned long long)events[i].userdata,
		       errno_name(events[i].error), (unsigned)events[i].type);
	printf("  waited at least %llums: %s\n", (unsigned long long)min_ms,
	       took >= min_ms * MS && took < WAIT_MAX_MS * MS ? "yes" : "no");
}

int main(void)
{
	printf("subscription %zu bytes, event %zu bytes, clock timeout at %zu, event type at %zu\n",
	       sizeof(__wasi_subscription_t), sizeof(__wasi_event_t),
	       offsetof(__wasi_subscription_t, u.u.clock.timeout), offsetof(__wasi_event_t, type));

	__wasi_subscription_t subs[3];
	subs[0] = clock_sub(1, __WASI_CLOCKID_MONOTONIC, 30 * MS, 0);
	poll_and_show("monotonic relative 30ms", subs, 1, 30, 0);

	subs[0] = clock_sub(2, __WASI_CLOCKID_REALTIME, 20 * MS, 0);
	poll_and_show("realtime relative 20ms", subs, 1, 20, 0);

	uint64_t since = now(__WASI_CLOCKID_MONOTONIC);
	subs[0] = clock_sub(3, __WASI_CLOCKID_MONOTONIC, since + 25 * MS, 1);
	poll_and_show("monotonic absolute +25ms", subs, 1, 25, since);

	since = now(__WASI_CLOCKID_MONOTONIC);
	subs[0] = clock_sub(4, __WASI_CLOCKID_REALTIME, now(__WASI_CLOCKID_REALTIME) + 25 * MS, 1);
	poll_and_show("realtime absolute +25ms", subs, 1, 24, since);

	subs[0] = clock_sub(5, __WASI_CLOCKID_MONOTONIC, 1, 1);
	poll_and_show("monotonic absolute in the past", subs, 1, 0, 0);

	subs[0] = clock_sub(6, __WASI_CLOCKID_REALTIME, 0, 1);
	poll_and_show("realtime absolute in the past", subs, 1, 0, 0);

	subs[0] = clock_sub(7, __WASI_CLOCKID_MONOTONIC, 0, 0);
	poll_and_show("zero timeout", subs, 1, 0, 0);

	/* Of several clocks only the earliest fires; one already due fires together with it. */
	/* The others are far enough away that no slow machine reaches them before the 20ms one is collected. */
	subs[0] = clock_sub(10, __WASI_CLOCKID_MONOTONIC, 3600000 * MS, 0);
	subs[1] = clock_sub(11, __WASI_CLOCKID_MONOTONIC, 20 * MS, 0);
	subs[2] = clock_sub(12, __WASI_CLOCKID_REALTIME, 600000 * MS, 0);
	poll_and_show("three clocks, the 20ms one fires", subs, 3, 20, 0);
	subs[1] = clock_sub(11, __WASI_CLOCKID_MONOTONIC, 1, 1);
	subs[2] = clock_sub(12, __WASI_CLOCKID_MONOTONIC, 0, 0);
	poll_and_show("two due at once", subs + 1, 2, 0, 0);

	uint64_t start = now(__WASI_CLOCKID_MONOTONIC);
	struct timespec ts = { 0, 40 * MS };
	LIBC("nanosleep 40ms", nanosleep(&ts, NULL));
	uint64_t slept = now(__WASI_CLOCKID_MONOTONIC) - start;
	printf("  slept 40ms to 60s: %s\n", slept >= 40 * MS && slept < WAIT_MAX_MS * MS ? "yes" : "no");

	__wasi_event_t ev[2];
	__wasi_size_t count = 0;
	WASI("no subscriptions", __wasi_poll_oneoff(subs, ev, 0, &count));
	subs[0] = clock_sub(20, __WASI_CLOCKID_PROCESS_CPUTIME_ID, MS, 0);
	WASI("process cputime clock", __wasi_poll_oneoff(subs, ev, 1, &count));
	subs[0] = clock_sub(21, 9, MS, 0);
	WASI("unknown clock", __wasi_poll_oneoff(subs, ev, 1, &count));
	subs[0] = clock_sub(22, __WASI_CLOCKID_MONOTONIC, 0, 0);
	subs[0].u.tag = 3;
	WASI("unknown event type", __wasi_poll_oneoff(subs, ev, 1, &count));
	subs[0] = clock_sub(23, __WASI_CLOCKID_MONOTONIC, 0, 0);
	WASI_BAD_POINTER("subscriptions past memory", __wasi_poll_oneoff((const __wasi_subscription_t *)0xfffffff0, ev, 1, &count));
	WASI_BAD_POINTER("events past memory", __wasi_poll_oneoff(subs, (__wasi_event_t *)0xfffffff0, 1, &count));
	WASI_BAD_POINTER("count past memory", __wasi_poll_oneoff(subs, ev, 1, (__wasi_size_t *)0xfffffffe));
	return 0;
}
