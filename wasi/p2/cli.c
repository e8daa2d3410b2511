/*
 * wasi:cli: the environment (the arguments and the granted variables
 * preview 1 gives, args_environ.h), exit, the standard streams over host
 * descriptors 0, 1, 2, and the terminal resources, which only say that a
 * standard stream is a terminal.
 */
#include "args_environ.h"
#include "os.h"
#include "p2.h"
#include "rt_string.h"
#include "wasi_errno.h"

/* A (ptr, len) string of the Canonical ABI: `len` bytes of s copied into fresh guest memory, stored at guest address `at`. */
static void store_string(struct wasi_p2_ctx *ctx, uint32_t at, const char *s, uint32_t len)
{
	uint32_t ptr = p2_alloc_copy(ctx, s, len);
	uint8_t *out = p2_guest(ctx, at, 8);
	p2_store_u32(out, ptr);
	p2_store_u32(out + 4, len);
}

/*
 * list<string> (split: false; 8-byte elements) or list<tuple<string,
 * string>> of "NAME=VALUE" entries split at the first '=' (split: true;
 * 16-byte elements) into the return area. In the Canonical ABI's order,
 * which the preview-1 adapter's allocator relies on to lay out "NAME=VALUE":
 * the element array first, then each string, a name before its value.
 */
static void store_strings(struct wasi_p2_ctx *ctx, const struct wasi_string_list *list, bool split, uint32_t ret)
{
	uint32_t elem_size = split ? 16 : 8;
	if (list->count > UINT32_MAX / elem_size)
		rt_trap(RT_TRAP_OUT_OF_MEMORY);
	uint32_t array = p2_alloc(ctx, 4, list->count * elem_size);
	for (uint32_t i = 0; i < list->count; i++) {
		const char *s = list->items[i];
		uint32_t len = (uint32_t)rt_strlen(s), name_len = 0;
		uint32_t at = array + i * elem_size;
		while (split && name_len < len && s[name_len] != '=')
			name_len++;
		store_string(ctx, at, s, split ? name_len : len);
		if (split) {
			uint32_t value = name_len < len ? name_len + 1 : len;
			store_string(ctx, at + 8, s + value, len - value);
		}
	}
	uint8_t *out = p2_guest(ctx, ret, 8);
	p2_store_u32(out, array);
	p2_store_u32(out + 4, list->count);
}

void wasi_p2_cli_environment_get_arguments(struct wasi_p2_ctx *ctx, uint32_t ret)
{
	store_strings(ctx, wasi_arguments(), false, ret);
}

void wasi_p2_cli_environment_get_environment(struct wasi_p2_ctx *ctx, uint32_t ret)
{
	store_strings(ctx, wasi_environment(), true, ret);
}

/* option<string>: none, as Wasmtime gives unless told a directory. */
void wasi_p2_cli_environment_initial_cwd(struct wasi_p2_ctx *ctx, uint32_t ret)
{
	p2_store_u8(p2_guest(ctx, ret, 12), 0);
}

/*
 * exit(status: result): ok leaves with 0, err with 1, at once, as preview
 * 1's proc_exit leaves: nothing is buffered on the host side.
 */
void wasi_p2_cli_exit_exit(struct wasi_p2_ctx *ctx, uint32_t status)
{
	os_exit(status == 0 ? 0 : 1);
}

/* exit-with-code(status-code: u8) (unstable in WASI 0.2: Wasmtime's -S cli-exit-with-code). */
void wasi_p2_cli_exit_exit_with_code(struct wasi_p2_ctx *ctx, uint32_t status_code)
{
	os_exit((uint8_t)status_code);
}

/* A new handle each call, over the process's descriptor, which it does not own. */
uint32_t wasi_p2_cli_stdin_get_stdin(struct wasi_p2_ctx *ctx)
{
	return p2_input_stream_new(0, false, P2_STREAM_SEQUENTIAL, 0);
}

uint32_t wasi_p2_cli_stdout_get_stdout(struct wasi_p2_ctx *ctx)
{
	return p2_output_stream_new(1, false, P2_STREAM_SEQUENTIAL, 0);
}

uint32_t wasi_p2_cli_stderr_get_stderr(struct wasi_p2_ctx *ctx)
{
	return p2_output_stream_new(2, false, P2_STREAM_SEQUENTIAL, 0);
}

/* option<own<terminal-*>>: some(new handle) when host_fd is a terminal, else none. */
static void store_terminal(struct wasi_p2_ctx *ctx, int host_fd, enum p2_resource type, uint32_t ret)
{
	bool terminal = os_isatty(host_fd);
	uint32_t h = terminal ? p2_handle_new(type, NULL, 0) : 0;
	uint8_t *out = p2_guest(ctx, ret, 8);
	p2_store_u8(out, terminal);
	if (terminal)
		p2_store_u32(out + 4, h);
}

void wasi_p2_cli_terminal_stdin_get_terminal_stdin(struct wasi_p2_ctx *ctx, uint32_t ret)
{
	store_terminal(ctx, 0, P2_RES_TERMINAL_INPUT, ret);
}

void wasi_p2_cli_terminal_stdout_get_terminal_stdout(struct wasi_p2_ctx *ctx, uint32_t ret)
{
	store_terminal(ctx, 1, P2_RES_TERMINAL_OUTPUT, ret);
}

void wasi_p2_cli_terminal_stderr_get_terminal_stderr(struct wasi_p2_ctx *ctx, uint32_t ret)
{
	store_terminal(ctx, 2, P2_RES_TERMINAL_OUTPUT, ret);
}

void wasi_p2_cli_terminal_input_drop_terminal_input(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_TERMINAL_INPUT);
}

void wasi_p2_cli_terminal_output_drop_terminal_output(struct wasi_p2_ctx *ctx, uint32_t h)
{
	p2_handle_drop(h, P2_RES_TERMINAL_OUTPUT);
}
