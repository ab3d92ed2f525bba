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
    run: str | None = None,
) -> None:
    if run is not None:
        # Several workers crawl one poll between them: together they are one run of a source.
        row = s.scalars(
            sa.select(SourceRunRow)
            .where(SourceRunRow.source == source, SourceRunRow.run == run)
            .with_for_update()
        ).first()
        if row is not None:
            row.pages += pages
            row.errors = [*row.errors, *errors]
            if entries is not None:
                row.entries = (row.entries or 0) + entries
            row.unparsed += unparsed
            row.at = max(row.at, at)
            return
    s.add(SourceRunRow(source=source, at=at, pages=pages, errors=list(errors), entries=entries,
                       unparsed=unparsed, run=run))


def source_runs(s: Session, source: str, limit: int) -> list[SourceRun]:
    rows = s.scalars(
        sa.select(SourceRunRow)
        .where(SourceRunRow.source == source)
        .order_by(SourceRunRow.at.desc(), SourceRunRow.id.desc())
        .limit(limit)
    )
    return [SourceRun(r.source, r.at, r.pages, tuple(r.errors), r.entries, r.unparsed)
            for r in rows]
