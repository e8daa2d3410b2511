/*
 * The component decoder and validator on small hand-assembled components:
 * the preamble, types and index spaces, imports and exports with their names,
 * canonical options, core instantiation wiring, the Canonical ABI's
 * flattening, and malformed, invalid and unsupported input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "builder.h"
#include "component.h"

enum { SEC_CORE_MODULE = 1, SEC_CORE_INSTANCE = 2, SEC_COMPONENT = 4, SEC_ALIAS = 6, SEC_TYPE = 7,
	SEC_CANON = 8, SEC_IMPORT = 10, SEC_EXPORT = 11, SEC_VALUE = 12 };

struct decoded {
	struct arena arena;
	struct component c;
	struct wasm_error err;
	bool ok;
};

static void comp_header(struct buf *b)
{
	buf_put(b, 0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00);
}

/* A section with the given bytes. */
static void section(struct buf *b, uint8_t id, const uint8_t *bytes, size_t n)
{
	struct buf c = { 0 };
	buf_append(&c, bytes, n);
	buf_section(b, id, &c);
	buf_free(&c);
}

/* An import or export name: the 0x00 prefix, then the name. */
static void extern_name(struct buf *b, const char *name)
{
	buf_byte(b, 0x00);
	buf_name(b, name);
}

static void decode(struct decoded *d, const struct buf *b, bool validate)
{
	arena_init(&d->arena);
	d->ok = component_decode(b->bytes, b->len, &d->arena, &d->c, &d->err);
	if (d->ok && validate)
		d->ok = component_validate(&d->c, &d->arena, &d->err);
}

static void expect_ok(struct decoded *d, struct buf *b)
{
	decode(d, b, true);
	if (!d->ok)
		fail_msg("failed at 0x%zx: %s", d->err.offset, d->err.message);
}

/* Decodes (and validates), expects the error, frees everything. */
static void expect_error(struct buf *b, enum wasm_error_kind kind, const char *message, size_t offset)
{
	struct decoded d;
	decode(&d, b, true);
	assert_false(d.ok);
	if (!starts_with(d.err.message, message))
		fail_msg("\"%s\" is not \"%s\"", d.err.message, message);
	assert_int_equal(d.err.kind, kind);
	if (offset != SIZE_MAX)
		assert_int_equal(d.err.offset, offset);
	arena_free(&d.arena);
	buf_free(b);
}

static void test_empty_component(void **state)
{
	(void)state;
	struct buf b = { 0 };
	comp_header(&b);
	assert_true(component_is_component(b.bytes, b.len));
	struct decoded d;
	expect_ok(&d, &b);
	for (int s = 0; s < COMP_SORT_COUNT; s++)
		assert_int_equal(d.c.spaces[s].count, 0);
	arena_free(&d.arena);
	buf_free(&b);
}

static void test_version_and_truncation(void **state)
{
	(void)state;
	struct buf b = { 0 };
	buf_put(&b, 0x00, 0x61, 0x73, 0x6d, 0x0c, 0x00, 0x01, 0x00);
	expect_error(&b, WASM_ERR_UNSUPPORTED, "component binary version 0xc is not supported", 4);

	comp_header(&b);
	buf_put(&b, SEC_TYPE, 0x05, 0x01);
	expect_error(&b, WASM_ERR_MALFORMED, "length out of bounds", 10);

	comp_header(&b);
	buf_put(&b, 0x0d, 0x00);
	expect_error(&b, WASM_ERR_MALFORMED, "malformed section id", 8);
}

/* type 0: record { x: u32 }; type 1: func(r: 0) -> string; import "do-it" (func 1); export "run-it" (func 0) */
static void record_func_component(struct buf *b, const char *import_name)
{
	comp_header(b);
	section(b, SEC_TYPE, BYTES(0x02, 0x72, 0x01, 0x01, 'x', 0x79, 0x40, 0x01, 0x01, 'r', 0x00, 0x00, 0x73));
	struct buf c = { 0 };
	buf_byte(&c, 1);
	extern_name(&c, import_name);
	buf_put(&c, 0x01, 0x01);
	buf_section(b, SEC_IMPORT, &c);
	buf_free(&c);
	buf_byte(&c, 1);
	extern_name(&c, "run-it");
	buf_put(&c, 0x01, 0x00, 0x00);
	buf_section(b, SEC_EXPORT, &c);
	buf_free(&c);
}

