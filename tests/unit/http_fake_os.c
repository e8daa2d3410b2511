/* The fake OS of http_fake_os.h: os_ppoll, os_read, os_write, os_ftruncate, os_lseek, rt_write_all over buffers. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "http_fake_os.h"
#include "os.h"
#include "rt_out.h"

struct buffer {
	uint8_t *bytes;
	size_t size, capacity;
};

static struct buffer input, body, output;
static size_t input_at, input_read_max;

static void append(struct buffer *b, const void *p, size_t n)
{
	if (b->size + n > b->capacity) {
		b->capacity = (b->size + n) * 2;
		b->bytes = realloc(b->bytes, b->capacity);
		if (!b->bytes)
			abort();
	}
	if (n)
		memcpy(b->bytes + b->size, p, n);
	b->size += n;
}

void fake_os_input(const void *data, size_t size, size_t read_max)
{
	input.size = body.size = output.size = 0;
	append(&input, data, size);
	input_at = 0;
	input_read_max = read_max;
}

const uint8_t *fake_os_body(size_t *size)
{
	*size = body.size;
	return body.bytes;
}

const uint8_t *fake_os_output(size_t *size)
{
	*size = output.size;
	return output.bytes;
}

/* The connection is always readable: bytes, or the end. */
long os_ppoll(struct os_pollfd *fds, size_t count, const struct os_timespec *timeout)
{
	(void)timeout;
	for (size_t i = 0; i < count; i++)
		fds[i].revents = fds[i].fd == FAKE_CONN_FD ? OS_POLLIN : 0;
	return 1;
}

long os_read(int fd, void *buf, size_t len)
{
	if (fd != FAKE_CONN_FD)
		abort();
	size_t n = input.size - input_at;
	if (n > len)
		n = len;
	if (input_read_max && n > input_read_max)
		n = input_read_max;
	if (n)
		memcpy(buf, input.bytes + input_at, n);
	input_at += n;
	return (long)n;
}

/* The body file. */
bool rt_write_all(int fd, const void *buf, size_t len)
{
	if (fd != FAKE_BODY_FD)
		abort();
	append(&body, buf, len);
	return true;
}

/* The connection, which takes everything. */
long os_write(int fd, const void *buf, size_t len)
{
	if (fd != FAKE_CONN_FD)
		abort();
	append(&output, buf, len);
	return (long)len;
}

long os_ftruncate(int fd, int64_t len)
{
	if (fd != FAKE_BODY_FD || len != 0)
		abort();
	body.size = 0;
	return 0;
}

long os_lseek(int fd, int64_t offset, int whence)
{
	if (fd != FAKE_BODY_FD)
		abort();
	(void)whence;
	return offset;
}
