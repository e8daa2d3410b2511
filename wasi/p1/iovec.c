/* Guest iovec lists as host iovecs (iovec.h), for fd_read/fd_write and friends and sock_recv/sock_send. */
#include "iovec.h"

#include "guest_memory.h"
#include "wasi_p1.h"

static uint32_t iov_buf(const struct wasi_iovs *iovs, uint32_t i)
{
	return guest_load_u32(iovs->vec + 8 * (size_t)i);
}

static uint32_t iov_len(const struct wasi_iovs *iovs, uint32_t i)
{
	return guest_load_u32(iovs->vec + 8 * (size_t)i + 4);
}

int32_t wasi_iovs_init(struct wasi_iovs *iovs, struct rt_instance *caller, int32_t vec, int32_t vec_len)
{
	*iovs = (struct wasi_iovs){ .count = (uint32_t)vec_len };
	iovs->vec = guest_ptr(caller, (uint32_t)vec, (uint64_t)iovs->count * 8);
	if (!iovs->vec)
		return WASI_EFAULT;
	iovs->mem_base = caller->mem0_base;
	for (uint32_t i = 0; i < iovs->count; i++) {
		if (!guest_ptr(caller, iov_buf(iovs, i), iov_len(iovs, i)))
			return WASI_EFAULT;
		iovs->total += iov_len(iovs, i);
	}
	return WASI_ESUCCESS;
}

int wasi_iovs_fill(const struct wasi_iovs *iovs, struct os_iovec *batch, int capacity, bool *complete)
{
	int n = 0;
	uint32_t i = iovs->index, skip = iovs->skip;
	for (; i < iovs->count; i++, skip = 0) {
		uint32_t len = iov_len(iovs, i);
		if (len == skip)
			continue;
		if (n == capacity)
			break;
		batch[n++] = (struct os_iovec){ iovs->mem_base + iov_buf(iovs, i) + skip, len - skip };
	}
	*complete = i == iovs->count;
	return n;
}

void wasi_iovs_advance(struct wasi_iovs *iovs, uint64_t moved)
{
	while (iovs->index < iovs->count) {
		uint64_t rest = iov_len(iovs, iovs->index) - iovs->skip;
		if (moved < rest) {
			iovs->skip += (uint32_t)moved;
			return;
		}
		moved -= rest;
		iovs->index++;
		iovs->skip = 0;
	}
}

bool wasi_iovs_left(struct wasi_iovs *iovs)
{
	while (iovs->index < iovs->count && iov_len(iovs, iovs->index) == iovs->skip) {
		iovs->index++;
		iovs->skip = 0;
	}
	return iovs->index < iovs->count;
}
