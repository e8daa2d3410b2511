/* What fd_filestat_* and path_filestat_* share: the filestat record in the program's memory. */
#ifndef WASMC_WASI_FILESTAT_H
#define WASMC_WASI_FILESTAT_H

#include <stdint.h>

#include "os.h"

/* Writes the 64-byte filestat of st at out. */
void filestat_store(uint8_t *out, const struct os_stat *st);

#endif
