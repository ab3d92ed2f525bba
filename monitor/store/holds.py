"""Hosts on hold: a site's Retry-After, kept across runs so the next cron run waits too."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from monitor.store.models import HostHoldRow


def hold_host(s: Session, host: str, until: datetime, reason: str) -> None:
    row = s.get(HostHoldRow, host)
    if row is None:
        s.add(HostHoldRow(host=host, until=until, reason=reason))
    elif until > row.until:
        row.until, row.reason = until, reason


def host_hold(s: Session, host: str) -> tuple[datetime, str] | None:
    row = s.get(HostHoldRow, host)
    return None if row is None else (row.until, row.reason)
