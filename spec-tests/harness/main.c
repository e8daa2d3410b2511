/*
 * The harness's entry (rtlib's _start calls rt_program_main) and the
 * commands: module instantiation and the assertions about it, register, and
 * actions with their assertions.
 */
#include "harness.h"

/* The compiled modules linked in: the linker's bounds of section RT_MODULE_SECTION. */
extern const struct rt_module *const __start_wasmc_modules[] __attribute__((weak));
extern const struct rt_module *const __stop_wasmc_modules[] __attribute__((weak));

/* The most slots a call may need: max(parameters, results) of any signature. */
#define MAX_SLOTS 1024

/* The instance of the latest module command, and the ones with a $name. */
static struct instance *latest;
static struct name_map named;

/* The instance an action or register names: by $name, else the latest. */
static struct instance *target(struct bytes name)
{
	return name.ptr ? name_map_get(&named, name) : latest;
}

static const struct rt_module *find_module(struct bytes name)
{
	for (const struct rt_module *const *m = __start_wasmc_modules; m < __stop_wasmc_modules; m++)
		if (*m && bytes_equal(bytes_of((*m)->name), name))
			return *m;
	return NULL;
}

/* ---- verdicts ---- */

static void ok(const struct command *cmd)
{
	out_str("ok ");
	out_bytes(cmd->line);
	out_str("\n");
	out_flush();
}

/* Starts a failure line; the caller prints the reason and calls end(). */
static void fail(const struct command *cmd, const char *reason)
{
	out_str("FAIL ");
	out_bytes(cmd->line);
	out_str(" ");
	out_str(reason);
}

static void end(void)
{
	out_str("\n");
	out_flush();
}

/* The spec's texts may carry details after the words (or we may): either being a prefix of the other matches. */
static bool message_matches(const char *message, struct bytes text)
{
	struct bytes m = bytes_of(message);
	uint32_t n = m.len < text.len ? m.len : text.len;
	return text.ptr && memcmp(m.ptr, text.ptr, n) == 0;
}

static void fail_trap(const struct command *cmd, const char *what, enum rt_trap kind)
{
	fail(cmd, what);
	out_str(": ");
	out_str(rt_trap_message(kind));
	if (cmd->text.ptr && (cmd->kind == CMD_TRAP || cmd->kind == CMD_EXHAUSTION || cmd->kind == CMD_UNINSTANTIABLE)) {
		out_str(", expected: ");
		out_bytes(cmd->text);
	}
	end();
}

/* ---- module, assert_unlinkable, assert_uninstantiable ---- */

static void run_module(const struct command *cmd)
{
	const struct rt_module *m = cmd->object.ptr ? find_module(cmd->object) : NULL;
	if (cmd->kind == CMD_MODULE) {
		latest = NULL; /* until this one instantiates, actions on "the latest" fail */
		if (cmd->name.ptr)
			name_map_set(&named, cmd->name, NULL);
	}
	if (!m) {
		fail(cmd, cmd->object.ptr ? "module not linked in: " : "module did not compile");
		if (cmd->object.ptr)
			out_bytes(cmd->object);
		end();
		return;
	}
	void **imports = rt_alloc((m->import_count + 1) * sizeof(void *));
	const char *link_error = NULL;
	struct rt_instance *rt = NULL;
	enum rt_trap kind = RT_TRAP_NONE;
	if (link_imports(m, imports, &link_error))
		kind = rt_instantiate(m, NULL, &rt, (void *const *)imports);
	else
		kind = RT_TRAP_UNLINKABLE;

	switch (cmd->kind) {
	case CMD_UNLINKABLE:
		if (kind == RT_TRAP_UNLINKABLE) {
			/* A different reason is only noted, as for validation messages. */
			const char *said = link_error ? link_error : rt_trap_message(kind);
			out_str("ok ");
			out_bytes(cmd->line);
			if (!message_matches(said, cmd->text)) {
				out_str(" note: said ");
				out_str(said);
			}
			end();
		} else if (kind == RT_TRAP_NONE) {
			fail(cmd, "linked and instantiated, expected: ");
			out_bytes(cmd->text);
			end();
		} else {
			fail_trap(cmd, "linked, then instantiation trapped", kind);
		}
		return;
	case CMD_UNINSTANTIABLE:
		if (link_error) {
			fail(cmd, "unlinkable: ");
			out_str(link_error);
			end();
		} else if (kind == RT_TRAP_NONE) {
			fail(cmd, "instantiated without trapping, expected: ");
			out_bytes(cmd->text);
			end();
		} else if (!message_matches(rt_trap_message(kind), cmd->text)) {
			fail_trap(cmd, "instantiation trapped", kind);
		} else {
			ok(cmd);
		}
		return;
	default:
		break;
	}
	if (link_error) {
		fail(cmd, "unlinkable: ");
		out_str(link_error);
		end();
		return;
	}
	if (kind != RT_TRAP_NONE) {
		fail_trap(cmd, "instantiation trapped", kind);
		return;
	}
	struct instance *inst = rt_alloc(sizeof *inst);
	*inst = (struct instance){ .module = m, .rt = rt, .globals = cmd->globals };
	latest = inst;
	if (cmd->name.ptr)
		name_map_set(&named, cmd->name, inst);
	ok(cmd);
}

static void run_register(const struct command *cmd)
{
	struct instance *inst = target(cmd->instance);
	if (!inst) {
		fail(cmd, "no instance to register");
		end();
		return;
	}
	registry_add(cmd->name, inst);
	ok(cmd);
}

/* ---- actions and their assertions ---- */

/* The signature's parameter letters and result letters. */
static void split_signature(const char *sig, struct bytes *params, struct bytes *results)
{
	uint32_t colon = 0;
	while (sig[colon] && sig[colon] != ':')
		colon++;
	*params = (struct bytes){ sig, colon };
	*results = sig[colon] ? bytes_of(sig + colon + 1) : (struct bytes){ sig + colon, 0 };
}

/*
 * Performs the action into slots: returns false (having reported the
 * failure) if it cannot be done at all; else *kind is the trap, if any, and
 * *results the result types.
 */
static bool perform(const struct command *cmd, uint8_t (*slots)[16], enum rt_trap *kind, struct bytes *results)
{
	static char global_type[1];
	struct instance *inst = target(cmd->instance);
	struct extern_ref ext;
	bool other_kind;
	if (!inst) {
		fail(cmd, "no module instance");
		end();
		return false;
	}
	if (cmd->is_get) {
		if (!instance_export(inst, cmd->field, RT_EXTERN_GLOBAL, &ext, &other_kind)) {
			fail(cmd, "no global exported as ");
			out_bytes(cmd->field);
			end();
			return false;
		}
		memcpy(slots[0], ext.ptr, 16);
		/* Without a known type, the expected one is taken on trust. */
		global_type[0] = (char)(ext.global_type ? ext.global_type
				: cmd->result_count ? cmd->results[0].type : RT_SIG_I32);
		*results = (struct bytes){ global_type, 1 };
		*kind = RT_TRAP_NONE;
		return true;
	}
	if (!instance_export(inst, cmd->field, RT_EXTERN_FUNC, &ext, &other_kind) || !inst->module) {
		fail(cmd, "no function exported as ");
		out_bytes(cmd->field);
		end();
		return false;
	}
	struct bytes params;
	split_signature(ext.signature, &params, results);
	bool types_match = params.len == cmd->arg_count;
	for (uint32_t i = 0; types_match && i < params.len; i++)
		types_match = (uint8_t)params.ptr[i] == cmd->args[i].type;
	if (!types_match || params.len > MAX_SLOTS || results->len > MAX_SLOTS) {
		fail(cmd, "the arguments do not match the signature ");
		out_str(ext.signature);
		end();
		return false;
	}
	for (uint32_t i = 0; i < cmd->arg_count; i++)
		memcpy(slots[i], cmd->args[i].bits, 16);
	*kind = rt_call(ext.ptr, inst->module->func_trampolines[ext.func_index], slots);
	return true;
}

