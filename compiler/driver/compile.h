/* `wasmc FILE -o OUT`: the whole pipeline, decode to a linked executable. */
#ifndef WASMC_COMPILE_H
#define WASMC_COMPILE_H

#include <stdbool.h>
#include <stddef.h>

struct compile_options {
	const char *input;
	const char *output;
	const char *target;      /* a short name (x86_64, aarch64, riscv64) or a triple; NULL: the host */
	const char *cpu;
	const char *features;
	const char *module_name; /* the descriptor's name, a C identifier */
	const char *emit_llvm;   /* also write the optimized LLVM IR here */
	int opt_level;
	unsigned jobs;           /* threads compiling partitions (-j); 0: one */
	size_t partition_bytes;  /* wasm code per partition (WASMC_PARTITION_KB, for tests); 0: the default */
	bool object_only;        /* -c: an object for an embedder, imports left unbound */
	bool allow_unknown_imports;
	bool time_report;        /* --time-report: each phase's time and peak memory to stderr (time_report.h) */
	bool quiet;              /* -q: no progress line */
	unsigned progress_delay_ms; /* how long a compile runs before the progress line shows (WASMC_PROGRESS_DELAY_MS) */
	const char *cache_dir;   /* --cache DIR or WASMC_CACHE; NULL: no compile cache */
	/* Grants baked into an executable (wasi/grants.h): --dir HOST[::GUEST], --env NAME=VALUE. */
	const char **dirs;
	bool *dir_readonly;      /* per entry of dirs: granted by --dir-ro */
	const char **envs;
	size_t dir_count, env_count;
	bool inherit_env;        /* --inherit-env */
	bool runtime_grants;     /* --runtime-grants: WASMC_* variables add grants at run time */
	bool listen_fds;         /* --listenfd: adopt the sockets passed by LISTEN_FDS (wasi/sock.h) */
	bool no_huge_pages;      /* --no-huge-pages: linear memories without MADV_HUGEPAGE */
	bool inherit_network;    /* --inherit-network: wasi:sockets may bind and connect */
	/* Limits baked into an executable as given (rt_limits.h), checked by the driver; NULL: none. */
	const char *max_memory;     /* --max-memory SIZE */
	const char *max_wasm_stack; /* --max-wasm-stack SIZE */
	const char *timeout;        /* --timeout DURATION: also compiles the interrupt checks */
	const char *fuel;           /* --fuel N: also compiles the fuel accounting */
	/* OCI images of the executable (oci.h); NULL: none. */
	const char *oci_archive;    /* --oci FILE: the layout as a tar archive */
	const char *oci_layout;     /* --oci-layout DIR */
};

/* Returns the process exit status: 0, 1 (bad input) or 2 (usage or environment). */
int compile_main(const struct compile_options *opts);

/* The full LLVM triple for a --target value, or NULL if unknown. */
const char *target_triple(const char *name);

#endif
