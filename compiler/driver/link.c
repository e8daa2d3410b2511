#include "link.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef WASMC_DEFAULT_LLD
#define WASMC_DEFAULT_LLD "ld.lld-19"
#endif

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/*
 * $WASMC_RUNTIME_DIR/ARCH, else lib/wasmc/ARCH beside the wasmc binary (the
 * build tree), else ../lib/wasmc/ARCH (an install: PREFIX/bin/wasmc).
 */
const char *link_runtime_dir(const char *arch)
{
	static char dir[PATH_MAX];
	const char *env = getenv("WASMC_RUNTIME_DIR");
	if (env && *env) {
		snprintf(dir, sizeof(dir), "%s/%s", env, arch);
	} else {
		char exe[PATH_MAX];
		ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (n < 0) {
			fprintf(stderr, "wasmc: cannot find my own location: %s\n", strerror(errno));
			return NULL;
		}
		exe[n] = 0;
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = 0;
		snprintf(dir, sizeof(dir), "%s/lib/wasmc/%s", exe, arch);
		char beside[PATH_MAX + 16];
		snprintf(beside, sizeof(beside), "%s/librt.a", dir);
		slash = strrchr(exe, '/');
		if (!is_file(beside) && slash) {
			*slash = 0;
			snprintf(dir, sizeof(dir), "%s/lib/wasmc/%s", exe, arch);
		}
	}
	char probe[PATH_MAX + 16];
	snprintf(probe, sizeof(probe), "%s/librt.a", dir);
	if (!is_file(probe)) {
		fprintf(stderr, "wasmc: no runtime library for %s at %s (set WASMC_RUNTIME_DIR)\n", arch, probe);
		return NULL;
	}
	return dir;
}

static bool run(char *const argv[])
{
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "wasmc: cannot start %s: %s\n", argv[0], strerror(errno));
		return false;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		fprintf(stderr, "wasmc: cannot run %s: %s (set WASMC_LLD)\n", argv[0], strerror(errno));
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return false;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return true;
	if (!(WIFEXITED(status) && WEXITSTATUS(status) == 127))
		fprintf(stderr, "wasmc: the linker %s failed\n", argv[0]);
	return false;
}

static const char *lld_path(void)
{
	const char *lld = getenv("WASMC_LLD");
	return lld && *lld ? lld : WASMC_DEFAULT_LLD;
}

/* Runs the linker on head (its options), then the objects, then tail (archives). */
static bool run_lld(const char *const *head, size_t n_head, const char *const *objects, size_t count,
		const char *const *tail, size_t n_tail)
{
	char **argv = calloc(1 + n_head + count + n_tail + 1, sizeof(*argv));
	if (!argv) {
		fprintf(stderr, "wasmc: out of memory\n");
		return false;
	}
	size_t n = 0;
	argv[n++] = (char *)lld_path();
	for (size_t i = 0; i < n_head; i++)
		argv[n++] = (char *)head[i];
	for (size_t i = 0; i < count; i++)
		argv[n++] = (char *)objects[i];
	for (size_t i = 0; i < n_tail; i++)
		argv[n++] = (char *)tail[i];
	bool ok = run(argv);
	free(argv);
	return ok;
}

bool link_executable(const char *const *objects, size_t count, const char *dir, const char *output, bool component)
{
	char wasi[PATH_MAX + 16], rt[PATH_MAX + 16];
	snprintf(wasi, sizeof(wasi), "%s/libwasi.a", dir);
	snprintf(rt, sizeof(rt), "%s/librt.a", dir);
	const char *head[] = { "-static", "--no-dynamic-linker", "-e", "_start", "-o", output, "-u", "rt_component_main" };
	size_t n_head = sizeof(head) / sizeof(head[0]) - (component ? 0 : 2);
	const char *tail[] = { wasi, rt };
	return run_lld(head, n_head, objects, count, tail, 2);
}

/* Moves the file from to to, copying when they are on different file systems. */
static bool move_file(const char *from, const char *to)
{
	if (rename(from, to) == 0)
		return true;
	if (errno != EXDEV) {
		fprintf(stderr, "wasmc: cannot write %s: %s\n", to, strerror(errno));
		return false;
	}
	FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
	bool ok = in && out;
	char buf[65536];
	size_t n;
	while (ok && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	ok = ok && !ferror(in);
	if (out && fclose(out) != 0)
		ok = false;
	if (in)
		fclose(in);
	if (!ok)
		fprintf(stderr, "wasmc: cannot write %s: %s\n", to, strerror(errno));
	return ok;
}

bool link_relocatable(const char *const *objects, size_t count, const char *output)
{
	if (count == 1)
		return move_file(objects[0], output);
	const char *head[] = { "-r", "-o", output };
	return run_lld(head, 3, objects, count, NULL, 0);
}
