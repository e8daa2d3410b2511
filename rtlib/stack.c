/*
 * The wasm stack: wasm code runs on a dedicated 8 MiB mapping with a 1 MiB
 * PROT_NONE guard below it, not on the process stack. Its size does not
 * depend on `ulimit -s`, and a fault in the guard is unambiguously a wasm
 * stack overflow. Instances get stack_limit = 128 KiB above the usable
 * bottom: generated prologues trap below it, which leaves host functions
 * (WASI, the runtime) that margin to run in. wasmc --max-wasm-stack SIZE
 * (rt_limits.h) makes it SIZE for wasm code plus that margin instead.
 */
#include "internal.h"
#include "rt_limits.h"

#define STACK_SIZE (8u << 20)
#define GUARD_SIZE (1u << 20)
#define HOST_MARGIN (128u << 10)
#define MAIN_STACK_SPAN (64u << 20) /* how far below its top a frame walk trusts the process stack */

static struct rt_stack stack;
static uintptr_t main_top;

const struct rt_stack *rt_stack_get(void)
{
	if (stack.hi)
		return &stack;
	uint64_t wasm_size = rt_limit_get(RT_LIMIT_MAX_WASM_STACK);
	size_t size = wasm_size == UINT64_MAX ? STACK_SIZE : (size_t)((wasm_size + 4095) & ~4095ull) + HOST_MARGIN;
	uint8_t *base = os_mmap_anon(GUARD_SIZE + size, OS_PROT_NONE, OS_MAP_NORESERVE | OS_MAP_STACK);
	if (!base)
		return NULL;
	if (os_mprotect(base + GUARD_SIZE, size, OS_PROT_READ | OS_PROT_WRITE) < 0) {
		os_munmap(base, GUARD_SIZE + size);
		return NULL;
	}
	stack.guard = (uintptr_t)base;
	stack.lo = stack.guard + GUARD_SIZE;
	stack.hi = stack.lo + size;
	stack.limit = stack.lo + HOST_MARGIN;
	return &stack;
}

uintptr_t rt_stack_limit(void)
{
	const struct rt_stack *s = rt_stack_get();
	if (!s)
		rt_trap_in_callee(RT_TRAP_OUT_OF_MEMORY);
	return s->limit;
}

bool rt_stack_in_guard(uintptr_t addr)
{
	return stack.hi && addr - stack.guard < GUARD_SIZE;
}

void rt_stack_run(void (*fn)(void *), void *arg)
{
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
	if (sp - stack.lo < stack.hi - stack.lo)
		fn(arg);
	else
		rt_stack_switch(fn, arg, stack.hi);
}

void rt_stack_set_main_top(uintptr_t top)
{
	main_top = top;
}

bool rt_stack_bounds(uintptr_t sp, uintptr_t *lo, uintptr_t *hi)
{
	if (stack.hi && sp - stack.guard < stack.hi - stack.guard) {
		*lo = sp < stack.lo ? stack.lo : sp;
		*hi = stack.hi;
		return true;
	}
	if (main_top && sp < main_top && main_top - sp < MAIN_STACK_SPAN) {
		*lo = sp;
		*hi = main_top;
		return true;
	}
	return false;
}
