/*
 * The WASI descriptor table (fd_table.h). A fixed first block covers the
 * usual case; a larger table is mapped (and the old one unmapped) when a
 * program opens more.
 */
#include "fd_table.h"

#include "os.h"
#include "rt_string.h"
#include "wasi_errno.h"

#define INITIAL_SLOTS 64
#define MAX_SLOTS (1u << 20)

static struct wasi_fd initial[INITIAL_SLOTS];
static struct wasi_fd *slots = initial;
static uint32_t slot_count = INITIAL_SLOTS;
static uint32_t used_count; /* one past the highest slot ever used */

static bool is_free(uint32_t fd)
{
	return fd >= used_count || slots[fd].host_fd < 0;
}

struct wasi_fd *wasi_fd_get(int32_t fd, uint64_t rights, int32_t *err)
{
	if (is_free((uint32_t)fd)) {
		*err = WASI_EBADF;
		return NULL;
	}
	struct wasi_fd *entry = &slots[fd];
	uint64_t missing = rights & ~entry->rights_base;
	/* A right its kind never has (fd_read on a directory, fd_readdir on a file): Wasmtime's EBADF. */
	if (missing & ~wasi_rights_of_filetype(entry->filetype)) {
		*err = WASI_EBADF;
		return NULL;
	}
	if (missing) {
		*err = entry->readonly && !(missing & ~WASI_RIGHTS_WRITE) ? WASI_EPERM : WASI_ENOTCAPABLE;
		return NULL;
	}
	*err = WASI_ESUCCESS;
	return entry;
}

static bool grow(void)
{
	if (slot_count >= MAX_SLOTS)
		return false;
	uint32_t count = slot_count * 2;
	struct wasi_fd *bigger = os_mmap_anon((size_t)count * sizeof *bigger, OS_PROT_READ | OS_PROT_WRITE, 0);
	if (!bigger)
		return false;
	memcpy(bigger, slots, (size_t)slot_count * sizeof *bigger);
	if (slots != initial)
		os_munmap(slots, (size_t)slot_count * sizeof *slots);
	slots = bigger;
	slot_count = count;
	return true;
}

/* Makes slot `fd` usable (growing the table), marking the slots below it free. */
static bool reserve(uint32_t fd)
{
	while (fd >= slot_count)
		if (!grow())
			return false;
	for (; used_count <= fd; used_count++)
		slots[used_count].host_fd = -1;
	return true;
}

static void store(uint32_t fd, int host_fd, uint8_t filetype, uint16_t fdflags, uint64_t base,
		uint64_t inheriting)
{
	slots[fd] = (struct wasi_fd){
		.host_fd = host_fd, .filetype = filetype, .fdflags = fdflags,
		.rights_base = base, .rights_inheriting = inheriting,
	};
}

int32_t wasi_fd_add(int host_fd, uint8_t filetype, uint16_t fdflags, uint64_t rights_base,
		uint64_t rights_inheriting, int32_t *fd_out)
{
	uint32_t fd = 0;
	while (fd < used_count && slots[fd].host_fd >= 0)
		fd++;
	if (fd >= MAX_SLOTS || !reserve(fd)) {
		os_close(host_fd);
		return fd >= MAX_SLOTS ? WASI_ENFILE : WASI_ENOMEM;
	}
	store(fd, host_fd, filetype, fdflags, rights_base, rights_inheriting);
	*fd_out = (int32_t)fd;
	return WASI_ESUCCESS;
}

int32_t wasi_fd_add_preopen(int host_fd, const char *guest_path, bool readonly, int32_t *fd_out)
{
	uint64_t withheld = readonly ? WASI_RIGHTS_WRITE : 0;
	int32_t err = wasi_fd_add(host_fd, WASI_FILETYPE_DIRECTORY, 0, WASI_RIGHTS_DIRECTORY & ~withheld,
			WASI_RIGHTS_ALL & ~(withheld & ~WASI_RIGHTS_OPEN_WRITE), fd_out);
	if (err == WASI_ESUCCESS) {
		slots[*fd_out].preopen = guest_path;
		slots[*fd_out].readonly = readonly;
	}
	return err;
}

