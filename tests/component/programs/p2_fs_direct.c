/*
 * WASI 0.2's wasi:filesystem called directly (the imports of
 * p2_fs_direct.wit, with their flattened Canonical ABI signatures), beside
 * the preview-1 adapter that printf goes through: get-directories, every
 * descriptor method with its result layout in the return area (stat's
 * record at 8, option<directory-entry> at 4, ...), what the adapter never
 * asks (is-same-object, metadata-hash equalities, descriptor-flags,
 * new-timestamp variants, read's end-of-file flag, streams over a file,
 * filesystem-error-code of a stream's error),
 * and the error-code of each refusal. argv[1] is the granted directory
 * ("/data", empty).
 *
 * Build: clang (wasm32-wasi) → embed p2_fs_direct.wit's world p2-fs-direct
 * (`jco embed`) → `jco new --wasi-command`. It cannot run as a preview-1
 * module. Further runs: "path-oob" passes a path outside memory (the trap
 * "out of bounds memory access"), "dropped" uses a dropped descriptor (the
 * trap "unknown handle index").
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "p2_guest.h"

#define TYPES "wasi:filesystem/types@0.2.12"
#define STREAMS "wasi:io/streams@0.2.12"
#define METHOD(name) IMPORT(TYPES, "[method]descriptor." name)

/* descriptor-flags, open-flags, path-flags */
#define READ 1
#define WRITE 2
#define MUTATE_DIRECTORY 32
#define CREATE 1
#define DIRECTORY 2
#define EXCLUSIVE 4
#define TRUNCATE 8
#define FOLLOW 1
/* new-timestamp */
#define NO_CHANGE 0
#define NOW 1
#define TIMESTAMP 2

static const char *const error_names[] = {
	"access", "would-block", "already", "bad-descriptor", "busy", "deadlock", "quota", "exist", "file-too-large",
	"illegal-byte-sequence", "in-progress", "interrupted", "invalid", "io", "is-directory", "loop",
	"too-many-links", "message-size", "name-too-long", "no-device", "no-entry", "no-lock", "insufficient-memory",
	"insufficient-space", "not-directory", "not-empty", "not-recoverable", "unsupported", "no-tty",
	"no-such-device", "overflow", "not-permitted", "pipe", "read-only", "invalid-seek", "text-file-busy",
	"cross-device",
};
static const char *const type_names[] = {
	"unknown", "block-device", "character-device", "directory", "fifo", "symbolic-link", "regular-file", "socket",
};

/* A return area, aligned for every result used here. */
typedef struct {
	_Alignas(8) uint8_t b[112];
} ret_t;

METHOD("get-type") void get_type(uint32_t self, ret_t *ret);
METHOD("get-flags") void get_flags(uint32_t self, ret_t *ret);
METHOD("stat") void stat_(uint32_t self, ret_t *ret);
METHOD("stat-at") void stat_at(uint32_t self, uint32_t path_flags, const char *path, size_t len, ret_t *ret);
METHOD("metadata-hash") void metadata_hash(uint32_t self, ret_t *ret);
METHOD("metadata-hash-at") void metadata_hash_at(uint32_t self, uint32_t path_flags, const char *path, size_t len,
		ret_t *ret);
METHOD("is-same-object") uint32_t is_same_object(uint32_t self, uint32_t other);
METHOD("open-at") void open_at(uint32_t self, uint32_t path_flags, const char *path, size_t len, uint32_t open_flags,
		uint32_t flags, ret_t *ret);
METHOD("read") void read_(uint32_t self, uint64_t len, uint64_t offset, ret_t *ret);
METHOD("write") void write_(uint32_t self, const void *buf, size_t len, uint64_t offset, ret_t *ret);
METHOD("set-size") void set_size(uint32_t self, uint64_t size, ret_t *ret);
METHOD("set-times") void set_times(uint32_t self, uint32_t atag, uint64_t as, uint32_t ans, uint32_t mtag, uint64_t ms,
		uint32_t mns, ret_t *ret);
METHOD("set-times-at") void set_times_at(uint32_t self, uint32_t path_flags, const char *path, size_t len,
		uint32_t atag, uint64_t as, uint32_t ans, uint32_t mtag, uint64_t ms, uint32_t mns, ret_t *ret);
