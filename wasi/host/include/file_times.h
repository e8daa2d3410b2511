/* The times to set of fd_filestat_set_times, path_filestat_set_times and WASI 0.2's set-times(-at). */
#ifndef WASMC_WASI_FILE_TIMES_H
#define WASMC_WASI_FILE_TIMES_H

#include <stdint.h>

#include "os.h"

/* utimensat's two times for WASI's (atim, mtim, fstflags); WASI_EINVAL for a time both given and "now". */
int32_t filestat_times(int64_t atim, int64_t mtim, int32_t fst_flags, struct os_timespec times[2]);

#endif
