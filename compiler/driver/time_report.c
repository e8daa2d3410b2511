#include "time_report.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

/* In pipeline order; a phase that never ran is not printed. */
static const char *const phase_names[] = {
	"read", "decode", "validate", "lower", "verify", "optimize", "codegen", "parts", "cache", "link", "oci",
};
enum { PHASE_COUNT = sizeof(phase_names) / sizeof(phase_names[0]), SLOWEST = 10 };

struct phase {
	double wall, cpu; /* seconds, summed over the phase's runs (a component's modules) */
	long peak_kb;     /* wasmc's resident high-water mark when it ended; link: the linker's if higher */
	bool ran;
};

static struct {
	bool started;
	double wall0, wall_last, cpu_last;
	struct phase phases[PHASE_COUNT];
	struct cg_report functions;
	uint32_t func_count;
	bool cache_used;
	unsigned cache_looked_up, cache_reused, cache_stored;
} report;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double seconds(struct timeval tv)
{
	return (double)tv.tv_sec + (double)tv.tv_usec * 1e-6;
}

/* CPU time of wasmc and of the children it waited for (the linker). */
static double cpu_time(void)
{
	struct rusage self, children;
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &children);
	return seconds(self.ru_utime) + seconds(self.ru_stime) + seconds(children.ru_utime) + seconds(children.ru_stime);
}

static void codegen_stage_done(const char *stage, void *arg)
{
	(void)arg;
	time_report_mark(stage);
}

void time_report_start(void)
{
	report.started = true;
	report.wall0 = report.wall_last = now();
	report.cpu_last = cpu_time();
}

void time_report_mark(const char *name)
{
	if (!report.started)
		return;
	size_t i = 0;
	while (i < PHASE_COUNT && strcmp(phase_names[i], name))
		i++;
	if (i == PHASE_COUNT)
		return;
	double wall = now(), cpu = cpu_time();
	struct rusage self, children;
	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &children);
	struct phase *p = &report.phases[i];
	p->wall += wall - report.wall_last;
	p->cpu += cpu - report.cpu_last;
	long peak = self.ru_maxrss;
	if (!strcmp(name, "link") && children.ru_maxrss > peak)
		peak = children.ru_maxrss;
	if (peak > p->peak_kb)
		p->peak_kb = peak;
	p->ran = true;
	report.wall_last = wall;
	report.cpu_last = cpu;
}

void time_report_functions(uint32_t func_count, struct cg_report *r)
{
	memset(r, 0, sizeof(*r));
	if (!report.started)
		return;
	r->stage_done = codegen_stage_done;
	/* One module's figures: a component's modules share the phases but not the function table. */
	if (report.functions.lower_seconds || !func_count)
		return;
	r->lower_seconds = calloc(func_count, sizeof(*r->lower_seconds));
	r->insn_count = calloc(func_count, sizeof(*r->insn_count));
	if (!r->lower_seconds || !r->insn_count) {
		free(r->lower_seconds);
		free(r->insn_count);
		r->lower_seconds = NULL;
		r->insn_count = NULL;
		return;
	}
	report.functions = *r;
	report.func_count = func_count;
}

void time_report_cache(unsigned looked_up, unsigned reused, unsigned stored)
{
	report.cache_used = true;
	report.cache_looked_up = looked_up;
	report.cache_reused = reused;
	report.cache_stored = stored;
}

static const uint32_t *sort_insns;

/* Most instructions first; ties by index, so the order is the same every run. */
static int by_insns(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (sort_insns[x] != sort_insns[y])
		return sort_insns[x] < sort_insns[y] ? 1 : -1;
	return x < y ? -1 : x > y;
}

static void print_functions(FILE *out, const struct wasm_module *m)
{
	const struct cg_report *r = &report.functions;
	if (!r->insn_count || !m || m->func_count != report.func_count)
		return;
	uint32_t *order = malloc(report.func_count * sizeof(*order));
	if (!order)
		return;
	uint32_t n = 0;
	/* A function of a part taken from the compile cache has no figures. */
	for (uint32_t i = 0; i < report.func_count; i++)
		if (!m->funcs[i].imported && r->insn_count[i])
			order[n++] = i;
	if (!n) {
		free(order);
		return;
	}
	sort_insns = r->insn_count;
	qsort(order, n, sizeof(*order), by_insns);
	fprintf(out, "\n  largest functions after optimization (instructions: the proxy for optimization and codegen)\n");
	fprintf(out, "  %-40s %10s %10s %10s\n", "function", "wasm bytes", "lower ms", "LLVM insns");
	for (uint32_t k = 0; k < n && k < SLOWEST; k++) {
		uint32_t i = order[k];
		const struct wasm_name *nm = wasm_func_name(m, i);
		char label[41];
		if (nm)
			snprintf(label, sizeof(label), "%u %.*s", i, (int)nm->len, nm->str);
		else
			snprintf(label, sizeof(label), "%u", i);
		fprintf(out, "  %-40s %10zu %10.3f %10u\n", label, m->funcs[i].body_end - m->funcs[i].body_offset,
			r->lower_seconds[i] * 1e3, r->insn_count[i]);
	}
	free(order);
}

void time_report_print(FILE *out, const struct wasm_module *m)
{
	if (!report.started)
		return;
	fprintf(out, "wasmc: time report (CPU: user + system, the linker's included; peak: resident high-water mark)\n");
	fprintf(out, "  %-10s %10s %10s %10s\n", "phase", "wall s", "CPU s", "peak MB");
	double cpu = 0;
	long peak = 0;
	for (size_t i = 0; i < PHASE_COUNT; i++) {
		const struct phase *p = &report.phases[i];
		if (!p->ran)
			continue;
		fprintf(out, "  %-10s %10.3f %10.3f %10.1f\n", phase_names[i], p->wall, p->cpu, p->peak_kb / 1024.0);
		cpu += p->cpu;
		if (p->peak_kb > peak)
			peak = p->peak_kb;
	}
	fprintf(out, "  %-10s %10.3f %10.3f %10.1f\n", "total", report.wall_last - report.wall0, cpu, peak / 1024.0);
	if (report.cache_used)
		fprintf(out, "\n  compile cache: %u of %u objects reused, %u stored\n", report.cache_reused,
			report.cache_looked_up, report.cache_stored);
	print_functions(out, m);
	free(report.functions.lower_seconds);
	free(report.functions.insn_count);
	memset(&report.functions, 0, sizeof(report.functions));
}
