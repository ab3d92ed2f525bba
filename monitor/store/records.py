"""What the store hands back: plain frozen data, detached from any session."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from monitor.model import EventReport

ArticleState = Literal["new", "updated", "unchanged", "duplicate"]
DeliveryState = Literal["pending", "delivered", "failed"]


@dataclass(frozen=True)
class SavedArticle:
    """The outcome of save_article; `duplicate_of` names the original a copy was linked to."""

    id: int
    state: ArticleState
    canonical_url: str
    duplicate_of: int | None = None


@dataclass(frozen=True)
class StoredReport:
    """An event report with the article it stands in."""

    article_id: int
    url: str
    canonical_url: str
    site: str
    source: str
    title: str | None
    published: datetime | None
    fetched_at: datetime
    report: EventReport


@dataclass(frozen=True)
class StoredCopy:
    """An article set aside as a copy of an original (`duplicate_of`), for the report."""

    article_id: int
    url: str
    site: str
    title: str | None
    published: datetime | None
    fetched_at: datetime
    original_id: int


@dataclass(frozen=True)
class WatchMark:
    """How many changes a watch's reports have had, and the last plan that found no alert.

    Planning with `changed == quiet_changed`, the last alert at `quiet_version` and the same
    rules (`quiet_key`) finds no alert again, without reading a report.
    """

    changed: int = 0
    quiet_changed: int | None = None
    quiet_version: int | None = None
    quiet_key: str | None = None
    state_changed: int | None = None
    state_key: str | None = None
    state: dict[str, Any] | None = None
    rewritten: int | None = None
    fold_changed: int | None = None
    fold_key: str | None = None
    fold: dict[str, Any] | None = None

    def quiet(self, version: int, key: str) -> bool:
        return (self.quiet_changed == self.changed and self.quiet_version == version
                and self.quiet_key == key)

    def state_for(self, key: str) -> tuple[bool, dict[str, Any] | None]:
        """(True, the state kept) when it was built from the reports as they are now."""
        if self.state_changed == self.changed and self.state_key == key:
            return True, self.state
        return False, None

    def fold_for(self, key: str) -> tuple[int, dict[str, Any]] | None:
        """(count, summary) when the summary kept is one that reports numbered above its
        count may fold into: built under these rules, and nothing rewritten since."""
        if (self.fold is None or self.fold_changed is None or self.fold_key != key
                or self.fold_changed > self.changed):
            return None
        if self.rewritten is not None and self.rewritten > self.fold_changed:
            return None
        return self.fold_changed, self.fold


@dataclass(frozen=True)
class StoredAlert:
    id: int
    watch: str
    version: int
    title: str
    body: str
    body_html: str | None
    body_markdown: str | None
    state: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class PendingDelivery:
    """One alert still owed to one target."""

    alert_id: int
    watch: str
    version: int
    title: str
    body: str
    body_html: str | None
    body_markdown: str | None
    target_key: str
    target_display: str
    attempts: int
    last_error: str | None
    last_attempt_at: datetime | None
    created_at: datetime
    classes: tuple[str, ...] = ()
    next_attempt_at: datetime | None = None
    held: bool = False  # waiting for its target's digest


@dataclass(frozen=True)
class DeliveryView:
    target_key: str
    target_display: str
    state: DeliveryState
    attempts: int
    last_error: str | None
    last_attempt_at: datetime | None
    delivered_at: datetime | None
    next_attempt_at: datetime | None = None


@dataclass(frozen=True)
class AlertView:
    """An alert with the delivery state of each of its targets, for `monitor alerts`."""

    id: int
    watch: str
    version: int
    title: str
    created_at: datetime
    deliveries: tuple[DeliveryView, ...] = field(default_factory=tuple)
    body: str = ""
    state: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceRun:
    source: str
    at: datetime
    pages: int
    errors: tuple[str, ...] = ()
    entries: int | None = None
    unparsed: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors
