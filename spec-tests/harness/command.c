/* Parsing run.py's command lines (the syntax is documented in run.py). */
#include "harness.h"

struct tokens {
	char *p, *end;
};

static bool next(struct tokens *t, struct bytes *out)
{
	while (t->p < t->end && *t->p == ' ')
		t->p++;
	if (t->p == t->end)
		return false;
	char *start = t->p;
	while (t->p < t->end && *t->p != ' ')
		t->p++;
	*out = (struct bytes){ start, (uint32_t)(t->p - start) };
	return true;
}

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* `-` (absent) or `s` followed by the hex of the bytes, decoded in place. */
static bool string(struct tokens *t, struct bytes *out)
{
	struct bytes tok;
	if (!next(t, &tok))
		return false;
	if (tok.len == 1 && tok.ptr[0] == '-') {
		*out = (struct bytes){ NULL, 0 };
		return true;
	}
	if (tok.ptr[0] != 's' || tok.len % 2 != 1)
		return false;
	char *dst = (char *)tok.ptr;
	for (uint32_t i = 1; i < tok.len; i += 2) {
		int hi = hex_digit(tok.ptr[i]), lo = hex_digit(tok.ptr[i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		*dst++ = (char)(hi << 4 | lo);
	}
	*out = (struct bytes){ tok.ptr, (tok.len - 1) / 2 };
	return true;
}

/* A plain token, or absent for `-`. */
static bool word(struct tokens *t, struct bytes *out)
{
	if (!next(t, out))
		return false;
	if (out->len == 1 && out->ptr[0] == '-')
		*out = (struct bytes){ NULL, 0 };
	return true;
}

static bool count(struct tokens *t, uint32_t *out)
{
	struct bytes tok;
	if (!next(t, &tok) || tok.len == 0 || tok.len > 4)
		return false;
	uint32_t n = 0;
	for (uint32_t i = 0; i < tok.len; i++) {
		if (tok.ptr[i] < '0' || tok.ptr[i] > '9')
			return false;
		n = n * 10 + (uint32_t)(tok.ptr[i] - '0');
	}
	*out = n;
	return n <= MAX_VALUES;
}

static bool values(struct tokens *t, uint32_t *n, struct value *out)
{
	struct bytes tok;
	if (!count(t, n))
		return false;
	for (uint32_t i = 0; i < *n; i++)
		if (!next(t, &tok) || !value_parse(tok, &out[i]))
			return false;
	return true;
}

static const struct {
	const char *name;
	enum command_kind kind;
} kinds[] = {
	{ "module", CMD_MODULE },
	{ "unlinkable", CMD_UNLINKABLE },
	{ "uninstantiable", CMD_UNINSTANTIABLE },
	{ "register", CMD_REGISTER },
	{ "return", CMD_RETURN },
	{ "trap", CMD_TRAP },
	{ "exhaustion", CMD_EXHAUSTION },
	{ "action", CMD_ACTION },
	{ "skip", CMD_SKIP },
	{ "call", CMD_CALL },
};

bool command_parse(char *line, size_t len, struct command *cmd, const char **error)
{
	struct tokens t = { line, line + len };
	struct bytes kind;
	cmd->line = (struct bytes){ "?", 1 };
	cmd->arg_count = cmd->result_count = 0;
	*error = "malformed command";
	if (!next(&t, &kind) || !next(&t, &cmd->line))
		return false;
	unsigned k = 0;
	while (k < sizeof kinds / sizeof kinds[0] && !bytes_equal(kind, bytes_of(kinds[k].name)))
		k++;
	if (k == sizeof kinds / sizeof kinds[0]) {
		*error = "unknown command";
		return false;
	}
	cmd->kind = kinds[k].kind;
	struct bytes rest;
	switch (cmd->kind) {
	case CMD_MODULE:
	case CMD_UNLINKABLE:
	case CMD_UNINSTANTIABLE:
		if (!word(&t, &cmd->object) || !string(&t, &cmd->name) || !string(&t, &cmd->text) ||
				!word(&t, &cmd->globals))
			return false;
		if (cmd->globals.ptr) { /* `g` and the letters, so that none is not `-` */
			if (cmd->globals.ptr[0] != 'g' || cmd->globals.len % 2 != 1)
				return false;
			cmd->globals.ptr++;
			cmd->globals.len--;
		}
		break;
	case CMD_SKIP:
		break;
	case CMD_REGISTER:
		if (!string(&t, &cmd->name) || !string(&t, &cmd->instance) || !cmd->name.ptr)
			return false;
		break;
	default: {
		struct bytes action;
		if (!next(&t, &action) || !string(&t, &cmd->instance) || !string(&t, &cmd->field) || !cmd->field.ptr)
			return false;
		cmd->is_get = bytes_equal(action, bytes_of("get"));
		if (!cmd->is_get && !bytes_equal(action, bytes_of("invoke")))
			return false;
		if (!values(&t, &cmd->arg_count, cmd->args) || !values(&t, &cmd->result_count, cmd->results) ||
				!string(&t, &cmd->text))
			return false;
		break;
	}
	}
	return !next(&t, &rest);
}
