/*
 * Inlining across parts. A part of a split module calls functions that other
 * parts define; the inliner cannot see their bodies, so small callees that
 * one LLVM module would have inlined stay calls. As ThinLTO imports
 * functions, each part lowers a copy of every small callee defined elsewhere
 * that its bodies call directly, with available_externally linkage: the
 * inliner may take it, and what is not inlined is dropped before code
 * generation (elim-avail-extern in the pipeline), the call going to the
 * callee's own part. One level only: an imported body's own callees are not
 * imported.
 *
 * At -O3 only: the inlining it buys costs compile time. wasm-tools at -O2
 * -j1 (2.4 MB, 78% of its functions under the limit) took 29 s of CPU split,
 * 37 s with imports, for 667 of the 1,535 calls the split had left
 * (docs/compile-speed.md, "What a split costs: inlining").
 *
 * The imports depend on the module and the partition alone, so every -j makes
 * the same objects, and the compile cache hashes the imported bodies into
 * the part's key (compiler/driver/cache.c).
 */
#include <stdlib.h>

#include "cg.h"

/*
 * Whole entries (locals included) up to this size are imported: about what
 * LLVM's inliner takes from a callee that keeps other callers (its threshold
 * of 225 is some 45 instructions), with room for the constants and locals of
 * wasm's encoding.
 */
enum { IMPORT_MAX_BYTES = 192 };

static bool importable(const struct wasm_module *m, uint32_t callee, uint32_t begin, uint32_t end)
{
	if (callee >= m->func_count || m->funcs[callee].imported || (callee >= begin && callee < end))
		return false;
	const struct wasm_func *f = &m->funcs[callee];
	return f->body_end - f->code_offset <= IMPORT_MAX_BYTES;
}

struct scan {
	const struct wasm_module *m;
	uint32_t begin, end;
	uint8_t *seen;
	uint32_t *list, n, cap;
	bool failed;
};

static void add_callee(const struct wasm_insn *insn, void *arg)
{
	struct scan *s = arg;
	if (insn->op != WASM_OP_CALL || s->failed || !importable(s->m, insn->imm.index, s->begin, s->end) ||
			s->seen[insn->imm.index])
		return;
	s->seen[insn->imm.index] = 1;
	if (s->n == s->cap) {
		uint32_t cap = s->cap ? 2 * s->cap : 64;
		uint32_t *grown = realloc(s->list, cap * sizeof(*grown));
		if (!grown) {
			s->failed = true;
			return;
		}
		s->list = grown;
		s->cap = cap;
	}
	s->list[s->n++] = insn->imm.index;
}

static int by_index(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

uint32_t *cg_part_imports(const struct wasm_module *m, uint32_t begin, uint32_t end, uint32_t *count)
{
	*count = 0;
	struct scan s = { .m = m, .begin = begin, .end = end, .seen = calloc(m->func_count ? m->func_count : 1, 1) };
	if (!s.seen)
		return NULL;
	for (uint32_t i = begin; i < end && !s.failed; i++)
		cg_visit_body(m, i, add_callee, &s);
	free(s.seen);
	if (s.failed) {
		free(s.list);
		return NULL;
	}
	if (!s.list)
		return calloc(1, sizeof(*s.list)); /* none: an empty list, not a failure */
	qsort(s.list, s.n, sizeof(*s.list), by_index);
	*count = s.n;
	return s.list;
}
