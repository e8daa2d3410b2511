/*
 * The progress line. The code generator's threads report each part done
 * (cg_part_hooks.done) to counters here; the thread that reports draws, when
 * the compile has run longer than the delay and the line was not drawn in the
 * last tenth of a second. A lock keeps the line whole and lets
 * progress_finish erase it for good before an error or the report is printed.
 */
#include "progress.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "driver.h"

enum { REDRAW_MS = 100 };

static struct {
	bool enabled;
	int64_t start_ns, delay_ns;
	atomic_int_fast64_t codegen_start_ns; /* the first total added: when functions start to be compiled */
	atomic_uint_fast64_t total, done, compiled; /* compiled: done, without the compile cache's */
	atomic_int_fast64_t drawn_ns;          /* when last drawn; 0: never */
	pthread_mutex_t lock;                  /* held while writing the line */
	bool drawn, finished;                  /* under lock */
} state = { .lock = PTHREAD_MUTEX_INITIALIZER };

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void progress_start(bool enabled, unsigned delay_ms)
{
	state.enabled = enabled;
	state.start_ns = now_ns();
	state.delay_ns = (int64_t)delay_ms * 1000000;
}

void progress_add_total(uint64_t funcs)
{
	if (!state.enabled)
		return;
	int_fast64_t unset = 0;
	atomic_compare_exchange_strong(&state.codegen_start_ns, &unset, now_ns());
	atomic_fetch_add(&state.total, funcs);
}

/* "wasmc: 1200 of 6631 functions compiled, 14 s, about 1 min left"; under the lock. */
static void draw(int64_t now)
{
	uint64_t total = atomic_load(&state.total), done = atomic_load(&state.done);
	uint64_t compiled = atomic_load(&state.compiled);
	double elapsed = (double)(now - state.start_ns) * 1e-9;
	double compiling = (double)(now - atomic_load(&state.codegen_start_ns)) * 1e-9;
	char line[160], left[48] = "";
	if (compiled && total > done) {
		double s = compiling / (double)compiled * (double)(total - done);
		if (s < 90)
			snprintf(left, sizeof(left), ", about %.0f s left", s);
		else
			snprintf(left, sizeof(left), ", about %.0f min left", s / 60);
	}
	int n = snprintf(line, sizeof(line), "\rwasmc: %llu of %llu functions compiled, %.0f s%s\033[K",
			(unsigned long long)done, (unsigned long long)total, elapsed, left);
	if (n > 0 && driver_write_all(STDERR_FILENO, line, (size_t)n))
		state.drawn = true;
}

void progress_add(uint64_t funcs, bool cached)
{
	if (!state.enabled)
		return;
	uint64_t done = atomic_fetch_add(&state.done, funcs) + funcs;
	if (!cached)
		atomic_fetch_add(&state.compiled, funcs);
	int64_t now = now_ns(), drawn = atomic_load(&state.drawn_ns);
	/* Nothing left: the line would be erased at once. */
	if (now - state.start_ns < state.delay_ns || (drawn && now - drawn < REDRAW_MS * 1000000ll) ||
			done >= atomic_load(&state.total))
		return;
	/* Another thread is drawing: this update shows next time. */
	if (pthread_mutex_trylock(&state.lock))
		return;
	if (!state.finished) {
		draw(now);
		atomic_store(&state.drawn_ns, now);
	}
	pthread_mutex_unlock(&state.lock);
}

void progress_finish(void)
{
	if (!state.enabled)
		return;
	pthread_mutex_lock(&state.lock);
	static const char erase[] = "\r\033[K";
	if (state.drawn)
		driver_write_all(STDERR_FILENO, erase, sizeof(erase) - 1);
	state.drawn = false;
	state.finished = true;
	pthread_mutex_unlock(&state.lock);
}