static void test_types_imports_exports(void **state)
{
	(void)state;
	struct buf b = { 0 };
	record_func_component(&b, "do-it");
	struct decoded d;
	expect_ok(&d, &b);
	assert_int_equal(d.c.spaces[COMP_SORT_TYPE].count, 2);
	assert_int_equal(d.c.spaces[COMP_SORT_FUNC].count, 2); /* the import, and the export's new index */
	const struct comp_type *ft = d.c.spaces[COMP_SORT_FUNC].items[0].type;
	assert_int_equal(ft->kind, COMP_TYPE_FUNC);
	assert_int_equal(ft->field_count, 1);
	assert_int_equal(ft->fields[0].type->kind, COMP_TYPE_RECORD);
	assert_int_equal(ft->elem->prim, COMP_PRIM_STRING);
	assert_int_equal(d.c.type->import_count, 1);
	assert_int_equal(d.c.type->export_count, 1);

	struct wasm_func_type lower, lift;
	assert_true(comp_flatten_functype(ft, true, &d.arena, &lower));
	assert_true(comp_flatten_functype(ft, false, &d.arena, &lift));
	/* lower: the record's u32, then a pointer to the return area for the string */
	assert_int_equal(lower.param_count, 2);
	assert_int_equal(lower.result_count, 0);
	/* lift: the u32; the string comes back through a pointer */
	assert_int_equal(lift.param_count, 1);
	assert_int_equal(lift.result_count, 1);
	bool memory, realloc;
	comp_abi_needs(ft, true, &memory, &realloc);
	assert_true(memory && realloc);
	comp_abi_needs(ft, false, &memory, &realloc);
	assert_true(memory && !realloc);
	arena_free(&d.arena);
	buf_free(&b);
}

static void test_names(void **state)
{
	(void)state;
	static const struct { const char *name; bool ok; } cases[] = {
		{ "do-it", true }, { "HTTP-get", true }, { "a1-b2", true }, { "wasi:cli/run@0.2.0", true },
		{ "wasi:cli/run", true }, { "wasi:cli/run@0.2.0-rc-2023-12-05", true }, { "wasi:io/poll@1.0.0+build.7", true },
		{ "[method]output-stream.write", true }, { "[constructor]file", true }, { "[static]file.open", true },
		{ "Bad_Name", false }, { "-lead", false }, { "trail-", false }, { "a--b", false }, { "mIxed", false },
		{ "1st", false }, { "wasi:cli/run@0.2", false }, { "wasi:cli/run@01.2.0", false },
		{ "wasi:cli@0.2.0", false }, { "wasi/cli:run", false }, { "[method]stream", false }, { "[other]x", false },
		{ "", false }, { "wasi:cli/run@0.2.0-01", false },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct wasm_name n = { cases[i].name, (uint32_t)strlen(cases[i].name) };
		if ((comp_name_check(&n, true) == NULL) != cases[i].ok)
			fail_msg("'%s' should be %s", cases[i].name, cases[i].ok ? "accepted" : "rejected");
	}
	struct buf b = { 0 };
	record_func_component(&b, "Bad_Name");
	expect_error(&b, WASM_ERR_INVALID, "import 'Bad_Name': a name must be a kebab-case label", SIZE_MAX);
}

