/*
 * Backtraces of wasm frames. Generated code keeps frame pointers, so a trap
 * walks the frame chain (bounded by the stack it is on) and records return
 * addresses: the innermost RT_BACKTRACE_HEAD and, for deep recursion, the
 * outermost RT_BACKTRACE_TAIL. Printing names each pc by the nearest
 * function start at or below it among the known modules' func_code, and
 * stops at a trampoline or an instantiate function: that is where the host
 * called into the module.
 */
#include "internal.h"

struct module_node {
	const struct rt_module *module;
	struct module_node *next;
};

static struct module_node *modules;

void rt_backtrace_add_module(const struct rt_module *m)
{
	for (const struct module_node *n = modules; n; n = n->next)
		if (n->module == m)
			return;
	struct module_node *node = rt_alloc_raw(sizeof *node);
	if (!node)
		return; /* backtraces lose names, nothing else */
	node->module = m;
	node->next = modules;
	modules = node;
}

static void record(struct rt_backtrace *bt, uintptr_t pc)
{
	if (bt->total < RT_BACKTRACE_HEAD)
		bt->head[bt->total] = pc;
	else
		bt->tail[(bt->total - RT_BACKTRACE_HEAD) % RT_BACKTRACE_TAIL] = pc;
	bt->total++;
}

void rt_backtrace_capture(struct rt_backtrace *bt, uintptr_t pc, uintptr_t fp, uintptr_t sp)
{
	bt->total = 0;
	if (!pc)
		return;
	record(bt, pc);
	uintptr_t lo, hi;
	if (!rt_stack_bounds(sp, &lo, &hi))
		return;
	while (arch_frame_within(fp, lo, hi)) {
		uintptr_t ret = arch_frame_return_address(fp);
		uintptr_t caller = arch_frame_caller(fp);
		if (!ret)
			break;
		record(bt, ret - 1);
		if (caller <= fp)
			break;
		fp = caller;
	}
}

enum symbol_kind { SYMBOL_NONE, SYMBOL_FUNCTION, SYMBOL_TRAMPOLINE, SYMBOL_INSTANTIATE };

struct symbol {
	enum symbol_kind kind;
	const struct rt_module *module;
	uintptr_t start;
	uint32_t index;
};

static void consider(struct symbol *best, uintptr_t pc, const void *start, enum symbol_kind kind,
		const struct rt_module *m, uint32_t index)
{
	uintptr_t s = (uintptr_t)start;
	if (!start || s > pc || (best->kind != SYMBOL_NONE && s <= best->start))
		return;
	*best = (struct symbol){ .kind = kind, .module = m, .start = s, .index = index };
}

static struct symbol symbolize(uintptr_t pc)
{
	struct symbol best = { .kind = SYMBOL_NONE };
	for (const struct module_node *n = modules; n; n = n->next) {
		const struct rt_module *m = n->module;
		consider(&best, pc, (const void *)m->instantiate, SYMBOL_INSTANTIATE, m, 0);
		for (uint32_t i = 0; i < m->func_count; i++) {
			if (m->func_code)
				consider(&best, pc, m->func_code[i], SYMBOL_FUNCTION, m, i);
			if (m->func_trampolines)
				consider(&best, pc, (const void *)m->func_trampolines[i], SYMBOL_TRAMPOLINE, m, i);
		}
	}
	return best;
}

/* Prints frame n; false at the end of the module's frames. */
static bool print_frame(struct rt_out *out, uint64_t n, uintptr_t pc)
{
	struct symbol s = symbolize(pc);
	if (s.kind == SYMBOL_TRAMPOLINE || (s.kind == SYMBOL_NONE && n > 0))
		return false;
	rt_out_str(out, "  ");
	rt_out_dec(out, n);
	rt_out_str(out, ": ");
	if (s.kind == SYMBOL_NONE) {
		rt_out_str(out, "<unknown> 0x");
		rt_out_hex(out, pc);
		rt_out_str(out, "\n");
		return true;
	}
	if (s.module->name) {
		rt_out_str(out, s.module->name);
		rt_out_str(out, "!");
	}
	const char *name = s.module->func_names ? s.module->func_names[s.index] : NULL;
	if (s.kind == SYMBOL_INSTANTIATE) {
		rt_out_str(out, "<instantiate>");
	} else if (name) {
		rt_out_str(out, name);
	} else {
		rt_out_str(out, "<function ");
		rt_out_dec(out, s.index);
		rt_out_str(out, ">");
	}
	rt_out_str(out, "+0x");
	rt_out_hex(out, pc - s.start);
	rt_out_str(out, "\n");
	return s.kind != SYMBOL_INSTANTIATE;
}

void rt_backtrace_print(const struct rt_backtrace *bt, int fd)
{
	if (!bt->total)
		return;
	struct rt_out out = { .fd = fd };
	rt_out_str(&out, "wasm backtrace:\n");
	uint64_t head = bt->total < RT_BACKTRACE_HEAD ? bt->total : RT_BACKTRACE_HEAD;
	for (uint64_t i = 0; i < head; i++)
		if (!print_frame(&out, i, bt->head[i]))
			goto done;
	if (bt->total > RT_BACKTRACE_HEAD) {
		uint64_t first_tail = bt->total - RT_BACKTRACE_TAIL;
		if (first_tail < RT_BACKTRACE_HEAD)
			first_tail = RT_BACKTRACE_HEAD;
		if (first_tail > RT_BACKTRACE_HEAD) {
			rt_out_str(&out, "  ... ");
			rt_out_dec(&out, first_tail - RT_BACKTRACE_HEAD);
			rt_out_str(&out, " frames omitted\n");
		}
		for (uint64_t i = first_tail; i < bt->total; i++)
			if (!print_frame(&out, i, bt->tail[(i - RT_BACKTRACE_HEAD) % RT_BACKTRACE_TAIL]))
				break;
	}
done:
	rt_out_flush(&out);
}
