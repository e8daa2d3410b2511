/*
 * The spec test harness: a freestanding program that links rtlib and the
 * compiled modules of one .wast script (each listed in section
 * RT_MODULE_SECTION). It reads run.py's command file on stdin, performs the
 * commands in order (instantiate, register, invoke, get) and prints one
 * verdict per command on stdout, flushed as it goes so that a crash loses
 * nothing already decided:
 *
 *   ok LINE
 *   FAIL LINE reason
 *
 * The command syntax is documented in run.py (write_commands). Strings
 * arrive hex-encoded and are decoded in place in the input, which lives as
 * long as the process; so does everything the harness allocates.
 */
#ifndef WASMC_HARNESS_H
#define WASMC_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "os.h"
#include "rt.h"
#include "rt_string.h"

/* A string that may hold NUL bytes; ptr NULL means absent (`-` in a command). */
struct bytes {
	const char *ptr;
	uint32_t len;
};

bool bytes_equal(struct bytes a, struct bytes b);
struct bytes bytes_of(const char *s);

/* ---- output (out.c): buffered writes to stdout ---- */
void out_mem(const char *s, size_t len);
void out_str(const char *s);
void out_dec(uint64_t value);
/* At least `digits` hex digits, no prefix. */
void out_hex(uint64_t value, unsigned digits);
/* A name from the script, printable characters as they are, others as \xx. */
void out_bytes(struct bytes b);
void out_flush(void);

/* ---- values (value.c) ---- */
enum lane_type { LANE_NONE, LANE_I8, LANE_I16, LANE_I32, LANE_I64, LANE_F32, LANE_F64 };
enum nan_pattern { NAN_NONE, NAN_CANONICAL, NAN_ARITHMETIC };

struct value {
	uint8_t type;     /* RT_SIG_* letter */
	uint8_t lane;     /* v128: enum lane_type */
	uint8_t nan[16];  /* per lane (scalars: [0]): enum nan_pattern; only in expected results */
	uint8_t bits[16]; /* as in an argument slot: little-endian, references as pointers */
};

/* Parses `i32:2a`, `f32:nan:canonical`, `v128:f32:0,1,nan:arithmetic,3`, `externref:null`, ... */
bool value_parse(struct bytes token, struct value *v);
/* Whether a result slot holds what `expected` describes (NaN patterns included). */
bool value_matches(const struct value *expected, const uint8_t slot[16]);
/* Prints a slot as a value of `like`'s type (and lane shape). */
void value_print(const struct value *like, const uint8_t slot[16]);
void value_print_expected(const struct value *v);
/* The reference an externref argument `N` stands for: never NULL (ref.null). */
void *value_host_ref(uint64_t n);

/* ---- commands (command.c) ---- */
enum command_kind {
	CMD_MODULE,         /* instantiate; the instance becomes the latest (and named, if given) */
	CMD_UNLINKABLE,     /* assert_unlinkable */
	CMD_UNINSTANTIABLE, /* assert_uninstantiable */
	CMD_REGISTER,       /* register an instance's exports under a module name */
	CMD_RETURN,         /* assert_return */
	CMD_TRAP,           /* assert_trap */
	CMD_EXHAUSTION,     /* assert_exhaustion */
	CMD_ACTION,         /* a bare action: must not trap */
	CMD_SKIP,           /* in place of a command that crashed an earlier run: just fails */
	CMD_CALL,           /* invoke and report the results or the trap (fuzz.c), asserting nothing */
};

#define MAX_VALUES 64

struct command {
	enum command_kind kind;
	struct bytes line;      /* the script's line, echoed in the verdict */
	struct bytes object;    /* module commands: the descriptor's name; absent if it did not compile */
	struct bytes name;      /* module: the instance's $name; register: the name to register as */
	struct bytes instance;  /* register, actions: the $name of the instance; absent: the latest */
	struct bytes globals;   /* module commands: each global's type letter and 'c' or 'm' (mutable) */
	struct bytes text;      /* the expected trap or link error */
	bool is_get;            /* actions: get a global instead of invoking a function */
	struct bytes field;     /* actions: the export */
	uint32_t arg_count, result_count;
	struct value args[MAX_VALUES], results[MAX_VALUES];
};

/* Parses one line, decoding strings in place; false with *error set if it is malformed. */
bool command_parse(char *line, size_t len, struct command *cmd, const char **error);

/* ---- instances, exports and import resolution (link.c) ---- */
struct extern_ref {
	uint8_t kind;          /* enum rt_extern_kind */
	void *ptr;             /* struct rt_funcref *, struct rt_table *, struct rt_memory * or a global cell */
	const char *signature; /* functions: their signature string */
	uint32_t func_index;   /* functions of compiled modules: the index, for the trampoline */
	uint8_t global_type;   /* globals: value type letter */
	bool global_mutable;
};

struct host_export {
	const char *name;
	struct extern_ref ref;
};

struct instance {
	const struct rt_module *module; /* NULL for a host module */
	struct rt_instance *rt;
	struct bytes globals;           /* compiled modules: global types, see struct command */
	const struct host_export *host_exports;
	uint32_t host_export_count;
};

/* Names to instances (registered module names, $names of the script); setting a name again replaces it. */
struct name_map {
	struct bytes *names;
	struct instance **insts;
	uint32_t count, capacity;
};

void name_map_set(struct name_map *map, struct bytes name, struct instance *inst);
/* The instance of `name` (NULL if unknown or set to NULL). */
struct instance *name_map_get(const struct name_map *map, struct bytes name);

/*
 * The export `name` of inst with that kind. Returns false if there is none;
 * *other_kind tells whether the name exists with another kind.
 */
bool instance_export(const struct instance *inst, struct bytes name, uint8_t kind, struct extern_ref *out,
		bool *other_kind);
/* Makes inst's exports importable as module `name` (the latest registration of a name wins). */
void registry_add(struct bytes name, struct instance *inst);
/*
 * Resolves m's imports against the registry, checking them as the spec's
 * import matching does; fills imports[m->import_count] for rt_instantiate.
 * On failure returns false with the spec's reason in *error.
 */
bool link_imports(const struct rt_module *m, void **imports, const char **error);

/* ---- the spectest host module (spectest.c) ---- */
struct instance *spectest_instance(void);

/* ---- the differential fuzz driver's host module and reports (fuzz.c) ---- */
struct instance *fuzz_support_instance(void);
void fuzz_report_call(const struct command *cmd, uint8_t (*slots)[16], enum rt_trap kind, struct bytes types);

#endif