static void test_invalid_references(void **state)
{
	(void)state;
	struct buf b = { 0 };
	/* func(p: type 5): no type 5 yet */
	comp_header(&b);
	section(&b, SEC_TYPE, BYTES(0x01, 0x40, 0x01, 0x01, 'p', 0x05, 0x01, 0x00));
	expect_error(&b, WASM_ERR_INVALID, "unknown type 5", 15);

	/* own<u32>: not a resource */
	comp_header(&b);
	section(&b, SEC_TYPE, BYTES(0x02, 0x79, 0x69, 0x00));
	expect_error(&b, WASM_ERR_INVALID, "type 0 is not a resource type", 13);

	/* alias export of instance 0, which does not exist */
	comp_header(&b);
	section(&b, SEC_ALIAS, BYTES(0x01, 0x01, 0x00, 0x00, 0x01, 'f'));
	expect_error(&b, WASM_ERR_INVALID, "unknown instance 0", 12);

	/* duplicate record labels */
	comp_header(&b);
	section(&b, SEC_TYPE, BYTES(0x01, 0x72, 0x02, 0x01, 'a', 0x79, 0x01, 'a', 0x79));
	expect_error(&b, WASM_ERR_INVALID, "duplicate label 'a'", SIZE_MAX);
}

/* Instance type { export "f" (func (type 0)) } imported as "wasi:x/y@0.1.0", then alias export "g": no such export. */
static void test_alias_missing_export(void **state)
{
	(void)state;
	struct buf b = { 0 };
	comp_header(&b);
	section(&b, SEC_TYPE, BYTES(0x02, 0x40, 0x00, 0x01, 0x00, 0x42, 0x02, 0x01, 0x40, 0x00, 0x01, 0x00, 0x04, 0x00,
			0x01, 'f', 0x01, 0x00));
	struct buf c = { 0 };
	buf_byte(&c, 1);
	extern_name(&c, "wasi:x/y@0.1.0");
	buf_put(&c, 0x05, 0x01);
	buf_section(&b, SEC_IMPORT, &c);
	buf_free(&c);
	struct buf ok = { 0 };
	buf_append(&ok, b.bytes, b.len);
	section(&ok, SEC_ALIAS, BYTES(0x01, 0x01, 0x00, 0x00, 0x01, 'f'));
	struct decoded d;
	expect_ok(&d, &ok);
	assert_int_equal(d.c.spaces[COMP_SORT_FUNC].count, 1);
	assert_int_equal(d.c.spaces[COMP_SORT_FUNC].items[0].origin, COMP_FROM_ALIAS);
	arena_free(&d.arena);
	buf_free(&ok);
	section(&b, SEC_ALIAS, BYTES(0x01, 0x01, 0x00, 0x00, 0x01, 'g'));
	expect_error(&b, WASM_ERR_INVALID, "instance 0 has no export named 'g'", SIZE_MAX);
}

static void test_canon_lower_needs_memory(void **state)
{
	(void)state;
	struct buf b = { 0 };
	record_func_component(&b, "do-it");
	section(&b, SEC_CANON, BYTES(0x01, 0x01, 0x00, 0x00, 0x00));
	expect_error(&b, WASM_ERR_INVALID, "canonical lower of func 0 needs a memory option", SIZE_MAX);

	record_func_component(&b, "do-it");
	section(&b, SEC_CANON, BYTES(0x01, 0x01, 0x00, 0x00, 0x02, 0x00, 0x01)); /* utf8, then utf16 */
	expect_error(&b, WASM_ERR_INVALID, "duplicate or conflicting canonical option", SIZE_MAX);

	record_func_component(&b, "do-it");
	section(&b, SEC_CANON, BYTES(0x01, 0x01, 0x00, 0x00, 0x01, 0x06));
	expect_error(&b, WASM_ERR_UNSUPPORTED, "the async canonical options is not supported yet", SIZE_MAX);
}

/*
 * A core module importing m.f: (func (param i32)); a defined resource whose
 * resource.drop is core func 0; a core instance exporting it as "f";
 * instantiate the module with m = that instance.
 */
