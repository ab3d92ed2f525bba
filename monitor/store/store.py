"""The Store: every read and write the rest of monitor does, one transaction per call."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from monitor.model import Article, EventReport
from monitor.similarity import Fingerprint
from monitor.store import articles, health, holds, outbox, validators
from monitor.store.claims import Claim
from monitor.store.engine import READ_ONLY, check_writable, create_store_engine, migrate
from monitor.store.errors import ReadingNeeded, StoreError
from monitor.store.locks import Locks
from monitor.store.records import (
    AlertView,
    PendingDelivery,
    SavedArticle,
    SourceRun,
    StoredAlert,
    StoredCopy,
    StoredReport,
    WatchMark,
)
from monitor.store.types import require_aware
from monitor.store.validators import put_validators as _put_validators

T = TypeVar("T")

# A unique-key race between two writers (PostgreSQL) is settled by running the call again:
# the second run finds the row the other writer committed.
WRITE_ATTEMPTS = 3
# Arbitrary constant: the PostgreSQL advisory lock that makes article dedupe see every commit.
PG_ARTICLE_LOCK = 0x6D6F6E61


class Store:
    """Articles, event reports, the alert outbox and crawl bookkeeping in one SQL database.

    Methods are synchronous and safe to call from several threads at once; each is one
    transaction, so a crash in the middle of a call leaves nothing half-written.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine = create_store_engine(url)
        self._closed = False
        self._locks = Locks(self._engine)
        try:
            migrate(self._engine)
        except BaseException:
            self._engine.dispose()
            raise

    def check_writable(self) -> None:
        """Raise StoreError unless this store accepts writes (a read-only file does not)."""
        check_writable(self._engine)

    def close(self) -> None:
        self._closed = True
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _session(self, *, read_only: bool) -> Iterator[Session]:
        if self._closed:
            raise StoreError(f"{self._engine.url!r}: store is closed")
        with self._engine.connect() as conn:
            if read_only:
                conn.execution_options(**{READ_ONLY: True})
            with conn.begin():
                session = Session(bind=conn, expire_on_commit=False)
                try:
                    yield session
                    session.flush()
                finally:
                    session.close()

    def _read(self, fn: Callable[[Session], T]) -> T:
        with self._session(read_only=True) as s:
            return fn(s)

    def _point_read(self, fn: Callable[[Connection], T]) -> T:
        """`fn` on a bare connection in a read-only transaction: no ORM session.

        For the reads the crawl makes before every request it sends (validators, host hold):
        an idle cron run of 20 pages makes 44 of them, which took 26 ms of its CPU through
        `Session.get` and take 15 ms as Core selects (0.15 ms a read once compiled, against
        0.45 ms; issue 13).
        """
        if self._closed:
            raise StoreError(f"{self._engine.url!r}: store is closed")
        with self._engine.connect() as conn:
            conn.execution_options(**{READ_ONLY: True})
            with conn.begin():
                return fn(conn)

    def _write(self, fn: Callable[[Session], T], *, serialise: bool = False) -> T:
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self._session(read_only=False) as s:
                    if serialise and self._engine.dialect.name == "postgresql":
                        s.execute(
                            sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_ARTICLE_LOCK}
                        )
                    return fn(s)
            except sa.exc.IntegrityError:
                if attempt == WRITE_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")

    # Locks and claims shared by every process on this database

    @property
    def backend(self) -> str:
        return str(self._engine.dialect.name)

    def lock(self, name: str, *, wait: float | None = None) -> AbstractContextManager[None]:
        """Hold a named lock across processes (see locks.py); raises LockHeld after `wait` s."""
        return self._locks.hold(name, wait=wait)

    @contextmanager
    def claim(self, keys: Sequence[tuple[int, str]], *, wait: float | None = None
              ) -> Iterator[Claim]:
        """Claim (alert id, target key) deliveries still owed, to send them and mark them.

        PostgreSQL: the rows are locked `FOR UPDATE SKIP LOCKED` in a transaction that lasts
        until the marks are committed, so another process skips them, and a process killed
        mid-send releases them at once. SQLite, which has no row locks: claims are taken
        under one OS lock beside the database and the rows read again under it.
        """
        if self.backend == "postgresql":
            with self._session(read_only=False) as s:
                yield Claim.in_session(s, outbox.claim_rows(s, keys, lock=True))
            return
        with self.lock("outbox", wait=wait):
            yield Claim.through(self, self._read(lambda s: outbox.claim_rows(s, keys)))

    # Conditional GET (monitor.crawl.conditional.ValidatorStore)

    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        return self._point_read(lambda conn: validators.get_validators(conn, url))

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._write(lambda s: validators.put_validators(s, url, etag, last_modified))

    # Hosts that asked for a pause (Retry-After), honoured across runs

    def hold_host(self, host: str, until: datetime, reason: str) -> None:
        """Ask nothing of `host` before `until`; a later hold already stored wins."""
        require_aware(until=until)
        self._write(lambda s: holds.hold_host(s, host, until, reason))

    def host_hold(self, host: str) -> tuple[datetime, str] | None:
        """(until, reason) of the host's last hold, past or not; None if it never asked."""
        return self._point_read(lambda conn: holds.host_hold(conn, host))

    # Articles and event reports

    def save_article(self, article: Article, *, source: str, fetched_at: datetime) -> SavedArticle:
        """Store or refresh an article; the state says whether its reports need (re)reading."""
        require_aware(published=article.published, modified=article.modified, fetched_at=fetched_at)
        return self._write(
            lambda s: articles.save_article(s, article, source=source, fetched_at=fetched_at),
            serialise=True,
        )

    def is_unchanged(self, article: Article) -> bool:
        """Whether the article is stored with this very text, so there is nothing to read."""
        return self._read(lambda s: articles.is_unchanged(s, article))

    def save_page(
        self,
        article: Article,
        *,
        source: str,
        fetched_at: datetime,
        reports: Sequence[EventReport] | None,
        validators: Mapping[str, tuple[str | None, str | None]] | None = None,
        fingerprint: Fingerprint | None = None,
    ) -> SavedArticle:
        """An article, what was read from it and its URLs' validators, in one transaction.

        So a crash leaves either all of it or none of it: never an article stored without its
        reading (which a later run would skip as unchanged), nor validators that make the
        next fetch a 304 for a page that was never stored. `reports` may be None only for an
        article `is_unchanged` said was stored; if it changed since, ReadingNeeded is raised
        and nothing is written. `fingerprint`, the body's (`monitor.similarity`), spares the
        store's writer computing it.
        """
        require_aware(published=article.published, modified=article.modified, fetched_at=fetched_at)

        def write(s: Session) -> SavedArticle:
            saved = articles.save_article(s, article, source=source, fetched_at=fetched_at,
                                          fingerprint=fingerprint)
            if saved.state in ("new", "updated"):
                if reports is None:
                    raise ReadingNeeded(article.url)
                articles.save_reports(s, saved.id, reports)
            for url, (etag, last_modified) in (validators or {}).items():
                _put_validators(s, url, etag, last_modified)
            return saved

        return self._write(write, serialise=True)

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of `urls` that lead to a stored article, tracking parameters aside."""
        return self._read(lambda s: articles.known_urls(s, urls))

    def last_checks(self, urls: Iterable[str]) -> dict[str, datetime]:
        """Those of `urls` that lead to a stored article, with when it was last fetched."""
        return self._read(lambda s: articles.last_checks(s, urls))

    def save_reports(self, article_id: int, reports: Sequence[EventReport]) -> None:
        """Replace everything stored about what this article says, for every watch."""
        self._write(lambda s: articles.save_reports(s, article_id, reports))

    def reports_for(self, watch: str, *, upto: int | None = None, after: int | None = None
                    ) -> list[StoredReport]:
        """Reports on a watch from original (non-duplicate) articles, by published time then id.

        `upto` and `after` bound the watch's change count the reports were written at (see
        ReportRow.seq): a plan at count C reads exactly what C counted, and a fold from count F
        only what came after it.
        """
        return self._read(lambda s: articles.reports_for(s, watch, upto=upto, after=after))

    def watch_mark(self, watch: str, *, kept: bool = True) -> WatchMark:
        """The watch's change count and last quiet plan (monitor.alerting skips on them);
        without `kept`, not the state and summary kept with them (their JSON grows with the
        watch's reports, and a plan that finds nothing changed needs neither)."""
        if not kept:
            row = self._point_read(lambda conn: articles.watch_mark_counts(conn, watch))
            if row is None:
                return WatchMark()
            return WatchMark(row.changed, row.quiet_changed, row.quiet_version, row.quiet_key,
                             row.state_changed, row.state_key, None, row.rewritten,
                             row.fold_changed, row.fold_key, None)

        def read(s: Session) -> WatchMark:
            row = articles.watch_mark(s, watch)
            if row is None:
                return WatchMark()
            return WatchMark(row.changed, row.quiet_changed, row.quiet_version, row.quiet_key,
                             row.state_changed, row.state_key, row.state, row.rewritten,
                             row.fold_changed, row.fold_key, row.fold)

        return self._read(read)

    def set_quiet(self, watch: str, changed: int, version: int, key: str) -> None:
        """Record that planning `watch` at change count `changed` and alert `version` (with
        rules digested as `key`) found no alert due."""
        self._write(lambda s: articles.set_quiet(s, watch, changed, version, key))

    def keep_state(self, watch: str, changed: int, key: str, state: dict[str, Any] | None,
                   fold: dict[str, Any] | None = None) -> None:
        """Keep the state built from the watch's reports at change count `changed`, and the
        summary it was finished from (`fold`, monitor.events.state.Fold) when given."""
        self._write(lambda s: articles.keep_state(s, watch, changed, key, state, fold))

    def copies_of(self, article_ids: Iterable[int]) -> list[StoredCopy]:
        """Articles set aside as copies of these originals (for `monitor report`)."""
        return self._read(lambda s: articles.copies_of(s, article_ids))

    # Alert outbox

    def last_alert(self, watch: str) -> StoredAlert | None:
        return self._read(lambda s: outbox.last_alert(s, watch))

    def last_alert_version(self, watch: str) -> int:
        """The watch's last alert version (0 before the first), without reading its state."""
        return self._point_read(lambda conn: outbox.last_alert_version(conn, watch))

    def add_alert(
        self,
        watch: str,
        version: int,
        title: str,
        body: str,
        state: dict[str, Any],
        targets: Sequence[tuple[str, str]],
        *,
        body_html: str | None = None,
        body_markdown: str | None = None,
        created_at: datetime | None = None,
        classes: Sequence[str] = (),
        held: Collection[str] = (),
    ) -> int:
        """Outbox an alert, pending per (target_key, display); an existing (watch, version) wins."""
        require_aware(created_at=created_at)
        at = created_at or datetime.now(UTC)
        return self._write(
            lambda s: outbox.add_alert(
                s,
                watch,
                version,
                title,
                body,
                state,
                targets,
                body_html=body_html,
                body_markdown=body_markdown,
                created_at=at,
                classes=classes,
                held=held,
            )
        )

    def pending_deliveries(self, due_at: datetime | None = None) -> list[PendingDelivery]:
        """Deliveries still owed, oldest alert first; with due_at, only those due by then."""
        return self._read(lambda s: outbox.pending_deliveries(s, due_at))

    def held_deliveries(self) -> list[PendingDelivery]:
        """Deliveries waiting for their target's digest, oldest alert first."""
        return self._read(lambda s: outbox.pending_deliveries(s, held=True))

    def retry_now(self) -> int:
        """Make every pending or given-up delivery due now."""
        return self._write(outbox.retry_now)

    def mark_delivered(self, alert_id: int, target_key: str, at: datetime) -> None:
        require_aware(at=at)
        self._write(lambda s: outbox.mark_delivered(s, alert_id, target_key, at))

    def mark_attempt_failed(
        self,
        alert_id: int,
        target_key: str,
        error: str,
        at: datetime,
        *,
        give_up: bool = False,
        retry_at: datetime | None = None,
    ) -> None:
        """Count a failed attempt, not retried before retry_at; give_up marks it failed."""
        require_aware(at=at, retry_at=retry_at)
        self._write(
            lambda s: outbox.mark_attempt_failed(
                s, alert_id, target_key, error, at, give_up=give_up, retry_at=retry_at
            )
        )

    def alerts(self, limit: int | None = None) -> list[AlertView]:
        """Alerts, newest first, with the delivery state of each target."""
        return self._read(lambda s: outbox.alerts(s, limit))

    def alert(self, alert_id: int) -> AlertView | None:
        found = self._read(lambda s: outbox.alerts(s, 1, alert_id))
        return found[0] if found else None

    # Source health

    def record_source_run(
        self,
        source: str,
        at: datetime,
        pages: int,
        errors: Sequence[str],
        *,
        entries: int | None = None,
        unparsed: int = 0,
        run: str | None = None,
    ) -> None:
        """One crawl of a source; workers of one poll (same `run`) add up into one run."""
        require_aware(at=at)
        self._write(
            lambda s: health.record_source_run(s, source, at, pages, errors, entries, unparsed,
                                               run)
        )

    def source_runs(self, source: str, limit: int = 20) -> list[SourceRun]:
        """A source's latest runs, newest first."""
        return self._read(lambda s: health.source_runs(s, source, limit))
