/*
 * The binary decoder on small hand-assembled modules: the header, section
 * order and sizes, cross-section counts, custom and name sections, counts
 * too large for the input, and opcodes it does not know or support.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "builder.h"
#include "module.h"

struct decoded {
	struct arena arena;
	struct wasm_module m;
	struct wasm_error err;
	bool ok;
};

static void decode(struct decoded *d, const struct buf *b)
{
	arena_init(&d->arena);
	d->ok = wasm_decode(b->bytes, b->len, &d->arena, &d->m, &d->err);
}

static void decode_ok(struct decoded *d, const struct buf *b)
{
	decode(d, b);
	if (!d->ok)
		fail_msg("decode failed at %zu: %s", d->err.offset, d->err.message);
	assert_int_equal(d->err.kind, WASM_ERR_NONE);
}

/* Decodes, expects the error, frees everything. */
static void expect_error(struct buf *b, enum wasm_error_kind kind, const char *message, size_t offset)
{
	struct decoded d;
	decode(&d, b);
	assert_false(d.ok);
	assert_int_equal(d.err.kind, kind);
	if (!starts_with(d.err.message, message))
		fail_msg("\"%s\" is not \"%s\"", d.err.message, message);
	assert_int_equal(d.err.offset, offset);
	arena_free(&d.arena);
	buf_free(b);
}

/* The header, then one section with the given contents. */
static void one_section(struct buf *b, uint8_t id, const uint8_t *contents, size_t n)
{
	struct buf c = { 0 };
	buf_append(&c, contents, n);
	buf_header(b);
	buf_section(b, id, &c);
	buf_free(&c);
}

static void test_empty_module(void **state)
{
	struct buf b = { 0 };
	buf_header(&b);
	struct decoded d;
	decode_ok(&d, &b);
	assert_int_equal(d.m.size, 8);
	assert_ptr_equal(d.m.bytes, b.bytes);
	assert_int_equal(d.m.section_count, 0);
	assert_int_equal(d.m.type_count, 0);
	assert_int_equal(d.m.func_count, 0);
	assert_false(d.m.has_start);
	arena_free(&d.arena);
	buf_free(&b);
}

static void test_bad_magic(void **state)
{
	struct buf b = { 0 };
	buf_put(&b, 0x00, 0x61, 0x73, 0x6e, 0x01, 0x00, 0x00, 0x00);
	expect_error(&b, WASM_ERR_MALFORMED, "magic header not detected", 0);
}

static void test_truncated_header(void **state)
{
	struct buf b = { 0 };
	buf_put(&b, 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00);
	expect_error(&b, WASM_ERR_MALFORMED, "unexpected end", 6);
	buf_put(&b, 0x00, 0x61);
	expect_error(&b, WASM_ERR_MALFORMED, "unexpected end", 2);
}

static void test_bad_version(void **state)
{
	struct buf b = { 0 };
	buf_put(&b, 0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00);
	expect_error(&b, WASM_ERR_MALFORMED, "unknown binary version", 4);
	buf_put(&b, 0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x01);
	expect_error(&b, WASM_ERR_MALFORMED, "unknown binary version", 4);
}

static void test_component_header(void **state)
{
	struct buf b = { 0 };
	buf_put(&b, 0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00);
	struct decoded d;
	decode(&d, &b);
	assert_false(d.ok);
	assert_int_equal(d.err.kind, WASM_ERR_MALFORMED);
	assert_int_equal(d.err.offset, 4);
	assert_non_null(strstr(d.err.message, "component"));
	arena_free(&d.arena);
	buf_free(&b);
}

