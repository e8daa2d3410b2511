/*
 * A POSIX ustar archive built in memory: the OCI image's layer and the
 * oci-archive around its layout. Every entry is owned by 0:0 with mtime 0,
 * so that the same entries in the same order give the same bytes.
 */
#ifndef WASMC_TAR_H
#define WASMC_TAR_H

#include <stdbool.h>
#include <stddef.h>

struct tar {
	char *bytes;
	size_t size, capacity;
	bool ok; /* false once out of memory or given a name too long for ustar */
};

void tar_init(struct tar *t);
/* A directory entry; name ends with '/'. */
void tar_dir(struct tar *t, const char *name);
void tar_file(struct tar *t, const char *name, unsigned mode, const void *bytes, size_t size);
/* Appends the end-of-archive blocks; false if anything failed. */
bool tar_finish(struct tar *t);
void tar_free(struct tar *t);

#endif
