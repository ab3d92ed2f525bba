"""Read the timestamps pages put in metadata and bylines: ISO 8601, RFC 2822, '12 February 2015'."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "(?P<mname>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

# Bylines write local zones by abbreviation; US ones follow daylight saving, so they are
# resolved through the zone database on the date itself rather than a fixed offset.
_ZONES: dict[str, tzinfo] = {
    "utc": UTC,
    "gmt": UTC,
    "z": UTC,
    "pt": ZoneInfo("America/Los_Angeles"),
    "pst": timezone(timedelta(hours=-8)),
    "pdt": timezone(timedelta(hours=-7)),
    "et": ZoneInfo("America/New_York"),
    "est": timezone(timedelta(hours=-5)),
    "edt": timezone(timedelta(hours=-4)),
    "ct": ZoneInfo("America/Chicago"),
    "cst": timezone(timedelta(hours=-6)),
    "cdt": timezone(timedelta(hours=-5)),
    "mst": timezone(timedelta(hours=-7)),
    "mdt": timezone(timedelta(hours=-6)),
    "bst": timezone(timedelta(hours=1)),
    "cet": timezone(timedelta(hours=1)),
    "cest": timezone(timedelta(hours=2)),
    "sgt": timezone(timedelta(hours=8)),
    "hkt": timezone(timedelta(hours=8)),
    "jst": timezone(timedelta(hours=9)),
    "kst": timezone(timedelta(hours=9)),
    # India's; Israel writes its winter time the same way, but far fewer English pages do.
    "ist": timezone(timedelta(hours=5, minutes=30)),
}
_ZONE = (
    r"(?:\s*(?P<zone>[+-]\d{2}:?\d{2}|Z\b|(?:" + "|".join(k for k in _ZONES if k != "z") + r")\b))?"
)
_CLOCK = (
    r"(?:(?:[T\s]|,\s*|\s+at\s+)(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?)?\s*(?P<ampm>[ap]\.?m\.?)?)?"
)

_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})" + _CLOCK + _ZONE, re.I)
_DAY_MONTH = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _CLOCK + _ZONE,
    re.I,
)
_MONTH_DAY = re.compile(
    _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _CLOCK + _ZONE, re.I
)
# "01:38:07 PM IST Nov 20, 2019": the clock before the date, as some CMSs write it.
_CLOCK_MONTH_DAY = re.compile(
    r"\b(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?\s*(?P<ampm>[ap]\.?m\.?)?"
    + _ZONE
    + r",?\s+"
    + _MONTH
    + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b",
    re.I,
)


def parse_timestamp(text: str | None) -> datetime | None:
    """The first timestamp written in `text`; naive when the text names no zone."""
    if not text or not (text := text.strip()):
        return None
    for pattern in (_ISO, _DAY_MONTH, _CLOCK_MONTH_DAY, _MONTH_DAY):
        found = pattern.search(text)
        if found and (stamp := _build(found)):
            return stamp
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _build(found: re.Match[str]) -> datetime | None:
    parts = found.groupdict()
    month = parts.get("month")
    month_number = int(month) if month else _MONTHS.get(parts["mname"].lower(), 0)
    hour = int(parts["hour"] or 0)
    ampm = (parts.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        stamp = datetime(
            int(parts["year"]),
            month_number,
            int(parts["day"]),
            hour,
            int(parts["minute"] or 0),
            int(parts["second"] or 0),
            int((parts.get("fraction") or "0")[:6].ljust(6, "0")),
        )
    except ValueError:
        return None
    zone = _zone(parts.get("zone"))
    return stamp.replace(tzinfo=zone) if zone else stamp


# No zone on Earth is a day or more from UTC; such an offset is a typo, not a zone.
_MAX_OFFSET = timedelta(hours=24)


def _zone(text: str | None) -> tzinfo | None:
    if not text:
        return None
    if text[0] in "+-":
        digits = text[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        if offset >= _MAX_OFFSET:
            return None
        return timezone(-offset if text[0] == "-" else offset)
    return _ZONES.get(text.lower())


def aware(stamp: datetime | None, zone: tzinfo | None) -> datetime | None:
    """`stamp` with the page's zone when it names none; UTC when the page names none either."""
    if stamp is None or stamp.tzinfo is not None:
        return stamp
    return stamp.replace(tzinfo=zone or UTC)
