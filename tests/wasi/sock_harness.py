#!/usr/bin/env python3
"""Runs a WASI test executable (compiled with wasmc --listenfd) with sockets
passed the way systemd's socket activation passes them (LISTEN_FDS), so that
the sock_* tests have sockets to work on. The program's WASI descriptors
(no preopens) are then:
  3, 4  the two ends of a Unix stream socket pair
  5, 6  the two ends of a Unix datagram socket pair
  7     a TCP socket listening on 127.0.0.1
  8     a TCP client connected to 7 (the connection waits in 7's backlog)
Exits with the program's status (128 + N if signal N ended it).

usage: sock_harness.py EXECUTABLE [ARGS...]
"""

import os
import socket
import subprocess
import sys


def main():
    stream = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
    dgram = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    client = socket.create_connection(listener.getsockname())
    passed = [*stream, *dgram, listener, client]
    fds = [s.fileno() for s in passed]

    def place_fds():
        # Move the sockets to 3, 4, ... in order, clearing close-on-exec; dup first so no target is clobbered.
        dups = [os.dup(fd) for fd in fds]
        for target, fd in enumerate(dups, start=3):
            os.dup2(fd, target, inheritable=True)
        for fd in dups:
            if fd >= 3 + len(dups):
                os.close(fd)

    # LISTEN_PID must name the program's process: a shell sets it to its own pid and execs the program.
    env = dict(os.environ, LISTEN_FDS=str(len(fds)))
    env.pop("LISTEN_PID", None)
    cmd = ["/bin/sh", "-c", 'LISTEN_PID=$$ exec "$0" "$@"', *sys.argv[1:]]
    proc = subprocess.run(cmd, env=env, preexec_fn=place_fds, close_fds=False)
    for s in passed:
        s.close()
    return proc.returncode if proc.returncode >= 0 else 128 - proc.returncode


if __name__ == "__main__":
    sys.exit(main())
