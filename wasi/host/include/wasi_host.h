/* What the program entries (wasi/entry/) ask of the host layer before running the program. */
#ifndef WASMC_WASI_HOST_H
#define WASMC_WASI_HOST_H

#include <stdbool.h>

/*
 * The process's command line, from the entry. Arguments pass to the
 * program as they are; the environment only as granted; the granted
 * directories are opened as preopens (grants.h). On a bad grant prints one
 * line to stderr and returns false. Both ABIs read what it sets up.
 */
bool wasi_host_init(int argc, char **argv, char **envp);

#endif