int32_t wasi_fd_close(int32_t fd)
{
	if (is_free((uint32_t)fd))
		return WASI_EBADF;
	long ret = os_close(slots[fd].host_fd);
	slots[fd].host_fd = -1;
	slots[fd].preopen = NULL;
	/* The descriptor is gone even when close reports an error (Linux frees it first). */
	return ret < 0 && ret != -OS_EINTR ? wasi_errno_from_linux(-ret) : WASI_ESUCCESS;
}

int32_t wasi_fd_renumber(int32_t from, int32_t to)
{
	if (is_free((uint32_t)from) || is_free((uint32_t)to))
		return WASI_EBADF;
	if (from == to)
		return WASI_ESUCCESS;
	os_close(slots[to].host_fd);
	slots[to] = slots[from];
	slots[from].host_fd = -1;
	slots[from].preopen = NULL;
	return WASI_ESUCCESS;
}

uint8_t wasi_filetype_of_mode(uint32_t mode)
{
	switch (mode & OS_S_IFMT) {
	case OS_S_IFCHR: return WASI_FILETYPE_CHARACTER_DEVICE;
	case OS_S_IFREG: return WASI_FILETYPE_REGULAR_FILE;
	case OS_S_IFDIR: return WASI_FILETYPE_DIRECTORY;
	case OS_S_IFBLK: return WASI_FILETYPE_BLOCK_DEVICE;
	case OS_S_IFSOCK: return WASI_FILETYPE_SOCKET_STREAM;
	case OS_S_IFLNK: return WASI_FILETYPE_SYMBOLIC_LINK;
	default: return WASI_FILETYPE_UNKNOWN; /* pipes: WASI preview 1 has no type for them */
	}
}

uint64_t wasi_rights_of_filetype(uint8_t filetype)
{
	switch (filetype) {
	case WASI_FILETYPE_DIRECTORY: return WASI_RIGHTS_DIRECTORY;
	case WASI_FILETYPE_SOCKET_STREAM:
	case WASI_FILETYPE_SOCKET_DGRAM:
		return WASI_RIGHTS_FILE | WASI_RIGHT_SOCK_SHUTDOWN | WASI_RIGHT_SOCK_ACCEPT;
	default: return WASI_RIGHTS_FILE;
	}
}

static uint16_t fdflags_of(long flags)
{
	uint16_t fdflags = 0;
	if (flags & OS_O_APPEND)
		fdflags |= WASI_FDFLAG_APPEND;
	if (flags & OS_O_NONBLOCK)
		fdflags |= WASI_FDFLAG_NONBLOCK;
	if ((flags & OS_O_SYNC) == OS_O_SYNC)
		fdflags |= WASI_FDFLAG_SYNC | WASI_FDFLAG_RSYNC; /* Linux's O_RSYNC is O_SYNC */
	else if (flags & OS_O_DSYNC)
		fdflags |= WASI_FDFLAG_DSYNC;
	return fdflags;
}

uint16_t wasi_fdflags_of_host(int host_fd)
{
	long flags = os_fcntl_getfl(host_fd);
	return flags < 0 ? 0 : fdflags_of(flags);
}

/*
 * A standard stream as the process got it. Streams that cannot seek lack
 * seek and tell: wasi-libc's isatty() looks for a character device without
 * them, and a terminal reported with them would lose line buffering.
 */
static void add_std_stream(int fd)
{
	struct os_stat st = { 0 };
	uint8_t filetype = WASI_FILETYPE_UNKNOWN;
	if (os_statx(fd, "", OS_AT_EMPTY_PATH, &st) == 0)
		filetype = wasi_filetype_of_mode(st.mode);
	uint32_t type = st.mode & OS_S_IFMT;
	bool seekable = filetype == WASI_FILETYPE_REGULAR_FILE || filetype == WASI_FILETYPE_BLOCK_DEVICE ||
		(type == OS_S_IFCHR && !os_isatty(fd));
	uint64_t rights = WASI_RIGHTS_FILE;
	if (!seekable)
		rights &= ~(WASI_RIGHT_FD_SEEK | WASI_RIGHT_FD_TELL);
	reserve((uint32_t)fd);
	store((uint32_t)fd, fd, filetype, wasi_fdflags_of_host(fd), rights, rights);
}

void wasi_fd_table_init(void)
{
	for (int fd = 0; fd < 3; fd++)
		add_std_stream(fd);
}
