/*
 * The operations on one path that preview 1 and WASI 0.2 share (see
 * fs_ops.h): open, stat, readlink, set times, create and remove a
 * directory, unlink a file, make a symbolic link. Every path is resolved in
 * user space beneath its directory descriptor (sandbox.h) and the operation
 * is one *at call that does not follow the last component.
 */
#include "fs_ops.h"

#include "fd_table.h"
#include "file_times.h"
#include "rt_string.h"
#include "wasi_errno.h"

#define CREATE_MODE 0666
#define MKDIR_MODE 0777
/* The rights that make path_open ask the host for reading, or for writing. */
#define READ_RIGHTS (WASI_RIGHT_FD_READ | WASI_RIGHT_FD_READDIR)
#define WRITE_RIGHTS \
	(WASI_RIGHT_FD_WRITE | WASI_RIGHT_FD_DATASYNC | WASI_RIGHT_FD_ALLOCATE | WASI_RIGHT_FD_FILESTAT_SET_SIZE)

int32_t host_path_lookup(int32_t fd, uint64_t rights, const char *path, uint32_t len, bool follow_last,
		struct sandbox_path *out)
{
	int32_t err;
	struct wasi_fd *dir = wasi_fd_get(fd, rights, &err);
	if (!dir)
		return err;
	if (dir->filetype != WASI_FILETYPE_DIRECTORY)
		return WASI_ENOTDIR;
	if (!path)
		return WASI_EFAULT;
	return sandbox_resolve(dir->host_fd, path, len, follow_last, out);
}

/*
 * Linux never follows a link in the last component of a name it creates,
 * removes or renames, not even before a trailing '/' (which only demands a
 * directory there); the sandbox follows one before a '/', as lookups must.
 * So the name is resolved without its trailing slashes, and remembered.
 */
int32_t host_path_lookup_name(int32_t fd, uint64_t rights, const char *path, uint32_t len, struct sandbox_path *out)
{
	uint32_t name_len = len;
	while (path && name_len > 1 && path[name_len - 1] == '/')
		name_len--;
	int32_t err = host_path_lookup(fd, rights, path, name_len, false, out);
	if (err == WASI_ESUCCESS && name_len < len)
		out->must_be_dir = true;
	return err;
}

int32_t host_path_kind(const struct sandbox_path *p, enum host_path_kind *kind)
{
	struct os_stat st;
	long ret = os_statx(p->dir_fd, p->name, OS_AT_SYMLINK_NOFOLLOW, &st);
	if (ret == -OS_ENOENT) {
		*kind = HOST_PATH_MISSING;
		return WASI_ESUCCESS;
	}
	if (ret < 0)
		return wasi_errno_from_linux(-ret);
	*kind = (st.mode & OS_S_IFMT) == OS_S_IFDIR ? HOST_PATH_DIRECTORY : HOST_PATH_OTHER;
	return WASI_ESUCCESS;
}

int32_t host_path_new_name_slash(const struct sandbox_path *p)
{
	enum host_path_kind kind;
	int32_t err = host_path_kind(p, &kind);
	return err ? err : kind == HOST_PATH_MISSING ? WASI_ENOENT : WASI_EEXIST;
}

static bool follows(int32_t lookup_flags)
{
	return lookup_flags & WASI_LOOKUP_SYMLINK_FOLLOW;
}

/* Host open flags for WASI's oflags and fdflags, and an access mode for the rights asked for. */
static int open_flags(int32_t oflags, int32_t fdflags, uint64_t rights, bool must_be_dir)
{
	int flags = OS_O_NOFOLLOW | OS_O_CLOEXEC | OS_O_NOCTTY;
	bool read = rights & READ_RIGHTS, write = rights & WRITE_RIGHTS;
	if (oflags & WASI_OFLAG_DIRECTORY)
		flags |= OS_O_RDONLY | OS_O_DIRECTORY;
	else
		flags |= write ? (read ? OS_O_RDWR : OS_O_WRONLY) : OS_O_RDONLY;
	if (must_be_dir)
		flags |= OS_O_DIRECTORY;
	if (oflags & WASI_OFLAG_CREAT)
		flags |= OS_O_CREAT;
	if (oflags & WASI_OFLAG_EXCL)
		flags |= OS_O_EXCL;
	if (oflags & WASI_OFLAG_TRUNC)
		flags |= OS_O_TRUNC;
	if (fdflags & WASI_FDFLAG_APPEND)
		flags |= OS_O_APPEND;
	if (fdflags & WASI_FDFLAG_NONBLOCK)
		flags |= OS_O_NONBLOCK;
	if (fdflags & WASI_FDFLAG_DSYNC)
		flags |= OS_O_DSYNC;
	if (fdflags & (WASI_FDFLAG_SYNC | WASI_FDFLAG_RSYNC)) /* Linux's O_RSYNC is O_SYNC */
		flags |= OS_O_SYNC;
	return flags;
}

