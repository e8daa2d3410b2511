/*
 * What the WASI tests share: printing a call's outcome as a stable line
 * ("label: OK" or "label: ENOENT"), so that the expectation files read
 * like a transcript. wasi-libc's errno values are WASI's.
 */
#ifndef WASMC_TESTS_WASI_CHECK_H
#define WASMC_TESTS_WASI_CHECK_H

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <wasi/api.h>

static const char *errno_name(int e)
{
	switch (e) {
	case 0: return "OK";
	case __WASI_ERRNO_2BIG: return "E2BIG";
	case __WASI_ERRNO_ACCES: return "EACCES";
	case __WASI_ERRNO_BADF: return "EBADF";
	case __WASI_ERRNO_BUSY: return "EBUSY";
	case __WASI_ERRNO_EXIST: return "EEXIST";
	case __WASI_ERRNO_FAULT: return "EFAULT";
	case __WASI_ERRNO_INVAL: return "EINVAL";
	case __WASI_ERRNO_ILSEQ: return "EILSEQ";
	case __WASI_ERRNO_ISDIR: return "EISDIR";
	case __WASI_ERRNO_LOOP: return "ELOOP";
	case __WASI_ERRNO_NAMETOOLONG: return "ENAMETOOLONG";
	case __WASI_ERRNO_NOENT: return "ENOENT";
	case __WASI_ERRNO_NOSYS: return "ENOSYS";
	case __WASI_ERRNO_NOTDIR: return "ENOTDIR";
	case __WASI_ERRNO_NOTEMPTY: return "ENOTEMPTY";
	case __WASI_ERRNO_NOTSUP: return "ENOTSUP";
	case __WASI_ERRNO_PERM: return "EPERM";
	case __WASI_ERRNO_SPIPE: return "ESPIPE";
	case __WASI_ERRNO_XDEV: return "EXDEV";
	case __WASI_ERRNO_NOTCAPABLE: return "ENOTCAPABLE";
	case __WASI_ERRNO_NOTSOCK: return "ENOTSOCK";
	case __WASI_ERRNO_AGAIN: return "EAGAIN";
	case __WASI_ERRNO_PIPE: return "EPIPE";
	case __WASI_ERRNO_MSGSIZE: return "EMSGSIZE";
	case __WASI_ERRNO_OVERFLOW: return "EOVERFLOW";
	case __WASI_ERRNO_IO: return "EIO";
	default: {
		static char unknown[16];
		snprintf(unknown, sizeof unknown, "E?%d", (int)e);
		return unknown;
	}
	}
}

/* A raw __wasi_* call, which returns its errno. */
#define WASI(label, call) printf("%s: %s\n", (label), errno_name(call))

/*
 * A call given a pointer outside memory: preview 1 answers EFAULT, but as a
 * component the preview-1 adapter reads and writes that memory itself and
 * traps (as the Canonical ABI says), so component builds
 * (-DWASI_TEST_COMPONENT, run_wasi.py --component) only say it was left out.
 */
#ifdef WASI_TEST_COMPONENT
#define WASI_BAD_POINTER(label, call) printf("%s: left out (a component traps)\n", (label))
#else
#define WASI_BAD_POINTER(label, call) WASI(label, call)
#endif

/* A libc call that returns -1 (or NULL) and sets errno on failure. */
#define LIBC(label, call)                                                                   \
	do {                                                                                \
		errno = 0;                                                                  \
		long result_ = (long)(call);                                                \
		printf("%s: %s\n", (label), result_ == -1 || (result_ == 0 && errno) ? errno_name(errno) : "OK"); \
	} while (0)

#endif