static void test_type_function_code(void **state)
{
	struct mod_builder mb = { 0 };
	uint32_t t0 = mb_type(&mb, "iI", "i");
	uint32_t t1 = mb_type(&mb, "", "");
	const uint8_t body0[] = { OP_LOCAL_GET, 0, OP_END };
	const uint8_t body1[] = { OP_NOP, OP_NOP, OP_END };
	mb_func(&mb, t0, "ffi", body0, sizeof(body0));
	mb_func(&mb, t1, "", body1, sizeof(body1));
	struct buf b = { 0 };
	mb_build(&mb, &b);
	struct decoded d;
	decode_ok(&d, &b);

	assert_int_equal(d.m.type_count, 2);
	assert_int_equal(d.m.types[0].param_count, 2);
	assert_int_equal(d.m.types[0].params[0], WASM_VT_I32);
	assert_int_equal(d.m.types[0].params[1], WASM_VT_I64);
	assert_int_equal(d.m.types[0].result_count, 1);
	assert_int_equal(d.m.types[0].results[0], WASM_VT_I32);
	assert_int_equal(d.m.types[1].param_count, 0);
	assert_int_equal(d.m.types[1].result_count, 0);

	assert_int_equal(d.m.func_count, 2);
	assert_int_equal(d.m.imported_func_count, 0);
	assert_int_equal(d.m.funcs[0].type_index, 0);
	assert_int_equal(d.m.funcs[1].type_index, 1);
	assert_int_equal(d.m.funcs[0].local_decl_count, 2);
	assert_int_equal(d.m.funcs[0].local_count, 3);
	assert_int_equal(d.m.funcs[0].local_decls[0].count, 2);
	assert_int_equal(d.m.funcs[0].local_decls[0].type, WASM_VT_F32);
	assert_int_equal(d.m.funcs[1].local_count, 0);

	/* Sections: type, function, code; the code section's contents are count, then entries. */
	assert_int_equal(d.m.section_count, 3);
	assert_int_equal(d.m.sections[2].id, WASM_SEC_CODE);
	size_t code_contents = d.m.sections[2].offset + 2;
	assert_int_equal(d.m.funcs[0].code_offset, code_contents + 1);
	/* Entry: size, 2 local declarations (count, then 2 bytes each), body. */
	assert_int_equal(d.m.funcs[0].body_offset, d.m.funcs[0].code_offset + 1 + 1 + 4);
	assert_int_equal(d.m.funcs[0].body_end, d.m.funcs[0].body_offset + sizeof(body0));
	assert_memory_equal(b.bytes + d.m.funcs[0].body_offset, body0, sizeof(body0));
	assert_int_equal(d.m.funcs[1].code_offset, d.m.funcs[0].body_end);
	assert_int_equal(d.m.funcs[1].body_offset, d.m.funcs[1].code_offset + 2);
	assert_int_equal(d.m.funcs[1].body_end, b.len);
	assert_memory_equal(b.bytes + d.m.funcs[1].body_offset, body1, sizeof(body1));

	arena_free(&d.arena);
	buf_free(&b);
	mb_free(&mb);
}

static void test_section_out_of_order(void **state)
{
	struct buf b = { 0 };
	struct buf memory = { 0 }, types = { 0 };
	buf_put(&memory, 0x01, 0x00, 0x01); /* one memory, min 1 */
	buf_put(&types, 0x00);
	buf_header(&b);
	buf_section(&b, WASM_SEC_MEMORY, &memory);
	size_t second = b.len;
	buf_section(&b, WASM_SEC_TYPE, &types);
	buf_free(&memory);
	buf_free(&types);
	expect_error(&b, WASM_ERR_MALFORMED, "unexpected content after last section", second);
}

/* The data count section comes before the code section although its id is larger. */
static void test_data_count_before_code(void **state)
{
	struct mod_builder mb = { 0 };
	mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_END));
	mb_data_count(&mb, 0);
	struct buf b = { 0 };
	mb_build(&mb, &b);
	struct decoded d;
	decode_ok(&d, &b);
	assert_true(d.m.has_data_count);
	assert_int_equal(d.m.sections[2].id, WASM_SEC_DATA_COUNT);
	assert_int_equal(d.m.sections[3].id, WASM_SEC_CODE);
	arena_free(&d.arena);
	buf_free(&b);
	mb_free(&mb);
}

static void test_duplicate_section(void **state)
{
	struct buf b = { 0 };
	struct buf types = { 0 };
	buf_put(&types, 0x00);
	buf_header(&b);
	buf_section(&b, WASM_SEC_TYPE, &types);
	size_t second = b.len;
	buf_section(&b, WASM_SEC_TYPE, &types);
	buf_free(&types);
	expect_error(&b, WASM_ERR_MALFORMED, "unexpected content after last section", second);
}

