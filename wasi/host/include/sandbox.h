/*
 * Path resolution inside a directory descriptor, in user space, one
 * component at a time (as cap-std does): nothing the program names may lead
 * outside the directory it starts from. Absolute paths, `..` above the start
 * and symbolic links that are absolute or climb out are refused with EPERM
 * (Wasmtime's answer); more than SANDBOX_SYMLINK_MAX links give ELOOP.
 * Linux's openat2(RESOLVE_BENEATH) would do this in the kernel, but
 * qemu-user, which runs the cross targets, does not have it.
 */
#ifndef WASMC_WASI_SANDBOX_H
#define WASMC_WASI_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SANDBOX_PATH_MAX 4096
#define SANDBOX_NAME_MAX 255
#define SANDBOX_SYMLINK_MAX 40
#define SANDBOX_DEPTH_MAX 128

/*
 * The result: the directory holding the last component and the component
 * itself, so that every operation is an *at call on (dir_fd, name) that
 * must not follow a symbolic link in name. name is "." when the path names
 * the directory itself.
 */
struct sandbox_path {
	int dir_fd;
	bool owns_dir_fd;  /* dir_fd is ours to close (sandbox_release) */
	bool must_be_dir;  /* the path ended in '/' */
	uint32_t depth;    /* how many directories dir_fd lies below the base (0: the base itself) */
	char name[SANDBOX_NAME_MAX + 1];
};

/* follow_last: a symbolic link as last component is followed too (lookupflags symlink_follow). */
int32_t sandbox_resolve(int base_fd, const char *path, size_t len, bool follow_last, struct sandbox_path *out);

void sandbox_release(struct sandbox_path *p);

#endif
