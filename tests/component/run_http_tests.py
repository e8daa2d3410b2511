#!/usr/bin/env python3
"""The HTTP server wasmc makes of a wasi:http/incoming-handler component (docs/serving.md).

programs/http_hello.c is compiled to a core module with clang, its WIT world
(programs/http_hello.wit) embedded, made a component with `jco new` (no
adapter: it uses no preview-1 call), and compiled by wasmc to a server. The
server is started on an ephemeral port (`--listen 127.0.0.1:0`, which prints
the port) and spoken to over real sockets: the routes, the fields operations'
answers (programs/http_hello.fields), keep-alive, malformed requests (each refused with its 4xx, the server answering afterwards), a trap
(500, then 200), and that no request sees the state a previous one left in
the handler's memory. The same routes are asked of `jco serve` (the reference, Node's
http server over jco's wasi:http): status, the handler's headers and body must agree. Timeouts
only catch hangs.

Exit status 77 (skipped) when jco cannot be installed: never a pass.

With --target T --runner CMD (qemu-<arch>-static), the servers are cross-compiled for T and run
under CMD.

usage: run_http_tests.py WASMC CLANG WORKDIR [--target T --runner CMD]
"""

import argparse
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77
TIMEOUT = 120  # seconds: only catches a hang, on a loaded machine
LIMIT = "5s"  # --timeout and --request-timeout of the servers whose /loop must be cut off
WIT_BUILTIN = os.path.join(HERE, "..", ".cache", "jco", "node_modules", "@bytecodealliance", "jco", "lib", "wit",
                           "builtin", "0.2.12")
HELLO = b"hello from wasmc\n"
CROSS = []   # --target T for wasmc, when cross-compiling
RUNNER = []  # the command that runs a cross-compiled executable


from run_component_tests import Tests  # noqa: E402  (the same checks and counts)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)


def build_component(t, clang, jco, work):
    """clang, the world embedded (with wasi:http and its deps), jco new: the component's path or None."""
    src = os.path.join(HERE, "programs", "http_hello.c")
    core, embedded = os.path.join(work, "http_hello.wasm"), os.path.join(work, "http_hello.embedded.wasm")
    comp = os.path.join(work, "http_hello.component.wasm")
    cc = run([clang, "--target=wasm32-wasi", "-O2", "-nostartfiles", "-Wl,--no-entry", "-mexec-model=reactor",
              "-o", core, src])
    if not t.check(cc.returncode == 0, "http_hello: clang", cc.stderr.strip()):
        return None
    wit = os.path.join(work, "http_hello.wit.d")
    shutil.rmtree(wit, ignore_errors=True)
    os.makedirs(os.path.join(wit, "deps"))
    shutil.copy(os.path.join(HERE, "programs", "http_hello.wit"), wit)
    for pkg in os.listdir(WIT_BUILTIN):
        if pkg.startswith("wasi-"):
            shutil.copytree(os.path.join(WIT_BUILTIN, pkg), os.path.join(wit, "deps", pkg[5:]))
    e = run(["node", os.path.join(HERE, "embed.mjs"), core, wit, "http-hello", embedded])
    if not t.check(e.returncode == 0, "http_hello: embed its WIT world", e.stderr.strip()[-2000:]):
        return None
    new = run([jco, "new", embedded, "-o", comp])
    if not t.check(new.returncode == 0 and os.path.exists(comp), "http_hello: jco new", new.stderr.strip()):
        return None
    return comp


def compile_server(t, wasmc, comp, name, flags, work):
    """wasmc: the server's path or None."""
    server = os.path.join(work, name)
    if os.path.exists(server):
        os.unlink(server)
    c = run([wasmc, comp, "-O2", "-o", server] + flags + CROSS)
    if not t.check(c.returncode == 0 and not c.stderr, f"{name}: wasmc compiles the handler {' '.join(flags)}",
                   c.stderr.strip()):
        return None
    return server


