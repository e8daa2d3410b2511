/*
 * What the component entry (component_main.c) hands to the entry it runs:
 * the lifted export, ready to call with rt_call, once the plan's instances
 * are made.
 */
#ifndef WASMC_COMPONENT_ENTRY_H
#define WASMC_COMPONENT_ENTRY_H

#include "rt.h"
#include "rt_component_plan.h"

struct component_entry {
	uint8_t kind;                     /* enum rt_plan_entry */
	const struct rt_funcref *fn;      /* the lifted core function */
	rt_trampoline tramp;
	const struct rt_funcref *post;    /* its post-return, or NULL */
	rt_trampoline post_tramp;
};

/*
 * The server of a wasi:http/incoming-handler component (http_main.c): the
 * program's arguments are the server's (--listen ADDR:PORT). Returns the
 * exit status.
 */
int http_main(const struct component_entry *handler, int argc, char **argv);

#endif
