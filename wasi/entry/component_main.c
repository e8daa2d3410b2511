/*
 * rt_component_main: the program's main for a component command. Carries
 * out the instantiation plan the compiler resolved (rt_component_plan.h):
 * instantiates the core modules in order, each import taken from an earlier
 * instance's export or bound to a WASI 0.2 host function (a funcref whose
 * instance is the lower's context, struct wasi_p2_ctx), then calls the
 * lifted wasi:cli/run export: ok exits 0, error exits 1. A component whose
 * entry is wasi:http/incoming-handler becomes a server instead (http_main.c).
 */
#include "component_entry.h"
#include "rt.h"
#include "rt_component_plan.h"
#include "rt_limits.h"
#include "rt_out.h"
#include "rt_string.h"
#include "wasi_host.h"
#include "wasi_p2.h"

extern const struct rt_module *const __start_wasmc_modules[] __attribute__((weak));
extern const struct rt_module *const __stop_wasmc_modules[] __attribute__((weak));

struct reader {
	const uint8_t *p, *end;
	bool bad;
};

static uint32_t read_u32(struct reader *r)
{
	if (r->end - r->p < 4) {
		r->bad = true;
		return 0;
	}
	uint32_t v = (uint32_t)r->p[0] | (uint32_t)r->p[1] << 8 | (uint32_t)r->p[2] << 16 | (uint32_t)r->p[3] << 24;
	r->p += 4;
	return v;
}

static uint8_t read_u8(struct reader *r)
{
	if (r->p == r->end) {
		r->bad = true;
		return 0;
	}
	return *r->p++;
}

struct str {
	const char *s;
	uint32_t len;
};

static struct str read_str(struct reader *r)
{
	struct str s = { 0, read_u32(r) };
	if ((size_t)(r->end - r->p) < s.len) {
		r->bad = true;
		s.len = 0;
		return s;
	}
	s.s = (const char *)r->p;
	r->p += s.len;
	return s;
}

struct runner {
	struct reader r;
	struct rt_instance **instances;
	uint32_t instance_count, done;
	const char *why; /* a malformed plan or a missing piece: the one line to print */
};

static int fail(const char *what, const struct str *name)
{
	struct rt_out out = { .fd = 2 };
	rt_out_str(&out, "wasmc runtime: ");
	rt_out_str(&out, what);
	if (name) {
		rt_out_str(&out, ": ");
		rt_out_mem(&out, name->s, name->len);
	}
	rt_out_str(&out, "\n");
	rt_out_flush(&out);
	return 1;
}

static const struct rt_module *module_named(uint32_t index)
{
	char name[16] = "c", digits[12]; /* "c<index>" */
	int n = 0;
	do {
		digits[n++] = (char)('0' + index % 10);
		index /= 10;
	} while (index);
	for (int i = 0; i < n; i++)
		name[1 + i] = digits[n - 1 - i];
	name[1 + n] = 0;
	for (const struct rt_module *const *m = __start_wasmc_modules; m < __stop_wasmc_modules; m++)
		if (rt_strlen((*m)->name) == (size_t)(1 + n) && memcmp((*m)->name, name, (size_t)(1 + n)) == 0)
			return *m;
	return NULL;
}

/* Export `name` of kind `kind` of an instance already made, or NULL. */
static void *export_of(struct runner *run, uint32_t instance, enum rt_extern_kind kind, const struct str *name,
		uint32_t *index)
{
	if (instance >= run->done)
		return NULL;
	struct rt_instance *inst = run->instances[instance];
	const struct rt_export *e = rt_export_find(inst->module, name->s, name->len, kind);
	if (!e)
		return NULL;
	if (index)
		*index = e->index;
	return rt_instance_extern(inst, kind, e->index);
}

/* An export named in the plan: where it is, and what (NULL: absent, or not there). */
struct ref {
	bool present;
	uint32_t instance, index;
	struct str name;
	void *target;
};

/* An optional reference (rt_component_plan.h), looked up in the instances made so far. */
static struct ref read_ref(struct runner *run, enum rt_extern_kind kind)
{
	struct ref r = { .instance = read_u32(&run->r) };
	r.present = r.instance != RT_PLAN_NONE;
	if (r.present) {
		r.name = read_str(&run->r);
		r.target = export_of(run, r.instance, kind, &r.name, &r.index);
	}
	return r;
}

/* A host function bound with the lower's options: a funcref whose instance is its context. */
static void *host_func(struct runner *run, struct str *missing)
{
	uint32_t row = read_u32(&run->r);
	struct str iface = read_str(&run->r), func = read_str(&run->r);
	struct ref memory = read_ref(run, RT_EXTERN_MEMORY), realloc = read_ref(run, RT_EXTERN_FUNC);
	if (run->r.bad)
		return NULL;
	const struct wasi_p2_func *f = wasi_p2_find(row, iface.s, iface.len, func.s, func.len);
	if (!f || (memory.present && !memory.target) || (realloc.present && !realloc.target)) {
		*missing = !f ? func : memory.present && !memory.target ? memory.name : realloc.name;
		run->why = !f ? "no WASI 0.2 host function" : "a lower's option is missing";
		return NULL;
	}
	struct wasi_p2_ctx *ctx = rt_alloc(sizeof(*ctx));
	struct rt_funcref *ref = rt_alloc(sizeof(*ref));
	struct rt_memory *mem = memory.target;
	ctx->view.mem0 = mem;
	ctx->view.mem0_base = mem ? mem->base : NULL;
	ctx->view.stack_limit = rt_stack_limit();
	ctx->realloc = realloc.target;
	ref->code = f->code;
	ref->type_id = rt_type_id(f->signature);
	ref->instance = &ctx->view;
	return ref;
}

