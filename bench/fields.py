"""What counts as right, per metadata field, against a hand-checked page's JSON.

One definition for the tests (tests/test_article_pages.py) and the benchmark
(bench/extraction.py), so the figures printed are the figures tested.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo

FIELDS = ("title", "published day", "published time", "authors", "canonical", "language")


def expected_stamp(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def same_day(got: datetime | date | None, want: datetime | None) -> bool:
    """The published day is right: absent when the page states none, else the page's day.

    The page's day is the date in the page's own zone. A day read in UTC (what a page that
    shows only "19 November" gives) counts too, as does the instant seen in the page's zone.
    """
    if want is None:
        return got is None
    if got is None:
        return False
    if not isinstance(got, datetime):
        return got in (want.date(), _day_in(want, UTC))
    return got.date() == want.date() or _day_in(got, want.tzinfo) == want.date()


def same_instant(got: datetime | None, want: datetime | None) -> bool:
    """The published time is right to the second, zone included (an aware, equal instant)."""
    if want is None or got is None:
        return got is None and want is None
    return got.tzinfo is not None and got == want


def _day_in(stamp: datetime, zone: tzinfo | None) -> date | None:
    try:
        return stamp.astimezone(zone).date()
    except OverflowError:  # 0001-01-01 and 9999-12-31 have no neighbouring day
        return None