class Server:
    """A server started on an ephemeral port: its port (None if it did not say one) and its stderr's path."""

    def __init__(self, t, path, work, args=()):
        self.stderr_path = os.path.join(work, os.path.basename(path) + ".stderr")
        with open(self.stderr_path, "wb") as err:
            # Its own session, so that kill() reaches every process of it.
            self.proc = subprocess.Popen(RUNNER + [path, "--listen", "127.0.0.1:0"] + list(args),
                                         stdout=subprocess.PIPE, stderr=err, start_new_session=True)
        line = self.proc.stdout.readline().decode()
        m = re.match(r"listening on port (\d+)$", line.strip())
        self.port = int(m.group(1)) if t.check(m is not None, f"{os.path.basename(path)} says its port", repr(line)) \
            else None

    def log(self):
        with open(self.stderr_path, "rb") as f:
            return f.read().decode(errors="replace")

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=TIMEOUT)

    def kill(self):
        """Ends the listener and every connection's and request's process at once."""
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=TIMEOUT)


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def __repr__(self):
        return f"{self.status} {self.headers} {self.body[:200]!r}"


def read_response(sock, buf, head_only=False):
    """One response from sock (bytes already read in buf[0]): a Response, or None if the connection closed first."""
    while b"\r\n\r\n" not in buf[0]:
        data = sock.recv(65536)
        if not data:
            return None
        buf[0] += data
    head, rest = buf[0].split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    m = re.match(r"HTTP/1\.1 (\d{3}) ", lines[0] + " ")
    status = int(m.group(1)) if m else -1
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if not head_only and headers.get("transfer-encoding") == "chunked":  # the reference's responses
        body = b""
        while True:
            while b"\r\n" not in rest:
                rest += sock.recv(65536)
            size_line, rest = rest.split(b"\r\n", 1)
            size = int(size_line.split(b";")[0], 16)
            while len(rest) < size + 2:
                rest += sock.recv(65536)
            body, rest = body + rest[:size], rest[size + 2:]
            if size == 0:
                buf[0] = rest  # no trailers from Node
                return Response(status, headers, body)
    length = 0 if head_only else int(headers.get("content-length", "0"))
    while len(rest) < length:
        data = sock.recv(65536)
        if not data:
            break
        rest += data
    buf[0] = rest[length:]
    return Response(status, headers, rest[:length])