static void core_wiring_component(struct buf *b, uint8_t param_type, bool with_arg)
{
	comp_header(b);
	struct buf m = { 0 };
	buf_put(&m, 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00);
	section(&m, 1, BYTES(0x01, 0x60, 0x01, param_type, 0x00));
	section(&m, 2, BYTES(0x01, 0x01, 'm', 0x01, 'f', 0x00, 0x00));
	buf_section(b, SEC_CORE_MODULE, &m);
	buf_free(&m);
	section(b, SEC_TYPE, BYTES(0x01, 0x3f, 0x7f, 0x00));
	section(b, SEC_CANON, BYTES(0x01, 0x03, 0x00));
	section(b, SEC_CORE_INSTANCE, BYTES(0x01, 0x01, 0x01, 0x01, 'f', 0x00, 0x00));
	if (with_arg)
		section(b, SEC_CORE_INSTANCE, BYTES(0x01, 0x00, 0x00, 0x01, 0x01, 'm', 0x12, 0x00));
	else
		section(b, SEC_CORE_INSTANCE, BYTES(0x01, 0x00, 0x00, 0x00));
}

static void test_core_instantiation(void **state)
{
	(void)state;
	struct buf b = { 0 };
	core_wiring_component(&b, WASM_VT_I32, true);
	struct decoded d;
	expect_ok(&d, &b);
	assert_int_equal(d.c.core_module_count, 1);
	assert_int_equal(d.c.core_instance_count, 2);
	assert_int_equal(d.c.core_instances[1].kind, COMP_INSTANTIATE);
	assert_int_equal(d.c.core_instances[1].args[0].instance, 0);
	assert_int_equal(d.c.canons[0].kind, COMP_CANON_RESOURCE_DROP);
	arena_free(&d.arena);
	buf_free(&b);

	core_wiring_component(&b, WASM_VT_I64, true);
	expect_error(&b, WASM_ERR_INVALID, "core module 0 import 'm' 'f' has type (i64) -> (), the argument (i32) -> ()",
			SIZE_MAX);
	core_wiring_component(&b, WASM_VT_I32, false);
	expect_error(&b, WASM_ERR_INVALID, "core module 0 imports 'm' but no argument of that name is given", SIZE_MAX);
}

static void test_core_module_errors_in_place(void **state)
{
	(void)state;
	struct buf b = { 0 };
	comp_header(&b);
	section(&b, SEC_CORE_MODULE, BYTES(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00));
	/* The core decoder's error, at its offset in the file: the module starts at 10, its type section ends early. */
	expect_error(&b, WASM_ERR_MALFORMED, "length out of bounds", 10 + 10);
}

static void test_unsupported(void **state)
{
	(void)state;
	struct buf b = { 0 };
	comp_header(&b);
	section(&b, SEC_VALUE, BYTES(0x00));
	expect_error(&b, WASM_ERR_UNSUPPORTED, "the value section is not supported yet", 8);

	comp_header(&b);
	section(&b, SEC_TYPE, BYTES(0x01, 0x66, 0x00));
	expect_error(&b, WASM_ERR_UNSUPPORTED, "the stream type is not supported yet", 11);

	comp_header(&b);
	section(&b, SEC_TYPE, BYTES(0x01, 0x70, 0x64));
	expect_error(&b, WASM_ERR_UNSUPPORTED, "the error-context type is not supported yet", 12);

	comp_header(&b);
	section(&b, SEC_CANON, BYTES(0x01, 0x09, 0x00));
	expect_error(&b, WASM_ERR_UNSUPPORTED, "this canonical built-in", 11);
}

static void test_resource_new_needs_own_resource(void **state)
{
	(void)state;
	/* An instance type exporting an abstract resource, imported; alias the type; resource.new on it. */
	struct buf b = { 0 };
	comp_header(&b);
	section(&b, SEC_TYPE, BYTES(0x01, 0x42, 0x01, 0x04, 0x00, 0x01, 'r', 0x03, 0x01));
	struct buf c = { 0 };
	buf_byte(&c, 1);
	extern_name(&c, "wasi:x/y@0.1.0");
	buf_put(&c, 0x05, 0x00);
	buf_section(&b, SEC_IMPORT, &c);
	buf_free(&c);
	section(&b, SEC_ALIAS, BYTES(0x01, 0x03, 0x00, 0x00, 0x01, 'r'));
	struct buf drop = { 0 };
	buf_append(&drop, b.bytes, b.len);
	section(&drop, SEC_CANON, BYTES(0x01, 0x03, 0x01));
	struct decoded d;
	expect_ok(&d, &drop);
	arena_free(&d.arena);
	buf_free(&drop);
	section(&b, SEC_CANON, BYTES(0x01, 0x02, 0x01));
	expect_error(&b, WASM_ERR_INVALID, "resource.new and resource.rep need a resource this component defines",
			SIZE_MAX);
}

