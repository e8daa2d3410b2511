/* Path resolution beneath a directory descriptor: see sandbox.h. */
#include "sandbox.h"

#include "os.h"
#include "rt_string.h"
#include "wasi_errno.h"

#define DIR_FLAGS (OS_O_PATH | OS_O_NOFOLLOW | OS_O_DIRECTORY | OS_O_CLOEXEC)

struct walk {
	int base_fd;
	int stack[SANDBOX_DEPTH_MAX]; /* the directories entered below base_fd, owned */
	uint32_t depth;
};

static bool has_nul(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!s[i])
			return true;
	return false;
}

static int current(const struct walk *w)
{
	return w->depth ? w->stack[w->depth - 1] : w->base_fd;
}

static void close_all(struct walk *w)
{
	while (w->depth)
		os_close(w->stack[--w->depth]);
}

static int32_t enter(struct walk *w, const char *name)
{
	if (w->depth == SANDBOX_DEPTH_MAX)
		return WASI_ENAMETOOLONG;
	long fd = os_openat(current(w), name, DIR_FLAGS, 0);
	if (fd < 0)
		return wasi_errno_from_linux(-fd);
	w->stack[w->depth++] = (int)fd;
	return WASI_ESUCCESS;
}

static int32_t leave(struct walk *w)
{
	if (w->depth == 0)
		return WASI_EPERM; /* `..` above the directory the program was given */
	os_close(w->stack[--w->depth]);
	return WASI_ESUCCESS;
}

/* rest = target + tail, in place; tail points into rest. */
static int32_t splice(char *rest, const char *target, size_t target_len, const char *tail)
{
	size_t tail_len = rt_strlen(tail);
	if (target_len + 1 + tail_len >= SANDBOX_PATH_MAX)
		return WASI_ENAMETOOLONG;
	memmove(rest + target_len + 1, tail, tail_len + 1);
	memcpy(rest, target, target_len);
	rest[target_len] = '/';
	return WASI_ESUCCESS;
}

static void finish(struct walk *w, struct sandbox_path *out, const char *name, size_t len, bool must_be_dir)
{
	/* Keep only the innermost directory. */
	int dir = current(w);
	out->depth = w->depth;
	if (w->depth) {
		w->depth--;
		close_all(w);
	}
	out->dir_fd = dir;
	out->owns_dir_fd = dir != w->base_fd;
	out->must_be_dir = must_be_dir;
	memcpy(out->name, name, len);
	out->name[len] = 0;
}

int32_t sandbox_resolve(int base_fd, const char *path, size_t len, bool follow_last, struct sandbox_path *out)
{
	char rest[SANDBOX_PATH_MAX], target[SANDBOX_PATH_MAX];
	if (len == 0)
		return WASI_ENOENT;
	if (len >= SANDBOX_PATH_MAX)
		return WASI_ENAMETOOLONG;
	if (has_nul(path, len))
		return WASI_EINVAL; /* as Linux's own string conversion in Wasmtime (rustix) answers */
	if (path[0] == '/')
		return WASI_EPERM;
	memcpy(rest, path, len);
	rest[len] = 0;
	struct walk w = { .base_fd = base_fd };
	uint32_t links = 0;
	size_t pos = 0;
	for (;;) {
		while (rest[pos] == '/')
			pos++;
		size_t start = pos;
		while (rest[pos] && rest[pos] != '/')
			pos++;
		size_t comp_len = pos - start, after = pos;
		while (rest[after] == '/')
			after++;
		bool last = rest[after] == 0, slash = after > pos;
		if (comp_len == 0) { /* nothing left: the directory itself (a link to "x/") */
			finish(&w, out, ".", 1, true);
			return WASI_ESUCCESS;
		}
		if (comp_len > SANDBOX_NAME_MAX) {
			close_all(&w);
			return WASI_ENAMETOOLONG;
		}
		char name[SANDBOX_NAME_MAX + 1];
		memcpy(name, rest + start, comp_len);
		name[comp_len] = 0;
		bool dot = comp_len == 1 && name[0] == '.', dotdot = comp_len == 2 && name[0] == '.' && name[1] == '.';
		int32_t err = WASI_ESUCCESS;
		if (dotdot)
			err = leave(&w);
		if (err) {
			close_all(&w);
			return err;
		}
		if (dot || dotdot) {
			if (last) {
				finish(&w, out, ".", 1, slash);
				return WASI_ESUCCESS;
			}
			pos = after;
			continue;
		}
		if (last && !follow_last && !slash) {
			finish(&w, out, name, comp_len, false);
			return WASI_ESUCCESS;
		}
		if (!last) {
			err = enter(&w, name);
			if (err == WASI_ESUCCESS) {
				pos = after;
				continue;
			}
			if (err != WASI_ENOTDIR && err != WASI_ELOOP) {
				close_all(&w);
				return err;
			}
		}
		/* A symbolic link (to follow), or the last component, or not a directory. */
		long n = os_readlinkat(current(&w), name, target, sizeof target);
		if (n == -OS_EINVAL || n == -OS_ENOENT) {
			if (last) {
				finish(&w, out, name, comp_len, slash);
				return WASI_ESUCCESS;
			}
			close_all(&w);
			return n == -OS_EINVAL ? WASI_ENOTDIR : WASI_ENOENT;
		}
		if (n < 0 || (size_t)n == sizeof target || ++links > SANDBOX_SYMLINK_MAX || target[0] == '/') {
			close_all(&w);
			if (n < 0)
				return wasi_errno_from_linux(-n);
			if ((size_t)n == sizeof target)
				return WASI_ENAMETOOLONG;
			return links > SANDBOX_SYMLINK_MAX ? WASI_ELOOP : WASI_EPERM;
		}
		/* Continue with the link's target, then what followed it (keeping a trailing '/'). */
		err = splice(rest, target, (size_t)n, rest + (last && !slash ? after : pos));
		if (err) {
			close_all(&w);
			return err;
		}
		if (last && !slash)
			rest[n] = 0; /* no tail: drop the separator splice added */
		pos = 0;
	}
}

void sandbox_release(struct sandbox_path *p)
{
	if (p->owns_dir_fd)
		os_close(p->dir_fd);
	p->owns_dir_fd = false;
}
