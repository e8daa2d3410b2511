/*
 * OCI images (image-spec v1.1) of a linked executable: --oci FILE (the
 * layout as a tar archive, what `skopeo copy oci-archive:FILE` reads) and
 * --oci-layout DIR. One uncompressed layer holds the executable as /app,
 * mode 0755; the config names the architecture, os linux and the entrypoint.
 * Every byte is fixed by the executable, the architecture and whether it is a
 * server: the same compile gives the same image. See docs/serving.md.
 */
#ifndef WASMC_OCI_H
#define WASMC_OCI_H

#include <stdbool.h>

struct oci_image {
	const char *executable;  /* the linked executable, read whole */
	const char *arch;        /* the triple's architecture: x86_64, aarch64, riscv64 */
	bool server;             /* a wasi:http server: ExposedPorts 8080/tcp, --listen 0.0.0.0:8080 */
	const char *archive;     /* --oci FILE, or NULL */
	const char *layout;      /* --oci-layout DIR, or NULL */
};

/* OCI's name for arch (amd64, arm64, riscv64), or NULL. */
const char *oci_arch(const char *arch);

/*
 * Before compiling: the folder that will hold path exists and is writable,
 * and (a layout) path is absent, empty or an OCI layout. Else one line on
 * stderr naming option, and false.
 */
bool oci_check_path(const char *option, const char *path, bool layout);

/*
 * Writes the image's archive and layout, each first under a temporary name
 * beside it and renamed into place (a layout replaces an earlier one). On
 * failure: one line on stderr, nothing left, false.
 */
bool oci_write(const struct oci_image *img);

#endif
