/* Temporary objects in $TMPDIR (or /tmp): made empty with mkstemps, so that no name is ever reused by accident. */
#include "objects.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "progress.h"

static char *make_temp_object(void)
{
	const char *dir = getenv("TMPDIR");
	if (!dir || !*dir)
		dir = "/tmp";
	size_t size = strlen(dir) + sizeof("/wasmc-XXXXXX.o");
	char *path = malloc(size);
	if (!path) {
		progress_finish();
		fprintf(stderr, "wasmc: out of memory\n");
		return NULL;
	}
	snprintf(path, size, "%s/wasmc-XXXXXX.o", dir);
	int fd = mkstemps(path, 2);
	if (fd < 0) {
		progress_finish();
		fprintf(stderr, "wasmc: cannot create a temporary file in %s: %s\n", dir, strerror(errno));
		free(path);
		return NULL;
	}
	close(fd);
	return path;
}

bool obj_list_add(struct obj_list *l, size_t n, const char *const **added)
{
	if (l->count + n > l->cap) {
		size_t cap = l->cap * 2 > l->count + n ? l->cap * 2 : l->count + n;
		char **p = realloc(l->paths, cap * sizeof(*p));
		if (!p) {
			progress_finish();
			fprintf(stderr, "wasmc: out of memory\n");
			return false;
		}
		l->paths = p;
		l->cap = cap;
	}
	size_t first = l->count;
	for (size_t i = 0; i < n; i++) {
		if (!(l->paths[l->count] = make_temp_object()))
			return false;
		l->count++;
	}
	*added = (const char *const *)l->paths + first;
	return true;
}

void obj_list_remove(struct obj_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		unlink(l->paths[i]);
		free(l->paths[i]);
	}
	free(l->paths);
	memset(l, 0, sizeof(*l));
}
