/*
 * proc_raise sends the signal to the process, WASI's numbers mapped to
 * Linux's: signals ignored by default return, SIGTERM ends the process
 * (the test expects death by signal 15). sched_yield always succeeds.
 */
#include <stdint.h>

#include "check.h"

/* wasi-libc no longer declares proc_raise; the import is still in wasi_snapshot_preview1. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise"))) int32_t proc_raise(int32_t sig);

/* The witx's signal numbers. */
enum { SIG_NONE = 0, SIG_TERM = 15, SIG_CHLD = 16, SIG_CONT = 17, SIG_URG = 22, SIG_WINCH = 27 };

int main(void)
{
	WASI("sched_yield", __wasi_sched_yield());
	WASI("raise none", proc_raise(SIG_NONE));
	/* WASI 16..30 are Linux 17..31: sent to 16 (SIGSTKFLT) these would kill the process. */
	WASI("raise chld", proc_raise(SIG_CHLD));
	WASI("raise urg", proc_raise(SIG_URG));
	WASI("raise winch", proc_raise(SIG_WINCH));
	WASI("raise cont", proc_raise(SIG_CONT));
	WASI("raise 31", proc_raise(31));
	WASI("raise -1", proc_raise(-1));
	WASI("raise 255", proc_raise(255));
	printf("raise term\n");
	fflush(stdout);
	int32_t err = proc_raise(SIG_TERM);
	printf("still alive after raise term: %s\n", errno_name(err));
	return 0;
}
