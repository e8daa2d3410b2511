/* Linking objects with the runtime into a static executable, or into one object for -c (ld.lld). */
#ifndef WASMC_LINK_H
#define WASMC_LINK_H

#include <stdbool.h>
#include <stddef.h>

/* The folder holding librt.a and libwasi.a for `arch`; prints why and returns NULL if missing. */
const char *link_runtime_dir(const char *arch);

/*
 * Links the objects with the runtime in `runtime_dir` (from link_runtime_dir)
 * into the executable `output`; `component`: with rtlib's component runner.
 */
bool link_executable(const char *const *objects, size_t count, const char *runtime_dir, const char *output,
		bool component);

/*
 * Joins the objects of a module's parts into the one relocatable object
 * `output` of -c (ld.lld -r); one object is moved there as it is.
 */
bool link_relocatable(const char *const *objects, size_t count, const char *output);

#endif