/* The next instance of the plan: its imports, then rt_instantiate. */
static enum rt_trap instantiate_next(struct runner *run, struct str *missing)
{
	const struct rt_module *m = module_named(read_u32(&run->r));
	uint32_t count = read_u32(&run->r);
	if (!m || count != m->import_count) {
		run->why = m ? "the plan does not match a module's imports" : "a core module of the component is missing";
		return RT_TRAP_UNLINKABLE;
	}
	void **imports = rt_alloc((count ? count : 1) * sizeof(void *));
	for (uint32_t i = 0; i < count && !run->r.bad; i++) {
		uint8_t kind = read_u8(&run->r);
		if (kind == RT_PLAN_EXPORT) {
			uint32_t instance = read_u32(&run->r);
			uint8_t ext = read_u8(&run->r);
			*missing = read_str(&run->r);
			imports[i] = ext <= RT_EXTERN_GLOBAL ? export_of(run, instance, ext, missing, NULL) : NULL;
			if (!imports[i])
				run->why = "a core instance lacks the export";
		} else {
			imports[i] = kind == RT_PLAN_HOST ? host_func(run, missing) : NULL;
		}
		if (!imports[i])
			return RT_TRAP_UNLINKABLE;
	}
	if (run->r.bad)
		return RT_TRAP_UNLINKABLE;
	return rt_instantiate(m, NULL, &run->instances[run->done++], imports);
}

/* The lifted entry export and its post-return, found in the instances made. */
static bool read_entry(struct runner *run, struct component_entry *entry, struct str *missing)
{
	entry->kind = read_u8(&run->r);
	uint32_t instance = read_u32(&run->r);
	*missing = read_str(&run->r);
	uint32_t index;
	entry->fn = export_of(run, instance, RT_EXTERN_FUNC, missing, &index);
	struct ref post = read_ref(run, RT_EXTERN_FUNC);
	if (!entry->fn || run->r.bad || (post.present && !post.target)) {
		run->why = "the entry export is missing";
		return false;
	}
	entry->tramp = run->instances[instance]->module->func_trampolines[index];
	entry->post = post.target;
	entry->post_tramp = post.present ? run->instances[post.instance]->module->func_trampolines[post.index] : NULL;
	return true;
}

/* Calls the lifted run export (and its post-return): its flat result, 0 ok or 1 error. */
static enum rt_trap call_run(const struct component_entry *entry, int *status)
{
	uint8_t args_results[1][16] = { { 0 } };
	enum rt_trap kind = rt_call(entry->fn, entry->tramp, args_results);
	if (kind != RT_TRAP_NONE)
		return kind;
	uint32_t result;
	__builtin_memcpy(&result, args_results[0], 4);
	if (result > 1) /* the Canonical ABI traps on an invalid discriminant */
		return RT_TRAP_UNREACHABLE;
	*status = (int)result;
	if (entry->post) /* given run's flat result, which args_results still holds */
		kind = rt_call(entry->post, entry->post_tramp, args_results);
	return kind;
}

int rt_component_main(const uint8_t *plan, int argc, char **argv, char **envp)
{
	if (!wasi_host_init(argc, argv, envp))
		return 1; /* a grant could not be given; wasi said why */
	if (!rt_limits_start())
		return fail("the time limit's timer cannot be set", NULL);
	struct runner run = { .r = { plan, plan + 12, false } };
	if (__builtin_memcmp(plan, RT_PLAN_MAGIC, 4) != 0)
		return fail("the component plan is malformed", NULL);
	run.r.p += 4;
	uint32_t size = read_u32(&run.r);
	run.r.end = plan + size;
	read_u32(&run.r); /* module count: each instance finds its module by name */
	run.instance_count = read_u32(&run.r);
	run.instances = rt_alloc((run.instance_count + 1) * sizeof(*run.instances));
	struct str missing = { 0 };
	enum rt_trap kind = RT_TRAP_NONE;
	for (uint32_t i = 0; i < run.instance_count && kind == RT_TRAP_NONE; i++)
		kind = instantiate_next(&run, &missing);
	int status = 1;
	struct component_entry entry = { 0 };
	if (kind == RT_TRAP_NONE && read_entry(&run, &entry, &missing) && entry.kind == RT_PLAN_ENTRY_HTTP_HANDLER)
		return http_main(&entry, argc, argv);
	if (kind == RT_TRAP_NONE && !run.why && !run.r.bad)
		kind = entry.kind == RT_PLAN_ENTRY_RUN ? call_run(&entry, &status) : RT_TRAP_UNLINKABLE;
	if (run.r.bad)
		return fail("the component plan is malformed", NULL);
	if (run.why)
		return fail(run.why, &missing);
	if (kind != RT_TRAP_NONE) {
		rt_trap_report(kind);
		return RT_TRAP_EXIT_CODE;
	}
	return status;
}
