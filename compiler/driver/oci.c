#define _GNU_SOURCE /* nftw's FTW_DEPTH, mkdtemp */
#include "oci.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sha256.h"
#include "tar.h"

#define MEDIA_INDEX "application/vnd.oci.image.index.v1+json"
#define MEDIA_MANIFEST "application/vnd.oci.image.manifest.v1+json"
#define MEDIA_CONFIG "application/vnd.oci.image.config.v1+json"
#define MEDIA_LAYER "application/vnd.oci.image.layer.v1.tar"
/* The executable in the image: its name in the layer, its path in the container. */
#define IMAGE_NAME "app"
#define IMAGE_PATH "/" IMAGE_NAME
/* The tag index.json gives the manifest (umoci unpack --image DIR:latest). */
#define IMAGE_TAG "latest"

const char *oci_arch(const char *arch)
{
	static const struct { const char *triple, *oci; } names[] = {
		{ "x86_64", "amd64" },
		{ "aarch64", "arm64" },
		{ "riscv64", "riscv64" },
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(arch, names[i].triple))
			return names[i].oci;
	return NULL;
}

/* ---- the blobs ---- */

struct blob {
	char *bytes;
	size_t size;
	char hex[SHA256_HEX]; /* its SHA-256, the name under blobs/sha256/ */
};

static bool blob_digest(struct blob *b)
{
	uint8_t digest[SHA256_SIZE];
	if (!sha256(b->bytes, b->size, digest))
		return false;
	sha256_hex(digest, b->hex);
	return true;
}

/* JSON printed into a blob; every string in it is ours (media types, digests, names), none needs escaping. */
static bool json(struct blob *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&b->bytes, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->bytes = NULL;
		return false;
	}
	b->size = (size_t)n;
	return blob_digest(b);
}

static bool read_whole(const char *path, char **bytes, size_t *size)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return false;
	bool ok = fseek(f, 0, SEEK_END) == 0;
	long n = ok ? ftell(f) : -1;
	ok = n >= 0 && fseek(f, 0, SEEK_SET) == 0;
	*bytes = ok ? malloc(n ? (size_t)n : 1) : NULL;
	ok = *bytes && fread(*bytes, 1, (size_t)n, f) == (size_t)n;
	fclose(f);
	if (!ok) {
		free(*bytes);
		*bytes = NULL;
	}
	*size = ok ? (size_t)n : 0;
	return ok;
}

/* The image: the layer, the config, the manifest, the index and the oci-layout marker. */
struct image {
	struct blob layer, config, manifest; /* under blobs/sha256/ */
	struct blob index, marker;          /* index.json, oci-layout */
};

static void image_free(struct image *im)
{
	free(im->layer.bytes);
	free(im->config.bytes);
	free(im->manifest.bytes);
	free(im->index.bytes);
	free(im->marker.bytes);
}

static bool image_build(const struct oci_image *img, const char *exe, size_t exe_size, struct image *im)
{
	const char *arch = oci_arch(img->arch);
	struct tar layer;
	tar_init(&layer);
	tar_file(&layer, IMAGE_NAME, 0755, exe, exe_size);
	if (!tar_finish(&layer)) {
		tar_free(&layer);
		return false;
	}
	im->layer.bytes = layer.bytes;
	im->layer.size = layer.size;
	if (!blob_digest(&im->layer))
		return false;
	/* An uncompressed layer's diff_id is its digest. */
	const char *entry = img->server ? "\"ExposedPorts\":{\"8080/tcp\":{}},"
					  "\"Entrypoint\":[\"" IMAGE_PATH "\",\"--listen\",\"0.0.0.0:8080\"]"
					: "\"Entrypoint\":[\"" IMAGE_PATH "\"]";
	return json(&im->config,
			"{\"architecture\":\"%s\",\"os\":\"linux\",\"config\":{%s},"
			"\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:%s\"]}}",
			arch, entry, im->layer.hex) &&
		json(&im->manifest,
			"{\"schemaVersion\":2,\"mediaType\":\"" MEDIA_MANIFEST "\","
			"\"config\":{\"mediaType\":\"" MEDIA_CONFIG "\",\"digest\":\"sha256:%s\",\"size\":%zu},"
			"\"layers\":[{\"mediaType\":\"" MEDIA_LAYER "\",\"digest\":\"sha256:%s\",\"size\":%zu}]}",
			im->config.hex, im->config.size, im->layer.hex, im->layer.size) &&
		json(&im->index,
			"{\"schemaVersion\":2,\"mediaType\":\"" MEDIA_INDEX "\","
			"\"manifests\":[{\"mediaType\":\"" MEDIA_MANIFEST "\",\"digest\":\"sha256:%s\",\"size\":%zu,"
			"\"platform\":{\"architecture\":\"%s\",\"os\":\"linux\"},"
			"\"annotations\":{\"org.opencontainers.image.ref.name\":\"" IMAGE_TAG "\"}}]}",
			im->manifest.hex, im->manifest.size, arch) &&
		json(&im->marker, "{\"imageLayoutVersion\":\"1.0.0\"}");
}