/* Custom sections may appear anywhere, and repeat. */
static void test_custom_sections_anywhere(void **state)
{
	struct buf b = { 0 };
	struct buf custom = { 0 }, types = { 0 };
	buf_name(&custom, "a");
	buf_put(&custom, 0xff, 0xfe);
	buf_put(&types, 0x00);
	buf_header(&b);
	buf_section(&b, WASM_SEC_CUSTOM, &custom);
	buf_section(&b, WASM_SEC_TYPE, &types);
	buf_section(&b, WASM_SEC_CUSTOM, &custom);
	struct decoded d;
	decode_ok(&d, &b);
	assert_int_equal(d.m.custom_count, 2);
	assert_int_equal(d.m.customs[0].name.len, 1);
	assert_memory_equal(d.m.customs[0].name.str, "a", 1);
	assert_int_equal(d.m.customs[0].size, 2);
	assert_int_equal(d.m.customs[0].payload[0], 0xff);
	assert_int_equal(d.m.customs[0].offset, 8);
	assert_int_equal(d.m.customs[1].offset, 8 + 2 + custom.len + 2 + types.len);
	arena_free(&d.arena);
	buf_free(&b);
	buf_free(&custom);
	buf_free(&types);
}

static void test_section_size_larger_than_contents(void **state)
{
	struct buf b = { 0 };
	/* A type section of 3 bytes holding a vector of 0 types: 2 bytes too many. */
	one_section(&b, WASM_SEC_TYPE, BYTES(0x00, 0x00, 0x00));
	expect_error(&b, WASM_ERR_MALFORMED, "section size mismatch", 8 + 2 + 1);
}

static void test_section_size_smaller_than_contents(void **state)
{
	struct buf b = { 0 };
	/* One type (i32) -> () needs 5 bytes; the section holds 4 and a byte follows it. */
	buf_header(&b);
	buf_put(&b, WASM_SEC_TYPE, 0x04, 0x01, 0x60, 0x01, WASM_VT_I32, 0x00);
	expect_error(&b, WASM_ERR_MALFORMED, "unexpected end of section or function", 8 + 2 + 4);
}

static void test_section_size_past_end_of_file(void **state)
{
	struct buf b = { 0 };
	buf_header(&b);
	buf_put(&b, WASM_SEC_TYPE, 0x05, 0x00);
	/* Reported where the contents would start. */
	expect_error(&b, WASM_ERR_MALFORMED, "length out of bounds", 10);
}

static void test_unknown_section_id(void **state)
{
	struct buf b = { 0 };
	one_section(&b, 14, BYTES(0x00));
	expect_error(&b, WASM_ERR_MALFORMED, "malformed section id", 8);
}

static void test_function_without_code(void **state)
{
	struct buf b = { 0 };
	struct buf types = { 0 }, funcs = { 0 };
	buf_put(&types, 0x01, 0x60, 0x00, 0x00);
	buf_put(&funcs, 0x01, 0x00);
	buf_header(&b);
	buf_section(&b, WASM_SEC_TYPE, &types);
	buf_section(&b, WASM_SEC_FUNCTION, &funcs);
	buf_free(&types);
	buf_free(&funcs);
	size_t end = b.len;
	expect_error(&b, WASM_ERR_MALFORMED, "function and code section have inconsistent lengths", end);
}

static void test_function_code_count_mismatch(void **state)
{
	struct mod_builder mb = { 0 };
	uint32_t t = mb_type(&mb, "", "");
	mb_func(&mb, t, "", BYTES(OP_END));
	mb_func(&mb, t, "", BYTES(OP_END));
	mb.count[WASM_SEC_CODE] = 1; /* two functions declared, one body counted */
	struct buf b = { 0 };
	mb_build(&mb, &b);
	mb_free(&mb);
	/* The error is at the code section's count, after its id and size. */
	size_t count_at = b.len - 2 * 3 - 1;
	expect_error(&b, WASM_ERR_MALFORMED, "function and code section have inconsistent lengths", count_at);
}

static void test_code_without_function(void **state)
{
	struct buf b = { 0 };
	one_section(&b, WASM_SEC_CODE, BYTES(0x01, 0x02, 0x00, OP_END));
	expect_error(&b, WASM_ERR_MALFORMED, "function and code section have inconsistent lengths", 10);
}

