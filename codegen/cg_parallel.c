/*
 * Parallel code generation: the parts of a module (cg_partition.c), each
 * built, optimized and emitted in its own LLVM context and target machine,
 * by a pool of threads taking parts in index order. Each part's IR is freed
 * once its object is written. What the parts share is read-only: the decoded
 * module, the options and the table facts (cg_tables_init, computed once).
 * The caller's hooks (a compile cache, progress) run on the threads around
 * each part.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

struct pool {
	const struct wasm_module *m;
	const struct cg_part *parts;
	const struct cg_part_input *inputs;
	const struct cg_part_hooks *hooks;
	const char *const *paths;
	struct wasm_error *errs;
	uint32_t count;
	atomic_uint next;
	atomic_bool stop; /* a part failed: start no other */
};

/*
 * Parts are taken in order, so every part below a failed one has been
 * started and finishes: the first failure in index order is the same for
 * any number of threads.
 */
static void run_parts(struct pool *p)
{
	while (!atomic_load(&p->stop)) {
		uint32_t i = atomic_fetch_add(&p->next, 1);
		if (i >= p->count)
			return;
		const struct cg_part_hooks *h = p->hooks;
		bool fetched = h && h->fetch && h->fetch(h->arg, &p->inputs[i], p->paths[i]);
		if (!fetched && !cg_compile_part(p->m, &p->parts[i], p->paths[i], &p->errs[i]))
			atomic_store(&p->stop, true);
		else if (h && h->done)
			h->done(h->arg, &p->inputs[i], fetched);
	}
}

static void *worker(void *arg)
{
	run_parts(arg);
	return NULL;
}

static bool fail(struct wasm_error *err, const char *message)
{
	err->kind = WASM_ERR_LIMIT;
	err->offset = 0;
	snprintf(err->message, sizeof(err->message), "%s", message);
	return false;
}

/* Each part's --emit-llvm file: the path itself for part 0, PATH.<part> for the others. */
static bool emit_llvm_paths(struct cg_part *parts, uint32_t count, char **owned)
{
	const char *path = parts[0].opts.emit_llvm;
	for (uint32_t i = 1; path && i < count; i++) {
		size_t size = strlen(path) + 16;
		if (!(owned[i] = malloc(size)))
			return false;
		snprintf(owned[i], size, "%s.%u", path, i);
		parts[i].opts.emit_llvm = owned[i];
	}
	return true;
}

/*
 * The table facts every part of a split module shares, as bytes for a cache
 * key: per table whether it is fixed, and its known elements.
 */
static uint8_t *serialize_facts(const struct wasm_module *m, const struct cg_table_info *tables, size_t *size)
{
	size_t n = 4;
	for (uint32_t t = 0; t < m->table_count; t++)
		n += 1 + (tables[t].slots ? 4 * (size_t)m->tables[t].type.limits.min : 0);
	uint8_t *bytes = malloc(n), *at = bytes;
	if (!bytes)
		return NULL;
	memcpy(at, &m->table_count, 4);
	at += 4;
	for (uint32_t t = 0; t < m->table_count; t++) {
		*at++ = (uint8_t)(tables[t].fixed | (tables[t].slots ? 2 : 0));
		if (tables[t].slots) {
			memcpy(at, tables[t].slots, 4 * (size_t)m->tables[t].type.limits.min);
			at += 4 * (size_t)m->tables[t].type.limits.min;
		}
	}
	*size = n;
	return bytes;
}

