/*
 * The compile cache. An entry is DIR/<2 hex>/<62 hex>, the SHA-256 key in
 * hex, holding a header (magic, the key, the object's size and SHA-256) and
 * the object. Entries are written to a temporary file beside their place and
 * renamed, so compiles sharing a cache never see half an entry; an entry is
 * used only when every field of its header agrees and the object hashes to
 * the stored digest, else it is a miss and is rewritten.
 */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include "cache.h"

#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver.h"
#include "progress.h"
#include "sha256.h"
#include "version.h"

enum { DIGEST = SHA256_SIZE, ENTRY_VERSION = 1 };

static const char entry_magic[8] = "wasmcobj";

struct entry_header {
	char magic[8];
	uint32_t version;
	uint32_t reserved;
	uint64_t size;              /* of the object that follows */
	uint8_t key[DIGEST];
	uint8_t digest[DIGEST];     /* of the object */
};

/* A part that missed: its key, and where its object will be once compiled. */
struct miss {
	uint8_t key[DIGEST];
	char *obj_path;
};

struct cache {
	char *dir;
	uint8_t build[DIGEST]; /* wasmc's version and build */
	pthread_mutex_t lock;  /* guards misses */
	struct miss *misses;
	size_t miss_count, miss_cap;
	atomic_uint looked_up, reused;
	unsigned stored;
	bool warned;
};

struct cache_module {
	struct cache *cache;
	const struct wasm_module *m;
	uint8_t options[DIGEST];  /* cg_options but the data */
	uint8_t data[DIGEST];     /* the data arrays, which only the part holding the instance emits */
	uint8_t whole[DIGEST];    /* the module's bytes */
	uint8_t noncode[DIGEST];  /* every section but the code section */
};

/* ---- Hashing the key's fields ---- */

static void hash_u64(struct sha256 *h, uint64_t v)
{
	sha256_update(h, &v, sizeof(v));
}

/* A string or NULL, length first, so that no two lists of strings hash alike. */
static void hash_str(struct sha256 *h, const char *s)
{
	hash_u64(h, s ? strlen(s) : UINT64_MAX);
	if (s)
		sha256_update(h, s, strlen(s));
}

/* ---- wasmc's own identity ---- */

struct build_id {
	struct sha256 *h;
	bool found;
};

/* The linker's build id of the wasmc executable: a hash of all of it. */
static int find_build_id(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	struct build_id *id = arg;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		const uint8_t *at = (const uint8_t *)(info->dlpi_addr + ph->p_vaddr), *end = at + ph->p_memsz;
		while (at + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const ElfW(Nhdr) *)at;
			const uint8_t *name = at + sizeof(*n), *desc = name + ((n->n_namesz + 3) & ~3u);
			if (desc + n->n_descsz > end)
				break;
			if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 && !memcmp(name, "GNU", 4) && n->n_descsz) {
				sha256_update(id->h, desc, n->n_descsz);
				id->found = true;
				return 1;
			}
			at = desc + ((n->n_descsz + 3) & ~3u);
		}
	}
	return 1; /* the first object is the executable: no other is wasmc */
}

/* Without a build id: the executable's bytes. */
static bool hash_executable(struct sha256 *h)
{
	int fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	static char buf[1 << 16];
	ssize_t n;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		sha256_update(h, buf, (size_t)n);
	close(fd);
	return n == 0;
}

static bool build_digest(uint8_t out[DIGEST])
{
	struct sha256 h;
	sha256_begin(&h);
	hash_str(&h, "wasmc compile cache 1");
	hash_str(&h, WASMC_VERSION);
	hash_str(&h, cg_llvm_version());
	struct build_id id = { .h = &h };
	dl_iterate_phdr(find_build_id, &id);
	/* No note: the executable's contents instead (72 MB: about 50 ms). */
	bool ok = id.found || hash_executable(&h);
	return sha256_end(&h, out) && ok;
}

/* ---- the cache folder ---- */

static void warn(struct cache *c, const char *what, const char *path)
{
	if (c->warned)
		return;
	c->warned = true;
	progress_finish();
	fprintf(stderr, "wasmc: warning: compile cache %s: %s %s: %s (compiling without it)\n", c->dir, what, path,
		strerror(errno));
}

