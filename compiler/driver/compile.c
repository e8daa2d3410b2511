/* The compile pipeline: decode, validate, bind imports, lower, emit, link. No temporary files survive. */
#include "compile.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cache.h"
#include "codegen.h"
#include "driver.h"
#include "grants.h"
#include "imports.h"
#include "link.h"
#include "objects.h"
#include "oci.h"
#include "progress.h"
#include "time_report.h"
#include "component.h"
#include "component_plan.h"
#include "rt_abi.h"
#include "rt_component_plan.h"
#include "rt_limits.h"

enum { EXIT_INPUT = 1, EXIT_ENV = 2 };

static const struct {
	const char *name;
	const char *triple;
} targets[] = {
	{ "x86_64", "x86_64-unknown-linux-gnu" },
	{ "aarch64", "aarch64-unknown-linux-gnu" },
	{ "riscv64", "riscv64-unknown-linux-gnu" },
};

const char *target_triple(const char *name)
{
	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		size_t n = strlen(targets[i].name);
		/* A short name, or a full triple of a supported architecture on Linux. */
		if (!strcmp(name, targets[i].name))
			return targets[i].triple;
		if (!strncmp(name, targets[i].name, n) && name[n] == '-' && strstr(name, "linux"))
			return name;
	}
	return NULL;
}

/* The architecture part of a triple, for the runtime folder. */
static void triple_arch(const char *triple, char *out, size_t size)
{
	size_t n = strcspn(triple, "-");
	if (n >= size)
		n = size - 1;
	memcpy(out, triple, n);
	out[n] = 0;
}

struct blob {
	char *bytes;
	size_t size;
};

static void blob_put(struct blob *b, const char *s, size_t len)
{
	memcpy(b->bytes + b->size, s, len);
	b->size += len;
}

/*
 * The executable's grants in wasi/grants.h's format, or an empty blob when
 * there are none (the runtime's default); false when out of memory.
 */
static bool grants_blob(const struct compile_options *o, struct blob *b)
{
	b->bytes = NULL;
	b->size = 0;
	if (!o->dir_count && !o->env_count && !o->inherit_env && !o->runtime_grants && !o->listen_fds &&
			!o->inherit_network)
		return true;
	size_t bound = 5;
	for (size_t i = 0; i < o->dir_count; i++)
		bound += 2 * strlen(o->dirs[i]) + 3; /* without "::GUEST", the host path is also the guest's */
	for (size_t i = 0; i < o->env_count; i++)
		bound += strlen(o->envs[i]) + 2;
	b->bytes = malloc(bound);
	if (!b->bytes)
		return false;
	for (size_t i = 0; i < o->dir_count; i++) {
		const char *dir = o->dirs[i], *sep = strstr(dir, WASI_DIR_SEPARATOR);
		size_t host_len = sep ? (size_t)(sep - dir) : strlen(dir);
		const char *guest = sep ? sep + strlen(WASI_DIR_SEPARATOR) : dir;
		blob_put(b, (char[]){ o->dir_readonly[i] ? WASI_GRANT_DIR_RO : WASI_GRANT_DIR }, 1);
		blob_put(b, dir, host_len);
		blob_put(b, "", 1);
		blob_put(b, guest, strlen(guest) + 1);
	}
	for (size_t i = 0; i < o->env_count; i++) {
		blob_put(b, (char[]){ WASI_GRANT_ENV }, 1);
		blob_put(b, o->envs[i], strlen(o->envs[i]) + 1);
	}
	if (o->inherit_env)
		blob_put(b, (char[]){ WASI_GRANT_INHERIT_ENV }, 1);
	if (o->runtime_grants)
		blob_put(b, (char[]){ WASI_GRANT_RUNTIME }, 1);
	if (o->listen_fds)
		blob_put(b, (char[]){ WASI_GRANT_LISTEN_FDS }, 1);
	if (o->inherit_network)
		blob_put(b, (char[]){ WASI_GRANT_INHERIT_NETWORK }, 1);
	blob_put(b, (char[]){ WASI_GRANT_END }, 1);
	return true;
}

