"""Real notification receivers on 127.0.0.1 for tests: an SMTP server and a JSON webhook.

Both bind an ephemeral port, record everything that arrives, and can be told to fail
the next N deliveries (or, for the webhook, to hang) so tests can inject failures.

apprise URL for the SMTP receiver: `mailto://127.0.0.1:PORT?from=a@example.com&to=b@example.com`.
No `smtp=` or `mode=` option is needed: `mailto://` (not `mailtos://`) already speaks plain
SMTP without STARTTLS to the given host and port. Leave credentials out: with `user:pass@`
apprise attempts SMTP AUTH, which a plain aiosmtpd refuses.
"""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

# --- SMTP ----------------------------------------------------------------------------------


class _EphemeralController(Controller):
    """aiosmtpd's Controller on port 0: learn the real port before its readiness probe."""

    def _trigger_server(self) -> None:
        # The base class probes hostname:port, which would be port 0 without this.
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class SmtpReceiver:
    """An SMTP server that keeps every accepted message, parsed; port 0 picks a free one."""

    def __init__(self, port: int = 0) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []  # (MAIL FROM, RCPT TO) per message
        self.refused = 0  # messages answered with an injected error
        self._failures: list[str] = []
        # Called as each message arrives, before it is accepted; a reply it returns (4xx or
        # 5xx) refuses the message unrecorded. Kill tests use it to stop the sender there.
        self.before_accept: Callable[[], str | None] | None = None
        self._lock = threading.Lock()
        self._controller = _EphemeralController(self, hostname="127.0.0.1", port=port)

    @property
    def port(self) -> int:
        return int(self._controller.port)

    def url(self, sender: str = "a@example.com", to: str = "b@example.com") -> str:
        """The apprise URL that delivers here."""
        return f"mailto://127.0.0.1:{self.port}?from={sender}&to={to}"

    def fail_next(self, count: int, reply: str = "554 5.7.1 rejected by test") -> None:
        """Answer the next `count` messages with `reply` (a 4xx or 5xx SMTP line)."""
        if reply[:1] not in ("4", "5"):
            raise ValueError(f"an SMTP failure reply starts with 4 or 5, not {reply!r}")
        with self._lock:
            self._failures.extend([reply] * count)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        """aiosmtpd hook: called once per message after DATA."""
        if self.before_accept is not None:
            reply = self.before_accept()
            if reply is not None:
                with self._lock:
                    self.refused += 1
                return reply
        with self._lock:
            if self._failures:
                self.refused += 1
                return self._failures.pop(0)
            raw = envelope.original_content or envelope.content or b""
            data = raw if isinstance(raw, bytes) else raw.encode("utf-8")
            parsed = email.message_from_bytes(data, policy=email.policy.default)
            assert isinstance(parsed, EmailMessage)
            self.messages.append(parsed)
            self.envelopes.append((str(envelope.mail_from), list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def start(self) -> SmtpReceiver:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def __enter__(self) -> SmtpReceiver:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


# --- JSON webhook --------------------------------------------------------------------------


@dataclass(frozen=True)
class WebhookRequest:
    """One POST that reached the webhook, and what it was answered."""

    path: str
    body: Any  # parsed JSON, or None when the body was not JSON
    status: int | None  # None when the request was left hanging


class JsonReceiver:
    """A threaded HTTP server that records every POST body as JSON; port 0 picks a free one.

    `messages` holds only the bodies answered with 200, which is what a sender may count
    as delivered; `requests` holds every POST, including failed and hung ones.
    """

    def __init__(self, port: int = 0) -> None:
        self.requests: list[WebhookRequest] = []
        self._plan: list[tuple[str, float]] = []  # ("fail", 0) or ("hang", seconds)
        self.delay = 0.0  # seconds each POST waits before it is recorded and answered 200
        # Called after a POST that will be answered 200 is recorded, before the answer goes
        # out: kill tests stop the sender there, in the window between delivery and commit.
        self.after_record: Callable[[WebhookRequest], None] | None = None
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str = "/hook") -> str:
        """The apprise URL that posts here."""
        return f"json://127.0.0.1:{self.port}{path}"

    @property
    def messages(self) -> list[Any]:
        return [r.body for r in self.requests if r.status == 200]

    def fail_next(self, count: int) -> None:
        """Answer the next `count` POSTs with 500."""
        with self._lock:
            self._plan.extend([("fail", 0.0)] * count)

    def hang_next(self, count: int, seconds: float) -> None:
        """Hold the next `count` POSTs for `seconds` (or until stop), then drop them."""
        with self._lock:
            self._plan.extend([("hang", seconds)] * count)

    def _next_action(self) -> tuple[str, float]:
        with self._lock:
            return self._plan.pop(0) if self._plan else ("ok", 0.0)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = None
                action, seconds = receiver._next_action()
                if action == "hang":
                    with receiver._lock:
                        receiver.requests.append(WebhookRequest(self.path, body, None))
                    receiver._release.wait(seconds)
                    # Close without an answer, as a stuck upstream eventually does.
                    self.close_connection = True
                    return
                status = 500 if action == "fail" else 200
                if status == 200 and receiver.delay:
                    receiver._release.wait(receiver.delay)  # a slow upstream, not a dead one
                request = WebhookRequest(self.path, body, status)
                with receiver._lock:
                    receiver.requests.append(request)
                if status == 200 and receiver.after_record is not None:
                    receiver.after_record(request)
                payload = b'{"ok": false}' if status == 500 else b'{"ok": true}'
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                # Keep test output quiet; the receiver records what matters.
                return

        return Handler

    def start(self) -> JsonReceiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._release.set()  # let hung handlers finish so the server can close
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> JsonReceiver:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


# --- a server that never answers ----------------------------------------------------------


class SilentServer:
    """Accepts TCP connections and never says a word: an SMTP or HTTP server that hangs."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._connections: list[socket.socket] = []
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    def _accept(self) -> None:
        self._listener.settimeout(0.05)
        while not self._stopped.is_set():
            try:
                connection, _ = self._listener.accept()
            except TimeoutError:
                continue
            self._connections.append(connection)  # held open, never read or written

    def start(self) -> SilentServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=5)
        for connection in self._connections:
            connection.close()
        self._listener.close()

    def __enter__(self) -> SilentServer:
        return self.start()

    def __exit__(self, *_: object) -> None:
        self.stop()


# --- pytest-friendly helpers ------------------------------------------------------------


@contextmanager
def smtp_receiver() -> Iterator[SmtpReceiver]:
    """An SMTP receiver running for the duration of the block."""
    with SmtpReceiver() as receiver:
        yield receiver


@contextmanager
def json_receiver() -> Iterator[JsonReceiver]:
    """A JSON webhook receiver running for the duration of the block."""
    with JsonReceiver() as receiver:
        yield receiver


CLOSED_PORT_URL = "json://127.0.0.1:9/hook"  # nothing listens on the discard port here
