"""A stored report as `build_state` reads it (the store's `reports_for` rows), for tests that
build a story's state from hand-made reports without a database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from monitor.model import EventReport


@dataclass(frozen=True)
class Row:
    url: str
    site: str
    published: datetime | None
    report: EventReport
    title: str | None = None
    fetched_at: datetime = datetime(2026, 1, 1, tzinfo=UTC)
