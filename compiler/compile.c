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
#include "grants.h"
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

struct blob {
	char *bytes;
	size_t size;
};

static void blob_put(struct blob *b, const char *s, size_t len)
{
	memcpy(b->bytes + b->size, s, len);
	b->size += len;
}

/*
 * The executable's grants in wasi/grants.h's format, or an empty blob when
 * there are none (the runtime's default); false when out of memory.
 */
static bool grants_blob(const struct compile_options *o, struct blob *b)
{
	b->bytes = NULL;
	b->size = 0;
	if (!o->dir_count && !o->env_count && !o->inherit_env && !o->runtime_grants && !o->listen_fds)
		return true;
	size_t bound = 4;
	for (size_t i = 0; i < o->dir_count; i++)
		bound += strlen(o->dirs[i]) + 3;
	for (size_t i = 0; i < o->env_count; i++)
		bound += strlen(o->envs[i]) + 2;
	b->bytes = malloc(bound);
	if (!b->bytes)
		return false;
	for (size_t i = 0; i < o->dir_count; i++) {
		const char *dir = o->dirs[i], *sep = strstr(dir, WASI_DIR_SEPARATOR);
		size_t host_len = sep ? (size_t)(sep - dir) : strlen(dir);
		const char *guest = sep ? sep + strlen(WASI_DIR_SEPARATOR) : dir;
		blob_put(b, (char[]){ o->dir_readonly[i] ? WASI_GRANT_DIR_RO : WASI_GRANT_DIR }, 1);
		blob_put(b, dir, host_len);
		blob_put(b, "", 1);
		blob_put(b, guest, strlen(guest) + 1);
	}
	for (size_t i = 0; i < o->env_count; i++) {
		blob_put(b, (char[]){ WASI_GRANT_ENV }, 1);
		blob_put(b, o->envs[i], strlen(o->envs[i]) + 1);
	}
	if (o->inherit_env)
		blob_put(b, (char[]){ WASI_GRANT_INHERIT_ENV }, 1);
	if (o->runtime_grants)
		blob_put(b, (char[]){ WASI_GRANT_RUNTIME }, 1);
	if (o->listen_fds)
		blob_put(b, (char[]){ WASI_GRANT_LISTEN_FDS }, 1);
	blob_put(b, (char[]){ WASI_GRANT_END }, 1);
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
	if (!o->object_only && !imports_bind(m, o->input, symbols, o->allow_unknown_imports, stderr)) {
		free(symbols);
		return EXIT_INPUT;
	}
	struct cg_options cg = {
		.triple = triple, .cpu = o->cpu, .features = o->features, .opt_level = o->opt_level,
		.module_name = o->module_name, .import_symbols = symbols, .emit_llvm = o->emit_llvm,
		.trap_unbound_imports = o->allow_unknown_imports && !o->object_only,
		/* Always: release builds are what the tests run, and the verifier is cheap next to -O2. */
		.verify = true,
	};
	struct blob grants;
	if (!grants_blob(o, &grants)) {
		free(symbols);
		fprintf(stderr, "wasmc: out of memory\n");
		return EXIT_INPUT;
	}
	if (grants.size && !o->object_only) {
		cg.data_symbol = WASI_GRANTS_SYMBOL;
		cg.data = grants.bytes;
		cg.data_size = grants.size;
	}
	struct wasm_error err;
	bool ok = cg_compile(m, &cg, obj_path, &err);
	free(grants.bytes);
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
	char message[256];
	if (!cg_target_check(triple, o->cpu, o->features, message, sizeof(message))) {
		fprintf(stderr, "wasmc: %s\n", message);
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
	if (lm.module.component) {
		fprintf(stderr, "%s: components cannot be compiled yet (decoding and validation work: try wasmc inspect)\n",
			o->input);
		driver_release(&lm);
		return EXIT_INPUT;
	}
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