static void test_data_count_mismatch(void **state)
{
	struct buf b = { 0 };
	struct buf memory = { 0 }, count = { 0 }, data = { 0 };
	buf_put(&memory, 0x01, 0x00, 0x01);
	buf_put(&count, 0x02);
	buf_put(&data, 0x01, 0x01, 0x02, 'h', 'i'); /* one passive segment "hi" */
	buf_header(&b);
	buf_section(&b, WASM_SEC_MEMORY, &memory);
	buf_section(&b, WASM_SEC_DATA_COUNT, &count);
	size_t data_at = b.len;
	buf_section(&b, WASM_SEC_DATA, &data);
	expect_error(&b, WASM_ERR_MALFORMED, "data count and data section have inconsistent lengths", data_at + 2);

	/* Agreeing counts decode. */
	count.bytes[0] = 0x01;
	buf_header(&b);
	buf_section(&b, WASM_SEC_MEMORY, &memory);
	buf_section(&b, WASM_SEC_DATA_COUNT, &count);
	buf_section(&b, WASM_SEC_DATA, &data);
	struct decoded d;
	decode_ok(&d, &b);
	assert_int_equal(d.m.data_count, 1);
	assert_int_equal(d.m.data_segment_count, 1);
	assert_int_equal(d.m.datas[0].mode, WASM_SEG_PASSIVE);
	assert_int_equal(d.m.datas[0].size, 2);
	assert_memory_equal(d.m.datas[0].bytes, "hi", 2);
	arena_free(&d.arena);
	buf_free(&b);

	/* A data count without a data section. */
	buf_header(&b);
	buf_section(&b, WASM_SEC_MEMORY, &memory);
	buf_section(&b, WASM_SEC_DATA_COUNT, &count);
	size_t end = b.len;
	expect_error(&b, WASM_ERR_MALFORMED, "data count and data section have inconsistent lengths", end);

	buf_free(&memory);
	buf_free(&count);
	buf_free(&data);
}

static void test_custom_section_bad_utf8_name(void **state)
{
	struct buf b = { 0 };
	one_section(&b, WASM_SEC_CUSTOM, BYTES(0x03, 0xed, 0xa0, 0x80, 0x00));
	expect_error(&b, WASM_ERR_MALFORMED, "malformed UTF-8 encoding", 10);
}

static void test_custom_section_name_past_section(void **state)
{
	struct buf b = { 0 };
	buf_header(&b);
	buf_put(&b, WASM_SEC_CUSTOM, 0x02, 0x05, 'a');
	buf_put(&b, WASM_SEC_CUSTOM, 0x02, 0x01, 'b');
	expect_error(&b, WASM_ERR_MALFORMED, "length out of bounds", 10);
}

/* A module with two functions and a name section built from the given subsections. */
static void module_with_names(struct buf *b, const struct buf *subsections)
{
	struct mod_builder mb = { 0 };
	uint32_t t = mb_type(&mb, "", "");
	mb_func(&mb, t, "", BYTES(OP_END));
	mb_func(&mb, t, "", BYTES(OP_END));
	mb_build(&mb, b);
	mb_free(&mb);
	struct buf custom = { 0 };
	buf_name(&custom, "name");
	buf_append(&custom, subsections->bytes, subsections->len);
	buf_section(b, WASM_SEC_CUSTOM, &custom);
	buf_free(&custom);
}

static void expect_name(const struct wasm_module *m, uint32_t func, const char *name)
{
	const struct wasm_name *n = wasm_func_name(m, func);
	assert_non_null(n);
	assert_int_equal(n->len, strlen(name));
	assert_memory_equal(n->str, name, n->len);
}

static void test_name_section(void **state)
{
	struct buf module_name = { 0 }, func_names = { 0 }, subsections = { 0 };
	buf_name(&module_name, "mod");
	buf_put(&func_names, 0x02);
	buf_u32(&func_names, 0);
	buf_name(&func_names, "first");
	buf_u32(&func_names, 1);
	buf_name(&func_names, "sécond");
	buf_section(&subsections, 0, &module_name);
	buf_section(&subsections, 1, &func_names);
	buf_section(&subsections, 2, &module_name); /* local names: skipped */
	struct buf b = { 0 };
	module_with_names(&b, &subsections);

	struct decoded d;
	decode_ok(&d, &b);
	assert_true(d.m.has_module_name);
	assert_int_equal(d.m.module_name.len, 3);
	assert_memory_equal(d.m.module_name.str, "mod", 3);
	assert_int_equal(d.m.func_name_count, 2);
	expect_name(&d.m, 0, "first");
	expect_name(&d.m, 1, "sécond");
	assert_null(wasm_func_name(&d.m, 2));

	arena_free(&d.arena);
	buf_free(&b);
	buf_free(&module_name);
	buf_free(&func_names);
	buf_free(&subsections);
}

