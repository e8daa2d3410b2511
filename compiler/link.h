/* Linking an object with the runtime into a static executable (ld.lld). */
#ifndef WASMC_LINK_H
#define WASMC_LINK_H

#include <stdbool.h>

/* The folder holding librt.a and libwasi.a for `arch`; prints why and returns NULL if missing. */
const char *link_runtime_dir(const char *arch);

/* Links `object` with the runtime in `runtime_dir` (from link_runtime_dir) into the executable `output`. */
bool link_executable(const char *object, const char *runtime_dir, const char *output);

#endif