/* Runs the parts on up to `jobs` threads, the caller's included. */
static void run_pool(struct pool *p, unsigned jobs)
{
	unsigned extra = (jobs > p->count ? p->count : jobs) - 1;
	pthread_t *threads = extra ? calloc(extra, sizeof(*threads)) : NULL;
	unsigned started = 0;
	/* A thread that cannot start leaves its parts to the others. */
	while (threads && started < extra && pthread_create(&threads[started], NULL, worker, p) == 0)
		started++;
	run_parts(p);
	for (unsigned i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
}

bool cg_compile_objects(const struct wasm_module *m, const struct cg_options *options, unsigned jobs,
		const char *const *obj_paths, uint32_t count, struct wasm_error *err)
{
	memset(err, 0, sizeof(*err));
	uint32_t ranges = count == 1 ? 1 : cg_partition_ranges(m, options->partition_bytes, NULL);
	if (count != 1 && count != ranges + 1)
		return fail(err, "internal error: the object count is not the module's partition count");
	/*
	 * Targets are initialised and the host triple resolved here, before any
	 * thread starts: both write process-wide state.
	 */
	char message[256];
	const char *triple = options->triple ? options->triple : cg_host_triple();
	if (!cg_target_check(triple, NULL, NULL, message, sizeof(message)))
		return fail(err, message);

	struct cg_part *parts = calloc(count, sizeof(*parts));
	uint32_t *starts = calloc((size_t)ranges + 1, sizeof(*starts));
	char **owned = calloc(count, sizeof(*owned));
	struct wasm_error *errs = calloc(count, sizeof(*errs));
	struct cg_part_input *inputs = calloc(count, sizeof(*inputs));
	uint8_t *facts = NULL;
	size_t facts_size = 0;
	struct wasm_error tables_err = { 0 };
	struct cg_ctx tables = { .m = m, .opts = options, .err = &tables_err };
	bool ok = parts && starts && owned && errs && inputs;
	if (ok) {
		/* One object (-c) of a module that would split: starts holds one range only. */
		if (count > 1)
			cg_partition_ranges(m, options->partition_bytes, starts);
		for (uint32_t i = 0; i < count; i++) {
			parts[i].index = i;
			parts[i].count = count;
			parts[i].opts = *options;
			parts[i].opts.triple = triple;
		}
		if (count == 1) {
			parts[0].begin = m->imported_func_count;
			parts[0].end = m->func_count;
		}
		for (uint32_t r = 0; count > 1 && r < ranges; r++) {
			parts[r + 1].begin = starts[r];
			parts[r + 1].end = starts[r + 1];
		}
		ok = emit_llvm_paths(parts, count, owned);
	}
	/* Small callees in other parts, for the inliner: at -O3, which pays compile time for speed (cg_part_imports.c). */
	for (uint32_t i = 1; ok && count > 1 && options->opt_level >= 3 && i < count; i++) {
		uint32_t *imports = cg_part_imports(m, parts[i].begin, parts[i].end, &parts[i].import_count);
		parts[i].imports = imports;
		ok = imports != NULL;
	}
	/* Which tables are fixed needs a scan of every body: once, shared by the parts. */
	if (ok && count > 1) {
		ok = cg_tables_init(&tables);
		for (uint32_t i = 0; ok && i < count; i++)
			parts[i].tables = tables.tables;
		if (ok && options->hooks && options->hooks->fetch)
			ok = (facts = serialize_facts(m, tables.tables, &facts_size)) != NULL;
	}
	for (uint32_t i = 0; ok && i < count; i++)
		inputs[i] = (struct cg_part_input){ .index = i, .count = count, .begin = parts[i].begin,
			.end = parts[i].end, .facts = facts, .facts_size = facts_size,
			.imports = parts[i].imports, .import_count = parts[i].import_count };
	if (!ok) {
		if (tables_err.kind != WASM_ERR_NONE)
			*err = tables_err;
		else
			fail(err, "out of memory");
	} else {
		struct pool pool = { .m = m, .parts = parts, .inputs = inputs, .hooks = options->hooks,
			.paths = obj_paths, .errs = errs, .count = count };
		run_pool(&pool, jobs ? jobs : 1);
		for (uint32_t i = 0; i < count && ok; i++)
			if (errs[i].kind != WASM_ERR_NONE) {
				*err = errs[i];
				ok = false;
			}
		/* The parts' stages overlap on the threads: one stage for them all. */
		if (ok && count > 1 && options->report && options->report->stage_done)
			options->report->stage_done("parts", options->report->arg);
	}
	cg_tables_free(&tables);
	for (uint32_t i = 0; parts && i < count; i++)
		free((uint32_t *)parts[i].imports);
	for (uint32_t i = 0; owned && i < count; i++)
		free(owned[i]);
	free(owned);
	free(errs);
	free(inputs);
	free(facts);
	free(starts);
	free(parts);
	return ok;
}
