/*
 * The validator: the operand stack machine of function bodies and the
 * module-level rules (constant expressions, exports, start, limits). Each
 * rejected module has an accepted twin one change away, so that a test
 * cannot pass by rejecting everything.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "builder.h"
#include "module.h"

struct checked {
	struct buf bytes;
	struct arena arena;
	struct wasm_module m;
	struct wasm_error err;
	bool ok;
};

/* Builds, decodes (which must succeed) and validates; frees the builder. */
static void check(struct checked *c, struct mod_builder *mb)
{
	*c = (struct checked){ 0 };
	mb_build(mb, &c->bytes);
	mb_free(mb);
	arena_init(&c->arena);
	if (!wasm_decode(c->bytes.bytes, c->bytes.len, &c->arena, &c->m, &c->err))
		fail_msg("decode failed at %zu: %s", c->err.offset, c->err.message);
	c->ok = wasm_validate(&c->m, &c->arena, &c->err);
}

static void checked_free(struct checked *c)
{
	arena_free(&c->arena);
	buf_free(&c->bytes);
}

static void expect_valid(struct mod_builder *mb)
{
	struct checked c;
	check(&c, mb);
	if (!c.ok)
		fail_msg("rejected at %zu: %s", c.err.offset, c.err.message);
	assert_int_equal(c.err.kind, WASM_ERR_NONE);
	checked_free(&c);
}

static void assert_invalid(const struct checked *c, const char *message, size_t offset)
{
	assert_false(c->ok);
	assert_int_equal(c->err.kind, WASM_ERR_INVALID);
	if (!starts_with(c->err.message, message))
		fail_msg("\"%s\" is not \"%s\"", c->err.message, message);
	assert_int_equal(c->err.offset, offset);
}

/*
 * A module with one function of type params -> results and the given body;
 * expects `message` at instruction offset `at` in the body (or valid if NULL).
 */
static void expect_body(const char *params, const char *results, const char *locals,
		const uint8_t *body, size_t n, const char *message, size_t at)
{
	struct mod_builder mb = { 0 };
	mb_func(&mb, mb_type(&mb, params, results), locals, body, n);
	if (!message) {
		expect_valid(&mb);
		return;
	}
	struct checked c;
	check(&c, &mb);
	assert_invalid(&c, message, c.m.funcs[0].body_offset + at);
	checked_free(&c);
}

#define VALID(params, results, ...) \
	expect_body(params, results, "", BYTES(__VA_ARGS__), NULL, 0)
/* INVALID("message", at, params, results, body...) */
#define INVALID(message, at, params, results, ...) \
	expect_body(params, results, "", BYTES(__VA_ARGS__), message, at)

static void test_i32_add_on_i32(void **state)
{
	VALID("", "i", OP_I32_CONST, 1, OP_I32_CONST, 2, OP_I32_ADD, OP_END);
	VALID("ii", "i", OP_LOCAL_GET, 0, OP_LOCAL_GET, 1, OP_I32_ADD, OP_END);
}

static void test_i32_add_on_i64(void **state)
{
	INVALID("type mismatch", 4, "", "i", OP_I64_CONST, 1, OP_I64_CONST, 2, OP_I32_ADD, OP_END);
	INVALID("type mismatch", 4, "", "i", OP_I32_CONST, 1, OP_I64_CONST, 2, OP_I32_ADD, OP_END);
}

static void test_i32_add_on_too_few_operands(void **state)
{
	INVALID("type mismatch", 2, "", "i", OP_I32_CONST, 1, OP_I32_ADD, OP_END);
}

static void test_result_missing_or_extra(void **state)
{
	INVALID("type mismatch", 0, "", "i", OP_END);
	INVALID("type mismatch", 2, "", "", OP_I32_CONST, 1, OP_END);
	INVALID("type mismatch", 2, "", "I", OP_I32_CONST, 1, OP_END);
}

static void test_unreachable_is_polymorphic(void **state)
{
	VALID("", "", OP_UNREACHABLE, OP_I32_ADD, OP_DROP, OP_END);
	VALID("", "i", OP_UNREACHABLE, OP_I32_ADD, OP_END);
	VALID("", "I", OP_UNREACHABLE, OP_END);
	/* Without `unreachable` the same body is short of operands. */
	INVALID("type mismatch", 0, "", "", OP_I32_ADD, OP_DROP, OP_END);
	/* Only the missing values are free: an i64 pushed after it is still an i64. */
	INVALID("type mismatch", 3, "", "", OP_UNREACHABLE, OP_I64_CONST, 0, OP_I32_ADD, OP_DROP, OP_END);
}

