/*
 * args_* and environ_*: the lists the host layer holds (args_environ.h),
 * copied into the program's memory.
 */
#include "args_environ.h"
#include "guest_memory.h"
#include "rt_string.h"
#include "wasi_p1.h"

static uint64_t bytes_of(const struct wasi_string_list *list)
{
	uint64_t bytes = 0;
	for (uint32_t i = 0; i < list->count; i++)
		bytes += rt_strlen(list->items[i]) + 1;
	return bytes;
}

static int32_t sizes_get(struct rt_instance *caller, const struct wasi_string_list *list, int32_t count_out,
		int32_t size_out)
{
	uint8_t *count = guest_ptr(caller, (uint32_t)count_out, 4);
	uint8_t *size = guest_ptr(caller, (uint32_t)size_out, 4);
	if (!count || !size)
		return WASI_EFAULT;
	uint64_t bytes = bytes_of(list);
	if (bytes > UINT32_MAX)
		return WASI_EOVERFLOW;
	guest_store_u32(count, list->count);
	guest_store_u32(size, (uint32_t)bytes);
	return WASI_ESUCCESS;
}

/* Writes list->count offsets at pointers_out and the NUL-terminated strings at buf_out. */
static int32_t strings_get(struct rt_instance *caller, const struct wasi_string_list *list, int32_t pointers_out,
		int32_t buf_out)
{
	uint8_t *pointers = guest_ptr(caller, (uint32_t)pointers_out, (uint64_t)list->count * 4);
	uint8_t *buf = guest_ptr(caller, (uint32_t)buf_out, bytes_of(list));
	if (!pointers || !buf)
		return WASI_EFAULT;
	uint32_t offset = (uint32_t)buf_out;
	for (uint32_t i = 0; i < list->count; i++) {
		size_t len = rt_strlen(list->items[i]) + 1;
		guest_store_u32(pointers + 4 * i, offset);
		memcpy(buf, list->items[i], len);
		buf += len;
		offset += (uint32_t)len;
	}
	return WASI_ESUCCESS;
}

int32_t wasi_p1_args_sizes_get(struct rt_instance *caller, int32_t argc_out, int32_t argv_buf_size_out)
{
	return sizes_get(caller, wasi_arguments(), argc_out, argv_buf_size_out);
}

int32_t wasi_p1_args_get(struct rt_instance *caller, int32_t argv, int32_t argv_buf)
{
	return strings_get(caller, wasi_arguments(), argv, argv_buf);
}

int32_t wasi_p1_environ_sizes_get(struct rt_instance *caller, int32_t count_out, int32_t buf_size_out)
{
	return sizes_get(caller, wasi_environment(), count_out, buf_size_out);
}

int32_t wasi_p1_environ_get(struct rt_instance *caller, int32_t environ, int32_t environ_buf)
{
	return strings_get(caller, wasi_environment(), environ, environ_buf);
}