static void check_results(const struct command *cmd, uint8_t (*slots)[16], struct bytes types)
{
	if (types.len != cmd->result_count) {
		fail(cmd, "returned ");
		out_dec(types.len);
		out_str(" results, expected ");
		out_dec(cmd->result_count);
		end();
		return;
	}
	for (uint32_t i = 0; i < types.len; i++) {
		const struct value *expected = &cmd->results[i];
		if ((uint8_t)types.ptr[i] != expected->type) {
			fail(cmd, "result types ");
			out_mem(types.ptr, types.len);
			out_str(" differ from the expected ones");
			end();
			return;
		}
		if (!value_matches(expected, slots[i])) {
			fail(cmd, "result ");
			out_dec(i);
			out_str(": got ");
			value_print(expected, slots[i]);
			out_str(", expected ");
			value_print_expected(expected);
			end();
			return;
		}
	}
	ok(cmd);
}

static void run_action(const struct command *cmd)
{
	static uint8_t slots[MAX_SLOTS][16];
	memset(slots, 0, sizeof slots);
	enum rt_trap kind;
	struct bytes results;
	if (!perform(cmd, slots, &kind, &results))
		return;
	if (cmd->kind == CMD_CALL) {
		fuzz_report_call(cmd, slots, kind, results);
		return;
	}
	if (cmd->kind == CMD_TRAP || cmd->kind == CMD_EXHAUSTION) {
		if (kind == RT_TRAP_NONE) {
			fail(cmd, "returned, expected a trap: ");
			out_bytes(cmd->text);
			end();
		} else if (!message_matches(rt_trap_message(kind), cmd->text)) {
			fail_trap(cmd, "trapped", kind);
		} else {
			ok(cmd);
		}
		return;
	}
	if (kind != RT_TRAP_NONE)
		fail_trap(cmd, "trapped", kind);
	else if (cmd->kind == CMD_ACTION)
		ok(cmd);
	else
		check_results(cmd, slots, results);
}

/* ---- the command loop ---- */

/* All of stdin, in one growing mapping (never freed: names point into it). */
static char *read_input(size_t *len)
{
	size_t capacity = 1 << 20, used = 0;
	char *buf = os_mmap_anon(capacity, OS_PROT_READ | OS_PROT_WRITE, 0);
	while (buf) {
		if (used == capacity) {
			buf = os_mremap(buf, capacity, 2 * capacity);
			capacity *= 2;
			if (!buf)
				break;
		}
		long n = os_read(0, buf + used, capacity - used);
		if (n == -OS_EINTR)
			continue;
		if (n < 0) {
			buf = NULL;
			break;
		}
		if (n == 0)
			break;
		used += (size_t)n;
	}
	*len = used;
	return buf;
}

/* Replaces librt.a's rt_program_main (which runs one WASI command). */
int rt_program_main(int argc, char **argv, char **envp)
{
	static struct command cmd;
	size_t len;
	char *input = read_input(&len);
	if (!input) {
		out_str("FAIL 0 cannot read the commands on stdin\n");
		out_flush();
		return 2;
	}
	registry_add(bytes_of("spectest"), spectest_instance());
	registry_add(bytes_of("fuzzing-support"), fuzz_support_instance());
	for (size_t pos = 0; pos < len;) {
		size_t eol = pos;
		while (eol < len && input[eol] != '\n')
			eol++;
		const char *error;
		if (eol > pos && !command_parse(input + pos, eol - pos, &cmd, &error)) {
			fail(&cmd, error);
			end();
		} else if (eol > pos) {
			switch (cmd.kind) {
			case CMD_MODULE:
			case CMD_UNLINKABLE:
			case CMD_UNINSTANTIABLE:
				run_module(&cmd);
				break;
			case CMD_REGISTER:
				run_register(&cmd);
				break;
			case CMD_SKIP:
				fail(&cmd, "skipped");
				end();
				break;
			default:
				run_action(&cmd);
				break;
			}
		}
		pos = eol + 1;
	}
	out_str("done\n");
	out_flush();
	return 0;
}