METHOD("sync") void sync_(uint32_t self, ret_t *ret);
METHOD("sync-data") void sync_data(uint32_t self, ret_t *ret);
METHOD("advise") void advise(uint32_t self, uint64_t offset, uint64_t len, uint32_t advice, ret_t *ret);
METHOD("create-directory-at") void create_directory_at(uint32_t self, const char *path, size_t len, ret_t *ret);
METHOD("remove-directory-at") void remove_directory_at(uint32_t self, const char *path, size_t len, ret_t *ret);
METHOD("unlink-file-at") void unlink_file_at(uint32_t self, const char *path, size_t len, ret_t *ret);
METHOD("readlink-at") void readlink_at(uint32_t self, const char *path, size_t len, ret_t *ret);
METHOD("symlink-at") void symlink_at(uint32_t self, const char *old, size_t old_len, const char *new_path,
		size_t new_len, ret_t *ret);
METHOD("rename-at") void rename_at(uint32_t self, const char *old, size_t old_len, uint32_t new_dir,
		const char *new_path, size_t new_len, ret_t *ret);
METHOD("link-at") void link_at(uint32_t self, uint32_t old_flags, const char *old, size_t old_len, uint32_t new_dir,
		const char *new_path, size_t new_len, ret_t *ret);
METHOD("read-directory") void read_directory(uint32_t self, ret_t *ret);
METHOD("read-via-stream") void read_via_stream(uint32_t self, uint64_t offset, ret_t *ret);
METHOD("write-via-stream") void write_via_stream(uint32_t self, uint64_t offset, ret_t *ret);
METHOD("append-via-stream") void append_via_stream(uint32_t self, ret_t *ret);
IMPORT(TYPES, "[method]directory-entry-stream.read-directory-entry") void read_directory_entry(uint32_t self,
		ret_t *ret);
IMPORT(TYPES, "[resource-drop]descriptor") void drop_descriptor(uint32_t h);
IMPORT(TYPES, "filesystem-error-code") void filesystem_error_code(uint32_t err, ret_t *ret);
IMPORT("wasi:io/error@0.2.12", "[resource-drop]error") void drop_error(uint32_t h);
IMPORT(TYPES, "[resource-drop]directory-entry-stream") void drop_directory_entry_stream(uint32_t h);
IMPORT("wasi:filesystem/preopens@0.2.12", "get-directories") void get_directories(ret_t *ret);
IMPORT(STREAMS, "[method]input-stream.blocking-read") void blocking_read(uint32_t self, uint64_t len, ret_t *ret);
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush") void blocking_write_and_flush(uint32_t self,
		const void *buf, size_t len, ret_t *ret);
IMPORT(STREAMS, "[resource-drop]input-stream") void drop_input_stream(uint32_t h);
IMPORT(STREAMS, "[resource-drop]output-stream") void drop_output_stream(uint32_t h);


static uint32_t u32(const ret_t *r, int at)
{
	uint32_t v;
	memcpy(&v, r->b + at, 4);
	return v;
}

static uint64_t u64(const ret_t *r, int at)
{
	uint64_t v;
	memcpy(&v, r->b + at, 8);
	return v;
}

static const char *error_name(uint8_t code)
{
	return code < sizeof error_names / sizeof error_names[0] ? error_names[code] : "(bad error-code)";
}

/* Prints a result's outcome (the error at payload_at); true when ok. */
static int outcome(const char *label, const ret_t *r, int payload_at)
{
	if (r->b[0] == 0) {
		printf("%s: ok\n", label);
		return 1;
	}
	printf("%s: %s\n", label, r->b[0] == 1 ? error_name(r->b[payload_at]) : "(bad result tag)");
	return 0;
}

static int path_call(const char *label, void (*fn)(uint32_t, const char *, size_t, ret_t *), uint32_t dir,
		const char *path)
{
	ret_t r;
	fn(dir, path, strlen(path), &r);
	return outcome(label, &r, 1);
}

/* open-at: the new handle, or 0 after printing the error. */
static uint32_t open_path(const char *label, uint32_t dir, uint32_t path_flags, const char *path, uint32_t open_flags,
		uint32_t flags)
{
	ret_t r;
	open_at(dir, path_flags, path, strlen(path), open_flags, flags, &r);
	return outcome(label, &r, 4) ? u32(&r, 4) : 0;
}

static void print_time(const char *name, const ret_t *r, int at)
{
	if (r->b[at] == 1)
		printf(" %s %llu.%09u", name, (unsigned long long)u64(r, at + 8), u32(r, at + 16));
	else
		printf(" %s %s", name, r->b[at] == 0 ? "none" : "(bad option tag)");
}