class Client:
    """One connection to the server, requests sent as raw bytes."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        self.buf = [b""]

    def send(self, raw, head_only=False):
        self.sock.sendall(raw)
        return read_response(self.sock, self.buf, head_only)

    def request(self, method, path, body=b"", headers=(), head_only=False):
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"] + list(headers)
        if body or method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        return self.send(("\r\n".join(lines) + "\r\n\r\n").encode() + body, head_only)

    def closed_by_server(self):
        """Whether the server closed the connection (reads the end)."""
        try:
            return self.sock.recv(1) == b""
        except OSError:
            return True

    def close(self):
        self.sock.close()


def one(port, *args, **kw):
    c = Client(port)
    try:
        return c.request(*args, **kw)
    finally:
        c.close()


def check_routes(t, port):
    r = one(port, "GET", "/")
    t.check(r and r.status == 200 and r.body == HELLO and r.headers.get("x-wasmc") == "hello"
            and r.headers.get("content-type") == "text/plain", "GET / answers 200, its body and headers", repr(r))
    body = bytes(range(256)) * 400  # 100 KiB, every byte value
    r = one(port, "POST", "/echo", body, ["Content-Type: application/x-test"])
    t.check(r and r.status == 200 and r.body == body and r.headers.get("content-type") == "application/x-test",
            "POST /echo answers the body back", repr(r))
    r = one(port, "POST", "/echo", b"")
    t.check(r and r.status == 200 and r.body == b"", "POST /echo of an empty body", repr(r))
    chunked = b"5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: t\r\n\r\n"
    c = Client(port)
    r = c.send(b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked)
    c.close()
    t.check(r and r.status == 200 and r.body == b"hello, world", "POST /echo of a chunked body", repr(r))
    with open(os.path.join(HERE, "programs", "http_hello.fields"), "rb") as f:
        want = f.read()
    r = one(port, "GET", "/fields")
    t.check(r and r.status == 200 and r.body == want,
            "fields: validation of names and values, forbidden and immutable fields (programs/http_hello.fields)",
            repr(r))
    c = Client(port)
    c.sock.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
    interim = read_response(c.sock, c.buf, head_only=True)
    r = c.send(b"body")
    c.close()
    t.check(interim and interim.status == 100 and r and r.status == 200 and r.body == b"body",
            "Expect: 100-continue: 100 first, then the response", f"{interim!r} / {r!r}")
    for path, what in (("/unset", "sets no response"), ("/error", "sets an error-code")):
        c = Client(port)
        r = c.request("GET", path)
        after = c.request("GET", "/")
        c.close()
        t.check(r and r.status == 500 and after and after.status == 200, f"a handler that {what}: 500, then 200",
                f"{r!r} / {after!r}")
    r = one(port, "GET", "/nowhere")
    t.check(r and r.status == 404, "an unknown route answers 404", repr(r))
    c = Client(port)
    r = c.request("HEAD", "/", head_only=True)
    t.check(r and r.status == 404 and r.body == b"", "HEAD: the head only, no body bytes (the next response is intact)",
            repr(r))
    r = c.request("GET", "/headers", headers=["X-Custom-Thing: Some Value"])
    c.close()
    t.check(r and r.status == 200 and b"x-custom-thing: Some Value\n" in r.body and b"host: 127.0.0.1\n" in r.body,
            "the handler sees the request's headers, names in lower case", repr(r))


def check_keep_alive(t, port):
    c = Client(port)
    first = c.request("GET", "/")
    second = c.request("POST", "/echo", b"again")
    third = c.send(b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /counter HTTP/1.1\r\nHost: x\r\n\r\n")
    fourth = read_response(c.sock, c.buf)
    t.check(first and first.status == 200 and second and second.status == 200 and second.body == b"again"
            and "connection" not in second.headers, "keep-alive: two requests on one connection",
            f"{first!r} / {second!r}")
    t.check(third and third.body == HELLO and fourth and fourth.body == b"0\n",
            "keep-alive: two pipelined requests on one connection", f"{third!r} / {fourth!r}")
    r = c.request("GET", "/", headers=["Connection: close"])
    t.check(r and r.status == 200 and r.headers.get("connection") == "close" and c.closed_by_server(),
            "Connection: close is answered and the connection closed", repr(r))
    c.close()
    c = Client(port)
    r = c.send(b"GET / HTTP/1.0\r\n\r\n")
    t.check(r and r.status == 200 and r.body == HELLO and c.closed_by_server(),
            "HTTP/1.0 without keep-alive: answered, then closed", repr(r))
    c.close()


MALFORMED = [
    ("a request line that is not one", b"GARBAGE\r\n\r\n", 400),
    ("a space in the target", b"GET /a b HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    ("HTTP/1.1 without Host", b"GET / HTTP/1.1\r\n\r\n", 400),
    ("two Host headers", b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400),
    ("a space before the colon", b"GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400),
    ("obsolete line folding", b"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n", 400),
    ("a bare LF", b"GET / HTTP/1.1\nHost: x\n\n", 400),
    ("a Content-Length that is not digits", b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n", 400),
    ("two Content-Lengths that disagree",
     b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab", 400),
    ("Content-Length beside Transfer-Encoding",
     b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
    ("an expectation other than 100-continue", b"POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\n\r\n", 417),
    ("a transfer coding other than chunked", b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501),
    ("a bad chunk size", b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
    ("HTTP/2.0", b"GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
    ("headers beyond 16 KiB", b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-Big: " + b"a" * 20000 + b"\r\n\r\n", 431),
    ("a request line beyond 16 KiB", b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    ("more than 100 headers", b"GET / HTTP/1.1\r\nHost: x\r\n" + b"X-A: a\r\n" * 101 + b"\r\n", 431),
    ("a body beyond 64 MiB", b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 67108865\r\n\r\n", 413),
]


def check_malformed(t, port):
    for name, raw, status in MALFORMED:
        c = Client(port)
        try:
            r = c.send(raw)
            closed = c.closed_by_server()
        except OSError as e:
            r, closed = f"{e}", False
        c.close()
        t.check(isinstance(r, Response) and r.status == status and closed, f"{name}: {status}, then closed",
                repr(r))
        after = one(port, "GET", "/")
        t.check(after and after.status == 200 and after.body == HELLO, f"{name}: the server answers afterwards",
                repr(after))


def check_trap(t, port, log):
    c = Client(port)
    r = c.request("GET", "/trap")
    t.check(r and r.status == 500, "GET /trap: the trap answers 500", repr(r))
    r = c.request("GET", "/")
    c.close()
    t.check(r and r.status == 200 and r.body == HELLO, "after a trap, the same connection answers 200", repr(r))
    r = one(port, "GET", "/")
    t.check(r and r.status == 200, "after a trap, a new connection answers 200", repr(r))
    log = log()
    t.check("wasm trap: unreachable" in log, "the trap is in the server's log", log[-500:])


def check_fresh_state(t, port):
    """The handler's global counter is 0 in every request: nothing is left from the ones before."""
    seen = []
    c = Client(port)
    for _ in range(3):
        r = c.request("GET", "/counter")
        seen.append((r.body, r.headers.get("x-counter")) if r else None)
    c.close()
    for _ in range(3):
        r = one(port, "GET", "/counter")
        seen.append((r.body, r.headers.get("x-counter")) if r else None)
    t.check(all(s == (b"0\n", "0") for s in seen), "every request sees a fresh instance (counter 0)", repr(seen))