/* ---- files ---- */

/* One line on stderr; false. */
static bool fail(const char *option, const char *path, const char *what)
{
	fprintf(stderr, "wasmc: %s %s: %s\n", option, path, what);
	return false;
}

/* The folder holding path ("." for a bare name). */
static void parent_of(const char *path, char *out, size_t size)
{
	snprintf(out, size, "%s", path);
	size_t n = strlen(out);
	while (n > 1 && out[n - 1] == '/')
		out[--n] = 0; /* "dir/" names dir */
	char *slash = strrchr(out, '/');
	if (!slash)
		snprintf(out, size, ".");
	else if (slash == out)
		out[1] = 0;
	else
		*slash = 0;
}

/* 1: dir holds an OCI layout (its oci-layout file), 0: dir is empty, -1: neither. */
static int layout_state(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int state = 0;
	struct dirent *e;
	while ((e = readdir(d)) && state != -1) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		state = -1;
	}
	closedir(d);
	if (state == 0)
		return 0;
	char marker[PATH_MAX];
	struct stat st;
	snprintf(marker, sizeof(marker), "%s/oci-layout", dir);
	return stat(marker, &st) == 0 && S_ISREG(st.st_mode) ? 1 : -1;
}

bool oci_check_path(const char *option, const char *path, bool layout)
{
	char parent[PATH_MAX];
	struct stat st;
	if (!*path)
		return fail(option, "''", "expected a path");
	if (strlen(path) + 32 >= PATH_MAX)
		return fail(option, path, "path too long");
	parent_of(path, parent, sizeof(parent));
	if (stat(parent, &st) != 0 || !S_ISDIR(st.st_mode))
		return fail(option, path, "its folder does not exist");
	if (access(parent, W_OK | X_OK) != 0)
		return fail(option, path, "its folder is not writable");
	if (lstat(path, &st) != 0)
		return true;
	if (!layout && S_ISDIR(st.st_mode))
		return fail(option, path, "is a directory");
	if (layout && (!S_ISDIR(st.st_mode) || layout_state(path) < 0))
		return fail(option, path, "exists and is neither empty nor an OCI layout; not replaced");
	return true;
}