int32_t host_path_open_flags_check(int32_t oflags, int32_t fdflags)
{
	if ((uint32_t)oflags & ~0xfu || (uint32_t)fdflags & ~0x1fu)
		return WASI_EINVAL;
	if ((oflags & WASI_OFLAG_CREAT) && (oflags & WASI_OFLAG_DIRECTORY))
		return WASI_EINVAL;
	return WASI_ESUCCESS;
}

/*
 * The new descriptor's rights are those asked for, as far as the directory
 * passes them on and the file type allows; asking for more is not an error
 * (as Wasmtime, and as wasi-libc and Rust's std expect).
 */
int32_t host_path_open(int32_t fd, int32_t dirflags, const char *path, uint32_t len, int32_t oflags,
		uint64_t rights_base, uint64_t rights_inheriting, int32_t fdflags, int32_t *opened)
{
	int32_t err = host_path_open_flags_check(oflags, fdflags);
	if (err)
		return err;
	uint64_t needed = WASI_RIGHT_PATH_OPEN;
	if (oflags & WASI_OFLAG_CREAT)
		needed |= WASI_RIGHT_PATH_CREATE_FILE;
	if (oflags & WASI_OFLAG_TRUNC)
		needed |= WASI_RIGHT_PATH_FILESTAT_SET_SIZE;
	struct wasi_fd *dir = wasi_fd_get(fd, 0, &err);
	if (dir && dir->filetype == WASI_FILETYPE_REGULAR_FILE)
		return WASI_ENOTDIR; /* Wasmtime's answer for a file; other kinds are EBADF */
	dir = wasi_fd_get(fd, needed, &err);
	if (!dir)
		return err;
	uint64_t inherited = dir->rights_inheriting;
	bool readonly = dir->readonly;
	/* Opening for writing under a read-only grant is refused, not quietly made read-only. */
	if (readonly && (rights_base & WASI_RIGHTS_OPEN_WRITE))
		return WASI_EPERM;
	struct sandbox_path p;
	err = host_path_lookup(fd, needed, path, len, follows(dirflags), &p);
	if (err)
		return err;
	uint64_t base = rights_base & inherited;
	if (p.must_be_dir && (oflags & WASI_OFLAG_CREAT)) {
		sandbox_release(&p);
		return WASI_EISDIR;
	}
	int flags = open_flags(oflags, fdflags, base, p.must_be_dir);
	long host_fd = os_openat(p.dir_fd, p.name, flags, CREATE_MODE);
	/*
	 * A directory opened without oflags.directory: the rights it cannot have
	 * (fd_allocate, fd_filestat_set_size) ask for nothing, and fd_datasync
	 * needs no write access (a preopen advertises it), so it opens for
	 * reading. Only fd_write asked for stays EISDIR, as Linux's O_WRONLY.
	 */
	if (host_fd == -OS_EISDIR && (flags & OS_O_ACCMODE) != OS_O_RDONLY && !(base & WASI_RIGHT_FD_WRITE) &&
			!(oflags & (WASI_OFLAG_CREAT | WASI_OFLAG_TRUNC)))
		host_fd = os_openat(p.dir_fd, p.name, (flags & ~OS_O_ACCMODE) | OS_O_RDONLY | OS_O_DIRECTORY, 0);
	sandbox_release(&p);
	if (host_fd < 0)
		return wasi_errno_from_linux(-host_fd);
	struct os_stat st;
	long ret = os_statx((int)host_fd, "", OS_AT_EMPTY_PATH, &st);
	if (ret < 0) {
		os_close((int)host_fd);
		return wasi_errno_from_linux(-ret);
	}
	uint8_t filetype = wasi_filetype_of_mode(st.mode);
	base &= wasi_rights_of_filetype(filetype);
	err = wasi_fd_add((int)host_fd, filetype, (uint16_t)fdflags, base, rights_inheriting & inherited, opened);
	if (err)
		return err;
	wasi_fd_get(*opened, 0, &err)->readonly = readonly;
	return WASI_ESUCCESS;
}

int32_t host_path_create_directory(int32_t fd, const char *path, uint32_t len)
{
	struct sandbox_path p;
	int32_t err = host_path_lookup_name(fd, WASI_RIGHT_PATH_CREATE_DIRECTORY, path, len, &p);
	if (err)
		return err;
	long ret = os_mkdirat(p.dir_fd, p.name, MKDIR_MODE);
	sandbox_release(&p);
	return wasi_result(ret);
}

int32_t host_path_remove_directory(int32_t fd, const char *path, uint32_t len)
{
	struct sandbox_path p;
	int32_t err = host_path_lookup_name(fd, WASI_RIGHT_PATH_REMOVE_DIRECTORY, path, len, &p);
	if (err)
		return err;
	long ret = os_unlinkat(p.dir_fd, p.name, OS_AT_REMOVEDIR);
	sandbox_release(&p);
	return wasi_result(ret);
}