static void test_code_after_br_is_polymorphic(void **state)
{
	VALID("", "i", OP_BLOCK, OP_BLOCKTYPE_EMPTY, OP_BR, 0, OP_I32_ADD, OP_DROP, OP_END, OP_I32_CONST, 0, OP_END);
}

static void test_block_multi_value(void **state)
{
	/* Type 1, (i32) -> (i32 i64), is the block's; type 0 the function's. */
	struct mod_builder mb = { 0 };
	uint32_t ft = mb_type(&mb, "", "iI");
	uint32_t bt = mb_type(&mb, "i", "iI");
	mb_func(&mb, ft, "", BYTES(OP_I32_CONST, 7, OP_BLOCK, (uint8_t)bt, OP_I64_CONST, 1, OP_END, OP_END));
	expect_valid(&mb);

	/* The results in the wrong order. */
	ft = mb_type(&mb, "", "iI");
	bt = mb_type(&mb, "i", "iI");
	mb_func(&mb, ft, "", BYTES(OP_I32_CONST, 7, OP_BLOCK, (uint8_t)bt, OP_DROP, OP_I64_CONST, 1,
		OP_I32_CONST, 2, OP_END, OP_END));
	struct checked c;
	check(&c, &mb);
	assert_invalid(&c, "type mismatch", c.m.funcs[0].body_offset + 9);
	checked_free(&c);

	/* The block's parameter is not on the stack. */
	ft = mb_type(&mb, "", "iI");
	bt = mb_type(&mb, "i", "iI");
	mb_func(&mb, ft, "", BYTES(OP_BLOCK, (uint8_t)bt, OP_I64_CONST, 1, OP_END, OP_END));
	check(&c, &mb);
	assert_invalid(&c, "type mismatch", c.m.funcs[0].body_offset);
	checked_free(&c);
}

static void test_loop_label_takes_params(void **state)
{
	/* A branch to a loop carries the loop's parameters, not its results. */
	struct mod_builder mb = { 0 };
	uint32_t ft = mb_type(&mb, "", "");
	uint32_t lt = mb_type(&mb, "i", "I");
	mb_func(&mb, ft, "", BYTES(OP_I32_CONST, 1, OP_LOOP, (uint8_t)lt, OP_BR, 0, OP_END, OP_DROP, OP_END));
	expect_valid(&mb);

	ft = mb_type(&mb, "", "");
	lt = mb_type(&mb, "i", "I");
	mb_func(&mb, ft, "", BYTES(OP_I32_CONST, 1, OP_LOOP, (uint8_t)lt, OP_DROP, OP_I64_CONST, 0, OP_BR, 0,
		OP_END, OP_DROP, OP_END));
	struct checked c;
	check(&c, &mb);
	assert_invalid(&c, "type mismatch", c.m.funcs[0].body_offset + 7);
	checked_free(&c);
}

static void test_br_unknown_label(void **state)
{
	VALID("", "", OP_BR, 0, OP_END);
	INVALID("unknown label", 0, "", "", OP_BR, 1, OP_END);
	VALID("", "", OP_BLOCK, OP_BLOCKTYPE_EMPTY, OP_BR, 1, OP_END, OP_END);
	INVALID("unknown label", 4, "", "", OP_BLOCK, OP_BLOCKTYPE_EMPTY, OP_I32_CONST, 0, OP_BR_IF, 2, OP_END, OP_END);
	INVALID("unknown label", 2, "", "", OP_I32_CONST, 0, OP_BR_TABLE, 0, 1, OP_END);
}

static void test_br_table_arity_mismatch(void **state)
{
	/* block (result i32) block i32.const 0 i32.const 0 br_table L0 L1 end i32.const 0 end drop */
	VALID("", "", OP_BLOCK, WASM_VT_I32, OP_BLOCK, OP_BLOCKTYPE_EMPTY, OP_I32_CONST, 0, OP_I32_CONST, 0,
		OP_BR_TABLE, 1, 1, 1, OP_END, OP_I32_CONST, 0, OP_END, OP_DROP, OP_END);
	/* The inner label takes no value, the default takes an i32. */
	INVALID("type mismatch", 8, "", "", OP_BLOCK, WASM_VT_I32, OP_BLOCK, OP_BLOCKTYPE_EMPTY, OP_I32_CONST, 0,
		OP_I32_CONST, 0, OP_BR_TABLE, 1, 0, 1, OP_END, OP_I32_CONST, 0, OP_END, OP_DROP, OP_END);
	/* Same arity, different types. */
	INVALID("type mismatch", 8, "", "", OP_BLOCK, WASM_VT_I32, OP_BLOCK, WASM_VT_I64, OP_I32_CONST, 0,
		OP_I32_CONST, 0, OP_BR_TABLE, 1, 0, 1, OP_END, OP_DROP, OP_I32_CONST, 0, OP_END, OP_DROP, OP_END);
}