# Routes asked of both servers: method, path, body, extra header lines.
REFERENCE_ROUTES = [
    ("GET", "/", b"", []),
    ("POST", "/echo", b"some body\x00\xff", ["Content-Type: application/x-test"]),
    ("POST", "/echo", b"", []),
    ("GET", "/counter", b"", []),
    ("GET", "/fields", b"", []),
    ("GET", "/nowhere", b"", []),
]
# Headers the handler sets; the servers add their own (date, keep-alive, framing), which differ.
HANDLER_HEADERS = ("x-wasmc", "content-type", "x-counter")
# /fields lines where jco's preview2-shim and wasmc disagree (docs/serving.md): wasmc forbids what
# Wasmtime forbids (transfer-encoding, upgrade), refuses a bad name in delete, keeps names in lower
# case (jco keeps the first spelling), and takes RFC 9110's status codes only (jco takes any u16).
REFERENCE_DIFFERENCES = [b"append transfer-encoding: ", b"from-list upgrade=h2c: ", b"delete bad name: ", b"entries: ",
                         b"set-status-code 99: ", b"set-status-code 600: "]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def comparable(r):
    if not r:
        return None
    body = b"\n".join(line for line in r.body.split(b"\n")
                      if not any(line.startswith(d) for d in REFERENCE_DIFFERENCES))
    return r.status, {h: r.headers.get(h) for h in HANDLER_HEADERS}, body


def wait_for_port(port, proc):
    """Whether something accepts connections on port before proc ends or TIMEOUT passes (a hang)."""
    deadline = time.monotonic() + TIMEOUT
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT).close()
            return True
        except OSError:
            time.sleep(0.2)
    return False