/* mkdir -p */
static bool make_dirs(const char *dir)
{
	char *path = strdup(dir);
	if (!path)
		return false;
	bool ok = true;
	for (char *p = path + 1; ok; p++) {
		if (*p && *p != '/')
			continue;
		char end = *p;
		*p = 0;
		ok = mkdir(path, 0777) == 0 || errno == EEXIST;
		*p = end;
		if (!end)
			break;
	}
	struct stat st;
	ok = ok && stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	free(path);
	return ok;
}

struct cache *cache_open(const char *dir)
{
	struct cache *c = calloc(1, sizeof(*c));
	if (!c || !(c->dir = strdup(dir)) || !build_digest(c->build)) {
		fprintf(stderr, "wasmc: warning: compile cache %s: out of memory (compiling without it)\n", dir);
		if (c)
			free(c->dir);
		free(c);
		return NULL;
	}
	pthread_mutex_init(&c->lock, NULL);
	if (!make_dirs(dir)) {
		warn(c, "cannot create", dir);
		cache_close(c);
		return NULL;
	}
	return c;
}

void cache_close(struct cache *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->miss_count; i++)
		free(c->misses[i].obj_path);
	free(c->misses);
	pthread_mutex_destroy(&c->lock);
	free(c->dir);
	free(c);
}

void cache_counts(const struct cache *c, unsigned *looked_up, unsigned *reused, unsigned *stored)
{
	*looked_up = c ? atomic_load(&c->looked_up) : 0;
	*reused = c ? atomic_load(&c->reused) : 0;
	*stored = c ? c->stored : 0;
}

/* DIR/ab/cdef...; with folder, DIR/ab alone. */
static char *entry_path(const struct cache *c, const uint8_t key[DIGEST], bool folder)
{
	char hex[2 * DIGEST + 1];
	for (int i = 0; i < DIGEST; i++)
		snprintf(hex + 2 * i, 3, "%02x", key[i]);
	size_t size = strlen(c->dir) + sizeof(hex) + 2;
	char *path = malloc(size);
	if (path && folder)
		snprintf(path, size, "%s/%.2s", c->dir, hex);
	else if (path)
		snprintf(path, size, "%s/%.2s/%s", c->dir, hex, hex + 2);
	return path;
}

/* ---- keys ---- */

/* Where a section's contents start: after its id and its LEB128 size. */
static size_t section_contents(const struct wasm_module *m, const struct wasm_section_info *s)
{
	size_t at = s->offset + 1;
	while (at < m->size && (m->bytes[at] & 0x80))
		at++;
	return at + 1;
}

struct cache_module *cache_module_begin(struct cache *c, const struct wasm_module *m, const struct cg_options *cg)
{
	struct cache_module *cm = c ? calloc(1, sizeof(*cm)) : NULL;
	if (!cm)
		return NULL;
	cm->cache = c;
	cm->m = m;
	/* Every field of cg_options that changes the objects; the data separately. */
	struct sha256 h;
	sha256_begin(&h);
	sha256_update(&h, c->build, DIGEST);
	hash_str(&h, cg->triple ? cg->triple : cg_host_triple());
	hash_str(&h, cg->cpu);
	hash_str(&h, cg->features);
	bool native = (cg->cpu && !strcmp(cg->cpu, "native")) || (cg->features && !strcmp(cg->features, "native"));
	char *host = native ? cg_host_cpu() : NULL;
	hash_str(&h, host);
	h.ok = h.ok && (host || !native);
	free(host);
	hash_u64(&h, (uint64_t)cg->opt_level);
	hash_str(&h, cg->module_name);
	hash_u64(&h, cg->import_symbols != NULL);
	for (uint32_t i = 0; cg->import_symbols && i < m->import_count; i++)
		hash_str(&h, cg->import_symbols[i]);
	hash_u64(&h, cg->trap_unbound_imports);
	if (cg->interrupt_checks) /* only then: the keys of other compiles stay what they were */
		hash_str(&h, "interrupt-checks");
	if (cg->fuel)
		hash_str(&h, "fuel");
	hash_u64(&h, cg->partition_bytes);
	/* The pass pipeline for measurements (codegen/target.c) changes the objects too. */
	const char *pipeline = getenv("WASMC_PIPELINE");
	if (pipeline && *pipeline) /* only then: the keys of other compiles stay what they were */
		hash_str(&h, pipeline);
	const char *volatile_loads = getenv("WASMC_VOLATILE_LOADS"); /* likewise (codegen/cg_memory.c) */
	if (volatile_loads && *volatile_loads && strcmp(volatile_loads, "0") != 0)
		hash_str(&h, "volatile-loads");
	const char *canonical_nans = getenv("WASMC_CANONICAL_NANS");
	if (canonical_nans && *canonical_nans && strcmp(canonical_nans, "0") != 0)
		hash_str(&h, "canonical-nans");
	bool ok = sha256_end(&h, cm->options);

