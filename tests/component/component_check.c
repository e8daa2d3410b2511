/*
 * Robustness of the component front end on real components: the whole file
 * decodes and validates; every truncation (or every STRIDE-th, for large
 * files) and a deterministic set of single-byte mutations is answered with
 * success or one error carrying a message and an offset inside the input,
 * never a crash (run it in the sanitizer build to catch memory errors). Every
 * one that is valid is also planned for compilation (component_plan.c) and
 * its plan encoded: that too must answer, not crash.
 *
 * usage: component_check [--stride N] FILE...
 * Prints one summary line per file; exits 1 on the first broken answer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "component.h"
#include "component_plan.h"

static FILE *null_out;

/* Plans a valid component and encodes the plan; its diagnostics go nowhere. */
static void plan(const struct component *c, struct arena *arena)
{
	struct component_plan p;
	if (component_plan_build(c, "mutant", arena, &p, null_out)) {
		uint8_t *bytes;
		size_t size;
		if (component_plan_encode(&p, &bytes, &size))
			free(bytes);
	}
}

static bool answer(const uint8_t *bytes, size_t size, bool *valid, struct wasm_error *err)
{
	struct arena arena;
	struct component c;
	arena_init(&arena);
	*valid = component_decode(bytes, size, &arena, &c, err) && component_validate(&c, &arena, err);
	if (*valid)
		plan(&c, &arena);
	arena_free(&arena);
	if (*valid)
		return err->kind == WASM_ERR_NONE;
	return err->kind != WASM_ERR_NONE && err->message[0] != 0 && err->offset <= size &&
		!strchr(err->message, '\n');
}

static uint8_t *read_all(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *bytes = n > 0 ? malloc((size_t)n) : NULL;
	if (bytes && fread(bytes, 1, (size_t)n, f) != (size_t)n) {
		free(bytes);
		bytes = NULL;
	}
	fclose(f);
	*size = (size_t)n;
	return bytes;
}

static int check_file(const char *path, size_t stride)
{
	size_t size;
	uint8_t *bytes = read_all(path, &size);
	if (!bytes) {
		fprintf(stderr, "component_check: cannot read %s\n", path);
		return 1;
	}
	struct wasm_error err;
	bool valid;
	if (!answer(bytes, size, &valid, &err) || !valid) {
		fprintf(stderr, "%s:0x%zx: %s (the whole file must be valid)\n", path, err.offset, err.message);
		free(bytes);
		return 1;
	}
	/* A copy of exactly the prefix length, so that the sanitizers see any read past it. */
	size_t truncations = 0, valid_prefixes = 0, mutations = 0, valid_mutants = 0;
	for (size_t len = 0; len < size; len += len < 4096 ? 1 : stride) {
		uint8_t *prefix = malloc(len ? len : 1);
		memcpy(prefix, bytes, len);
		bool ok = answer(prefix, len, &valid, &err);
		free(prefix);
		if (!ok) {
			fprintf(stderr, "%s: truncated to %zu bytes: broken answer '%s' at 0x%zx\n", path, len, err.message,
				err.offset);
			free(bytes);
			return 1;
		}
		truncations++;
		valid_prefixes += valid;
	}
	uint8_t *mutant = malloc(size);
	size_t step = size / 3000 + 1;
	for (size_t pos = 0; pos < size; pos += step) {
		const uint8_t values[] = { 0x00, 0xff, (uint8_t)(bytes[pos] ^ 0x80), (uint8_t)(bytes[pos] + 1) };
		for (size_t k = 0; k < sizeof(values); k++) {
			memcpy(mutant, bytes, size);
			mutant[pos] = values[k];
			if (!answer(mutant, size, &valid, &err)) {
				fprintf(stderr, "%s: byte 0x%zx set to 0x%02x: broken answer '%s'\n", path, pos, values[k],
					err.message);
				free(mutant);
				free(bytes);
				return 1;
			}
			mutations++;
			valid_mutants += valid;
		}
	}
	printf("%s: %zu bytes; %zu truncations (%zu valid prefixes), %zu mutations (%zu still valid): all answered\n",
		path, size, truncations, valid_prefixes, mutations, valid_mutants);
	free(mutant);
	free(bytes);
	return 0;
}

int main(int argc, char **argv)
{
	size_t stride = 1;
	int first = 1;
	null_out = fopen("/dev/null", "w");
	if (!null_out)
		return 2;
	if (argc > 2 && !strcmp(argv[1], "--stride")) {
		stride = strtoul(argv[2], NULL, 10);
		first = 3;
	}
	if (first >= argc || stride == 0) {
		fputs("usage: component_check [--stride N] FILE...\n", stderr);
		return 2;
	}
	for (int i = first; i < argc; i++)
		if (check_file(argv[i], stride))
			return 1;
	return 0;
}