static void test_if_without_else(void **state)
{
	VALID("", "", OP_I32_CONST, 1, OP_IF, OP_BLOCKTYPE_EMPTY, OP_NOP, OP_END, OP_END);
	VALID("", "", OP_I32_CONST, 1, OP_IF, WASM_VT_I32, OP_I32_CONST, 1, OP_ELSE, OP_I32_CONST, 2, OP_END,
		OP_DROP, OP_END);
	/* Without else the false branch yields nothing, not the i32 promised. */
	INVALID("type mismatch", 6, "", "", OP_I32_CONST, 1, OP_IF, WASM_VT_I32, OP_I32_CONST, 1, OP_END,
		OP_DROP, OP_END);
	/* The condition must be an i32. */
	INVALID("type mismatch", 2, "", "", OP_I64_CONST, 1, OP_IF, OP_BLOCKTYPE_EMPTY, OP_END, OP_END);
}

static void test_else_branch_checked(void **state)
{
	INVALID("type mismatch", 9, "", "", OP_I32_CONST, 1, OP_IF, WASM_VT_I32, OP_I32_CONST, 1, OP_ELSE,
		OP_I64_CONST, 2, OP_END, OP_DROP, OP_END);
}

static void test_local_get_out_of_range(void **state)
{
	expect_body("i", "", "I", BYTES(OP_LOCAL_GET, 1, OP_DROP, OP_END), NULL, 0);
	expect_body("i", "", "I", BYTES(OP_LOCAL_GET, 2, OP_DROP, OP_END), "unknown local 2", 0);
	expect_body("", "", "", BYTES(OP_NOP, OP_LOCAL_GET, 0, OP_DROP, OP_END), "unknown local 0", 1);
}

/* Local types are found across several declarations, parameters first. */
static void test_local_types_across_declarations(void **state)
{
	expect_body("i", "", "IIf", BYTES(OP_LOCAL_GET, 0, OP_I32_EQZ, OP_DROP, OP_LOCAL_GET, 2, OP_I64_EQZ, OP_DROP,
		OP_LOCAL_GET, 3, OP_F32_NEG, OP_DROP, OP_END), NULL, 0);
	expect_body("i", "", "IIf", BYTES(OP_LOCAL_GET, 2, OP_I32_EQZ, OP_DROP, OP_END), "type mismatch", 2);
	expect_body("i", "", "IIf", BYTES(OP_LOCAL_GET, 3, OP_I64_EQZ, OP_DROP, OP_END), "type mismatch", 2);
	expect_body("i", "", "IIf", BYTES(OP_I32_CONST, 0, OP_LOCAL_SET, 1, OP_END), "type mismatch", 2);
}

static void test_global_set_immutable(void **state)
{
	struct mod_builder mb = { 0 };
	mb_global(&mb, 'i', true, BYTES(OP_I32_CONST, 0, OP_END));
	mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_I32_CONST, 1, OP_GLOBAL_SET, 0, OP_END));
	expect_valid(&mb);

	mb_global(&mb, 'i', false, BYTES(OP_I32_CONST, 0, OP_END));
	mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_I32_CONST, 1, OP_GLOBAL_SET, 0, OP_END));
	struct checked c;
	check(&c, &mb);
	assert_invalid(&c, "global is immutable", c.m.funcs[0].body_offset + 2);
	checked_free(&c);
}

static void test_select_on_funcref_needs_type(void **state)
{
	VALID("", "", OP_REF_NULL, WASM_VT_FUNCREF, OP_REF_NULL, WASM_VT_FUNCREF, OP_I32_CONST, 1,
		OP_SELECT_T, 1, WASM_VT_FUNCREF, OP_DROP, OP_END);
	INVALID("type mismatch", 6, "", "", OP_REF_NULL, WASM_VT_FUNCREF, OP_REF_NULL, WASM_VT_FUNCREF,
		OP_I32_CONST, 1, OP_SELECT, OP_DROP, OP_END);
	VALID("", "", OP_I64_CONST, 1, OP_I64_CONST, 2, OP_I32_CONST, 1, OP_SELECT, OP_DROP, OP_END);
	INVALID("type mismatch", 6, "", "", OP_I64_CONST, 1, OP_I32_CONST, 2, OP_I32_CONST, 1, OP_SELECT,
		OP_DROP, OP_END);
}