	sha256_begin(&h);
	hash_u64(&h, cg->data_count);
	for (size_t i = 0; i < cg->data_count; i++) {
		hash_str(&h, cg->data[i].symbol);
		hash_u64(&h, cg->data[i].size);
		sha256_update(&h, cg->data[i].bytes, cg->data[i].size);
	}
	ok = sha256_end(&h, cm->data) && ok;

	ok = sha256(m->bytes, m->size, cm->whole) && ok;

	sha256_begin(&h);
	for (uint32_t i = 0; i < m->section_count; i++) {
		const struct wasm_section_info *s = &m->sections[i];
		if (s->id == WASM_SEC_CODE)
			continue;
		size_t at = section_contents(m, s);
		hash_u64(&h, s->id);
		hash_u64(&h, s->size);
		if (at <= m->size && s->size <= m->size - at)
			sha256_update(&h, m->bytes + at, s->size);
		else
			h.ok = false;
	}
	ok = sha256_end(&h, cm->noncode) && ok;
	if (!ok) {
		free(cm);
		return NULL;
	}
	return cm;
}

void cache_module_end(struct cache_module *cm)
{
	free(cm);
}

/*
 * The part holding the instance reads the whole module (its descriptor, its
 * data, which tables are written); a part of bodies reads every section but
 * the code, its own bodies, and the facts gathered from all bodies.
 */
static bool part_key(const struct cache_module *cm, const struct cg_part_input *in, uint8_t key[DIGEST])
{
	const struct wasm_module *m = cm->m;
	struct sha256 h;
	sha256_begin(&h);
	hash_str(&h, "part");
	sha256_update(&h, cm->options, DIGEST);
	hash_u64(&h, in->index);
	hash_u64(&h, in->count);
	hash_u64(&h, in->begin);
	hash_u64(&h, in->end);
	if (in->index == 0) {
		sha256_update(&h, cm->data, DIGEST);
		sha256_update(&h, cm->whole, DIGEST);
		return sha256_end(&h, key);
	}
	sha256_update(&h, cm->noncode, DIGEST);
	hash_u64(&h, in->facts_size);
	sha256_update(&h, in->facts, in->facts_size);
	/* The bodies are contiguous in the code section: their entries, sizes and locals included. */
	if (in->begin < in->end) {
		size_t from = m->funcs[in->begin].code_offset, to = m->funcs[in->end - 1].body_end;
		hash_u64(&h, to - from);
		sha256_update(&h, m->bytes + from, to - from);
	}
	/* The other parts' callees it lowers for the inliner (codegen/cg_part_imports.c). */
	hash_u64(&h, in->import_count);
	for (uint32_t k = 0; k < in->import_count; k++) {
		const struct wasm_func *f = &m->funcs[in->imports[k]];
		hash_u64(&h, in->imports[k]);
		hash_u64(&h, f->body_end - f->code_offset);
		sha256_update(&h, m->bytes + f->code_offset, f->body_end - f->code_offset);
	}
	return sha256_end(&h, key);
}

/* ---- entries ---- */

