/*
 * The progress line: on a terminal, a compile that runs longer than about two
 * seconds shows one line on stderr, redrawn as the code generator's threads
 * finish parts, and erased before anything else is written.
 */
#ifndef WASMC_PROGRESS_H
#define WASMC_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Starts the compile's clock. enabled: stderr is a terminal and -q was not
 * given; otherwise every other call does nothing. delay_ms: how long the
 * compile runs before the line shows (2000; tests force 0).
 */
void progress_start(bool enabled, unsigned delay_ms);

/* Adds functions to compile to the total (a component adds each core module's). */
void progress_add_total(uint64_t funcs);

/*
 * funcs more functions are compiled (cached: taken from the compile cache,
 * which says nothing of the rate). Called from any thread; redraws the line
 * at most ten times a second.
 */
void progress_add(uint64_t funcs, bool cached);

/* Erases the line, if drawn, and draws no more: call before writing to stderr. */
void progress_finish(void);

#endif
