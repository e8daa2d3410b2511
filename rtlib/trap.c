/*
 * Raising and catching traps. Every entry into wasm (rt_call,
 * rt_instantiate) pushes a catch frame; a trap records its backtrace and
 * jumps to the innermost one. With none active, the trap is reported and
 * the process exits with RT_TRAP_EXIT_CODE.
 */
#include "internal.h"

static const char *const trap_messages[RT_TRAP_COUNT] = {
#define RT_TRAP(id, message) [RT_TRAP_##id] = message,
#include "traps.def"
#undef RT_TRAP
};

struct catch_frame {
	struct rt_jmp jmp;
	struct catch_frame *outer;
};

static struct catch_frame *innermost;
static struct rt_backtrace latest;
/* The import a RT_TRAP_UNKNOWN_IMPORT_CALL names, kept until the next trap. */
static const char *latest_import;
static uint32_t latest_import_len;

const char *rt_trap_message(enum rt_trap kind)
{
	return (unsigned)kind < RT_TRAP_COUNT ? trap_messages[kind] : "unknown trap";
}

void rt_trap_report(enum rt_trap kind)
{
	struct rt_out out = { .fd = 2 };
	rt_out_str(&out, "wasm trap: ");
	rt_out_str(&out, rt_trap_message(kind));
	if (kind == RT_TRAP_UNKNOWN_IMPORT_CALL && latest_import) {
		rt_out_str(&out, " ");
		rt_out_mem(&out, latest_import, latest_import_len);
	}
	rt_out_str(&out, "\n");
	rt_out_flush(&out);
	rt_backtrace_print(&latest, 2);
}

_Noreturn void rt_trap_raise(enum rt_trap kind, uintptr_t pc, uintptr_t fp, uintptr_t sp)
{
	/* The jump delivers the kind, and 0 would read as "no trap". */
	if (kind <= RT_TRAP_NONE || kind >= RT_TRAP_COUNT)
		kind = RT_TRAP_UNREACHABLE;
	if (kind != RT_TRAP_UNKNOWN_IMPORT_CALL)
		latest_import = NULL;
	rt_backtrace_capture(&latest, pc, fp, sp);
	if (!innermost) {
		rt_trap_report(kind);
		os_exit(RT_TRAP_EXIT_CODE);
	}
	rt_jmp_restore(&innermost->jmp, (int)kind);
}

/* Return addresses point after the call; pc - 1 stays inside the calling function. */
_Noreturn void rt_trap(enum rt_trap kind)
{
	uintptr_t fp = (uintptr_t)__builtin_frame_address(0);
	rt_trap_raise(kind, arch_frame_return_address(fp) - 1, arch_frame_caller(fp), fp);
}

_Noreturn void rt_trap_in_callee(enum rt_trap kind)
{
	uintptr_t fp = (uintptr_t)__builtin_frame_address(0);
	uintptr_t callee = arch_frame_caller(fp);
	rt_trap_raise(kind, arch_frame_return_address(callee) - 1, arch_frame_caller(callee), fp);
}

_Noreturn void rt_trap_unknown_import(const char *name, uint32_t len)
{
	latest_import = name;
	latest_import_len = len;
	/* Our caller is the stub (never inlined); the backtrace starts in the wasm function that called it. */
	uintptr_t fp = (uintptr_t)__builtin_frame_address(0);
	uintptr_t stub = arch_frame_caller(fp);
	rt_trap_raise(RT_TRAP_UNKNOWN_IMPORT_CALL, arch_frame_return_address(stub) - 1, arch_frame_caller(stub), fp);
}

enum rt_trap rt_protected_run(void (*fn)(void *), void *arg)
{
	if (!rt_stack_get() || !rt_signals_init())
		return RT_TRAP_OUT_OF_MEMORY;
	struct catch_frame frame;
	frame.outer = innermost;
	int kind = rt_jmp_save(&frame.jmp);
	if (kind != 0) {
		innermost = frame.outer;
		return (enum rt_trap)kind;
	}
	innermost = &frame;
	rt_stack_run(fn, arg);
	innermost = frame.outer;
	return RT_TRAP_NONE;
}