/* The entry's object written to obj_path, when the entry is exactly what was stored under key. */
static bool read_entry(const struct cache *c, const uint8_t key[DIGEST], const char *obj_path)
{
	char *path = entry_path(c, key, false);
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	free(path);
	if (fd < 0)
		return false;
	struct stat st;
	void *map = MAP_FAILED;
	if (fstat(fd, &st) == 0 && (size_t)st.st_size > sizeof(struct entry_header))
		map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return false;
	struct entry_header hd;
	memcpy(&hd, map, sizeof(hd));
	const uint8_t *object = (const uint8_t *)map + sizeof(hd);
	uint8_t digest[DIGEST];
	bool ok = !memcmp(hd.magic, entry_magic, sizeof(hd.magic)) && hd.version == ENTRY_VERSION &&
		!memcmp(hd.key, key, DIGEST) && hd.size == (uint64_t)st.st_size - sizeof(hd) && hd.size >= 4 &&
		!memcmp(object, "\x7f" "ELF", 4) && sha256(object, hd.size, digest) && !memcmp(digest, hd.digest, DIGEST);
	if (ok) {
		int out = open(obj_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		ok = out >= 0 && driver_write_all(out, object, hd.size);
		if (out >= 0)
			ok = close(out) == 0 && ok;
	}
	munmap(map, (size_t)st.st_size);
	return ok;
}

bool cache_fetch(struct cache_module *cm, const struct cg_part_input *in, const char *obj_path)
{
	if (!cm)
		return false;
	struct cache *c = cm->cache;
	uint8_t key[DIGEST];
	if (!part_key(cm, in, key))
		return false;
	atomic_fetch_add(&c->looked_up, 1);
	if (read_entry(c, key, obj_path)) {
		atomic_fetch_add(&c->reused, 1);
		return true;
	}
	char *copy = strdup(obj_path);
	pthread_mutex_lock(&c->lock);
	if (copy && c->miss_count == c->miss_cap) {
		size_t cap = c->miss_cap ? 2 * c->miss_cap : 16;
		struct miss *p = realloc(c->misses, cap * sizeof(*p));
		if (p) {
			c->misses = p;
			c->miss_cap = cap;
		}
	}
	if (copy && c->miss_count < c->miss_cap) {
		memcpy(c->misses[c->miss_count].key, key, DIGEST);
		c->misses[c->miss_count++].obj_path = copy;
		copy = NULL;
	}
	pthread_mutex_unlock(&c->lock);
	free(copy); /* out of memory: that part is not stored */
	return false;
}

/* Stores the object at obj_path under key: a temporary file in the entry's folder, renamed into place. */
static bool write_entry(struct cache *c, const uint8_t key[DIGEST], const char *obj_path, mode_t mode)
{
	int in = open(obj_path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (in < 0 || fstat(in, &st) != 0 || st.st_size < 4) {
		if (in >= 0)
			close(in);
		warn(c, "cannot read", obj_path);
		return false;
	}
	void *object = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, in, 0);
	close(in);
	if (object == MAP_FAILED) {
		warn(c, "cannot read", obj_path);
		return false;
	}
	struct entry_header hd = { .version = ENTRY_VERSION, .size = (uint64_t)st.st_size };
	memcpy(hd.magic, entry_magic, sizeof(hd.magic));
	memcpy(hd.key, key, DIGEST);
	char *folder = entry_path(c, key, true), *path = entry_path(c, key, false);
	char *temp = path ? malloc(strlen(path) + sizeof(".tmp-XXXXXX")) : NULL;
	bool ok = folder && path && temp && sha256(object, hd.size, hd.digest);
	if (ok && mkdir(folder, 0777) != 0 && errno != EEXIST) {
		warn(c, "cannot create", folder);
		ok = false;
	}
	int fd = -1;
	if (ok) {
		/* A dot name beside the entry: never taken for one, on the same file system for rename. */
		snprintf(temp, strlen(path) + sizeof(".tmp-XXXXXX"), "%s/.tmp-XXXXXX", folder);
		fd = mkstemp(temp);
		if (fd < 0)
			warn(c, "cannot create a file in", folder);
		ok = fd >= 0;
	}
	if (ok) {
		ok = fchmod(fd, mode) == 0 && driver_write_all(fd, &hd, sizeof(hd)) && driver_write_all(fd, object, hd.size);
		ok = close(fd) == 0 && ok;
		if (ok && rename(temp, path) != 0)
			ok = false;
		if (!ok) {
			warn(c, "cannot write", temp);
			unlink(temp);
		}
	}
	munmap(object, (size_t)st.st_size);
	free(folder);
	free(path);
	free(temp);
	return ok;
}

void cache_store(struct cache *c)
{
	if (!c)
		return;
	/* Entries may be shared: readable by whoever may read the folder, as umask allows. */
	mode_t mask = umask(0);
	umask(mask);
	for (size_t i = 0; i < c->miss_count && !c->warned; i++)
		if (write_entry(c, c->misses[i].key, c->misses[i].obj_path, 0666 & ~mask))
			c->stored++;
}
