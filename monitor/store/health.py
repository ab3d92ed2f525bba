"""Source runs: what each crawl of each source brought back, for source health."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from monitor.store.models import SourceRunRow
from monitor.store.records import SourceRun


def record_source_run(
    s: Session,
    source: str,
    at: datetime,
    pages: int,
    errors: Sequence[str],
    entries: int | None = None,
    unparsed: int = 0,
) -> None:
    s.add(SourceRunRow(source=source, at=at, pages=pages, errors=list(errors), entries=entries,
                       unparsed=unparsed))


def source_runs(s: Session, source: str, limit: int) -> list[SourceRun]:
    rows = s.scalars(
        sa.select(SourceRunRow)
        .where(SourceRunRow.source == source)
        .order_by(SourceRunRow.at.desc(), SourceRunRow.id.desc())
        .limit(limit)
    )
    return [SourceRun(r.source, r.at, r.pages, tuple(r.errors), r.entries, r.unparsed)
            for r in rows]