static void test_ref_func_undeclared(void **state)
{
	INVALID("undeclared function reference", 1, "", "", OP_NOP, OP_REF_FUNC, 0, OP_DROP, OP_END);

	/* An export declares it. */
	struct mod_builder mb = { 0 };
	uint32_t f = mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_REF_FUNC, 0, OP_DROP, OP_END));
	mb_export(&mb, "f", WASM_EXTERN_FUNC, f);
	expect_valid(&mb);

	/* So does a global's initializer. */
	mb_global(&mb, 'r', false, BYTES(OP_REF_FUNC, 0, OP_END));
	mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_REF_FUNC, 0, OP_DROP, OP_END));
	expect_valid(&mb);
}

static void test_alignment_larger_than_natural(void **state)
{
	struct mod_builder mb = { 0 };
	mb_memory(&mb, 1, false, 0);
	mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_I32_CONST, 0, OP_I32_LOAD, 2, 0, OP_DROP,
		OP_I32_CONST, 0, OP_I64_LOAD, 3, 0, OP_DROP, OP_END));
	expect_valid(&mb);

	mb_memory(&mb, 1, false, 0);
	mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_I32_CONST, 0, OP_I32_LOAD, 3, 0, OP_DROP, OP_END));
	struct checked c;
	check(&c, &mb);
	assert_invalid(&c, "alignment must not be larger than natural", c.m.funcs[0].body_offset + 2);
	checked_free(&c);
}

static void test_memory_op_without_memory(void **state)
{
	INVALID("unknown memory 0", 2, "", "", OP_I32_CONST, 0, OP_I32_LOAD, 2, 0, OP_DROP, OP_END);
	INVALID("unknown memory 0", 0, "", "", OP_MEMORY_SIZE, 0, OP_DROP, OP_END);
}

static void test_const_expr_with_i32_add(void **state)
{
	struct mod_builder mb = { 0 };
	mb_global(&mb, 'i', false, BYTES(OP_I32_CONST, 1, OP_END));
	expect_valid(&mb);

	mb_global(&mb, 'i', false, BYTES(OP_I32_CONST, 1, OP_I32_CONST, 2, OP_I32_ADD, OP_END));
	struct checked c;
	check(&c, &mb);
	assert_invalid(&c, "constant expression required", c.m.globals[0].init.offset + 4);
	checked_free(&c);
}

static void test_const_expr_type(void **state)
{
	struct mod_builder mb = { 0 };
	mb_global(&mb, 'I', false, BYTES(OP_I32_CONST, 1, OP_END));
	struct checked c;
	check(&c, &mb);
	assert_invalid(&c, "type mismatch", c.m.globals[0].init.offset + 2);
	checked_free(&c);
}

static void test_const_expr_global_get(void **state)
{
	/* An immutable imported global is constant; a mutable one is not. */
	struct mod_builder mb = { 0 };
	mb_import_global(&mb, "env", "g", 'i', false);
	mb_global(&mb, 'i', false, BYTES(OP_GLOBAL_GET, 0, OP_END));
	expect_valid(&mb);

	mb_import_global(&mb, "env", "g", 'i', true);
	mb_global(&mb, 'i', false, BYTES(OP_GLOBAL_GET, 0, OP_END));
	struct checked c;
	check(&c, &mb);
	assert_invalid(&c, "constant expression required", c.m.globals[1].init.offset);
	checked_free(&c);
}

static void test_duplicate_export_name(void **state)
{
	struct mod_builder mb = { 0 };
	uint32_t f = mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_END));
	mb_export(&mb, "a", WASM_EXTERN_FUNC, f);
	mb_export(&mb, "ab", WASM_EXTERN_FUNC, f);
	mb_export(&mb, "b", WASM_EXTERN_FUNC, f);
	expect_valid(&mb);

	f = mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_END));
	mb_export(&mb, "a", WASM_EXTERN_FUNC, f);
	mb_export(&mb, "ab", WASM_EXTERN_FUNC, f);
	mb_export(&mb, "a", WASM_EXTERN_FUNC, f);
	struct checked c;
	check(&c, &mb);
	assert_invalid(&c, "duplicate export name", c.m.exports[2].offset);
	checked_free(&c);
}

static void test_export_unknown_index(void **state)
{
	struct mod_builder mb = { 0 };
	mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_END));
	mb_export(&mb, "f", WASM_EXTERN_FUNC, 1);
	struct checked c;
	check(&c, &mb);
	assert_invalid(&c, "unknown function 1", c.m.exports[0].offset);
	checked_free(&c);
}

