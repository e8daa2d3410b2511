/*
 * The processor and feature names LLVM knows per architecture. LLVM's C API
 * cannot tell: given an unknown name it warns on stderr and ignores it, so
 * these two come from the C++ API (target_names.cpp). The architecture's
 * target must be initialized (target.c does).
 */
#ifndef WASMC_CG_TARGET_NAMES_H
#define WASMC_CG_TARGET_NAMES_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 1 if cpu names a processor of triple's architecture. */
int cg_target_has_cpu(const char *triple, const char *cpu);
/* 1 if name[0..len) (without its + or -) is a feature of triple's architecture. */
int cg_target_has_feature(const char *triple, const char *name, size_t len);

#ifdef __cplusplus
}
#endif

#endif
