"""A real threaded HTTP server on 127.0.0.1 for tests: routes or files, statuses, validators."""

from __future__ import annotations

import gzip
import mimetypes
import socket
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering, for timeout tests
    etag: str | None = None  # sent, and a matching If-None-Match gets 304
    last_modified: str | None = None  # sent, and an equal If-Modified-Since gets 304
    gzip: bool = False  # send the body with Content-Encoding: gzip


@dataclass(frozen=True)
class Seen:
    """A request the server received."""

    method: str
    path: str
    headers: dict[str, str]  # lower-case names


def redirect(location: str, status: int = 301) -> Route:
    return Route(status=status, headers={"Location": location})


class LocalServer:
    """Serves `routes` (path with query, or path alone) and else files under `directory`; 404."""

    def __init__(
        self, routes: Mapping[str, Route | bytes] | None = None, directory: Path | None = None
    ) -> None:
        self.routes: dict[str, Route] = {
            path: r if isinstance(r, Route) else Route(r) for path, r in (routes or {}).items()
        }
        self.directory = directory
        self.requests: list[Seen] = []
        # Called with each request once it is recorded, before it is answered (kill tests).
        self.on_request: Callable[[Seen], None] | None = None
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.root + path

    def paths(self) -> list[str]:
        return [seen.path for seen in self.requests]

    def route(self, path: str) -> Route | None:
        found = self.routes.get(path) or self.routes.get(path.split("?", 1)[0])
        if found is None and self.directory is not None:
            file = (self.directory / path.split("?", 1)[0].lstrip("/")).resolve()
            if file.is_file() and file.is_relative_to(self.directory.resolve()):
                kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
                found = Route(file.read_bytes(), content_type=kind)
        return found

    def start(self) -> LocalServer:
        if not self._thread.is_alive():
            self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes handlers sleeping on a delay
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _handler_for(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # As web servers do (nginx's tcp_nodelay): with Nagle on, the body written after
        # the headers waited for the client's delayed ACK, 40 ms on every answer.
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            headers = {k.lower(): v for k, v in self.headers.items()}
            seen = Seen(self.command, self.path, headers)
            server.requests.append(seen)
            if server.on_request is not None:
                server.on_request(seen)
            route = server.route(self.path)
            if route is None:
                self._send(404, {"Content-Type": "text/plain"}, b"not found")
                return
            if route.delay and server._stopping.wait(route.delay):
                return
            if _unchanged(route, headers):
                self._send(304, _validators(route), b"")
                return
            extra = {"Content-Type": route.content_type, **_validators(route), **route.headers}
            body = route.body
            if route.gzip:
                body = gzip.compress(body)
                extra["Content-Encoding"] = "gzip"
            self._send(route.status, extra, body)

        def _send(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body and status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout tests): nothing left to answer

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep pytest output to what failed

    return Handler


def _validators(route: Route) -> dict[str, str]:
    found = {}
    if route.etag:
        found["ETag"] = route.etag
    if route.last_modified:
        found["Last-Modified"] = route.last_modified
    return found


def _unchanged(route: Route, headers: Mapping[str, str]) -> bool:
    if route.etag and headers.get("if-none-match") == route.etag:
        return True
    return bool(route.last_modified and headers.get("if-modified-since") == route.last_modified)


@contextmanager
def serve(
    routes: Mapping[str, Route | bytes] | None = None, directory: Path | None = None
) -> Iterator[LocalServer]:
    """A running server for the `with` block, stopped afterwards."""
    server = LocalServer(routes, directory)
    with server:
        yield server


def unused_port() -> int:
    """A port on 127.0.0.1 where nothing listens (bound once, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def http_server() -> Iterator[LocalServer]:
    """A running server with no routes yet; the test fills `http_server.routes`."""
    with serve() as server:
        yield server


def rss_feed(items: Sequence[tuple[str, str]], title: str = "Local news") -> bytes:
    """An RSS 2.0 feed listing (title, link) items, newest first as given."""
    from xml.sax.saxutils import escape

    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link>"
        f"<guid isPermaLink=\"true\">{escape(link)}</guid></item>"
        for t, link in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://127.0.0.1/</link>"
        f"<description>{escape(title)}</description>{entries}</channel></rss>"
    ).encode()
