/*
 * rt_program_main of a WASI command (a component command goes to
 * component_main.c): hand the command line to WASI,
 * instantiate the one module linked in (no imports: the generated
 * instantiate binds the WASI ones itself), call its "_start" export and
 * exit 0 when it returns. A trap is reported on stderr and exits with
 * RT_TRAP_EXIT_CODE; proc_exit leaves from inside wasm.
 */
#include "rt.h"
#include "rt_limits.h"
#include "rt_out.h"
#include "wasi_host.h"

/*
 * The linker's bounds of section RT_MODULE_SECTION ("wasmc_modules": the
 * names must follow it). Weak, so that a program without modules links and
 * says so.
 */
extern const struct rt_module *const __start_wasmc_modules[] __attribute__((weak));
extern const struct rt_module *const __stop_wasmc_modules[] __attribute__((weak));

static int fail(const char *message)
{
	struct rt_out out = { .fd = 2 };
	rt_out_str(&out, "wasmc runtime: ");
	rt_out_str(&out, message);
	rt_out_str(&out, "\n");
	rt_out_flush(&out);
	return 1;
}

static int trapped(enum rt_trap kind)
{
	rt_trap_report(kind);
	return RT_TRAP_EXIT_CODE;
}

/*
 * The plan of a component command (rt_component_plan.h) and its runner
 * (component_main.c, which brings in WASI 0.2): weak, so that a core module's
 * executable carries neither. wasmc links components with
 * `-u rt_component_main`.
 */
extern const uint8_t wasmc_component_plan[] __attribute__((weak));
int rt_component_main(const uint8_t *plan, int argc, char **argv, char **envp) __attribute__((weak));

int rt_program_main(int argc, char **argv, char **envp)
{
	if (wasmc_component_plan && rt_component_main)
		return rt_component_main(wasmc_component_plan, argc, argv, envp);
	if (!wasi_host_init(argc, argv, envp))
		return 1; /* a grant could not be given; wasi said why */
	if (!rt_limits_start())
		return fail("the time limit's timer cannot be set");
	if (__stop_wasmc_modules - __start_wasmc_modules != 1)
		return fail("an executable links exactly one module");
	const struct rt_module *m = __start_wasmc_modules[0];
	struct rt_instance *instance;
	enum rt_trap kind = rt_instantiate(m, NULL, &instance, NULL);
	if (kind != RT_TRAP_NONE)
		return trapped(kind);
	const struct rt_export *start = rt_export_find(m, "_start", 6, RT_EXTERN_FUNC);
	if (!start)
		return fail("the module exports no function \"_start\"");
	uint8_t args_results[1][16] = { { 0 } };
	kind = rt_call(rt_instance_func(instance, start->index), m->func_trampolines[start->index], args_results);
	return kind == RT_TRAP_NONE ? 0 : trapped(kind);
}