static void expect_names_ignored(const struct buf *subsections)
{
	struct buf b = { 0 };
	module_with_names(&b, subsections);
	struct decoded d;
	decode_ok(&d, &b);
	assert_int_equal(d.m.func_count, 2);
	assert_int_equal(d.m.custom_count, 1);
	assert_false(d.m.has_module_name);
	assert_int_equal(d.m.func_name_count, 0);
	assert_null(wasm_func_name(&d.m, 0));
	assert_null(wasm_func_name(&d.m, 1));
	arena_free(&d.arena);
	buf_free(&b);
}

static void test_malformed_name_section_ignored(void **state)
{
	struct buf names = { 0 }, subsections = { 0 };

	/* Function names out of order. */
	buf_put(&names, 0x02);
	buf_u32(&names, 1);
	buf_name(&names, "b");
	buf_u32(&names, 0);
	buf_name(&names, "a");
	buf_section(&subsections, 1, &names);
	expect_names_ignored(&subsections);

	/* A subsection longer than the section. */
	subsections.len = 0;
	buf_put(&subsections, 0x01, 0x7f, 0x00);
	expect_names_ignored(&subsections);

	/* A name that is not UTF-8, after a good module name. */
	struct buf module_name = { 0 };
	buf_name(&module_name, "mod");
	names.len = 0;
	buf_put(&names, 0x01, 0x00, 0x01, 0xff);
	subsections.len = 0;
	buf_section(&subsections, 0, &module_name);
	buf_section(&subsections, 1, &names);
	expect_names_ignored(&subsections);

	/* Subsections repeated. */
	subsections.len = 0;
	buf_section(&subsections, 0, &module_name);
	buf_section(&subsections, 0, &module_name);
	expect_names_ignored(&subsections);

	buf_free(&module_name);
	buf_free(&names);
	buf_free(&subsections);
}

/* A count far beyond what the input could hold is refused before it is allocated. */
static void test_absurd_counts(void **state)
{
	static const uint8_t sections[] = {
		WASM_SEC_TYPE, WASM_SEC_IMPORT, WASM_SEC_FUNCTION, WASM_SEC_TABLE, WASM_SEC_MEMORY,
		WASM_SEC_GLOBAL, WASM_SEC_EXPORT, WASM_SEC_ELEMENT, WASM_SEC_DATA,
	};
	for (size_t i = 0; i < sizeof(sections); i++) {
		struct buf b = { 0 };
		one_section(&b, sections[i], BYTES(0xff, 0xff, 0xff, 0xff, 0x0f, 0x60, 0x00, 0x00, 0x60, 0x00));
		assert_int_equal(b.len, 20);
		struct decoded d;
		decode(&d, &b);
		if (d.ok || !starts_with(d.err.message, "unexpected end"))
			fail_msg("section %u: %s", sections[i], d.ok ? "accepted" : d.err.message);
		assert_int_equal(d.err.kind, WASM_ERR_MALFORMED);
		assert_int_equal(d.err.offset, 10);
		assert_true(d.arena.total < 4096);
		arena_free(&d.arena);
		buf_free(&b);
	}
}

static void test_absurd_local_count(void **state)
{
	struct mod_builder mb = { 0 };
	mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_END));
	struct buf b = { 0 };
	mb_build(&mb, &b);
	mb_free(&mb);
	/* Replace the code section (the last 6 bytes): one entry with 0xffffffff local declarations. */
	b.len -= 6;
	buf_put(&b, WASM_SEC_CODE, 0x08, 0x01, 0x06, 0xff, 0xff, 0xff, 0xff, 0x0f, OP_END);
	struct decoded d;
	decode(&d, &b);
	assert_false(d.ok);
	assert_int_equal(d.err.kind, WASM_ERR_MALFORMED);
	assert_true(starts_with(d.err.message, "unexpected end"));
	assert_int_equal(d.err.offset, b.len - 6);
	assert_true(d.arena.total < 4096);
	arena_free(&d.arena);
	buf_free(&b);
}

