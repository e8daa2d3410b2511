/* The compile pipeline: decode, validate, bind imports, lower, emit, link. No temporary files survive. */
#include "compile.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codegen.h"
#include "driver.h"
#include "imports.h"
#include "link.h"

enum { EXIT_INPUT = 1, EXIT_ENV = 2 };

static const struct {
	const char *name;
	const char *triple;
} targets[] = {
	{ "x86_64", "x86_64-unknown-linux-gnu" },
	{ "aarch64", "aarch64-unknown-linux-gnu" },
	{ "riscv64", "riscv64-unknown-linux-gnu" },
};

const char *target_triple(const char *name)
{
	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		size_t n = strlen(targets[i].name);
		/* A short name, or a full triple of a supported architecture on Linux. */
		if (!strcmp(name, targets[i].name))
			return targets[i].triple;
		if (!strncmp(name, targets[i].name, n) && name[n] == '-' && strstr(name, "linux"))
			return name;
	}
	return NULL;
}

/* The architecture part of a triple, for the runtime folder. */
static void triple_arch(const char *triple, char *out, size_t size)
{
	size_t n = strcspn(triple, "-");
	if (n >= size)
		n = size - 1;
	memcpy(out, triple, n);
	out[n] = 0;
}

static bool make_temp_object(char *path, size_t size)
{
	const char *dir = getenv("TMPDIR");
	snprintf(path, size, "%s/wasmc-XXXXXX.o", dir && *dir ? dir : "/tmp");
	int fd = mkstemps(path, 2);
	if (fd < 0) {
		fprintf(stderr, "wasmc: cannot create a temporary file in %s: %s\n", dir && *dir ? dir : "/tmp",
			strerror(errno));
		return false;
	}
	close(fd);
	return true;
}

static int generate(const struct compile_options *o, const struct wasm_module *m, const char *triple,
		const char *obj_path)
{
	const char **symbols = calloc(m->import_count ? m->import_count : 1, sizeof(*symbols));
	if (!symbols) {
		fprintf(stderr, "wasmc: out of memory\n");
		return EXIT_INPUT;
	}
	if (!o->object_only && !imports_bind(m, o->input, symbols, false, stderr)) {
		free(symbols);
		return EXIT_INPUT;
	}
	struct cg_options cg = {
		.triple = triple, .cpu = o->cpu, .features = o->features, .opt_level = o->opt_level,
		.module_name = o->module_name, .import_symbols = symbols, .emit_llvm = o->emit_llvm,
		/* Always: release builds are what the tests run, and the verifier is cheap next to -O2. */
		.verify = true,
	};
	struct wasm_error err;
	bool ok = cg_compile(m, &cg, obj_path, &err);
	free(symbols);
	if (!ok) {
		fprintf(stderr, "%s:0x%zx: %s\n", o->input, err.offset, err.message);
		return EXIT_INPUT;
	}
	return 0;
}

int compile_main(const struct compile_options *o)
{
	const char *triple = o->target ? target_triple(o->target) : cg_host_triple();
	if (!triple) {
		fprintf(stderr, "wasmc: unknown target '%s' (x86_64, aarch64, riscv64 or a Linux triple of these)\n",
			o->target);
		return EXIT_ENV;
	}
	char arch[32];
	triple_arch(triple, arch, sizeof(arch));
	/* Found before compiling, so that a missing runtime fails fast. */
	const char *runtime_dir = o->object_only ? NULL : link_runtime_dir(arch);
	if (!o->object_only && !runtime_dir)
		return EXIT_ENV;

	struct loaded_module lm;
	if (!driver_load(&lm, o->input, true))
		return EXIT_INPUT;
	int status;
	if (o->object_only) {
		status = generate(o, &lm.module, triple, o->output);
		if (status)
			unlink(o->output);
	} else {
		char obj[PATH_MAX];
		if (!make_temp_object(obj, sizeof(obj))) {
			driver_release(&lm);
			return EXIT_ENV;
		}
		status = generate(o, &lm.module, triple, obj);
		if (status == 0 && !link_executable(obj, runtime_dir, o->output))
			status = EXIT_ENV;
		unlink(obj);
	}
	driver_release(&lm);
	return status;
}