/* Everything an executable's objects carry besides code: its grants, memory options, a component's plan. */
struct extra_data {
	struct cg_data items[7];
	size_t count;
	struct blob grants;
};

static bool extra_data_init(const struct compile_options *o, struct extra_data *x)
{
	memset(x, 0, sizeof(*x));
	if (!grants_blob(o, &x->grants)) {
		fprintf(stderr, "wasmc: out of memory\n");
		return false;
	}
	if (x->grants.size && !o->object_only)
		x->items[x->count++] = (struct cg_data){ WASI_GRANTS_SYMBOL, x->grants.bytes, x->grants.size };
	if (o->no_huge_pages && !o->object_only)
		x->items[x->count++] = (struct cg_data){ RT_NO_HUGE_PAGES_SYMBOL, "\1", 1 };
	const struct { const char *symbol, *text; } limits[] = {
		{ RT_MAX_MEMORY_SYMBOL, o->max_memory },
		{ RT_MAX_WASM_STACK_SYMBOL, o->max_wasm_stack },
		{ RT_TIMEOUT_SYMBOL, o->timeout },
		{ RT_FUEL_SYMBOL, o->fuel },
	};
	for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++)
		if (limits[i].text && !o->object_only)
			x->items[x->count++] = (struct cg_data){ limits[i].symbol, limits[i].text, strlen(limits[i].text) + 1 };
	return true;
}

/* Around each part, on the code generator's threads: the compile cache, then progress. */
static bool part_fetch(void *arg, const struct cg_part_input *in, const char *obj_path)
{
	return cache_fetch(arg, in, obj_path);
}

static void part_done(void *arg, const struct cg_part_input *in, bool fetched)
{
	(void)arg;
	progress_add(in->end - in->begin, fetched);
}

/*
 * Lowers m to objects added to objs (a big module makes several, one per
 * partition, compiled on o->jobs threads). symbols: per import, the host symbol it is bound to, or
 * NULL (all NULL: imports left to the embedder). base: the module's offset
 * in the input file, for error offsets. cache: NULL, or where parts are
 * looked up (and stored by the caller once the compile succeeded).
 */
static int emit_object(const struct compile_options *o, const struct wasm_module *m, const char *triple,
		struct obj_list *objs, const char *const *symbols, const struct extra_data *extra, size_t base,
		struct cache *cache)
{
	struct cg_options cg = {
		.triple = triple, .cpu = o->cpu, .features = o->features, .opt_level = o->opt_level,
		.module_name = o->module_name, .import_symbols = symbols, .emit_llvm = o->emit_llvm,
		.trap_unbound_imports = symbols && o->allow_unknown_imports && !o->object_only,
		.interrupt_checks = o->timeout != NULL,
		.fuel = o->fuel != NULL,
		/* Always: release builds are what the tests run, and the verifier is cheap next to -O2. */
		.verify = true,
		.data = extra->items, .data_count = extra->count,
		.partition_bytes = o->partition_bytes,
	};
	struct cg_report report;
	time_report_functions(m->func_count, &report);
	cg.report = &report;
	uint32_t count = cg_object_count(m, &cg);
	const char *const *paths;
	if (!obj_list_add(objs, count, &paths))
		return EXIT_ENV;
	struct cache_module *cm = cache_module_begin(cache, m, &cg);
	struct cg_part_hooks hooks = { .fetch = cm ? part_fetch : NULL, .done = part_done, .arg = cm };
	cg.hooks = &hooks;
	struct wasm_error err;
	bool ok = cg_compile_objects(m, &cg, o->jobs, paths, count, &err);
	cache_module_end(cm);
	if (!ok) {
		progress_finish();
		fprintf(stderr, "%s:0x%zx: %s\n", o->input, base + err.offset, err.message);
		return EXIT_INPUT;
	}
	if (cache)
		time_report_mark("cache");
	return 0;
}

