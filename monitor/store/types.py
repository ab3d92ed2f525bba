"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect


class UTCDateTime(sa.TypeDecorator[datetime]):
    """A timezone-aware datetime, stored as UTC; SQLite's naive values are read back as UTC."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            # A naive time is ambiguous; guessing would shift facts by hours without a trace.
            raise ValueError(f"naive datetime {value.isoformat()} given; times must be aware")
        value = to_utc(value)
        # SQLite keeps no offset, so store the UTC wall time it will be read back as.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def require_aware(**times: datetime | None) -> None:
    """Refuse naive datetimes before any SQL runs, naming the argument."""
    for name, value in times.items():
        if value is not None and (value.tzinfo is None or value.utcoffset() is None):
            raise ValueError(f"{name}={value.isoformat()} is naive; times must be timezone-aware")


def to_utc(value: datetime) -> datetime:
    """`value` in UTC; ValueError, not OverflowError, when UTC cannot hold it.

    0001-01-01T00:00:00+01:00 is year 0 in UTC and 9999-12-31T23:00:00-05:00 is year 10000:
    both exist as aware datetimes and neither as a UTC one.
    """
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{value.isoformat()} is outside the years UTC can hold") from None


def storable(value: datetime | None) -> datetime | None:
    """An article's date as the store can keep it: one UTC cannot hold is no date."""
    if value is None:
        return None
    try:
        to_utc(value)
    except ValueError:
        return None
    return value
