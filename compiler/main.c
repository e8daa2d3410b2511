/* The wasmc command line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen.h"
#include "driver.h"
#include "version.h"

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

static void usage(FILE *out)
{
	fputs("OVERVIEW: wasmc, an ahead-of-time WebAssembly to native code compiler\n"
	      "\n"
	      "USAGE: wasmc <command> [options] FILE...\n"
	      "       wasmc FILE.wasm -o OUTPUT [options]\n"
	      "\n"
	      "COMMANDS:\n"
	      "  validate FILE...   decode and validate modules; silent and exit 0 if all are valid\n"
	      "  inspect FILE       print a summary: sections, imports, exports, functions, custom sections\n"
	      "  help               print this help\n"
	      "  version            print the version\n"
	      "\n"
	      "OPTIONS:\n"
	      "  -o FILE            output executable (compiling is not implemented yet)\n"
	      "  -h, --help         print this help\n"
	      "  --version          print the version\n"
	      "\n"
	      "Errors are reported as FILE:0xOFFSET: message, with the WebAssembly\n"
	      "specification's wording. Exit status: 0 success, 1 bad input, 2 bad usage.\n",
	      out);
}

static void version(void)
{
	printf("wasmc %s\n", WASMC_VERSION);
	printf("LLVM %s, host target %s\n", cg_llvm_version(), cg_host_triple());
	printf("WebAssembly 2.0 core modules\n");
}

static int usage_error(const char *fmt, const char *arg)
{
	fputs("wasmc: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs(" (see wasmc --help)\n", stderr);
	return EXIT_USAGE;
}

static int cmd_validate(int argc, char **argv)
{
	if (argc == 0)
		return usage_error("%s: no input files", "validate");
	int status = 0;
	for (int i = 0; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			return usage_error("validate: unknown option '%s'", argv[i]);
	}
	for (int i = 0; i < argc; i++) {
		struct loaded_module lm;
		if (!driver_load(&lm, argv[i], true)) {
			status = EXIT_INPUT;
			continue;
		}
		driver_release(&lm);
	}
	return status;
}

static int cmd_inspect(int argc, char **argv)
{
	if (argc != 1)
		return usage_error("%s: expects exactly one input file", "inspect");
	if (argv[0][0] == '-' && argv[0][1])
		return usage_error("inspect: unknown option '%s'", argv[0]);
	struct loaded_module lm;
	if (!driver_load(&lm, argv[0], true))
		return EXIT_INPUT;
	inspect_print(&lm.module, argv[0], stdout);
	driver_release(&lm);
	return 0;
}

/* wasmc FILE -o OUT: the compile form, reserved until code generation lands. */
static int cmd_compile(int argc, char **argv)
{
	const char *input = NULL, *output = NULL;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "-o")) {
			if (++i == argc)
				return usage_error("%s: missing file name", "-o");
			output = argv[i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return usage_error("unknown option '%s'", argv[i]);
		} else if (input) {
			return usage_error("unexpected argument '%s': one input file at a time", argv[i]);
		} else {
			input = argv[i];
		}
	}
	if (!input)
		return usage_error("%s", "no input file");
	if (!output)
		return usage_error("%s", "no output file: use -o FILE");
	struct loaded_module lm;
	if (!driver_load(&lm, input, true))
		return EXIT_INPUT;
	driver_release(&lm);
	fprintf(stderr, "wasmc: %s: compiling to native code is not implemented yet\n", input);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
		version();
		return 0;
	}
	if (!strcmp(cmd, "validate"))
		return cmd_validate(argc - 2, argv + 2);
	if (!strcmp(cmd, "inspect"))
		return cmd_inspect(argc - 2, argv + 2);
	return cmd_compile(argc - 1, argv + 1);
}
