/* What the program was granted: its environment (sorted) and its preopened directories in order. */
#include <stdlib.h>

#include "check.h"

extern char **environ;

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	size_t count = 0;
	while (environ[count])
		count++;
	qsort(environ, count, sizeof environ[0], compare);
	printf("environment: %zu\n", count);
	for (size_t i = 0; i < count; i++)
		printf("  %s\n", environ[i]);
	for (__wasi_fd_t fd = 3;; fd++) {
		__wasi_prestat_t pre;
		__wasi_errno_t err = __wasi_fd_prestat_get(fd, &pre);
		if (err) {
			printf("fd_prestat_get %u: %s\n", fd, errno_name(err));
			break;
		}
		char name[256] = { 0 };
		if (pre.u.dir.pr_name_len > 0)
			WASI("fd_prestat_dir_name too short",
			     __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, pre.u.dir.pr_name_len - 1));
		WASI("fd_prestat_dir_name", __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, sizeof name - 1));
		printf("  preopen %u: %s (length %u)\n", fd, name, (unsigned)pre.u.dir.pr_name_len);
		__wasi_fdstat_t fs;
		if (__wasi_fd_fdstat_get(fd, &fs) == 0)
			printf("  filetype %u, can open paths %d, can read files it opens %d\n", fs.fs_filetype,
			       (fs.fs_rights_base & __WASI_RIGHTS_PATH_OPEN) != 0,
			       (fs.fs_rights_inheriting & __WASI_RIGHTS_FD_READ) != 0);
	}
	WASI("fd_prestat_get stdout", __wasi_fd_prestat_get(1, &(__wasi_prestat_t){ 0 }));
	printf("arguments:");
	for (int i = 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\n");
	return argc > 1 && !strcmp(argv[1], "exit7") ? 7 : 0;
}
