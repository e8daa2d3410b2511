/* The program gets sockets only as descriptors the launcher passed (preview 1's sock_*). */
#ifndef WASMC_WASI_LISTEN_FDS_H
#define WASMC_WASI_LISTEN_FDS_H

#include <stdbool.h>

/*
 * Socket activation as systemd (and Wasmtime's -S listenfd) does it: the
 * launcher passes LISTEN_FDS sockets as host descriptors 3, 4, ..., and
 * LISTEN_PID (if set) names this process. Each is added to the WASI table
 * (after the preopens) as a stream or datagram socket with socket rights.
 * Called at start-up only when granted; on a descriptor that is not a
 * socket prints one line to stderr and returns false. Without LISTEN_FDS,
 * or for another process's LISTEN_PID, adds nothing.
 */
bool wasi_sock_adopt_listen_fds(char **envp);

#endif
