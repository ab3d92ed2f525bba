"""The tables, as SQLAlchemy 2 typed models. Changing one needs a migration in migrations/."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from monitor.store.types import UTCDateTime

# Named constraints keep migrations (and SQLite batch rebuilds) identical across backends.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: sa.JSON(),
        list[str]: sa.JSON(),
    }


class ArticleRow(Base):
    """One article, however many URLs lead to it. `duplicate_of` links a copy to its original."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(sa.Text)  # as first fetched
    canonical_url: Mapped[str] = mapped_column(sa.Text, unique=True)
    site: Mapped[str] = mapped_column(sa.String(255), index=True)
    source: Mapped[str] = mapped_column(sa.String(200))
    title: Mapped[str | None] = mapped_column(sa.Text)
    body: Mapped[str] = mapped_column(sa.Text)
    # sha256 of the whitespace-normalised body; NULL for an empty body, which matches nothing.
    body_hash: Mapped[str | None] = mapped_column(sa.String(64), index=True)
    published: Mapped[datetime | None]
    modified: Mapped[datetime | None]
    authors: Mapped[list[str]]
    language: Mapped[str | None] = mapped_column(sa.String(35))
    site_name: Mapped[str | None] = mapped_column(sa.Text)
    duplicate_of: Mapped[int | None] = mapped_column(
        sa.ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )
    # MinHash sketch of the body (monitor.similarity), to catch syndicated near-copies.
    fingerprint: Mapped[str | None] = mapped_column(sa.Text)
    first_fetched_at: Mapped[datetime]
    fetched_at: Mapped[datetime]  # when the current body was fetched
    checked_at: Mapped[datetime]  # last fetch, changed or not


class ArticleUrlRow(Base):
    """Every canonicalised URL (fetch or declared canonical) known to lead to an article."""

    __tablename__ = "article_urls"

    url: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        sa.ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )


