/* The filestat record: see filestat.h. */
#include "filestat.h"

#include "abi_p1.h"
#include "fd_table.h"
#include "guest_memory.h"
#include "rt_string.h"
#include "wasi_p1.h"

void filestat_store(uint8_t *out, const struct os_stat *st)
{
	memset(out, 0, WASI_FILESTAT_SIZE);
	guest_store_u64(out + 0, st->dev);
	guest_store_u64(out + 8, st->ino);
	out[16] = wasi_filetype_of_mode(st->mode);
	guest_store_u64(out + 24, st->nlink);
	guest_store_u64(out + 32, st->size);
	guest_store_u64(out + 40, (uint64_t)st->atim);
	guest_store_u64(out + 48, (uint64_t)st->mtim);
	guest_store_u64(out + 56, (uint64_t)st->ctim);
}
