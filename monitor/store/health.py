"""Source runs: what each crawl of each source brought back, for source health."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from monitor.store.models import SourceRunRow
from monitor.store.records import SourceRun


def record_source_run(
    s: Session, source: str, at: datetime, pages: int, errors: Sequence[str]
) -> None:
    s.add(SourceRunRow(source=source, at=at, pages=pages, errors=list(errors)))


def source_runs(s: Session, source: str, limit: int) -> list[SourceRun]:
    rows = s.scalars(
        sa.select(SourceRunRow)
        .where(SourceRunRow.source == source)
        .order_by(SourceRunRow.at.desc(), SourceRunRow.id.desc())
        .limit(limit)
    )
    return [SourceRun(r.source, r.at, r.pages, tuple(r.errors)) for r in rows]