/* After a successful compile: the parts that missed go into the cache. */
static void store_cache(struct cache *cache)
{
	if (!cache)
		return;
	cache_store(cache);
	time_report_mark("cache");
	unsigned looked_up, reused, stored;
	cache_counts(cache, &looked_up, &reused, &stored);
	time_report_cache(looked_up, reused, stored);
}

/* A core module: its WASI imports bound to the host functions at link time. */
static int generate(const struct compile_options *o, const struct wasm_module *m, const char *triple,
		struct obj_list *objs, const struct extra_data *extra, struct cache *cache)
{
	const char **symbols = calloc(m->import_count ? m->import_count : 1, sizeof(*symbols));
	if (!symbols) {
		fprintf(stderr, "wasmc: out of memory\n");
		return EXIT_INPUT;
	}
	int status = EXIT_INPUT;
	if (o->object_only || imports_bind(m, o->input, symbols, o->allow_unknown_imports, stderr))
		status = emit_object(o, m, triple, objs, symbols, extra, 0, cache);
	free(symbols);
	return status;
}

/*
 * A component: its plan (component_plan.c), one object per core module
 * (descriptor "c<i>", imports left to the component runner, which wires
 * them as the plan says), the plan and the grants in the first, all linked.
 */
static int compile_component(const struct compile_options *o, struct loaded_module *lm, const char *triple,
		const char *runtime_dir, struct extra_data *extra, struct cache *cache, bool *server)
{
	const struct component *c = lm->component;
	if (o->object_only) {
		fprintf(stderr, "%s: -c is not supported for components (they link into an executable)\n", o->input);
		return EXIT_INPUT;
	}
	struct component_plan plan;
	if (!component_plan_build(c, o->input, &lm->arena, &plan, stderr))
		return EXIT_INPUT;
	uint8_t *plan_bytes;
	size_t plan_size;
	if (!component_plan_encode(&plan, &plan_bytes, &plan_size)) {
		fprintf(stderr, "wasmc: out of memory\n");
		return EXIT_INPUT;
	}
	extra->items[extra->count++] = (struct cg_data){ RT_COMPONENT_PLAN_SYMBOL, plan_bytes, plan_size };
	*server = plan.entry_kind == RT_PLAN_ENTRY_HTTP_HANDLER;
	int status = 0;
	struct obj_list objs = { 0 };
	for (uint32_t i = 0; i < c->core_module_count && status == 0; i++) {
		const struct comp_core_module *cm = &c->core_modules[i];
		char name[32], ir[PATH_MAX];
		snprintf(name, sizeof(name), "c%u", i);
		struct compile_options mo = *o;
		mo.module_name = name;
		if (o->emit_llvm) {
			snprintf(ir, sizeof(ir), "%s.%s", o->emit_llvm, name);
			mo.emit_llvm = ir;
		}
		struct extra_data none = { 0 };
		status = emit_object(&mo, &cm->module, triple, &objs, NULL, i == 0 ? extra : &none, cm->offset, cache);
	}
	progress_finish();
	if (status == 0 && !link_executable((const char *const *)objs.paths, objs.count, runtime_dir, o->output, true))
		status = EXIT_ENV;
	if (status == 0) {
		time_report_mark("link");
		store_cache(cache);
	}
	obj_list_remove(&objs);
	free(plan_bytes);
	return status;
}

/* The functions a compile lowers, for the progress line. */
static uint64_t defined_functions(const struct loaded_module *lm)
{
	if (!lm->component)
		return lm->module.func_count - lm->module.imported_func_count;
	uint64_t n = 0;
	for (uint32_t i = 0; i < lm->component->core_module_count; i++) {
		const struct wasm_module *m = &lm->component->core_modules[i].module;
		n += m->func_count - m->imported_func_count;
	}
	return n;
}

