/* The grants an executable starts with: see grants.h. */
#include "grants.h"

#include "fd_table.h"
#include "os.h"
#include "rt_limits.h"
#include "rt_string.h"
#include "listen_fds.h"
#include "wasi_errno.h"

/*
 * Emitted by the compiler for executables. This weak default (no grants:
 * just the end record) stands in objects and embedders, so that a static
 * link leaves no undefined weak symbol behind.
 */
__attribute__((weak)) const char wasmc_grants[1] = { WASI_GRANT_END };

static bool network_granted;

struct env_list {
	char **items;
	uint32_t count, capacity;
};

static bool starts_with(const char *s, const char *prefix)
{
	while (*prefix)
		if (*s++ != *prefix++)
			return false;
	return true;
}

static size_t name_len(const char *assignment)
{
	size_t n = 0;
	while (assignment[n] && assignment[n] != '=')
		n++;
	return n;
}

/* Adds NAME=VALUE, replacing an earlier value of NAME. */
static void env_set(struct env_list *env, char *assignment)
{
	size_t n = name_len(assignment);
	for (uint32_t i = 0; i < env->count; i++)
		if (name_len(env->items[i]) == n && !memcmp(env->items[i], assignment, n)) {
			env->items[i] = assignment;
			return;
		}
	if (env->count < env->capacity)
		env->items[env->count++] = assignment;
}

static void say(const char *s)
{
	os_write(2, s, rt_strlen(s));
}

static const char *reason(long linux_errno)
{
	switch (linux_errno) {
	case OS_ENOENT: return "no such directory";
	case OS_ENOTDIR: return "not a directory";
	case 13: return "permission denied";
	case OS_ELOOP: return "too many symbolic links";
	default: return "cannot open it";
	}
}

static bool grant_dir(const char *host, const char *guest, bool readonly)
{
	if (!*host || !*guest) {
		say("wasmc runtime: a granted directory needs HOST[::GUEST] with both non-empty\n");
		return false;
	}
	long fd = os_openat(OS_AT_FDCWD, host, OS_O_RDONLY | OS_O_DIRECTORY | OS_O_CLOEXEC, 0);
	int32_t wasi_fd;
	if (fd >= 0 && wasi_fd_add_preopen((int)fd, guest, readonly, &wasi_fd) == WASI_ESUCCESS)
		return true;
	say("wasmc runtime: granted directory ");
	say(host);
	say(": ");
	say(fd < 0 ? reason(-fd) : "too many descriptors");
	say("\n");
	return false;
}

/* "HOST::GUEST" or "HOST" (the guest path is the same) in place: NUL-terminates host. */
static const char *split_dir(char *grant)
{
	for (char *p = grant; *p; p++)
		if (p[0] == ':' && p[1] == ':') {
			*p = 0;
			return p + 2;
		}
	return grant;
}

/* WASMC_DIR[_RO]=HOST[::GUEST];HOST[::GUEST]... (the variable's own memory is cut up). */
static bool grant_runtime_dirs(char *list, bool readonly)
{
	while (*list) {
		char *end = list;
		while (*end && *end != ';')
			end++;
		bool more = *end == ';';
		*end = 0;
		if (*list && !grant_dir(list, split_dir(list), readonly))
			return false;
		list = more ? end + 1 : end;
	}
	return true;
}

static const struct {
	const char *variable;
	enum rt_limit which;
	const char *expected;
	const char *needs; /* the wasmc option that compiles in the checks the limit needs, or NULL */
} runtime_limits[] = {
	{ RT_MAX_MEMORY_VARIABLE, RT_LIMIT_MAX_MEMORY, "a size such as 64MiB", NULL },
	{ RT_MAX_WASM_STACK_VARIABLE, RT_LIMIT_MAX_WASM_STACK, "a size from 4KiB to 1GiB", NULL },
	{ RT_TIMEOUT_VARIABLE, RT_LIMIT_TIMEOUT, "a duration such as 500ms, 1s or 2m", "--timeout" },
	{ RT_FUEL_VARIABLE, RT_LIMIT_FUEL, "a count from 1 to 9223372036854775807", "--fuel" },
};

/* WASMC_MAX_MEMORY=SIZE and the other limits (rt_limits.h); false, with one line said, on a bad value. */
static bool override_limit(const char *assignment)
{
	for (size_t i = 0; i < sizeof runtime_limits / sizeof runtime_limits[0]; i++) {
		size_t n = rt_strlen(runtime_limits[i].variable);
		if (name_len(assignment) != n || !starts_with(assignment, runtime_limits[i].variable))
			continue;
		/* The checks of time and fuel are compiled in by --timeout and --fuel alone: without them they would do nothing. */
		if (runtime_limits[i].needs && rt_limit_get(runtime_limits[i].which) == UINT64_MAX) {
			say("wasmc runtime: ");
			say(runtime_limits[i].variable);
			say(" needs a program compiled with wasmc ");
			say(runtime_limits[i].needs);
			say("\n");
			return false;
		}
		if (rt_limit_set(runtime_limits[i].which, assignment + n + 1))
			return true;
		say("wasmc runtime: ");
		say(assignment);
		say(": expected ");
		say(runtime_limits[i].expected);
		say("\n");
		return false;
	}
	return true;
}