/* Locals may number up to 2^32 - 1 in all; they are counted, never allocated one by one. */
static void test_too_many_locals(void **state)
{
	struct mod_builder mb = { 0 };
	mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_END));
	struct buf b = { 0 };
	mb_build(&mb, &b);
	mb_free(&mb);
	b.len -= 6;
	/* Two declarations of 2^31 locals each: one local too many. */
	buf_put(&b, WASM_SEC_CODE, 0x10, 0x01, 0x0e, 0x02,
		0x80, 0x80, 0x80, 0x80, 0x08, WASM_VT_I32,
		0x80, 0x80, 0x80, 0x80, 0x08, WASM_VT_I32, OP_END);
	size_t second_decl = b.len - 7;
	expect_error(&b, WASM_ERR_MALFORMED, "too many locals", second_decl);

	/* 2^31 - 1 and 2^31: exactly the most there may be. */
	mb_func(&mb, mb_type(&mb, "", ""), "", BYTES(OP_END));
	mb_build(&mb, &b);
	mb_free(&mb);
	b.len -= 6;
	buf_put(&b, WASM_SEC_CODE, 0x10, 0x01, 0x0e, 0x02,
		0xff, 0xff, 0xff, 0xff, 0x07, WASM_VT_I32,
		0x80, 0x80, 0x80, 0x80, 0x08, WASM_VT_I64, OP_END);
	struct decoded d;
	decode_ok(&d, &b);
	assert_int_equal(d.m.funcs[0].local_count, UINT32_MAX);
	assert_int_equal(d.m.funcs[0].local_decls[1].type, WASM_VT_I64);
	arena_free(&d.arena);
	buf_free(&b);
}

/* Imports grow the index spaces one at a time; that must not cost memory quadratic in their number. */
static void test_many_imports_allocate_linearly(void **state)
{
	enum { IMPORTS = 2000 };
	struct mod_builder mb = { 0 };
	uint32_t t = mb_type(&mb, "", "");
	for (int i = 0; i < IMPORTS; i++)
		mb_import_func(&mb, "", "", t);
	struct buf b = { 0 };
	mb_build(&mb, &b);
	mb_free(&mb);
	struct decoded d;
	decode_ok(&d, &b);
	assert_int_equal(d.m.import_count, IMPORTS);
	assert_int_equal(d.m.func_count, IMPORTS);
	assert_int_equal(d.m.imported_func_count, IMPORTS);
	assert_true(d.m.funcs[IMPORTS - 1].imported);
	assert_int_equal(d.m.funcs[IMPORTS - 1].import_index, IMPORTS - 1);
	assert_int_equal(d.m.imports[IMPORTS - 1].index, IMPORTS - 1);
	/* Linear: a few hundred bytes per import at most. */
	if (d.arena.total > (size_t)IMPORTS * 512)
		fail_msg("%zu bytes for %d imports", d.arena.total, IMPORTS);
	arena_free(&d.arena);
	buf_free(&b);
}

static void test_many_custom_sections_allocate_linearly(void **state)
{
	enum { SECTIONS = 2000 };
	struct buf b = { 0 };
	buf_header(&b);
	for (int i = 0; i < SECTIONS; i++)
		buf_put(&b, WASM_SEC_CUSTOM, 0x01, 0x00);
	struct decoded d;
	decode_ok(&d, &b);
	assert_int_equal(d.m.custom_count, SECTIONS);
	assert_int_equal(d.m.section_count, SECTIONS);
	assert_int_equal(d.m.customs[SECTIONS - 1].offset, b.len - 3);
	if (d.arena.total > (size_t)SECTIONS * 512)
		fail_msg("%zu bytes for %d sections", d.arena.total, SECTIONS);
	arena_free(&d.arena);
	buf_free(&b);
}

/* A module whose only function has `body`; the body is the last thing in the file. */
static void module_with_body(struct buf *b, const uint8_t *body, size_t n)
{
	struct mod_builder mb = { 0 };
	mb_func(&mb, mb_type(&mb, "", ""), "", body, n);
	mb_build(&mb, b);
	mb_free(&mb);
}