def check_reference(t, jco, comp, port, work):
    """jco serve runs the same component: every route answers alike (status, the handler's headers, body)."""
    ref_port = free_port()
    log_path = os.path.join(work, "jco-serve.log")
    with open(log_path, "wb") as log:
        proc = subprocess.Popen([jco, "serve", comp, "--port", str(ref_port), "--host", "127.0.0.1",
                                 "--isolate-requests", "instance"], stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    try:
        if not wait_for_port(ref_port, proc):
            with open(log_path, "rb") as f:
                t.check(False, "jco serve starts (the reference)", f"exit {proc.poll()}, {f.read()[-2000:]!r}")
            return
        for method, path, body, headers in REFERENCE_ROUTES:
            ours = one(port, method, path, body, headers)
            ref = one(ref_port, method, path, body, headers)
            t.check(ref and comparable(ours) == comparable(ref), f"{method} {path}: as jco serve answers",
                    f"wasmc {ours!r}, jco serve {ref!r}")
    finally:
        proc.terminate()
        proc.wait(timeout=TIMEOUT)


def check_shutdown(t, server):
    """SIGTERM: an idle connection is closed, a request begun is answered, then the server exits 0."""
    idle, busy = Client(server.port), Client(server.port)
    first = idle.request("GET", "/"), busy.request("GET", "/")
    busy.sock.sendall(b"GET /counter HTTP/1.1\r\nHost:")
    server.proc.send_signal(signal.SIGTERM)
    t.check(all(r and r.status == 200 for r in first) and idle.closed_by_server(),
            "SIGTERM: an idle keep-alive connection is closed", repr(first))
    busy.sock.sendall(b" x\r\n\r\n")
    r = read_response(busy.sock, busy.buf)
    t.check(r and r.status == 200 and r.body == b"0\n" and busy.closed_by_server(),
            "SIGTERM: a request begun is answered, then its connection closed", repr(r))
    idle.close()
    busy.close()
    try:
        code = server.proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        code = None
    t.check(code == 0, "SIGTERM: the server exits 0 once its connections are done", f"exit {code}")
    try:
        socket.create_connection(("127.0.0.1", server.port), timeout=TIMEOUT).close()
        refused = False
    except OSError:
        refused = True
    t.check(refused, "SIGTERM: no connection is accepted after it")


def check_concurrency(t, port):
    """A request that never ends (no time limit) holds only its own connection: others are answered."""
    stuck = Client(port)
    stuck.sock.sendall(b"GET /loop HTTP/1.1\r\nHost: x\r\n\r\n")
    r = one(port, "GET", "/")
    again = one(port, "GET", "/counter")
    stuck.close()
    t.check(r and r.status == 200 and again and again.body == b"0\n",
            "a handler looping for ever on one connection: other connections are answered", f"{r!r} / {again!r}")


def check_memory_limit(t, port, limited):
    """--max-memory bounds each request's instance: 32 MiB more fails under a 16 MiB limit, and only there."""
    r = one(port, "GET", "/grow")
    want = (507, b"no memory\n") if limited else (200, b"grew\n")
    t.check(r and (r.status, r.body) == want, f"--max-memory{' 16MiB' if limited else ' absent'}: GET /grow answers "
            f"{want[0]}", repr(r))
    r = one(port, "GET", "/")
    t.check(r and r.status == 200 and r.body == HELLO, "after GET /grow, the next request answers 200", repr(r))


def check_request_timeout(t, port):
    """--request-timeout ends a request's process (a server without --timeout): 500, then the server goes on."""
    c = Client(port)
    r = c.request("GET", "/loop")
    t.check(r and r.status == 500 and r.headers.get("connection") == "close" and c.closed_by_server(),
            "--request-timeout: an endless handler answers 500 and its connection closes", repr(r))
    c.close()
    r = one(port, "GET", "/counter")
    t.check(r and r.status == 200 and r.body == b"0\n", "--request-timeout: the next request answers 200", repr(r))


def check_time_limit(t, port, log):
    """--timeout is a limit per request: a loop traps (500); the requests after it, later than the limit, do not."""
    c = Client(port)
    r = c.request("GET", "/loop")
    t.check(r and r.status == 500 and "wasm trap: interrupted" in log(), "--timeout: an endless handler answers 500",
            f"{r!r}, log {log()[-300:]!r}")
    r = c.request("GET", "/")
    c.close()
    t.check(r and r.status == 200 and r.body == HELLO, "--timeout: the next request, past the limit, answers 200",
            repr(r))
    # A new connection's process is forked from the listener, whose own time limit has passed by now.
    r = one(port, "GET", "/counter")
    t.check(r and r.status == 200 and r.body == b"0\n", "--timeout: a new connection past the limit answers 200",
            repr(r))


def check_refused(t, wasmc, comp, work):
    """A component exporting neither wasi:cli/run nor wasi:http/incoming-handler: one line, exit 1, no output."""
    with open(comp, "rb") as f:
        data = f.read()
    path, exe = os.path.join(work, "no_entry.component.wasm"), os.path.join(work, "no_entry.server")
    with open(path, "wb") as f:
        f.write(data.replace(b"wasi:http/incoming-handler@", b"wasi:http/incoming-handlex@"))
    if os.path.exists(exe):
        os.unlink(exe)
    r = run([wasmc, path, "-o", exe])
    lines = r.stderr.splitlines()
    t.check(r.returncode == 1 and len(lines) == 1 and "exports no wasi:cli/run@0.2.x or wasi:http/incoming-handler"
            in lines[0] and not os.path.exists(exe), "a component without a run or handle export is refused",
            f"exit {r.returncode}, {r.stderr!r}")


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    for arg in ("wasmc", "clang", "work"):
        ap.add_argument(arg)
    ap.add_argument("--target")
    ap.add_argument("--runner", default="")
    opts = ap.parse_args()
    wasmc, clang, work = opts.wasmc, opts.clang, opts.work
    CROSS.extend(["--target", opts.target] if opts.target else [])
    RUNNER.extend(shlex.split(opts.runner))
    fetch = run([os.path.join(HERE, "fetch_jco.sh")])
    if fetch.returncode != 0:
        print(f"SKIPPED: jco is not available: {fetch.stderr.strip()}")
        return SKIP
    os.makedirs(work, exist_ok=True)
    t = Tests()
    jco = fetch.stdout.strip()
    comp = build_component(t, clang, jco, work)
    if comp and not RUNNER:
        check_refused(t, wasmc, comp, work)
    server = comp and compile_server(t, wasmc, comp, "http_hello.server", [], work)
    if server:
        for args, message in ((["--bogus"], "unknown argument"), (["--listen", "127.0.0.1"], "--listen wants"),
                              (["--listen", "1.2.3.4.5:80"], "--listen wants"),
                              (["--request-timeout", "soon"], "--request-timeout wants")):
            bad = run(RUNNER + [server] + args)
            t.check(bad.returncode == 2 and message in bad.stderr, f"{' '.join(args)}: exit 2 and why",
                    f"exit {bad.returncode}, {bad.stderr!r}")
        s = Server(t, server, work)
        try:
            if s.port:
                for check in (check_routes, check_keep_alive, check_malformed, check_fresh_state):
                    check(t, s.port)
                if not RUNNER:
                    check_reference(t, jco, comp, s.port, work)
                check_trap(t, s.port, s.log)
                check_memory_limit(t, s.port, limited=False)
                check_fresh_state(t, s.port)
                t.check(s.proc.poll() is None, "the server still runs", f"exit {s.proc.returncode}")
                check_shutdown(t, s)
        finally:
            s.stop()
        # The limits only have to end the endless handler; a short one could cut off an ordinary
        # request's process on a loaded machine, so they are generous.
        s = Server(t, server, work, ["--request-timeout", LIMIT])
        try:
            if s.port:
                check_request_timeout(t, s.port)
        finally:
            s.stop()
        s = Server(t, server, work, ["--request-timeout", "none"])
        try:
            if s.port:
                check_concurrency(t, s.port)
        finally:
            s.kill()  # the looping request's process never ends by itself
    server = comp and compile_server(t, wasmc, comp, "http_hello_memory.server", ["--max-memory", "16MiB"], work)
    if server:
        s = Server(t, server, work)
        try:
            if s.port:
                check_memory_limit(t, s.port, limited=True)
        finally:
            s.stop()
    server = comp and compile_server(t, wasmc, comp, "http_hello_timeout.server", ["--timeout", LIMIT], work)
    if server:
        s = Server(t, server, work)
        try:
            if s.port:
                check_time_limit(t, s.port, s.log)
        finally:
            s.stop()
    print(f"{t.passed} passed, {t.failed} failed")
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
