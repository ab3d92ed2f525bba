"""Servers that make a delivery fail on demand, and quote the request back while failing.

`RefusingProxy` stands in for the internet: with HTTPS_PROXY pointing at it, a plugin that
posts to hooks.slack.com or api.telegram.org asks it for a tunnel and is refused, so no
traffic leaves the machine and the failure text carries the request URL, as a real one does.
`EchoFailServer` answers every request 500 with the request line, headers and body quoted in
the response: the worst case of a server that repeats secrets back in its error.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Quiet(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return


class _Server:
    handler: type[BaseHTTPRequestHandler]

    def __init__(self) -> None:
        self.seen: list[str] = []
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.05}, daemon=True)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        raise NotImplementedError

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def __enter__(self) -> Any:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)


class RefusingProxy(_Server):
    """An HTTP proxy that refuses every tunnel (CONNECT) and every proxied request."""

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(_Quiet):
            def _refuse(self) -> None:
                server.seen.append(f"{self.command} {self.path}")
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                self.send_response(403, "Forbidden by the test proxy")
                self.send_header("Content-Length", "0")
                self.end_headers()
                self.close_connection = True

            do_CONNECT = do_GET = do_POST = do_PUT = _refuse

        return Handler


class EchoFailServer(_Server):
    """Answers every request 500, quoting its request line, headers and body."""

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(_Quiet):
            def _fail(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                quoted = f"{self.command} {self.path}\n{self.headers}".encode() + body
                server.seen.append(quoted.decode("utf-8", "replace"))
                self.send_response(500)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(quoted)))
                self.end_headers()
                self.wfile.write(quoted)

            do_GET = do_POST = do_PUT = _fail

        return Handler