int32_t host_path_unlink_file(int32_t fd, const char *path, uint32_t len)
{
	struct sandbox_path p;
	int32_t err = host_path_lookup_name(fd, WASI_RIGHT_PATH_UNLINK_FILE, path, len, &p);
	if (err)
		return err;
	long ret;
	struct os_stat st;
	if (p.must_be_dir) /* "name/": a directory is EISDIR, anything else ENOTDIR */
		ret = os_statx(p.dir_fd, p.name, OS_AT_SYMLINK_NOFOLLOW, &st) < 0 ? -OS_ENOENT
			: (st.mode & OS_S_IFMT) == OS_S_IFDIR                 ? -OS_EISDIR
										: -OS_ENOTDIR;
	else
		ret = os_unlinkat(p.dir_fd, p.name, 0);
	sandbox_release(&p);
	return wasi_result(ret);
}

int32_t host_path_readlink(int32_t fd, const char *path, uint32_t len, char *buf, uint32_t size, uint32_t *used)
{
	struct sandbox_path p;
	int32_t err = host_path_lookup(fd, WASI_RIGHT_PATH_READLINK, path, len, false, &p);
	if (err)
		return err;
	long n = os_readlinkat(p.dir_fd, p.name, buf, size);
	sandbox_release(&p);
	if (n < 0)
		return wasi_errno_from_linux(-n);
	*used = (uint32_t)n; /* a target longer than the buffer is cut, as readlink does */
	return WASI_ESUCCESS;
}

/*
 * Whether a link with these contents, in a directory `depth` levels below
 * the base, would lead out of it when followed: absolute, or more `..` than
 * the levels it has climbed down (read as written; a link met on the way is
 * checked when followed, as always).
 */
static bool leads_out(const char *target, uint32_t target_len, uint32_t depth)
{
	if (target_len && target[0] == '/')
		return true;
	uint64_t level = depth;
	for (uint32_t at = 0; at < target_len;) {
		uint32_t end = at;
		while (end < target_len && target[end] != '/')
			end++;
		uint32_t comp_len = end - at;
		if (comp_len == 2 && target[at] == '.' && target[at + 1] == '.') {
			if (level == 0)
				return true;
			level--;
		} else if (comp_len && !(comp_len == 1 && target[at] == '.')) {
			level++;
		}
		at = end + 1;
	}
	return false;
}

/*
 * A link that would lead out of the directory tree (absolute, or climbing
 * above the base) is refused with EPERM, as Wasmtime (cap-std) and node
 * refuse it, rather than made for the sandbox to refuse at every use.
 */
int32_t host_path_symlink(const char *target, uint32_t target_len, int32_t fd, const char *path, uint32_t len)
{
	char contents[SANDBOX_PATH_MAX];
	if (target_len >= sizeof contents)
		return WASI_ENAMETOOLONG;
	memcpy(contents, target, target_len);
	contents[target_len] = 0;
	if (rt_strlen(contents) != target_len)
		return WASI_EINVAL; /* a NUL inside: as a path's */
	struct sandbox_path p;
	int32_t err = host_path_lookup_name(fd, WASI_RIGHT_PATH_SYMLINK, path, len, &p);
	if (err)
		return err;
	if (p.must_be_dir)
		err = host_path_new_name_slash(&p);
	else if (leads_out(contents, target_len, p.depth))
		err = WASI_EPERM;
	else
		err = wasi_result(os_symlinkat(contents, p.dir_fd, p.name));
	sandbox_release(&p);
	return err;
}

int32_t host_path_stat(int32_t fd, int32_t lookup_flags, const char *path, uint32_t len, struct os_stat *st)
{
	struct sandbox_path p;
	int32_t err = host_path_lookup(fd, WASI_RIGHT_PATH_FILESTAT_GET, path, len, follows(lookup_flags), &p);
	if (err)
		return err;
	long ret = os_statx(p.dir_fd, p.name, OS_AT_SYMLINK_NOFOLLOW, st);
	if (ret == 0 && p.must_be_dir && (st->mode & OS_S_IFMT) != OS_S_IFDIR)
		ret = -OS_ENOTDIR;
	sandbox_release(&p);
	return wasi_result(ret);
}

int32_t host_path_set_times(int32_t fd, int32_t lookup_flags, const char *path, uint32_t len, int64_t atim,
		int64_t mtim, int32_t fst_flags)
{
	struct os_timespec times[2];
	int32_t err = filestat_times(atim, mtim, fst_flags, times);
	if (err)
		return err;
	struct sandbox_path p;
	err = host_path_lookup(fd, WASI_RIGHT_PATH_FILESTAT_SET_TIMES, path, len, follows(lookup_flags), &p);
	if (err)
		return err;
	long ret = os_utimensat(p.dir_fd, p.name, times, OS_AT_SYMLINK_NOFOLLOW);
	sandbox_release(&p);
	return wasi_result(ret);
}
