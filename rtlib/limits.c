/*
 * Resource limits (rt_limits.h, docs/limits.md): the values baked in by
 * wasmc, the run-time overrides, and the time limit's timer. The timer is
 * setitimer(ITIMER_REAL): one SIGALRM, whose handler only sets
 * rt_interrupt_pending; the checks compiled into the program (wasmc
 * --timeout) see it at the next function entry or loop header and trap
 * "interrupted". Nothing is unwound from inside the signal handler, so a
 * signal arriving in host code (WASI, the runtime) is harmless: the program
 * traps when it is back in wasm code. SA_RESTART keeps host calls going.
 */
#include "internal.h"
#include "rt_limits.h"

/* Baked by wasmc (rt_limits.h's symbols): absent unless the option was given. */
extern const char wasmc_max_memory[] __attribute__((weak));
extern const char wasmc_max_wasm_stack[] __attribute__((weak));
extern const char wasmc_timeout[] __attribute__((weak));
extern const char wasmc_fuel[] __attribute__((weak));

volatile uint32_t rt_interrupt_pending;
/* Full until start-up sets the limit: code running before it (none yet) is not charged against it. */
int64_t rt_fuel_left = INT64_MAX;

static struct {
	bool loaded;
	uint64_t value[RT_LIMIT_COUNT];
} limits;

static void load_baked(void)
{
	if (limits.loaded)
		return;
	const char *baked[RT_LIMIT_COUNT] = { wasmc_max_memory, wasmc_max_wasm_stack, wasmc_timeout,
		wasmc_fuel };
	for (int i = 0; i < RT_LIMIT_COUNT; i++)
		if (!baked[i] || !rt_limit_parse((enum rt_limit)i, baked[i], &limits.value[i]))
			limits.value[i] = UINT64_MAX;
	limits.loaded = true;
}

bool rt_limit_set(enum rt_limit which, const char *text)
{
	uint64_t value;
	if ((unsigned)which >= RT_LIMIT_COUNT || !rt_limit_parse(which, text, &value))
		return false;
	load_baked();
	limits.value[which] = value;
	return true;
}

uint64_t rt_limit_get(enum rt_limit which)
{
	load_baked();
	return (unsigned)which < RT_LIMIT_COUNT ? limits.value[which] : UINT64_MAX;
}

static void on_alarm(int sig, void *siginfo, void *ucontext)
{
	(void)sig, (void)siginfo, (void)ucontext;
	rt_interrupt_pending = 1;
}

bool rt_limits_start(void)
{
	uint64_t fuel = rt_limit_get(RT_LIMIT_FUEL);
	if (fuel != UINT64_MAX)
		rt_fuel_left = (int64_t)fuel;
	uint64_t ns = rt_limit_get(RT_LIMIT_TIMEOUT);
	if (ns == UINT64_MAX)
		return true;
	/* A mask inherited across exec may block SIGALRM: the limit must fire all the same. */
	return arch_signal_install_restart(OS_SIGALRM, on_alarm) >= 0 && os_signal_unblock(OS_SIGALRM) >= 0 &&
		os_alarm_after(ns) >= 0;
}
