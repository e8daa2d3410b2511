/* The wasmc command line. */
#define _GNU_SOURCE /* sched_getaffinity */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codegen.h"
#include "compile.h"
#include "driver.h"
#include "rt_limits.h"
#include "version.h"

enum { EXIT_INPUT = 1, EXIT_USAGE = 2 };

static void usage(FILE *out)
{
	fputs("OVERVIEW: wasmc, an ahead-of-time WebAssembly to native code compiler\n"
	      "\n"
	      "USAGE: wasmc <command> [options] FILE...\n"
	      "       wasmc FILE.wasm -o OUTPUT [options]   (a core module or a WASI 0.2 command component)\n"
	      "\n"
	      "COMMANDS:\n"
	      "  validate FILE...   decode and validate modules; silent and exit 0 if all are valid\n"
	      "  inspect FILE       print a summary: sections, imports, exports, functions, custom sections\n"
	      "  help               print this help\n"
	      "  version            print the version\n"
	      "\n"
	      "COMPILE OPTIONS (wasmc FILE.wasm -o OUTPUT):\n"
	      "  -o FILE            the output: a static executable (or an object with -c)\n"
	      "  -O0 .. -O3         optimization level (default -O2)\n"
	      "  --target T         x86_64, aarch64, riscv64 or a Linux triple (default: the host)\n"
	      "  --cpu CPU          tune for CPU (default: the architecture's portable baseline)\n"
	      "  --features LIST    LLVM target features, e.g. +avx2\n"
	      "  -j N, --jobs N     compile on N threads (default: the cores available); the\n"
	      "                     output is the same for every N\n"
	      "  -c                 emit an object for an embedder instead of an executable\n"
	      "  --module-name N    the object's module descriptor name (wasmc_module_N)\n"
	      "  --emit-llvm FILE   also write the optimized LLVM IR to FILE\n"
	      "  --time-report      after compiling, print each phase's wall and CPU time and\n"
	      "                     peak memory, and the largest functions, to stderr\n"
	      "  --no-huge-pages    linear memories in 4 KiB pages only (default: 2 MiB-aligned and\n"
	      "                     advised MADV_HUGEPAGE, for transparent huge pages)\n"
	      "  --cache DIR        keep each part's object in the compile cache DIR, reuse it\n"
	      "                     when its input is unchanged (default: $WASMC_CACHE)\n"
	      "  --no-cache         use no compile cache, even if WASMC_CACHE is set\n"
	      "  -q, --quiet        no progress line (shown on a terminal after two seconds)\n"
	      "  --oci FILE         also write an OCI image of the executable as a tar archive\n"
	      "                     (skopeo's oci-archive:FILE); see docs/serving.md\n"
	      "  --oci-layout DIR   also write it as an OCI image layout in DIR (created, or\n"
	      "                     replacing an earlier layout)\n"
	      "  --allow-unknown-imports\n"
	      "                     bind function imports wasmc does not provide to stubs that\n"
	      "                     trap when called (other unknown imports stay errors)\n"
	      "\n"
	      "LIMITS (baked into the executable; see docs/limits.md):\n"
	      "  --max-memory SIZE  a linear memory grows to SIZE at most (64MiB, 2GiB, 512KiB\n"
	      "                     or bytes): memory.grow beyond fails; a module needing\n"
	      "                     more at start does not run\n"
	      "  --max-wasm-stack SIZE\n"
	      "                     the stack wasm code may use (default: 8 MiB); deeper calls\n"
	      "                     trap \"call stack exhausted\"\n"
	      "  --timeout DURATION trap \"interrupted\" once the program has run DURATION\n"
	      "                     (500ms, 1s, 2m, 1h); checks at function entries and loops\n"
	      "  --fuel N           trap \"all fuel consumed by WebAssembly\" once the program\n"
	      "                     has executed about N wasm operators: at the same point on\n"
	      "                     every run, -O level and target; checks at function entries\n"
	      "                     and loops\n"
	      "\n"
	      "GRANTS (baked into the executable; without them it can open no file and sees no\n"
	      "environment variable; see docs/wasi.md):\n"
	      "  --dir HOST[::GUEST] preopen directory HOST as GUEST (default: HOST); repeatable,\n"
	      "                     preopens are descriptors 3, 4, ... in this order\n"
	      "  --dir-ro HOST[::GUEST] the same, read-only: nothing in it can be written, created,\n"
	      "                     removed, renamed, linked or have its size or times set\n"
	      "  --env NAME=VALUE   give the program NAME=VALUE; repeatable\n"
	      "  --inherit-env      give the program the environment it is started with\n"
	      "  --runtime-grants   also take grants at run time from WASMC_DIR=HOST[::GUEST][;...],\n"
	      "                     WASMC_DIR_RO (the same, read-only), WASMC_ENV_NAME=VALUE,\n"
	      "                     WASMC_INHERIT_ENV=1 and WASMC_INHERIT_NETWORK=1, and the\n"
	      "                     limits WASMC_MAX_MEMORY, WASMC_MAX_WASM_STACK,\n"
	      "                     WASMC_TIMEOUT and WASMC_FUEL\n"
	      "  --listenfd         adopt the sockets passed as LISTEN_FDS (systemd socket\n"
	      "                     activation) as descriptors after the preopens\n"
	      "  --inherit-network  let the program bind and connect sockets on the host's network\n"
	      "                     (wasi:sockets; without it they answer access-denied)\n"
	      "\n"
	      "OPTIONS:\n"
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
	inspect_print(&lm, stdout);
	driver_release(&lm);
	return 0;
}

static bool is_identifier(const char *s)
{
	if (!*s || (*s >= '0' && *s <= '9'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

/* Matches --name=VALUE or --name VALUE; advances *i past a separate value. */
static bool option_value(int argc, char **argv, int *i, const char *name, const char **value, int *status)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n))
		return false;
	if (argv[*i][n] == '=') {
		*value = argv[*i] + n + 1;
		return true;
	}
	if (argv[*i][n] != 0)
		return false;
	if (*i + 1 == argc) {
		*status = usage_error("%s: missing value", name);
		return true;
	}
	*value = argv[++*i];
	return true;
}

/* The cores this process may run on: the default of -j. */
static unsigned available_cores(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		return (unsigned)CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

/* A decimal count in 1..max; false for anything else (signs, spaces, overflow). */
static bool parse_count(const char *s, unsigned long max, unsigned long *value)
{
	if (*s < '0' || *s > '9')
		return false;
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (*end || errno || v < 1 || v > max)
		return false;
	*value = v;
	return true;
}

enum { MAX_JOBS = 1024 };

/*
 * WASMC_PARTITION_KB: the wasm code per partition, a knob for tests and
 * measurements (docs/compile-speed.md); 0: one function per part; unset:
 * the default.
 */
static int partition_knob(struct compile_options *o)
{
	const char *kb = getenv("WASMC_PARTITION_KB");
	unsigned long v;
	if (!kb)
		return 0;
	if (!strcmp(kb, "0")) {
		o->partition_bytes = 1; /* a part per function */
		return 0;
	}
	if (!parse_count(kb, 1ul << 30, &v))
		return usage_error("WASMC_PARTITION_KB '%s': expected a size in KB, or 0 for a part per function", kb);
	o->partition_bytes = (size_t)v * 1024;
	return 0;
}

/*
 * WASMC_PROGRESS_DELAY_MS: how long a compile runs before the progress line
 * shows, a knob for tests (docs/compile-speed.md); unset: two seconds.
 */
static int progress_knob(struct compile_options *o)
{
	const char *ms = getenv("WASMC_PROGRESS_DELAY_MS");
	unsigned long v;
	o->progress_delay_ms = 2000;
	if (!ms)
		return 0;
	if (!strcmp(ms, "0"))
		v = 0;
	else if (!parse_count(ms, 1ul << 30, &v))
		return usage_error("WASMC_PROGRESS_DELAY_MS '%s': expected a number of milliseconds", ms);
	o->progress_delay_ms = (unsigned)v;
	return 0;
}

/* --dir HOST[::GUEST] and --env NAME=VALUE, checked before anything is compiled. */
static int check_grants(const struct compile_options *o)
{
	for (size_t i = 0; i < o->dir_count; i++) {
		const char *dir = o->dirs[i], *sep = strstr(dir, "::");
		if (!*dir || (sep && (sep == dir || !sep[2])))
			return usage_error(o->dir_readonly[i] ? "--dir-ro '%s': expected HOST or HOST::GUEST, both non-empty"
							     : "--dir '%s': expected HOST or HOST::GUEST, both non-empty", dir);
	}
	for (size_t i = 0; i < o->env_count; i++) {
		const char *eq = strchr(o->envs[i], '=');
		if (!eq || eq == o->envs[i])
			return usage_error("--env '%s': expected NAME=VALUE with a non-empty NAME", o->envs[i]);
	}
	bool any = o->dir_count || o->env_count || o->inherit_env || o->runtime_grants || o->listen_fds ||
		o->inherit_network;
	if (any && o->object_only)
		return usage_error("%s", "grants (--dir, --dir-ro, --env, --inherit-env, --inherit-network, --runtime-grants) are for executables, not -c");
	return 0;
}

/* --max-memory, --max-wasm-stack, --timeout and --fuel: parsed as the runtime will parse them (rt_limits.h). */
static int check_limits(const struct compile_options *o)
{
	const struct { const char *option, *text, *expected; enum rt_limit which; } limits[] = {
		{ "--max-memory", o->max_memory, "a size such as 64MiB, 2GiB, 512KiB or 65536 (bytes)", RT_LIMIT_MAX_MEMORY },
		{ "--max-wasm-stack", o->max_wasm_stack, "a size from 4KiB to 1GiB, such as 512KiB",
		  RT_LIMIT_MAX_WASM_STACK },
		{ "--timeout", o->timeout, "a duration such as 500ms, 1s, 2m or 1h", RT_LIMIT_TIMEOUT },
		{ "--fuel", o->fuel, "a count of wasm operators from 1 to 9223372036854775807", RT_LIMIT_FUEL },
	};
	for (size_t i = 0; i < sizeof limits / sizeof limits[0]; i++) {
		uint64_t value;
		if (!limits[i].text)
			continue;
		if (!rt_limit_parse(limits[i].which, limits[i].text, &value)) {
			fprintf(stderr, "wasmc: %s '%s': expected %s (see wasmc --help)\n", limits[i].option, limits[i].text,
					limits[i].expected);
			return EXIT_USAGE;
		}
		if (o->object_only)
			return usage_error("%s: limits (--max-memory, --max-wasm-stack, --timeout, --fuel) are for executables, not -c",
					limits[i].option);
	}
	return 0;
}

/* Adds the value of a repeatable option (--dir, --env) when it matched with a value. */
static bool list_option(int argc, char **argv, int *i, const char *name, const char **list, size_t *count,
		int *status)
{
	const char *value = NULL;
	if (!option_value(argc, argv, i, name, &value, status))
		return false;
	if (value)
		list[(*count)++] = value;
	return true;
}

static int compile_with(int argc, char **argv, struct compile_options *opts);

/* wasmc FILE -o OUT [options]: compile and link. */
static int cmd_compile(int argc, char **argv)
{
	struct compile_options o = { .opt_level = 2 };
	int status = 0;
	/* At most one value per argument. */
	const char **dirs = calloc((size_t)argc + 1, sizeof(*dirs)), **envs = calloc((size_t)argc + 1, sizeof(*envs));
	bool *dir_readonly = calloc((size_t)argc + 1, sizeof(*dir_readonly));
	if (dirs && envs && dir_readonly) {
		o.dirs = dirs;
		o.dir_readonly = dir_readonly;
		o.envs = envs;
		status = compile_with(argc, argv, &o);
	} else {
		fputs("wasmc: out of memory\n", stderr);
		status = EXIT_INPUT;
	}
	free(dirs);
	free(dir_readonly);
	free(envs);
	return status;
}

static int compile_with(int argc, char **argv, struct compile_options *opts)
{
	struct compile_options o = *opts;
	int status = 0;
	bool no_cache = false;
	for (int i = 0; i < argc && status == 0; i++) {
		const char *a = argv[i];
		size_t dirs_before = o.dir_count;
		const char *jobs = NULL;
		bool is_jobs = option_value(argc, argv, &i, "--jobs", &jobs, &status);
		if (!is_jobs && a[0] == '-' && a[1] == 'j') {
			is_jobs = true;
			if (a[2])
				jobs = a + 2; /* -jN */
			else
				option_value(argc, argv, &i, "-j", &jobs, &status);
		}
		if (is_jobs) {
			unsigned long n;
			if (jobs && !parse_count(jobs, MAX_JOBS, &n))
				return usage_error("-j '%s': expected a number of threads from 1 to 1024", jobs);
			if (jobs)
				o.jobs = (unsigned)n;
			continue;
		}
		if (list_option(argc, argv, &i, "--dir-ro", o.dirs, &o.dir_count, &status)) {
			if (o.dir_count > dirs_before)
				o.dir_readonly[dirs_before] = true;
			continue;
		}
		if (option_value(argc, argv, &i, "-o", &o.output, &status) ||
				option_value(argc, argv, &i, "--target", &o.target, &status) ||
				option_value(argc, argv, &i, "--cpu", &o.cpu, &status) ||
				option_value(argc, argv, &i, "--features", &o.features, &status) ||
				option_value(argc, argv, &i, "--module-name", &o.module_name, &status) ||
				option_value(argc, argv, &i, "--emit-llvm", &o.emit_llvm, &status) ||
				option_value(argc, argv, &i, "--cache", &o.cache_dir, &status) ||
				option_value(argc, argv, &i, "--max-memory", &o.max_memory, &status) ||
				option_value(argc, argv, &i, "--max-wasm-stack", &o.max_wasm_stack, &status) ||
				option_value(argc, argv, &i, "--timeout", &o.timeout, &status) ||
				option_value(argc, argv, &i, "--fuel", &o.fuel, &status) ||
				option_value(argc, argv, &i, "--oci-layout", &o.oci_layout, &status) ||
				option_value(argc, argv, &i, "--oci", &o.oci_archive, &status) ||
				list_option(argc, argv, &i, "--dir", o.dirs, &o.dir_count, &status) ||
				list_option(argc, argv, &i, "--env", o.envs, &o.env_count, &status))
			continue;
		if (a[0] == '-' && a[1] == 'O' && a[2] >= '0' && a[2] <= '3' && !a[3])
			o.opt_level = a[2] - '0';
		else if (!strcmp(a, "-c"))
			o.object_only = true;
		else if (!strcmp(a, "--time-report"))
			o.time_report = true;
		else if (!strcmp(a, "--no-huge-pages"))
			o.no_huge_pages = true;
		else if (!strcmp(a, "--no-cache"))
			no_cache = true;
		else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
			o.quiet = true;
		else if (!strcmp(a, "--allow-unknown-imports"))
			o.allow_unknown_imports = true;
		else if (!strcmp(a, "--inherit-env"))
			o.inherit_env = true;
		else if (!strcmp(a, "--runtime-grants"))
			o.runtime_grants = true;
		else if (!strcmp(a, "--listenfd"))
			o.listen_fds = true;
		else if (!strcmp(a, "--inherit-network"))
			o.inherit_network = true;
		else if (a[0] == '-' && a[1])
			return usage_error("unknown option '%s'", a);
		else if (o.input)
			return usage_error("unexpected argument '%s': one input file at a time", a);
		else
			o.input = a;
	}
	if (status)
		return status;
	if (!o.input)
		return usage_error("%s", "no input file");
	if (!o.output)
		return usage_error("%s", "no output file: use -o FILE");
	if (o.module_name && !is_identifier(o.module_name))
		return usage_error("--module-name '%s': must be a C identifier", o.module_name);
	if ((status = check_grants(&o)) != 0 || (status = check_limits(&o)) != 0 || (status = partition_knob(&o)) != 0 ||
			(status = progress_knob(&o)) != 0)
		return status;
	if ((o.oci_archive || o.oci_layout) && o.object_only)
		return usage_error("%s", "--oci, --oci-layout: an image holds an executable, not -c's object");
	if (o.oci_archive && !*o.oci_archive)
		return usage_error("%s", "--oci: expected a file");
	if (o.oci_layout && !*o.oci_layout)
		return usage_error("%s", "--oci-layout: expected a directory");
	if (o.oci_archive && o.oci_layout && !strcmp(o.oci_archive, o.oci_layout))
		return usage_error("--oci and --oci-layout: both name '%s'", o.oci_archive);
	if ((o.oci_archive && !strcmp(o.oci_archive, o.output)) || (o.oci_layout && !strcmp(o.oci_layout, o.output)))
		return usage_error("-o and --oci/--oci-layout: both name '%s'", o.output);
	if (o.cache_dir && !*o.cache_dir)
		return usage_error("%s", "--cache: expected a directory");
	if (!o.cache_dir && getenv("WASMC_CACHE") && *getenv("WASMC_CACHE"))
		o.cache_dir = getenv("WASMC_CACHE");
	if (no_cache)
		o.cache_dir = NULL;
	if (!o.jobs)
		o.jobs = available_cores();
	return compile_main(&o);
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
