"""Named locks shared by every process on one database, dropped when a holder dies.

PostgreSQL: a session advisory lock on a connection kept open while the lock is held; a
killed process's socket closes, its backend ends and the server drops the lock with it.
SQLite: an exclusive `flock` on a file in a folder beside the database, which the kernel
drops with the process. Neither leaves anything behind that the next run must clean up.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

# How often a waiting process tries again; short enough that waits end promptly.
POLL_SECONDS = 0.1


class LockHeld(Exception):
    """Another process holds the lock and the wait allowed for it ran out."""

    def __init__(self, name: str, holder: str | None) -> None:
        self.name = name
        self.holder = holder
        super().__init__(f"lock {name!r} is held" + (f" by {holder}" if holder else ""))


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for a lock name (advisory locks take a bigint)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def _deadline(wait: float | None) -> float | None:
    return None if wait is None else time.monotonic() + max(wait, 0.0)


def _expired(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() >= deadline


class Locks:
    """`hold(name, wait=...)`: wait None waits for ever, 0 tries once, else up to `wait` s."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        database = engine.url.database
        self._folder: Path | None = None
        self._memory: dict[str, threading.Lock] = {}
        if engine.dialect.name == "sqlite" and database not in (None, "", ":memory:"):
            self._folder = Path(f"{Path(database).expanduser()}-locks")

    @contextmanager
    def hold(self, name: str, *, wait: float | None = None) -> Iterator[None]:
        if self._engine.dialect.name == "postgresql":
            with self._advisory(name, _deadline(wait)):
                yield
        elif self._folder is not None:
            with self._flock(name, _deadline(wait)):
                yield
        else:
            # An in-memory database lives in one process: a thread lock is the whole story.
            lock = self._memory.setdefault(name, threading.Lock())
            if not lock.acquire(timeout=-1 if wait is None else max(wait, 0.0)):
                raise LockHeld(name, "another thread of this process")
            try:
                yield
            finally:
                lock.release()

    # PostgreSQL

    @contextmanager
    def _advisory(self, name: str, deadline: float | None) -> Iterator[None]:
        key = lock_key(name)
        with self._engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            while not conn.scalar(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": key}):
                if _expired(deadline):
                    raise LockHeld(name, _pg_holder(conn, key))
                time.sleep(POLL_SECONDS)
            try:
                yield
            finally:
                try:
                    conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                except sa.exc.DBAPIError:
                    # The connection is gone, and the server dropped the lock with it.
                    conn.invalidate()

    # SQLite

    @contextmanager
    def _flock(self, name: str, deadline: float | None) -> Iterator[None]:
        assert self._folder is not None
        self._folder.mkdir(parents=True, exist_ok=True)
        path = self._folder / f"{_slug(name)}.lock"
        # No O_TRUNC: a process that fails to get the lock must not erase who holds it.
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if _expired(deadline):
                        raise LockHeld(name, _file_holder(path)) from None
                    time.sleep(POLL_SECONDS)
            os.ftruncate(fd, 0)
            os.pwrite(fd, _whoami().encode(), 0)
            try:
                yield
            finally:
                os.ftruncate(fd, 0)
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _slug(name: str) -> str:
    readable = re.sub(r"[^A-Za-z0-9_.-]+", "_", name)[:40]
    return f"{readable}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"


def _whoami() -> str:
    started = datetime.now(UTC).isoformat(timespec="seconds")
    return f"pid {os.getpid()} on {socket.gethostname()}, since {started}"


def _file_holder(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _pg_holder(conn: Connection, key: int) -> str | None:
    """Who holds an advisory lock: the holder's backend and client, as the server knows them."""
    unsigned = key & 0xFFFFFFFFFFFFFFFF
    row = conn.execute(
        sa.text(
            "SELECT a.pid, a.client_addr, a.application_name, a.backend_start"
            " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            " AND l.classid::bigint = :hi AND l.objid::bigint = :lo AND l.database ="
            " (SELECT oid FROM pg_database WHERE datname = current_database())"
        ),
        {"hi": unsigned >> 32, "lo": unsigned & 0xFFFFFFFF},
    ).first()
    if row is None:
        return None
    client = f" from {row.client_addr}" if row.client_addr else ""
    since = row.backend_start.astimezone(UTC).isoformat(timespec="seconds")
    return f"PostgreSQL session {row.pid}{client}, since {since}"
