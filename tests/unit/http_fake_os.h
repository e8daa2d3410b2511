/*
 * A fake of the few OS calls the HTTP server's connection reader
 * (wasi/http/connection.c) makes, so that it runs on the host over bytes in
 * memory: the connection delivers a given input, at most read_max bytes a
 * read; the body file and the connection's output are buffers. For the
 * unit test and the fuzz target; no system call is made.
 */
#ifndef HTTP_FAKE_OS_H
#define HTTP_FAKE_OS_H

#include <stddef.h>
#include <stdint.h>

#define FAKE_CONN_FD 5
#define FAKE_BODY_FD 6

/* The connection's bytes from now on (copied), read_max per read (0: no limit); clears body and output. */
void fake_os_input(const void *data, size_t size, size_t read_max);
/* The body file's contents. */
const uint8_t *fake_os_body(size_t *size);
/* What was written to the connection. */
const uint8_t *fake_os_output(size_t *size);

#endif