static void test_unsupported_proposal_opcode(void **state)
{
	struct buf b = { 0 };
	const uint8_t body[] = { OP_NOP, OP_RETURN_CALL, 0x00, OP_END };
	module_with_body(&b, body, sizeof(body));
	size_t at = b.len - sizeof(body) + 1;
	struct decoded d;
	decode(&d, &b);
	assert_false(d.ok);
	assert_int_equal(d.err.kind, WASM_ERR_UNSUPPORTED);
	assert_non_null(strstr(d.err.message, "not supported yet"));
	assert_non_null(strstr(d.err.message, "tail-call"));
	assert_int_equal(d.err.offset, at);
	arena_free(&d.arena);
	buf_free(&b);
}

static void test_unsupported_prefixed_opcode(void **state)
{
	struct buf b = { 0 };
	/* atomic.fence (threads) */
	const uint8_t body[] = { OP_PREFIX_FE, 0x03, 0x00, OP_END };
	module_with_body(&b, body, sizeof(body));
	size_t at = b.len - sizeof(body);
	struct decoded d;
	decode(&d, &b);
	assert_false(d.ok);
	assert_int_equal(d.err.kind, WASM_ERR_UNSUPPORTED);
	assert_non_null(strstr(d.err.message, "threads is not supported yet"));
	assert_int_equal(d.err.offset, at);
	arena_free(&d.arena);
	buf_free(&b);
}

static void test_illegal_opcode(void **state)
{
	struct buf b = { 0 };
	const uint8_t body[] = { OP_NOP, OP_NOP, 0xff, OP_END };
	module_with_body(&b, body, sizeof(body));
	expect_error(&b, WASM_ERR_MALFORMED, "illegal opcode", b.len - 2);

	const uint8_t prefixed[] = { OP_PREFIX_FC, 0x7f, OP_END };
	module_with_body(&b, prefixed, sizeof(prefixed));
	expect_error(&b, WASM_ERR_MALFORMED, "illegal opcode", b.len - 3);
}

static void test_body_without_end(void **state)
{
	struct buf b = { 0 };
	const uint8_t body[] = { OP_BLOCK, OP_BLOCKTYPE_EMPTY, OP_END };
	module_with_body(&b, body, sizeof(body));
	expect_error(&b, WASM_ERR_MALFORMED, "END opcode expected", b.len);
}

static void test_bytes_after_body_end(void **state)
{
	struct buf b = { 0 };
	const uint8_t body[] = { OP_END, OP_NOP };
	module_with_body(&b, body, sizeof(body));
	expect_error(&b, WASM_ERR_MALFORMED, "section size mismatch", b.len - 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_module),
		cmocka_unit_test(test_bad_magic),
		cmocka_unit_test(test_truncated_header),
		cmocka_unit_test(test_bad_version),
		cmocka_unit_test(test_component_header),
		cmocka_unit_test(test_type_function_code),
		cmocka_unit_test(test_section_out_of_order),
		cmocka_unit_test(test_data_count_before_code),
		cmocka_unit_test(test_duplicate_section),
		cmocka_unit_test(test_custom_sections_anywhere),
		cmocka_unit_test(test_section_size_larger_than_contents),
		cmocka_unit_test(test_section_size_smaller_than_contents),
		cmocka_unit_test(test_section_size_past_end_of_file),
		cmocka_unit_test(test_unknown_section_id),
		cmocka_unit_test(test_function_without_code),
		cmocka_unit_test(test_function_code_count_mismatch),
		cmocka_unit_test(test_code_without_function),
		cmocka_unit_test(test_data_count_mismatch),
		cmocka_unit_test(test_custom_section_bad_utf8_name),
		cmocka_unit_test(test_custom_section_name_past_section),
		cmocka_unit_test(test_name_section),
		cmocka_unit_test(test_malformed_name_section_ignored),
		cmocka_unit_test(test_absurd_counts),
		cmocka_unit_test(test_absurd_local_count),
		cmocka_unit_test(test_too_many_locals),
		cmocka_unit_test(test_many_imports_allocate_linearly),
		cmocka_unit_test(test_many_custom_sections_allocate_linearly),
		cmocka_unit_test(test_unsupported_proposal_opcode),
		cmocka_unit_test(test_unsupported_prefixed_opcode),
		cmocka_unit_test(test_illegal_opcode),
		cmocka_unit_test(test_body_without_end),
		cmocka_unit_test(test_bytes_after_body_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
