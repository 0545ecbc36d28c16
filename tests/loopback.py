"""Ports for the tests' own loopback servers (the index, receivers, a partner site).

Unset, each server gets a free port from the system (port 0). On a shared machine a run is
given a range: `LOOPBACK_PORTS=8520-8539` hands its ports out in turn, so up to that many
servers can listen at once and none of them leaves the range. (pytest-django's live server
takes its own: `--liveserver=127.0.0.1:8500`.) `moto_server` is moto's server mode (S3,
CloudFront: every AWS service on one endpoint) on such a port.
"""

import contextlib
import itertools
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def _ports():
    spec = os.environ.get("LOOPBACK_PORTS", "").strip()
    if not spec:
        return itertools.repeat(0)
    first, _, last = spec.partition("-")
    return itertools.cycle(range(int(first), int(last or first) + 1))


_ports_in_turn = _ports()


def port():
    """The next port to bind on 127.0.0.1 (0: let the system choose)."""
    return next(_ports_in_turn)


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that keeps the test output clean (no access log)."""

    def log_message(self, *args):
        pass


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 for one test, used as a context manager.

    `origin` is `http://127.0.0.1:<port>` (an origin of its own: scheme, host and port).
    """

    def __init__(self, handler):
        self.server = ThreadingHTTPServer(("127.0.0.1", port()), handler)
        self.origin = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def free_port():
    """A port from the range (or the system) that nothing listens on now."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port()))
        return sock.getsockname()[1]


@contextlib.contextmanager
def moto_server():
    """moto's server mode in a process of its own on 127.0.0.1; yields its endpoint URL."""
    bound = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(bound)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{bound}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(endpoint, timeout=1)  # noqa: S310 (loopback)
                break
            except OSError:
                time.sleep(0.1)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)
