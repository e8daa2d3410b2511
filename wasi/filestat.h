/* What fd_filestat_* and path_filestat_* share: the filestat record and the times to set. */
#ifndef WASMC_WASI_FILESTAT_H
#define WASMC_WASI_FILESTAT_H

#include <stdint.h>

#include "os.h"

/* Writes the 64-byte filestat of st at out. */
void filestat_store(uint8_t *out, const struct os_stat *st);

/* utimensat's two times for WASI's (atim, mtim, fstflags); WASI_EINVAL for a time both given and "now". */
int32_t filestat_times(int64_t atim, int64_t mtim, int32_t fst_flags, struct os_timespec times[2]);

#endif
