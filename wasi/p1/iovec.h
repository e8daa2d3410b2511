/*
 * Guest iovec lists (u32 buf, u32 len each, in memory 0) walked as host
 * iovecs: checked whole before any byte moves, then handed to the OS in
 * batches from a position that advances by what each transfer moved.
 */
#ifndef WASMC_WASI_IOVEC_H
#define WASMC_WASI_IOVEC_H

#include <stdbool.h>
#include <stdint.h>

#include "os.h"
#include "rt_abi.h"

/* Linux's own limit on iovecs per call (UIO_MAXIOV); a message needing more is EMSGSIZE. */
#define WASI_IOV_MAX 1024

struct wasi_iovs {
	uint8_t *mem_base;   /* memory 0 */
	const uint8_t *vec;  /* the guest's iovec array, checked */
	uint32_t count;      /* how many iovecs */
	uint32_t index;      /* the position: the iovec ... */
	uint32_t skip;       /* ... and how many of its bytes have moved */
	uint64_t total;      /* the bytes of all iovecs */
};

/* Checks the array and every buffer in it: WASI_EFAULT if any reaches outside memory 0. */
int32_t wasi_iovs_init(struct wasi_iovs *iovs, struct rt_instance *caller, int32_t vec, int32_t vec_len);

/*
 * Host iovecs for the non-empty rest from the position, at most `capacity`;
 * returns how many. *complete says whether they hold all the rest.
 */
int wasi_iovs_fill(const struct wasi_iovs *iovs, struct os_iovec *batch, int capacity, bool *complete);

/* Moves the position `moved` bytes on. */
void wasi_iovs_advance(struct wasi_iovs *iovs, uint64_t moved);

/* Whether bytes remain after the position. */
bool wasi_iovs_left(struct wasi_iovs *iovs);

#endif