static void test_start_function_signature(void **state)
{
	struct mod_builder mb = { 0 };
	mb_start(&mb, mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_END)));
	expect_valid(&mb);

	mb_start(&mb, mb_func(&mb, mb_type(&mb, "i", ""), "", BYTES(OP_END)));
	struct checked c;
	check(&c, &mb);
	assert_invalid(&c, "start function", c.m.start_offset);
	checked_free(&c);

	mb_start(&mb, mb_func(&mb, mb_type(&mb, "", "i"), "", BYTES(OP_I32_CONST, 0, OP_END)));
	check(&c, &mb);
	assert_invalid(&c, "start function", c.m.start_offset);
	checked_free(&c);
}

static void test_memory_size_limit(void **state)
{
	static const char too_large[] = "memory size must be at most 65536 pages (4GiB)";
	struct mod_builder mb = { 0 };
	mb_memory(&mb, 1, true, 65536);
	expect_valid(&mb);

	struct checked c;
	mb_memory(&mb, 1, true, 65537);
	check(&c, &mb);
	assert_false(c.ok);
	assert_int_equal(c.err.kind, WASM_ERR_INVALID);
	assert_true(starts_with(c.err.message, too_large));
	checked_free(&c);

	mb_memory(&mb, 65537, false, 0);
	check(&c, &mb);
	assert_false(c.ok);
	assert_true(starts_with(c.err.message, too_large));
	checked_free(&c);

	mb_memory(&mb, 2, true, 1);
	check(&c, &mb);
	assert_false(c.ok);
	assert_int_equal(c.err.kind, WASM_ERR_INVALID);
	assert_true(starts_with(c.err.message, "size minimum must not be greater than maximum"));
	checked_free(&c);
}

/* The offset is the offending instruction's, in whichever function it is. */
static void test_error_in_second_function(void **state)
{
	struct mod_builder mb = { 0 };
	uint32_t t = mb_type(&mb, "", "i");
	mb_func(&mb, t, "", BYTES(OP_I32_CONST, 1, OP_END));
	mb_func(&mb, t, "", BYTES(OP_I32_CONST, 1, OP_I64_CONST, 1, OP_I32_ADD, OP_END));
	struct checked c;
	check(&c, &mb);
	assert_invalid(&c, "type mismatch", c.m.funcs[1].body_offset + 4);
	assert_int_equal(c.bytes.bytes[c.err.offset], OP_I32_ADD);
	checked_free(&c);
}

/* Validation errors are INVALID; what the decoder catches first stays MALFORMED. */
static void test_malformed_not_invalid(void **state)
{
	struct mod_builder mb = { 0 };
	/* A body whose br label is unknown AND which lacks its final end: decoding fails first. */
	mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_BR, 5));
	struct buf b = { 0 };
	mb_build(&mb, &b);
	mb_free(&mb);
	struct arena arena;
	arena_init(&arena);
	struct wasm_module m;
	struct wasm_error err;
	assert_false(wasm_decode(b.bytes, b.len, &arena, &m, &err));
	assert_int_equal(err.kind, WASM_ERR_MALFORMED);
	assert_true(starts_with(err.message, "END opcode expected"));
	arena_free(&arena);
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_i32_add_on_i32),
		cmocka_unit_test(test_i32_add_on_i64),
		cmocka_unit_test(test_i32_add_on_too_few_operands),
		cmocka_unit_test(test_result_missing_or_extra),
		cmocka_unit_test(test_unreachable_is_polymorphic),
		cmocka_unit_test(test_code_after_br_is_polymorphic),
		cmocka_unit_test(test_block_multi_value),
		cmocka_unit_test(test_loop_label_takes_params),
		cmocka_unit_test(test_br_unknown_label),
		cmocka_unit_test(test_br_table_arity_mismatch),
		cmocka_unit_test(test_if_without_else),
		cmocka_unit_test(test_else_branch_checked),
		cmocka_unit_test(test_local_get_out_of_range),
		cmocka_unit_test(test_local_types_across_declarations),
		cmocka_unit_test(test_global_set_immutable),
		cmocka_unit_test(test_select_on_funcref_needs_type),
		cmocka_unit_test(test_ref_func_undeclared),
		cmocka_unit_test(test_alignment_larger_than_natural),
		cmocka_unit_test(test_memory_op_without_memory),
		cmocka_unit_test(test_const_expr_with_i32_add),
		cmocka_unit_test(test_const_expr_type),
		cmocka_unit_test(test_const_expr_global_get),
		cmocka_unit_test(test_duplicate_export_name),
		cmocka_unit_test(test_export_unknown_index),
		cmocka_unit_test(test_start_function_signature),
		cmocka_unit_test(test_memory_size_limit),
		cmocka_unit_test(test_error_in_second_function),
		cmocka_unit_test(test_malformed_not_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