class ArticleKeyRow(Base):
    """Lookup keys of an original's fingerprint: originals sharing a key are copy candidates.

    Only originals have keys (a copy is never the original of another copy), so a text copied
    a hundred times does not fill the candidates with its copies.
    """

    __tablename__ = "article_keys"
    # (key, article_id): the candidates of a key read from the index alone.
    __table_args__ = (sa.Index("ix_article_keys_key_article", "key", "article_id"),)

    article_id: Mapped[int] = mapped_column(
        sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(sa.String(16), primary_key=True)


class ReportRow(Base):
    """What one article says about one watch's event."""

    __tablename__ = "reports"
    __table_args__ = (sa.UniqueConstraint("article_id", "watch"),
                      sa.Index("ix_reports_watch_seq", "watch", "seq"))

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(sa.ForeignKey("articles.id", ondelete="CASCADE"))
    watch: Mapped[str] = mapped_column(sa.String(200), index=True)
    status: Mapped[str] = mapped_column(sa.String(20))
    status_evidence: Mapped[str] = mapped_column(sa.Text)
    basis: Mapped[str | None] = mapped_column(sa.String(20))
    # The watch's change count (WatchMarkRow.changed) in the transaction that wrote it; the
    # count only rises under the mark's row lock, so it follows commit order, which ids do
    # not on PostgreSQL. NULL for reports written before the column existed.
    seq: Mapped[int | None]
    facts: Mapped[list[FactRow]] = relationship(
        order_by="FactRow.position", cascade="all, delete-orphan", passive_deletes=True
    )


class WatchMarkRow(Base):
    """How often what a watch's reports say has changed, and when planning last found nothing.

    `changed` goes up in the transaction that adds, replaces or removes a report on the watch,
    or changes an article it stands in; planning that found no alert due records the count it
    read (`quiet_changed`), the last alert's version and a digest of the watch's rules, so the
    next plan with all three unchanged skips rebuilding the state (monitor.alerting).
    """

    __tablename__ = "watch_marks"

    watch: Mapped[str] = mapped_column(sa.String(200), primary_key=True)
    changed: Mapped[int] = mapped_column(server_default=sa.text("0"))
    quiet_changed: Mapped[int | None]
    quiet_version: Mapped[int | None]
    quiet_key: Mapped[str | None] = mapped_column(sa.String(64))
    # The state built at change count `state_changed` under rules `state_key` (what a crawl
    # reads its pages with, see monitor.watch_state), so a crawl start reads no report.
    state_changed: Mapped[int | None]
    state_key: Mapped[str | None] = mapped_column(sa.String(64))
    state: Mapped[dict[str, Any] | None]
    # The count of the last change that was not a report added to an article that had none
    # on the watch (a report replaced or removed, an article edited, a copy promoted): a fold
    # of new reports into the summary is exact only while no such change followed it.
    rewritten: Mapped[int | None]
    # The summary the reports with `seq <= fold_changed` fold into, under rules `fold_key`.
    fold_changed: Mapped[int | None]
    fold_key: Mapped[str | None] = mapped_column(sa.String(64))
    fold: Mapped[dict[str, Any] | None]


class FactRow(Base):
    __tablename__ = "facts"
    __table_args__ = (sa.UniqueConstraint("report_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(sa.ForeignKey("reports.id", ondelete="CASCADE"))
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(sa.String(20))
    value: Mapped[str] = mapped_column(sa.Text)
    evidence: Mapped[str] = mapped_column(sa.Text)
    supersedes: Mapped[bool] = mapped_column(server_default=sa.false())


class ValidatorRow(Base):
    """ETag and Last-Modified of the last response for a URL, for conditional GET."""

    __tablename__ = "validators"

    url: Mapped[str] = mapped_column(sa.Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(sa.Text)
    last_modified: Mapped[str | None] = mapped_column(sa.Text)


class AlertRow(Base):
    """An alert in the outbox; (watch, version) is its identity."""

    __tablename__ = "alerts"
    __table_args__ = (sa.UniqueConstraint("watch", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    watch: Mapped[str] = mapped_column(sa.String(200))
    version: Mapped[int]
    title: Mapped[str] = mapped_column(sa.Text)
    body: Mapped[str] = mapped_column(sa.Text)
    body_html: Mapped[str | None] = mapped_column(sa.Text)
    body_markdown: Mapped[str | None] = mapped_column(sa.Text)
    state: Mapped[dict[str, Any]]  # the event state this alert announced
    created_at: Mapped[datetime]
    # What the alert is about ("status", "details", "ops"), to route it to targets by tag.
    classes: Mapped[list[str]] = mapped_column(server_default=sa.text("'[]'"))
    deliveries: Mapped[list[DeliveryRow]] = relationship(
        order_by="DeliveryRow.id", cascade="all, delete-orphan", passive_deletes=True
    )


class DeliveryRow(Base):
    """One alert to one target: pending, delivered, or failed (given up)."""

    __tablename__ = "deliveries"
    # With alerts' (watch, version), this makes (watch, version, target_key) the idempotency key.
    __table_args__ = (sa.UniqueConstraint("alert_id", "target_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(sa.ForeignKey("alerts.id", ondelete="CASCADE"))
    target_key: Mapped[str] = mapped_column(sa.String(255))
    target_display: Mapped[str] = mapped_column(sa.Text)
    state: Mapped[str] = mapped_column(sa.String(20), index=True)
    attempts: Mapped[int]
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    last_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    # Backoff: a failed delivery is not tried again before this time (None: due now).
    next_attempt_at: Mapped[datetime | None]


class SourceRunRow(Base):
    """One crawl of one source: how many pages came back and what went wrong."""

    __tablename__ = "source_runs"
    __table_args__ = (
        sa.Index("ix_source_runs_source_at", "source", "at"),
        sa.Index("ix_source_runs_source_run", "source", "run"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(sa.String(200))
    at: Mapped[datetime]
    pages: Mapped[int]
    errors: Mapped[list[str]]
    # Entries the source's feeds listed (None: all answered 304) and pages without title/body.
    entries: Mapped[int | None]
    unparsed: Mapped[int] = mapped_column(server_default=sa.text("0"))
    # The poll this run belongs to when several workers share one (scrapy-redis), else None.
    run: Mapped[str | None] = mapped_column(sa.String(100))


class HostHoldRow(Base):
    """A host that answered 429 or 503 with Retry-After: nothing is asked of it before `until`."""

    __tablename__ = "host_holds"

    host: Mapped[str] = mapped_column(sa.String(255), primary_key=True)
    until: Mapped[datetime]
    reason: Mapped[str] = mapped_column(sa.Text)