/* A descriptor-stat at 8: type, link count and size (not for directories), and the times if asked. */
static void print_stat(const ret_t *r, int times)
{
	uint8_t type = r->b[8];
	printf("  %s", type < 8 ? type_names[type] : "(bad type)");
	if (type != 3)
		printf(" links %llu size %llu", (unsigned long long)u64(r, 16), (unsigned long long)u64(r, 24));
	if (times) {
		print_time("atime", r, 32);
		print_time("mtime", r, 56);
	}
	printf(" ctime %s\n", r->b[80] == 1 && u64(r, 88) > 1000000000 ? "recent" : "unexpected");
}

static void stat_path(const char *label, uint32_t dir, uint32_t path_flags, const char *path, int times)
{
	ret_t r;
	stat_at(dir, path_flags, path, strlen(path), &r);
	if (outcome(label, &r, 8))
		print_stat(&r, times);
}

static void show_type_and_flags(const char *label, uint32_t h)
{
	ret_t t, f;
	get_type(h, &t);
	get_flags(h, &f);
	printf("%s: type %s flags %u\n", label, t.b[0] ? error_name(t.b[1]) : type_names[t.b[1]], f.b[0] ? 255 : f.b[1]);
}

/* read(len, offset): the bytes and the end-of-file flag. */
static void read_at(uint32_t f, uint64_t len, uint64_t offset)
{
	ret_t r;
	char label[64];
	snprintf(label, sizeof label, "read %llu at %llu", (unsigned long long)len, (unsigned long long)offset);
	read_(f, len, offset, &r);
	if (!outcome(label, &r, 4))
		return;
	const char *bytes = (const char *)(uintptr_t)u32(&r, 4);
	uint32_t n = u32(&r, 8);
	printf("  %u bytes \"", n);
	for (uint32_t i = 0; i < n; i++)
		putchar(bytes[i] ? bytes[i] : '.');
	printf("\" end %u\n", r.b[12]);
}

