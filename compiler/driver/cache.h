/*
 * The compile cache (--cache DIR, WASMC_CACHE=DIR): the object of each part
 * of a module (cg_compile_objects), stored under the SHA-256 of everything
 * that makes it: wasmc's build, the target, the options that change code and
 * the part's input. The layout and the key are in docs/compile-speed.md.
 */
#ifndef WASMC_CACHE_H
#define WASMC_CACHE_H

#include <stdbool.h>

#include "codegen.h"
#include "module.h"

struct cache;
struct cache_module;

/* Opens the cache in dir, creating the folder if needed; NULL, with a warning printed, when it cannot be used. */
struct cache *cache_open(const char *dir);

/*
 * A module about to be compiled with options cg (everything but the report,
 * the hooks and --emit-llvm goes into the key). NULL when c is NULL or out of
 * memory: nothing is cached for that module.
 */
struct cache_module *cache_module_begin(struct cache *c, const struct wasm_module *m, const struct cg_options *cg);

/*
 * Called on a code generator thread before a part is compiled: true when its
 * object was found and written to obj_path. A miss is remembered for
 * cache_store; an entry that is not exactly what was stored is a miss.
 */
bool cache_fetch(struct cache_module *cm, const struct cg_part_input *in, const char *obj_path);

void cache_module_end(struct cache_module *cm);

/*
 * After the compile succeeded: stores the object of every miss (each written
 * to a temporary file in the cache, then renamed into place). A failure is a
 * warning, printed once.
 */
void cache_store(struct cache *c);

/* Parts looked up, found, and stored. */
void cache_counts(const struct cache *c, unsigned *looked_up, unsigned *reused, unsigned *stored);

void cache_close(struct cache *c);

#endif
