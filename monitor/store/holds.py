"""Hosts on hold: a site's Retry-After, kept across runs so the next cron run waits too."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from monitor.store.models import HostHoldRow

# Read on a bare connection (Store._point_read), once per request the crawl sends.
_HOLD_OF = sa.select(HostHoldRow.until, HostHoldRow.reason).where(
    HostHoldRow.host == sa.bindparam("host"))


def hold_host(s: Session, host: str, until: datetime, reason: str) -> None:
    row = s.get(HostHoldRow, host)
    if row is None:
        s.add(HostHoldRow(host=host, until=until, reason=reason))
    elif until > row.until:
        row.until, row.reason = until, reason


def host_hold(conn: Connection, host: str) -> tuple[datetime, str] | None:
    row = conn.execute(_HOLD_OF, {"host": host}).first()
    return None if row is None else (row.until, row.reason)
