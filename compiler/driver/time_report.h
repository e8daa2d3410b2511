/* wasmc --time-report: wall time, CPU time and peak memory of each phase of a compile. */
#ifndef WASMC_TIME_REPORT_H
#define WASMC_TIME_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "codegen.h"
#include "module.h"

/* Starts measuring; until then every other call does nothing. */
void time_report_start(void);

/*
 * Ends the phase `name` (read, decode, validate, lower, verify, optimize,
 * codegen, link): the time since the previous mark is added to it.
 */
void time_report_mark(const char *name);

/*
 * Per-function figures for a core module of `func_count` functions, handed
 * to codegen through *report (NULL fields when not started or out of memory).
 */
void time_report_functions(uint32_t func_count, struct cg_report *report);

/* The compile cache's figures, printed under the table: parts looked up, found, stored. */
void time_report_cache(unsigned looked_up, unsigned reused, unsigned stored);

/* Prints the table to `out` (nothing when not started); m names the slowest functions. */
void time_report_print(FILE *out, const struct wasm_module *m);

#endif
