"""Ports for the tests' own loopback servers (the index, receivers, a partner site).

Unset, each server gets a free port from the system (port 0). On a shared machine a run is
given a range: `LOOPBACK_PORTS=8520-8539` hands its ports out in turn, so up to that many
servers can listen at once and none of them leaves the range. (pytest-django's live server
takes its own: `--liveserver=127.0.0.1:8500`.)
"""

import itertools
import os
import threading
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
