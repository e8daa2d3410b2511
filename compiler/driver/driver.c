#include "driver.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "component.h"
#include "time_report.h"

/* Reads a whole file; prints the reason and returns false on failure. */
static bool read_file(const char *path, uint8_t **bytes, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "wasmc: %s: %s\n", path, strerror(errno));
		return false;
	}
	struct stat st;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, "wasmc: %s: not a regular file\n", path);
		fclose(f);
		return false;
	}
	size_t n = (size_t)st.st_size;
	uint8_t *buf = malloc(n ? n : 1);
	if (!buf) {
		fprintf(stderr, "wasmc: %s: out of memory reading %zu bytes\n", path, n);
		fclose(f);
		return false;
	}
	size_t got = fread(buf, 1, n, f);
	bool read_error = ferror(f);
	fclose(f);
	if (read_error || got != n) {
		fprintf(stderr, "wasmc: %s: read error\n", path);
		free(buf);
		return false;
	}
	*bytes = buf;
	*size = n;
	return true;
}

static void report(const char *path, const struct wasm_error *err)
{
	fprintf(stderr, "%s:0x%zx: %s\n", path, err->offset, err->message);
}

/* A component: decoded (with its core modules) into the arena; lm->module only carries the bytes. */
static bool load_component(struct loaded_module *lm, bool validate, struct wasm_error *err)
{
	struct component *c = arena_calloc(&lm->arena, 1, sizeof(*c));
	if (!c) {
		memset(err, 0, sizeof(*err));
		return wasm_fail(err, WASM_ERR_LIMIT, 0, "out of memory");
	}
	if (!component_decode(lm->bytes, lm->size, &lm->arena, c, err))
		return false;
	time_report_mark("decode");
	if (validate && !component_validate(c, &lm->arena, err))
		return false;
	time_report_mark("validate");
	memset(&lm->module, 0, sizeof(lm->module));
	lm->module.bytes = lm->bytes;
	lm->module.size = lm->size;
	lm->component = c;
	return true;
}

bool driver_load(struct loaded_module *lm, const char *path, bool validate)
{
	memset(lm, 0, sizeof(*lm));
	lm->path = path;
	arena_init(&lm->arena);
	if (!read_file(path, &lm->bytes, &lm->size))
		return false;
	time_report_mark("read");
	struct wasm_error err;
	bool ok;
	if (component_is_component(lm->bytes, lm->size)) {
		ok = load_component(lm, validate, &err);
	} else {
		ok = wasm_decode(lm->bytes, lm->size, &lm->arena, &lm->module, &err);
		if (ok)
			time_report_mark("decode");
		ok = ok && (!validate || wasm_validate(&lm->module, &lm->arena, &err));
		if (ok)
			time_report_mark("validate");
	}
	if (!ok) {
		report(path, &err);
		driver_release(lm);
	}
	return ok;
}

void driver_release(struct loaded_module *lm)
{
	arena_free(&lm->arena);
	free(lm->bytes);
	lm->bytes = NULL;
}

bool driver_write_all(int fd, const void *bytes, size_t size)
{
	const char *at = bytes;
	while (size) {
		ssize_t n = write(fd, at, size);
		if (n <= 0)
			return false;
		at += n;
		size -= (size_t)n;
	}
	return true;
}