static uint32_t count_of(char **envp)
{
	uint32_t n = 0;
	while (envp && envp[n])
		n++;
	return n;
}

/* The baked record at *p: its tag and strings; advances *p past it. END stays put. */
static char next_record(const char **p, const char **first, const char **second)
{
	char tag = **p;
	if (tag == WASI_GRANT_END)
		return tag;
	const char *s = *p + 1;
	*first = *second = s;
	bool dir = tag == WASI_GRANT_DIR || tag == WASI_GRANT_DIR_RO;
	if (dir || tag == WASI_GRANT_ENV) {
		s += rt_strlen(s) + 1;
		if (dir) {
			*second = s;
			s += rt_strlen(s) + 1;
		}
	}
	*p = s;
	return tag;
}

static uint32_t baked_env_count(void)
{
	uint32_t n = 0;
	const char *p = wasmc_grants, *first, *second;
	for (char tag; p && (tag = next_record(&p, &first, &second)) != WASI_GRANT_END;)
		n += tag == WASI_GRANT_ENV;
	return n;
}

/* The baked records: directories granted, and the flags and variables noted for the environment. */
static bool apply_baked(struct env_list *env, bool *inherit, bool *runtime, bool *listen_fds)
{
	const char *p = wasmc_grants, *first, *second;
	for (char tag; p && (tag = next_record(&p, &first, &second)) != WASI_GRANT_END;) {
		if ((tag == WASI_GRANT_DIR || tag == WASI_GRANT_DIR_RO) && !grant_dir(first, second, tag == WASI_GRANT_DIR_RO))
			return false;
		if (tag == WASI_GRANT_ENV)
			env_set(env, (char *)first);
		*inherit |= tag == WASI_GRANT_INHERIT_ENV;
		*runtime |= tag == WASI_GRANT_RUNTIME;
		*listen_fds |= tag == WASI_GRANT_LISTEN_FDS;
		network_granted |= tag == WASI_GRANT_INHERIT_NETWORK;
		if (tag != WASI_GRANT_DIR && tag != WASI_GRANT_DIR_RO && tag != WASI_GRANT_ENV && tag != WASI_GRANT_INHERIT_ENV &&
				tag != WASI_GRANT_RUNTIME && tag != WASI_GRANT_LISTEN_FDS && tag != WASI_GRANT_INHERIT_NETWORK) {
			say("wasmc runtime: the executable's grants are damaged\n");
			return false;
		}
	}
	return true;
}

bool wasi_grants_apply(char **envp, char ***environ_out, uint32_t *count_out)
{
	uint32_t process_count = count_of(envp), baked_count = baked_env_count();
	/* The baked variables are noted aside first: they override inherited ones. */
	struct env_list env = { .capacity = process_count + baked_count };
	struct env_list explicit_env = { .capacity = baked_count };
	if (env.capacity) {
		size_t slots = (size_t)env.capacity + baked_count;
		env.items = os_mmap_anon(slots * sizeof *env.items, OS_PROT_READ | OS_PROT_WRITE, 0);
		if (!env.items) {
			say("wasmc runtime: out of memory for the environment\n");
			return false;
		}
		explicit_env.items = env.items + env.capacity;
	}
	bool inherit = false, runtime = false, listen_fds = false;
	if (!apply_baked(&explicit_env, &inherit, &runtime, &listen_fds))
		return false;
	for (uint32_t i = 0; runtime && i < process_count; i++) {
		if (starts_with(envp[i], WASI_RUNTIME_INHERIT_ENV "=1"))
			inherit = true;
		else if (starts_with(envp[i], WASI_RUNTIME_INHERIT_NETWORK "=1"))
			network_granted = true;
		else if (starts_with(envp[i], WASI_RUNTIME_DIR "=") &&
				!grant_runtime_dirs(envp[i] + rt_strlen(WASI_RUNTIME_DIR "="), false))
			return false;
		else if (starts_with(envp[i], WASI_RUNTIME_DIR_RO "=") &&
				!grant_runtime_dirs(envp[i] + rt_strlen(WASI_RUNTIME_DIR_RO "="), true))
			return false;
		else if (!override_limit(envp[i]))
			return false;
	}
	if (listen_fds && !wasi_sock_adopt_listen_fds(envp))
		return false;
	for (uint32_t i = 0; inherit && i < process_count; i++)
		if (!(runtime && starts_with(envp[i], WASI_RUNTIME_PREFIX)))
			env_set(&env, envp[i]);
	for (uint32_t i = 0; i < explicit_env.count; i++)
		env_set(&env, explicit_env.items[i]);
	for (uint32_t i = 0; runtime && i < process_count; i++)
		if (starts_with(envp[i], WASI_RUNTIME_ENV) && name_len(envp[i]) > rt_strlen(WASI_RUNTIME_ENV))
			env_set(&env, envp[i] + rt_strlen(WASI_RUNTIME_ENV));
	*environ_out = env.items;
	*count_out = env.count;
	return true;
}

bool wasi_grants_network(void)
{
	return network_granted;
}