static bool write_file(const char *path, const struct blob *b)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return false;
	size_t done = 0;
	while (done < b->size) {
		ssize_t n = write(fd, b->bytes + done, b->size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	return close(fd) == 0 && done == b->size;
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st, (void)type, (void)ftw;
	remove(path);
	return 0;
}

static void remove_tree(const char *dir)
{
	nftw(dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* The three blobs by digest: the order of their files in the archive. */
static void sorted_blobs(const struct image *im, const struct blob *out[3])
{
	out[0] = &im->layer;
	out[1] = &im->config;
	out[2] = &im->manifest;
	for (int i = 1; i < 3; i++)
		for (int j = i; j > 0 && strcmp(out[j - 1]->hex, out[j]->hex) > 0; j--) {
			const struct blob *t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
}

/* The layout in the new folder dir. */
static bool write_layout(const struct image *im, const char *dir)
{
	char path[PATH_MAX];
	const struct blob *blobs[3];
	snprintf(path, sizeof(path), "%s/blobs", dir);
	if (chmod(dir, 0755) != 0 || mkdir(path, 0755) != 0)
		return false;
	snprintf(path, sizeof(path), "%s/blobs/sha256", dir);
	if (mkdir(path, 0755) != 0)
		return false;
	sorted_blobs(im, blobs);
	for (int i = 0; i < 3; i++) {
		snprintf(path, sizeof(path), "%s/blobs/sha256/%s", dir, blobs[i]->hex);
		if (!write_file(path, blobs[i]))
			return false;
	}
	snprintf(path, sizeof(path), "%s/index.json", dir);
	if (!write_file(path, &im->index))
		return false;
	snprintf(path, sizeof(path), "%s/oci-layout", dir);
	return write_file(path, &im->marker);
}

/* The layout as a tar archive, entries in sorted order. */
static bool archive_bytes(const struct image *im, struct tar *t)
{
	char name[128];
	const struct blob *blobs[3];
	tar_init(t);
	tar_dir(t, "blobs/");
	tar_dir(t, "blobs/sha256/");
	sorted_blobs(im, blobs);
	for (int i = 0; i < 3; i++) {
		snprintf(name, sizeof(name), "blobs/sha256/%s", blobs[i]->hex);
		tar_file(t, name, 0644, blobs[i]->bytes, blobs[i]->size);
	}
	tar_file(t, "index.json", 0644, im->index.bytes, im->index.size);
	tar_file(t, "oci-layout", 0644, im->marker.bytes, im->marker.size);
	return tar_finish(t);
}

/* Renames the finished layout temp onto dir, replacing an empty folder or an earlier layout. */
static bool replace_layout(const char *temp, const char *dir)
{
	struct stat st;
	if (lstat(dir, &st) != 0 || layout_state(dir) == 0)
		return rename(temp, dir) == 0;
	if (layout_state(dir) != 1) {
		errno = EEXIST;
		return false;
	}
	char old[PATH_MAX];
	snprintf(old, sizeof(old), "%s.wasmc-old-XXXXXX", dir);
	if (!mkdtemp(old))
		return false;
	if (rename(dir, old) != 0) {
		rmdir(old);
		return false;
	}
	if (rename(temp, dir) != 0) {
		int saved = errno;
		rename(old, dir);
		errno = saved;
		return false;
	}
	remove_tree(old);
	return true;
}

bool oci_write(const struct oci_image *img)
{
	const char *option = img->archive ? "--oci" : "--oci-layout";
	const char *target = img->archive ? img->archive : img->layout;
	if (!oci_arch(img->arch))
		return fail(option, target, "no OCI name for this architecture");
	char *exe;
	size_t exe_size;
	if (!read_whole(img->executable, &exe, &exe_size))
		return fail(option, target, "cannot read the executable");
	struct image im = { 0 };
	bool ok = image_build(img, exe, exe_size, &im);
	free(exe);
	if (!ok) {
		image_free(&im);
		return fail(option, target, "out of memory");
	}
	/* Temporaries beside their targets (a layout's trailing slashes dropped), renamed into place at the end. */
	char layout_dir[PATH_MAX] = "", archive_temp[PATH_MAX] = "", layout_temp[PATH_MAX] = "";
	const char *what = NULL, *path = target;
	bool archive_renamed = false;
	if (img->layout) {
		snprintf(layout_dir, sizeof(layout_dir), "%s", img->layout);
		for (size_t n = strlen(layout_dir); n > 1 && layout_dir[n - 1] == '/'; n--)
			layout_dir[n - 1] = 0;
	}
	if (img->archive) {
		struct tar t;
		snprintf(archive_temp, sizeof(archive_temp), "%s.wasmc-XXXXXX", img->archive);
		int fd = -1;
		if (!archive_bytes(&im, &t))
			what = "out of memory";
		else if ((fd = mkstemp(archive_temp)) < 0)
			what = strerror(errno), archive_temp[0] = 0;
		else if (fchmod(fd, 0644) != 0 || close(fd) != 0 || !write_file(archive_temp, &(struct blob){ .bytes = t.bytes, .size = t.size }))
			what = strerror(errno);
		tar_free(&t);
	}
	if (!what && img->layout) {
		option = "--oci-layout", path = img->layout;
		snprintf(layout_temp, sizeof(layout_temp), "%s.wasmc-XXXXXX", layout_dir);
		if (!mkdtemp(layout_temp))
			what = strerror(errno), layout_temp[0] = 0;
		else if (!write_layout(&im, layout_temp))
			what = strerror(errno);
	}
	if (!what && img->archive) {
		option = "--oci", path = img->archive;
		if (rename(archive_temp, img->archive) != 0)
			what = strerror(errno);
		else
			archive_renamed = true, archive_temp[0] = 0;
	}
	if (!what && img->layout) {
		option = "--oci-layout", path = img->layout;
		if (!replace_layout(layout_temp, layout_dir))
			what = strerror(errno);
		else
			layout_temp[0] = 0;
	}
	if (what && archive_renamed)
		unlink(img->archive); /* the layout failed after it: neither is left */
	if (archive_temp[0])
		unlink(archive_temp);
	if (layout_temp[0])
		remove_tree(layout_temp);
	image_free(&im);
	return what ? fail(option, path, what) : true;
}
