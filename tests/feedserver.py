"""A scripted loopback HTTP server for feed tests (and the ingest benchmark).

Each path answers with a `Reply`: a status, headers and body, optionally after a delay, or by hanging,
trickling bytes, streaming an endless chunked body, or honouring conditional GET. Requests are recorded
so tests can check what the client sent.

    server = FeedServer(); server.start()
    server.route("/feed", Reply(body=b"<rss ...>", etag='"v1"'))
    url = server.url("/feed")
    ...
    server.stop()

Or use the `feed_server` pytest fixture (import it into the test module).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None  # sent, and a matching If-None-Match gets 304
    last_modified: str | None = None  # sent, and a matching If-Modified-Since gets 304
    delay: float = 0.0  # seconds to wait before answering
    hang: bool = False  # accept the request and never answer
    trickle: float = 0.0  # send the body one byte at a time, this many seconds apart (forever if endless)
    endless: bool = False  # a chunked body that never ends


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Reply] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="feed-server", daemon=True
        )

    def start(self) -> "FeedServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # releases hanging and endless handlers
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def route(self, path: str, reply: Reply) -> str:
        with self._lock:
            self.routes[path] = reply
        return self.url(path)

    def hits(self, path: str) -> list[dict[str, str]]:
        """The headers of each request made to `path`, oldest first."""
        with self._lock:
            return [headers for p, headers in self.requests if p == path]


def _handler(server: FeedServer):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            with server._lock:
                server.requests.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                reply = server.routes.get(self.path)
            if reply is None:
                reply = Reply(status=404, body=b"not found", content_type="text/plain")
            if reply.hang:
                server.stopping.wait(60)
                return
            if reply.delay:
                server.stopping.wait(reply.delay)
            try:
                self._answer(reply)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up on us: what the tests want

        def _answer(self, reply: Reply) -> None:
            if self._not_modified(reply):
                self.send_response(304)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            if reply.etag:
                self.send_header("ETag", reply.etag)
            if reply.last_modified:
                self.send_header("Last-Modified", reply.last_modified)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.endless:
                self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                chunk = (reply.body or b"<item>" + b"x" * 65_536 + b"</item>")[:65_536]
                while not server.stopping.is_set():
                    piece = chunk[:1] if reply.trickle else chunk
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                    self.wfile.flush()
                    if reply.trickle:
                        time.sleep(reply.trickle)
                return
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if reply.trickle:
                for i in range(len(reply.body)):
                    if server.stopping.is_set():
                        return
                    self.wfile.write(reply.body[i : i + 1])
                    self.wfile.flush()
                    time.sleep(reply.trickle)
            else:
                self.wfile.write(reply.body)

        def _not_modified(self, reply: Reply) -> bool:
            if reply.status != 200:
                return False
            if reply.etag and self.headers.get("If-None-Match") == reply.etag:
                return True
            return bool(reply.last_modified) and self.headers.get("If-Modified-Since") == reply.last_modified

    return Handler


@pytest.fixture
def feed_server():
    server = FeedServer().start()
    yield server
    server.stop()
