/*
 * A bytecode interpreter: a parser turns a small expression language into
 * stack-machine code, and a switch-dispatched loop runs it (the shape of
 * Lua's or CPython's inner loop: unpredictable branches, loads of the operand stack).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum op { PUSH, LOAD, STORE, ADD, SUB, MUL, MOD, LT, JZ, JMP, XOR, SHR, HALT };

struct vm {
	int32_t code[256];
	int len;
};

static void emit(struct vm *vm, int32_t a)
{
	if (vm->len < 256)
		vm->code[vm->len++] = a;
}

/* expr := term (('+'|'-'|'^') term)* ; term := atom (('*'|'%'|'>') atom)* ; atom := digit | var | '(' expr ')' */
static const char *parse_expr(struct vm *vm, const char *s);

static const char *parse_atom(struct vm *vm, const char *s)
{
	if (*s == '(') {
		s = parse_expr(vm, s + 1);
		return *s == ')' ? s + 1 : s;
	}
	if (*s >= 'a' && *s <= 'h') {
		emit(vm, LOAD);
		emit(vm, *s - 'a');
		return s + 1;
	}
	int32_t v = 0;
	while (*s >= '0' && *s <= '9')
		v = v * 10 + (*s++ - '0');
	emit(vm, PUSH);
	emit(vm, v);
	return s;
}

static const char *parse_term(struct vm *vm, const char *s)
{
	s = parse_atom(vm, s);
	while (*s == '*' || *s == '%' || *s == '>') {
		char c = *s;
		s = parse_atom(vm, s + 1);
		emit(vm, c == '*' ? MUL : c == '%' ? MOD : SHR);
	}
	return s;
}

static const char *parse_expr(struct vm *vm, const char *s)
{
	s = parse_term(vm, s);
	while (*s == '+' || *s == '-' || *s == '^') {
		char c = *s;
		s = parse_term(vm, s + 1);
		emit(vm, c == '+' ? ADD : c == '-' ? SUB : XOR);
	}
	return s;
}

/* "v=expr;" statements; the loop runs while a < n. */
static void compile(struct vm *vm, const char *const *stmts, int count)
{
	int top = vm->len;
	emit(vm, LOAD);
	emit(vm, 0);
	emit(vm, LOAD);
	emit(vm, 7);
	emit(vm, LT);
	emit(vm, JZ);
	int patch = vm->len;
	emit(vm, 0);
	for (int i = 0; i < count; i++) {
		parse_expr(vm, stmts[i] + 2);
		emit(vm, STORE);
		emit(vm, stmts[i][0] - 'a');
	}
	emit(vm, JMP);
	emit(vm, top);
	vm->code[patch] = vm->len;
	emit(vm, HALT);
}

static int32_t run(const struct vm *vm, int32_t *var)
{
	int32_t stack[64];
	int sp = 0;
	for (int pc = 0;;) {
		switch (vm->code[pc++]) {
		case PUSH: stack[sp++] = vm->code[pc++]; break;
		case LOAD: stack[sp++] = var[vm->code[pc++]]; break;
		case STORE: var[vm->code[pc++]] = stack[--sp]; break;
		case ADD: sp--; stack[sp - 1] += stack[sp]; break;
		case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
		case MUL: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] * (uint32_t)stack[sp]); break;
		case MOD: sp--; stack[sp - 1] = stack[sp] ? (int32_t)((uint32_t)stack[sp - 1] % (uint32_t)stack[sp]) : 0; break;
		case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
		case SHR: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] >> (stack[sp] & 31)); break;
		case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
		case JZ: pc = stack[--sp] ? pc + 1 : vm->code[pc]; break;
		case JMP: pc = vm->code[pc]; break;
		case HALT: return var[1] ^ var[2];
		default: return -1;
		}
	}
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 6000000;
	static const char *const program[] = {
		"b=(b*1103+12345)%65536+c",
		"c=c^(b>3)+a%7",
		"d=(d+b*b)%1000003",
		"e=e+(d%13)*(c%5)-a%3",
		"c=c%100000+e%17",
		"a=a+1",
	};
	struct vm vm = { .len = 0 };
	compile(&vm, program, 6);
	int32_t var[8] = { 0, 1, 2, 3, 4, 5, 6, n };
	int32_t r = run(&vm, var);
	printf("interp %d: %d %d %d\n", n, r, var[3], var[4]);
	return 0;
}
