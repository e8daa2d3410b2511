/*
 * Compile-time instantiation of a component (docs/components.md): every
 * import of every instantiated core module resolved to an export of an
 * earlier core instance or to a WASI 0.2 host function, and the entry point
 * (the lifted wasi:cli/run, or wasi:http/incoming-handler's handle). Encoded for rtlib's component runner in the
 * format of rtlib/include/rt_component_plan.h.
 */
#ifndef WASMC_COMPONENT_PLAN_H
#define WASMC_COMPONENT_PLAN_H

#include <stdbool.h>
#include <stdio.h>

#include "component.h"

/* An export of a planned instance; instance RT_PLAN_NONE when absent. */
struct plan_ref {
	uint32_t instance;
	struct wasm_name name;
};

struct plan_source {
	uint8_t kind;        /* enum rt_plan_source */
	struct plan_ref ref; /* RT_PLAN_EXPORT */
	uint8_t extern_kind; /* RT_PLAN_EXPORT: enum wasm_extern_kind */
	struct wasm_name iface, func;      /* RT_PLAN_HOST: interface without version, function */
	uint32_t host_index;               /* RT_PLAN_HOST: its row in wasi/include/wasi_p2.def */
	struct plan_ref memory, realloc;   /* RT_PLAN_HOST: the lower's options */
};

struct plan_instance {
	uint32_t module; /* index of the core module in the component */
	uint32_t import_count;
	struct plan_source *sources;
};

struct component_plan {
	uint32_t module_count;
	uint32_t instance_count;
	struct plan_instance *instances;
	uint8_t entry_kind; /* enum rt_plan_entry */
	struct plan_ref entry, post_return;
};

/*
 * Builds the plan of a validated component. What wasmc cannot instantiate
 * (imports other than WASI 0.2 functions it provides, nested components
 * beyond re-exports, neither a wasi:cli/run nor a wasi:http/incoming-handler
 * export) is reported on diag, one line
 * each as FILE:0xOFFSET: message, and gives false.
 */
bool component_plan_build(const struct component *c, const char *path, struct arena *arena,
		struct component_plan *out, FILE *diag);

/* The plan in rt_component_plan.h's encoding, malloc'd; false if out of memory. */
bool component_plan_encode(const struct component_plan *p, uint8_t **bytes, size_t *size);

#endif
