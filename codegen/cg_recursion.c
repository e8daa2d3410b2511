/*
 * Which functions of an optimized module may take part in recursion: the
 * functions of a cycle of direct calls (Tarjan's strongly connected
 * components, without recursion of its own), and every function making a
 * call whose callee is not known here (call_indirect, an import, a function
 * of another part), which may lead back into wasm. Intrinsics and the
 * runtime (rt_*), which calls no wasm code, are no calls. Every cycle of
 * calls at run time holds one of these functions: the interrupt checks at
 * their entries (cg_interrupt.c) stop endless recursion.
 */
#include <stdlib.h>
#include <string.h>

#include "cg.h"

struct graph {
	uint32_t count;
	LLVMValueRef *sorted;  /* the functions by address, to find a callee's node */
	uint32_t *node_of;     /* per sorted position, the node */
	uint32_t *edge_start;  /* per node, its first edge in edges; [count]: the end */
	uint32_t *edges;
	bool *recurses;
};

/* The node of a defined function, or UINT32_MAX for anything else. */
static uint32_t node_of(const struct graph *g, LLVMValueRef fn)
{
	LLVMValueRef *at = bsearch(&fn, g->sorted, g->count, sizeof(*g->sorted), cg_compare_addresses);
	return at ? g->node_of[at - g->sorted] : UINT32_MAX;
}

/*
 * The calls of fn to nodes, written to edges (when not NULL), and counted;
 * *unknown set if it calls what is neither a node, an intrinsic nor the runtime.
 */
static uint32_t visit_calls(struct graph *g, LLVMValueRef fn, uint32_t *edges, bool *unknown)
{
	uint32_t n = 0;
	for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb))
		for (LLVMValueRef in = LLVMGetFirstInstruction(bb); in; in = LLVMGetNextInstruction(in)) {
			if (LLVMGetInstructionOpcode(in) != LLVMCall)
				continue;
			LLVMValueRef callee = LLVMGetCalledValue(in);
			if (LLVMIsAFunction(callee) && LLVMGetIntrinsicID(callee))
				continue;
			size_t len;
			const char *name = LLVMIsAFunction(callee) ? LLVMGetValueName2(callee, &len) : "";
			uint32_t node = node_of(g, callee);
			if (node != UINT32_MAX) {
				if (edges)
					edges[n] = node;
				n++;
			} else if (strncmp(name, "rt_", 3) != 0) {
				*unknown = true;
			}
		}
	return n;
}

static bool build(struct graph *g, const LLVMValueRef *fns)
{
	g->sorted = malloc(g->count * sizeof(*g->sorted));
	g->node_of = malloc(g->count * sizeof(*g->node_of));
	g->edge_start = calloc((size_t)g->count + 1, sizeof(*g->edge_start));
	if (!g->sorted || !g->node_of || !g->edge_start)
		return false;
	memcpy(g->sorted, fns, g->count * sizeof(*fns));
	qsort(g->sorted, g->count, sizeof(*g->sorted), cg_compare_addresses);
	for (uint32_t i = 0; i < g->count; i++) {
		LLVMValueRef *at = bsearch(&fns[i], g->sorted, g->count, sizeof(*g->sorted), cg_compare_addresses);
		g->node_of[at - g->sorted] = i;
	}
	for (uint32_t i = 0; i < g->count; i++) {
		bool unknown = false;
		g->edge_start[i + 1] = g->edge_start[i] + visit_calls(g, fns[i], NULL, &unknown);
		g->recurses[i] = unknown;
	}
	g->edges = malloc(((size_t)g->edge_start[g->count] + 1) * sizeof(*g->edges));
	if (!g->edges)
		return false;
	for (uint32_t i = 0; i < g->count; i++) {
		bool unknown;
		visit_calls(g, fns[i], g->edges + g->edge_start[i], &unknown);
	}
	return true;
}

/* Tarjan's algorithm with an explicit stack: marks the nodes of cycles (a component of several, or a self-call). */
static bool mark_cycles(struct graph *g)
{
	uint32_t n = g->count, next_index = 1, done = 0;
	uint32_t *index = calloc(n, sizeof(*index)), *low = malloc(n * sizeof(*low));
	uint32_t *component = malloc(n * sizeof(*component)), *path = malloc(n * sizeof(*path));
	uint32_t *edge_at = malloc(n * sizeof(*edge_at));
	bool *on_stack = calloc(n, sizeof(*on_stack));
	bool ok = index && low && component && path && edge_at && on_stack;
	uint32_t depth = 0;
	for (uint32_t root = 0; ok && root < n; root++) {
		if (index[root])
			continue;
		path[depth++] = root;
		index[root] = low[root] = next_index++;
		edge_at[root] = g->edge_start[root];
		component[done++] = root;
		on_stack[root] = true;
		while (depth) {
			uint32_t v = path[depth - 1];
			if (edge_at[v] < g->edge_start[v + 1]) {
				uint32_t w = g->edges[edge_at[v]++];
				if (w == v)
					g->recurses[v] = true;
				if (!index[w]) {
					index[w] = low[w] = next_index++;
					edge_at[w] = g->edge_start[w];
					component[done++] = w;
					on_stack[w] = true;
					path[depth++] = w;
				} else if (on_stack[w] && index[w] < low[v]) {
					low[v] = index[w];
				}
				continue;
			}
			depth--;
			if (depth && low[v] < low[path[depth - 1]])
				low[path[depth - 1]] = low[v];
			if (low[v] != index[v])
				continue;
			/* v roots a component: what is above it on the component stack. */
			uint32_t first = done;
			do
				on_stack[component[--first]] = false;
			while (component[first] != v);
			for (uint32_t k = first; done - first > 1 && k < done; k++)
				g->recurses[component[k]] = true;
			done = first;
		}
	}
	free(index);
	free(low);
	free(component);
	free(path);
	free(edge_at);
	free(on_stack);
	return ok;
}

bool cg_may_recurse(const LLVMValueRef *fns, uint32_t count, bool *recurses)
{
	struct graph g = { .count = count, .recurses = recurses };
	bool ok = count == 0 || (build(&g, fns) && mark_cycles(&g));
	free(g.sorted);
	free(g.node_of);
	free(g.edge_start);
	free(g.edges);
	return ok;
}
