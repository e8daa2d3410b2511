/*
 * A component's instantiation plan: what the compiler resolved from the
 * component's core instances, aliases and canonical functions, and what
 * the component entry (wasi/entry/component_main.c) carries out at start-up. It is a
 * byte string under the symbol RT_COMPONENT_PLAN_SYMBOL; its presence makes
 * an executable a component command.
 *
 * Encoding: little-endian u32s; a string is a u32 length and its bytes; an
 * optional reference is a u32 instance (RT_PLAN_NONE: absent) and, if
 * present, a string (the export's name).
 *
 *   plan     := magic "WCP1", u32 total size, u32 module count,
 *               u32 instance count, instance*, entry
 *   instance := u32 module (its descriptor is named "c<module>"),
 *               u32 import count (the module's), source*
 *   source   := u8 RT_PLAN_EXPORT, u32 instance (an earlier one), u8 kind
 *               (enum rt_extern_kind), string export name
 *             | u8 RT_PLAN_HOST, u32 row of wasi/include/wasi_p2.def (a hint: the
 *               runtime checks the names there and searches if they
 *               differ), string interface (no version), string function,
 *               optional memory, optional realloc
 *   entry    := u8 kind (enum rt_plan_entry), u32 instance, string export
 *               (RT_PLAN_ENTRY_RUN: the lifted wasi:cli/run function,
 *               () -> i32, 0 ok, 1 error; RT_PLAN_ENTRY_HTTP_HANDLER: the
 *               lifted wasi:http/incoming-handler handle, (i32 request,
 *               i32 response-outparam) -> ()), optional post-return
 */
#ifndef WASMC_RT_COMPONENT_PLAN_H
#define WASMC_RT_COMPONENT_PLAN_H

#define RT_COMPONENT_PLAN_SYMBOL "wasmc_component_plan"
#define RT_PLAN_MAGIC "WCP1"
#define RT_PLAN_NONE 0xffffffffu

enum rt_plan_source {
	RT_PLAN_EXPORT = 0,
	RT_PLAN_HOST = 1,
};

/* What the executable does with the component: run a command, or serve HTTP with a handler. */
enum rt_plan_entry {
	RT_PLAN_ENTRY_RUN = 0,
	RT_PLAN_ENTRY_HTTP_HANDLER = 1,
};

#endif