static void test_nesting_limit(void **state)
{
	(void)state;
	/* 100 components, each the only section of the one around it. */
	struct buf inner = { 0 };
	comp_header(&inner);
	for (int i = 0; i < 100; i++) {
		struct buf outer = { 0 };
		comp_header(&outer);
		buf_section(&outer, SEC_COMPONENT, &inner);
		buf_free(&inner);
		inner = outer;
	}
	expect_error(&inner, WASM_ERR_LIMIT, "components nested too deeply", SIZE_MAX);
}

static struct comp_type prim(uint8_t p)
{
	return (struct comp_type){ .kind = COMP_TYPE_PRIM, .prim = p };
}

static void test_flattening(void **state)
{
	(void)state;
	struct arena arena;
	arena_init(&arena);
	struct comp_type f32 = prim(COMP_PRIM_F32), u32 = prim(COMP_PRIM_U32), u64 = prim(COMP_PRIM_U64),
		str = prim(COMP_PRIM_STRING);
	/* variant { a(f32), b(u32) } joins to i32; with b(u64) to i64 */
	struct comp_field cases[2] = { { { "a", 1 }, &f32 }, { { "b", 1 }, &u32 } };
	struct comp_type variant = { .kind = COMP_TYPE_VARIANT, .field_count = 2, .fields = cases };
	struct comp_field params[1] = { { { "v", 1 }, &variant } };
	struct comp_type ft = { .kind = COMP_TYPE_FUNC, .field_count = 1, .fields = params };
	struct wasm_func_type out;
	assert_true(comp_flatten_functype(&ft, false, &arena, &out));
	assert_int_equal(out.param_count, 2);
	assert_int_equal(out.params[0], WASM_VT_I32);
	assert_int_equal(out.params[1], WASM_VT_I32);
	cases[1].type = &u64;
	assert_true(comp_flatten_functype(&ft, false, &arena, &out));
	assert_int_equal(out.params[1], WASM_VT_I64);

	/* result<u32, string> as a result: lifted through one pointer, lowered into a return area */
	struct comp_type result = { .kind = COMP_TYPE_RESULT, .elem = &u32, .error = &str };
	struct comp_type ft2 = { .kind = COMP_TYPE_FUNC, .elem = &result };
	assert_true(comp_flatten_functype(&ft2, false, &arena, &out));
	assert_int_equal(out.param_count, 0);
	assert_int_equal(out.result_count, 1);
	assert_true(comp_flatten_functype(&ft2, true, &arena, &out));
	assert_int_equal(out.param_count, 1);
	assert_int_equal(out.result_count, 0);

	/* 17 flat parameters spill into one pointer */
	struct comp_field many[17];
	for (int i = 0; i < 17; i++)
		many[i] = (struct comp_field){ { "p", 1 }, &u32 };
	struct comp_type ft3 = { .kind = COMP_TYPE_FUNC, .field_count = 17, .fields = many };
	assert_true(comp_flatten_functype(&ft3, true, &arena, &out));
	assert_int_equal(out.param_count, 1);
	bool memory, realloc;
	comp_abi_needs(&ft3, false, &memory, &realloc);
	assert_true(memory && realloc);
	arena_free(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_component),
		cmocka_unit_test(test_version_and_truncation),
		cmocka_unit_test(test_types_imports_exports),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_invalid_references),
		cmocka_unit_test(test_alias_missing_export),
		cmocka_unit_test(test_canon_lower_needs_memory),
		cmocka_unit_test(test_core_instantiation),
		cmocka_unit_test(test_core_module_errors_in_place),
		cmocka_unit_test(test_unsupported),
		cmocka_unit_test(test_resource_new_needs_own_resource),
		cmocka_unit_test(test_nesting_limit),
		cmocka_unit_test(test_flattening),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