static void write_at(uint32_t f, const char *text, uint64_t offset)
{
	ret_t r;
	write_(f, text, strlen(text), offset, &r);
	if (outcome("write", &r, 8))
		printf("  wrote %llu at %llu\n", (unsigned long long)u64(&r, 8), (unsigned long long)offset);
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every entry of a directory stream, sorted: name/type. */
static void list(const char *label, uint32_t dir)
{
	ret_t r;
	read_directory(dir, &r);
	if (!outcome(label, &r, 4))
		return;
	uint32_t stream = u32(&r, 4);
	char *names[32];
	int count = 0;
	for (;;) {
		read_directory_entry(stream, &r);
		if (r.b[0] != 0) {
			outcome("  read-directory-entry", &r, 4);
			break;
		}
		if (r.b[4] == 0)
			break;
		const char *name = (const char *)(uintptr_t)u32(&r, 12);
		uint32_t len = u32(&r, 16);
		if (count < 32) {
			names[count] = malloc(len + 24);
			snprintf(names[count++], len + 24, "%.*s/%s", (int)len, name, type_names[r.b[8] & 7]);
		}
	}
	read_directory_entry(stream, &r);
	printf("  again at the end: tag %u option %u\n", r.b[0], r.b[4]);
	drop_directory_entry_stream(stream);
	qsort(names, count, sizeof names[0], compare);
	printf(" ");
	for (int i = 0; i < count; i++)
		printf(" %s", names[i]);
	printf("\n");
}

/* The granted directory named `want` among get-directories' list (the other handles dropped). */
static uint32_t preopen(const char *want)
{
	ret_t r;
	get_directories(&r);
	const uint8_t *items = (const uint8_t *)(uintptr_t)u32(&r, 0);
	uint32_t count = u32(&r, 4), found = 0;
	printf("get-directories: %u\n", count);
	for (uint32_t i = 0; i < count; i++) {
		uint32_t h, name, len;
		memcpy(&h, items + 12 * i, 4);
		memcpy(&name, items + 12 * i + 4, 4);
		memcpy(&len, items + 12 * i + 8, 4);
		printf("  %.*s\n", (int)len, (const char *)(uintptr_t)name);
		if (!found && len == strlen(want) && !memcmp((const char *)(uintptr_t)name, want, len))
			found = h;
		else
			drop_descriptor(h);
	}
	return found;
}

static void descriptors_and_data(uint32_t dir)
{
	ret_t r, r2;
	printf("-- descriptors and data\n");
	show_type_and_flags("the granted directory", dir);
	stat_(dir, &r);
	if (outcome("stat it", &r, 8))
		print_stat(&r, 0);
	uint32_t f = open_path("open-at f.txt create|exclusive read|write", dir, 0, "f.txt", CREATE | EXCLUSIVE,
			READ | WRITE);
	open_path("open-at f.txt create|exclusive again", dir, 0, "f.txt", CREATE | EXCLUSIVE, READ | WRITE);
	show_type_and_flags("f.txt", f);
	write_at(f, "hello world", 0);
	write_at(f, "!", 20);
	read_at(f, 5, 6);
	read_at(f, 100, 0);
	read_at(f, 10, 21);
	read_at(f, 10, 1000);
	read_at(f, 0, 0);
	read_(f, 1, 1ull << 63, &r);
	outcome("read at 2^63", &r, 4);
	stat_(f, &r);
	if (outcome("stat", &r, 8))
		print_stat(&r, 0);
	set_times(f, TIMESTAMP, 5, 250, TIMESTAMP, 7, 0, &r);
	outcome("set-times 5.000000250 7", &r, 1);
	stat_(f, &r);
	print_stat(&r, 1);
	set_times(f, NO_CHANGE, 0, 0, TIMESTAMP, 9, 999999999, &r);
	outcome("set-times no-change 9.999999999", &r, 1);
	stat_(f, &r);
	print_stat(&r, 1);
	set_times(f, NOW, 0, 0, NO_CHANGE, 0, 0, &r);
	outcome("set-times now no-change", &r, 1);
	stat_(f, &r);
	printf("  atime now %d, mtime kept %d\n", u64(&r, 40) > 1000000000, u64(&r, 64) == 9);
	set_times(f, TIMESTAMP, 1, 1000000000, NO_CHANGE, 0, 0, &r);
	outcome("set-times nanoseconds 10^9", &r, 1);
	set_times(f, TIMESTAMP, UINT64_MAX / 1000, 0, NO_CHANGE, 0, 0, &r);
	outcome("set-times too far", &r, 1);
	set_size(f, 4, &r);
	outcome("set-size 4", &r, 1);
	read_at(f, 100, 0);
	sync_(f, &r);
	outcome("sync", &r, 1);
	sync_data(f, &r);
	outcome("sync-data", &r, 1);
	advise(f, 0, 0, 1, &r);
	outcome("advise sequential", &r, 1);
	advise(dir, 0, 0, 1, &r);
	outcome("advise a directory", &r, 1);
	set_size(dir, 0, &r);
	outcome("set-size a directory", &r, 1);

	uint32_t g = open_path("open-at f.txt again, read", dir, 0, "f.txt", 0, READ);
	show_type_and_flags("  it", g);
	printf("is-same-object f g %u, f f %u, f dir %u\n", is_same_object(f, g), is_same_object(f, f),
	       is_same_object(f, dir));
	metadata_hash(f, &r);
	metadata_hash(g, &r2);
	printf("metadata-hash f == g: %d\n", r.b[0] == 0 && r2.b[0] == 0 && !memcmp(r.b + 8, r2.b + 8, 16));
	metadata_hash_at(dir, 0, "f.txt", 5, &r2);
	printf("metadata-hash-at f.txt == f: %d\n", r2.b[0] == 0 && !memcmp(r.b + 8, r2.b + 8, 16));
	metadata_hash(dir, &r2);
	printf("metadata-hash dir != f: %d\n", r2.b[0] == 0 && memcmp(r.b + 8, r2.b + 8, 16) != 0);
	metadata_hash_at(dir, 0, "missing", 7, &r2);
	outcome("metadata-hash-at missing", &r2, 8);
	write_at(g, "x", 0);
	uint32_t w = open_path("open-at f.txt write only", dir, 0, "f.txt", 0, WRITE);
	show_type_and_flags("  it", w);
	read_at(w, 1, 0);
	read_via_stream(w, 0, &r);
	outcome("read-via-stream of it", &r, 4);
	write_via_stream(g, 0, &r);
	outcome("write-via-stream of f.txt opened to read", &r, 4);
	read_via_stream(dir, 0, &r);
	outcome("read-via-stream of a directory", &r, 4);

	/* Streams over the file: each has its own position. */
	read_via_stream(f, 1, &r);
	if (outcome("read-via-stream at 1", &r, 4)) {
		uint32_t in = u32(&r, 4);
		blocking_read(in, 100, &r);
		printf("  blocking-read: tag %u, %u bytes \"%.*s\"\n", r.b[0], u32(&r, 8), (int)u32(&r, 8),
		       (const char *)(uintptr_t)u32(&r, 4));
		blocking_read(in, 100, &r);
		printf("  again: tag %u stream-error %u (closed)\n", r.b[0], r.b[4]);
		drop_input_stream(in);
	}
	write_via_stream(f, 2, &r);
	if (outcome("write-via-stream at 2", &r, 4)) {
		uint32_t out = u32(&r, 4);
		blocking_write_and_flush(out, "XY", 2, &r);
		blocking_write_and_flush(out, "Z", 1, &r);
		printf("  two writes: tag %u\n", r.b[0]);
		drop_output_stream(out);
	}
	write_via_stream(f, INT64_MAX, &r);
	if (outcome("write-via-stream at 2^63-1", &r, 4)) {
		uint32_t out = u32(&r, 4);
		blocking_write_and_flush(out, "X", 1, &r);
		printf("  write: tag %u stream-error %u\n", r.b[0], r.b[4]);
		if (r.b[0] == 1 && r.b[4] == 0) {
			ret_t code;
			filesystem_error_code(u32(&r, 8), &code);
			printf("  filesystem-error-code: %s\n", code.b[0] == 1 ? error_name(code.b[1]) : "none");
			drop_error(u32(&r, 8));
		}
		drop_output_stream(out);
	}
	append_via_stream(f, &r);
	if (outcome("append-via-stream", &r, 4)) {
		uint32_t out = u32(&r, 4);
		blocking_write_and_flush(out, "-end", 4, &r);
		printf("  write: tag %u\n", r.b[0]);
		drop_output_stream(out);
	}
	read_at(f, 100, 0);
	drop_descriptor(w);
	drop_descriptor(g);
	drop_descriptor(f);
}

static void paths(uint32_t dir)
{
	ret_t r;
	printf("-- paths\n");
	open_path("open-at . to write", dir, 0, ".", 0, WRITE);
	open_path("open-at . directory to write", dir, 0, ".", DIRECTORY, READ | WRITE);
	open_path("open-at sub directory|create", dir, 0, "sub", DIRECTORY | CREATE, READ);
	open_path("open-at missing", dir, 0, "missing", 0, READ);
	open_path("open-at f.txt directory", dir, 0, "f.txt", DIRECTORY, READ);
	open_path("open-at ../x", dir, 0, "../x", 0, READ);
	open_path("open-at /etc/passwd", dir, 0, "/etc/passwd", 0, READ);
	open_path("open-at through a file", dir, 0, "f.txt/x", 0, READ);
	path_call("create-directory-at sub", create_directory_at, dir, "sub");
	path_call("create-directory-at sub again", create_directory_at, dir, "sub");
	path_call("create-directory-at ../up", create_directory_at, dir, "../up");
	uint32_t sub = open_path("open-at sub directory read|mutate-directory", dir, 0, "sub", DIRECTORY,
			READ | MUTATE_DIRECTORY);
	show_type_and_flags("  it", sub);
	path_call("create-directory-at sub/inner (through sub)", create_directory_at, sub, "inner");
	uint32_t t = open_path("open-at sub/t.txt create|truncate write (through sub)", sub, 0, "t.txt",
			CREATE | TRUNCATE, WRITE);
	show_type_and_flags("  it", t);
	drop_descriptor(t);
	stat_path("stat-at sub/inner", dir, 0, "sub/inner", 0);
	stat_path("stat-at sub/t.txt", dir, 0, "sub/t.txt", 0);
	stat_path("stat-at missing", dir, 0, "missing", 0);
	stat_path("stat-at f.txt/", dir, 0, "f.txt/", 0);
	stat_path("stat-at ..", dir, 0, "..", 0);
	stat_at(dir, 0, "f.txt\0x", 7, &r);
	outcome("stat-at a path with a NUL", &r, 8);
	uint32_t f = open_path("open-at f.txt read", dir, 0, "f.txt", 0, READ);
	stat_at(f, 0, "x", 1, &r);
	outcome("stat-at through a file", &r, 8);
	read_directory(f, &r);
	outcome("read-directory of a file", &r, 4);
	path_call("create-directory-at through a file", create_directory_at, f, "x");
	drop_descriptor(f);

	symlink_at(dir, "f.txt", 5, "lf", 2, &r);
	outcome("symlink-at lf -> f.txt", &r, 1);
	symlink_at(dir, "f.txt", 5, "lf", 2, &r);
	outcome("symlink-at lf again", &r, 1);
	readlink_at(dir, "lf", 2, &r);
	if (outcome("readlink-at lf", &r, 4))
		printf("  \"%.*s\"\n", (int)u32(&r, 8), (const char *)(uintptr_t)u32(&r, 4));
	readlink_at(dir, "f.txt", 5, &r);
	outcome("readlink-at f.txt", &r, 4);
	stat_path("stat-at lf", dir, 0, "lf", 0);
	stat_path("stat-at lf symlink-follow", dir, FOLLOW, "lf", 0);
	open_path("open-at lf", dir, 0, "lf", 0, READ);
	uint32_t l = open_path("open-at lf symlink-follow", dir, FOLLOW, "lf", 0, READ);
	drop_descriptor(l);
	set_times_at(dir, 0, "lf", 2, TIMESTAMP, 3, 0, TIMESTAMP, 4, 0, &r);
	outcome("set-times-at lf 3 4", &r, 1);
	stat_path("stat-at lf", dir, 0, "lf", 1);
	set_times_at(dir, FOLLOW, "lf", 2, TIMESTAMP, 5, 0, TIMESTAMP, 6, 7, &r);
	outcome("set-times-at lf symlink-follow 5 6.000000007", &r, 1);
	stat_path("stat-at f.txt", dir, 0, "f.txt", 1);
	set_times_at(dir, 0, "missing", 7, NOW, 0, 0, NOW, 0, 0, &r);
	outcome("set-times-at missing", &r, 1);
	link_at(dir, 0, "f.txt", 5, dir, "hard", 4, &r);
	outcome("link-at f.txt hard", &r, 1);
	stat_path("stat-at hard", dir, 0, "hard", 0);
	link_at(dir, 0, "sub", 3, dir, "sub2", 4, &r);
	outcome("link-at a directory", &r, 1);
	rename_at(dir, "hard", 4, sub, "moved", 5, &r);
	outcome("rename-at hard sub/moved", &r, 1);
	rename_at(dir, "sub", 3, dir, "f.txt", 5, &r);
	outcome("rename-at sub onto f.txt", &r, 1);
	list("read-directory", dir);
	list("read-directory sub", sub);
	path_call("remove-directory-at sub (not empty)", remove_directory_at, dir, "sub");
	path_call("unlink-file-at sub", unlink_file_at, dir, "sub");
	path_call("unlink-file-at sub/moved", unlink_file_at, dir, "sub/moved");
	path_call("unlink-file-at sub/t.txt", unlink_file_at, sub, "t.txt");
	path_call("remove-directory-at sub/inner", remove_directory_at, dir, "sub/inner");
	path_call("remove-directory-at sub", remove_directory_at, dir, "sub");
	path_call("remove-directory-at sub again", remove_directory_at, dir, "sub");
	stat_(sub, &r);
	outcome("stat of the removed sub", &r, 8);
	drop_descriptor(sub);
	path_call("unlink-file-at lf", unlink_file_at, dir, "lf");
	path_call("unlink-file-at f.txt", unlink_file_at, dir, "f.txt");
	list("read-directory (empty)", dir);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	const char *granted = argc > 1 ? argv[1] : "/data";
	uint32_t dir = preopen(granted);
	if (!dir) {
		printf("no %s\n", granted);
		return 1;
	}
	if (argc > 2 && !strcmp(argv[2], "path-oob")) {
		ret_t r;
		stat_at(dir, 0, (const char *)0xfffffff0u, 100, &r);
		printf("stat-at a path outside memory returned\n");
		return 0;
	}
	if (argc > 2 && !strcmp(argv[2], "dropped")) {
		ret_t r;
		drop_descriptor(dir);
		get_type(dir, &r);
		printf("get-type of a dropped descriptor returned\n");
		return 0;
	}
	descriptors_and_data(dir);
	paths(dir);
	drop_descriptor(dir);
	drop_descriptor(preopen(granted)); /* dropping a preopen's descriptor leaves the preopen */
	return 0;
}