int compile_main(const struct compile_options *o)
{
	progress_start(!o->quiet && isatty(STDERR_FILENO), o->progress_delay_ms);
	const char *triple = o->target ? target_triple(o->target) : cg_host_triple();
	if (!triple) {
		fprintf(stderr, "wasmc: unknown target '%s' (x86_64, aarch64, riscv64 or a Linux triple of these)\n",
			o->target);
		return EXIT_ENV;
	}
	char message[256];
	if (!cg_target_check(triple, o->cpu, o->features, message, sizeof(message))) {
		fprintf(stderr, "wasmc: %s\n", message);
		return EXIT_ENV;
	}
	char arch[32];
	triple_arch(triple, arch, sizeof(arch));
	/* Found before compiling, so that a missing runtime fails fast. */
	const char *runtime_dir = o->object_only ? NULL : link_runtime_dir(arch);
	if (!o->object_only && !runtime_dir)
		return EXIT_ENV;
	/* Checked before compiling too: an image that cannot be written fails fast. */
	if (o->oci_archive && !oci_check_path("--oci", o->oci_archive, false))
		return EXIT_ENV;
	if (o->oci_layout && !oci_check_path("--oci-layout", o->oci_layout, true))
		return EXIT_ENV;
	if ((o->oci_archive || o->oci_layout) && !oci_arch(arch)) {
		fprintf(stderr, "wasmc: --oci: no OCI architecture name for %s\n", arch);
		return EXIT_ENV;
	}

	if (o->time_report)
		time_report_start();
	struct loaded_module lm;
	if (!driver_load(&lm, o->input, true))
		return EXIT_INPUT;
	struct extra_data extra;
	if (!extra_data_init(o, &extra)) {
		driver_release(&lm);
		return EXIT_INPUT;
	}
	/* --emit-llvm writes IR, which a part taken from the cache does not have. */
	struct cache *cache = o->cache_dir && !o->emit_llvm ? cache_open(o->cache_dir) : NULL;
	progress_add_total(defined_functions(&lm));
	int status;
	bool server = false;
	if (lm.component) {
		status = compile_component(o, &lm, triple, runtime_dir, &extra, cache, &server);
	} else if (o->object_only) {
		/* The parts of a big module compile in parallel as for an executable, then become one object. */
		struct obj_list objs = { 0 };
		status = generate(o, &lm.module, triple, &objs, &extra, cache);
		progress_finish();
		if (status == 0 && !link_relocatable((const char *const *)objs.paths, objs.count, o->output))
			status = EXIT_ENV;
		if (status) {
			unlink(o->output);
		} else {
			if (objs.count > 1)
				time_report_mark("link");
			store_cache(cache);
		}
		obj_list_remove(&objs);
	} else {
		struct obj_list objs = { 0 };
		status = generate(o, &lm.module, triple, &objs, &extra, cache);
		progress_finish();
		if (status == 0 && !link_executable((const char *const *)objs.paths, objs.count, runtime_dir, o->output,
					false))
			status = EXIT_ENV;
		if (status == 0) {
			time_report_mark("link");
			store_cache(cache);
		}
		obj_list_remove(&objs);
	}
	progress_finish();
	if (status == 0 && (o->oci_archive || o->oci_layout)) {
		struct oci_image img = {
			.executable = o->output, .arch = arch, .server = server,
			.archive = o->oci_archive, .layout = o->oci_layout,
		};
		if (!oci_write(&img)) {
			unlink(o->output); /* the command failed: no executable either */
			status = EXIT_ENV;
		} else {
			time_report_mark("oci");
		}
	}
	if (status == 0)
		time_report_print(stderr, lm.component ? NULL : &lm.module);
	cache_close(cache);
	free(extra.grants.bytes);
	driver_release(&lm);
	return status;
}
