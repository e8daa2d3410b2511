#include "tar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK = 512, NAME_MAX_USTAR = 100 };

/* Room for size more bytes, zeroed. */
static char *grow(struct tar *t, size_t size)
{
	if (!t->ok)
		return NULL;
	if (t->size + size > t->capacity) {
		size_t capacity = t->capacity ? t->capacity : 64 * 1024;
		while (capacity < t->size + size)
			capacity *= 2;
		char *bytes = realloc(t->bytes, capacity);
		if (!bytes) {
			t->ok = false;
			return NULL;
		}
		t->bytes = bytes;
		t->capacity = capacity;
	}
	char *at = t->bytes + t->size;
	memset(at, 0, size);
	t->size += size;
	return at;
}

void tar_init(struct tar *t)
{
	memset(t, 0, sizeof(*t));
	t->ok = true;
}

/* An octal field of width bytes: digits, then NUL. */
static void octal(char *field, size_t width, unsigned long long value)
{
	snprintf(field, width, "%0*llo", (int)width - 1, value);
}

static void entry(struct tar *t, const char *name, char type, unsigned mode, const void *bytes, size_t size)
{
	size_t name_len = strlen(name);
	if (name_len >= NAME_MAX_USTAR || size > 077777777777ull) {
		t->ok = false;
		return;
	}
	size_t padded = (size + BLOCK - 1) / BLOCK * BLOCK;
	char *h = grow(t, BLOCK + padded);
	if (!h)
		return;
	memcpy(h, name, name_len);           /* name */
	octal(h + 100, 8, mode);             /* mode */
	octal(h + 108, 8, 0);                /* uid */
	octal(h + 116, 8, 0);                /* gid */
	octal(h + 124, 12, size);            /* size */
	octal(h + 136, 12, 0);               /* mtime */
	h[156] = type;                       /* typeflag */
	memcpy(h + 257, "ustar", 6);         /* magic, NUL-terminated */
	memcpy(h + 263, "00", 2);            /* version */
	memcpy(h + 265, "root", 4);          /* uname */
	memcpy(h + 297, "root", 4);          /* gname */
	memset(h + 148, ' ', 8);             /* the checksum counts its own field as spaces */
	unsigned sum = 0;
	for (int i = 0; i < BLOCK; i++)
		sum += (unsigned char)h[i];
	snprintf(h + 148, 8, "%06o", sum);   /* six digits, NUL, and the space left from above */
	h[155] = ' ';
	if (size)
		memcpy(h + BLOCK, bytes, size);
}

void tar_dir(struct tar *t, const char *name)
{
	entry(t, name, '5', 0755, NULL, 0);
}

void tar_file(struct tar *t, const char *name, unsigned mode, const void *bytes, size_t size)
{
	entry(t, name, '0', mode, bytes, size);
}

bool tar_finish(struct tar *t)
{
	grow(t, 2 * BLOCK);
	return t->ok;
}

void tar_free(struct tar *t)
{
	free(t->bytes);
	memset(t, 0, sizeof(*t));
}
