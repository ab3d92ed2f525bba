"""When two written values are one fact: a moment in two zones, a venue named short and long,
a product in two spellings. Only values that differ after this are a real disagreement."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from monitor.model import FactKind


def city_zone(city: str) -> str | None:
    """The IANA zone of a known city (monitor.extract.reading.places.city_zone)."""
    # Imported on first use: any module of monitor.extract.reading runs that package, which
    # compiles the reader's cue patterns (a fifth of a second), and a cron run with nothing
    # new imports this module but never places a time.
    from monitor.extract.reading.places import city_zone as zone_of

    return zone_of(city)


# Zones the reader writes with a fixed offset from UTC, in minutes.
_FIXED = {
    "PST": -480, "PDT": -420, "MST": -420, "MDT": -360, "CST": -360, "CDT": -300, "EST": -300,
    "EDT": -240, "BRT": -180, "UTC": 0, "BST": 60, "WAT": 60, "CEST": 120, "IST": 330,
    "WIB": 420, "SGT": 480, "HKT": 480, "UTC+8": 480, "JST": 540, "KST": 540, "AEDT": 660,
}
# Zones the reader writes as a family, summer or winter alike ("10:00 PT", "ora italiana" as
# "CET"): their offset depends on the day.
_FAMILIES = {
    "PT": "America/Los_Angeles", "MT": "America/Denver", "CT": "America/Chicago",
    "ET": "America/New_York", "GMT": "Europe/London", "CET": "Europe/Paris",
    "AEST": "Australia/Sydney",
}
_CLOCK = re.compile(r"^(?P<h>\d{1,2}):(?P<m>\d\d)(?:\s+(?P<zone>\S+))?$")
_DAY = 24 * 60


def instant(value: str, day: date, city: str | None) -> datetime | None:
    """The moment a time value names on the event's `day`, as an aware datetime."""
    match = _CLOCK.match(value.strip())
    if match is None:
        return None
    clock = time(int(match["h"]), int(match["m"]))
    zone = match["zone"]
    if zone in _FIXED:
        return datetime.combine(day, clock, tzinfo=UTC) - timedelta(minutes=_FIXED[zone])
    name = _FAMILIES.get(zone) if zone else city_zone(city) if city else None
    if name is None:
        return None
    try:
        return datetime.combine(day, clock, tzinfo=ZoneInfo(name))
    except (ZoneInfoNotFoundError, ValueError):
        return None


def utc_minute(value: str, day: date | None, city: str | None) -> int | None:
    """The moment a time value names, as minutes past midnight UTC, on the event's `day`
    (for summer time) in the event's `city` (for a time without a zone); None if unknown."""
    match = _CLOCK.match(value.strip())
    if match is None:
        return None
    hour, minute, zone = int(match["h"]), int(match["m"]), match["zone"]
    if zone in _FIXED:
        return (hour * 60 + minute - _FIXED[zone]) % _DAY
    name = _FAMILIES.get(zone) if zone else city_zone(city) if city else None
    if name is None:
        return None
    try:
        tz = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    local = datetime.combine(day or date(2000, 1, 15), time(hour, minute), tzinfo=tz)
    offset = local.utcoffset() or timedelta(0)
    return (hour * 60 + minute - int(offset.total_seconds() // 60)) % _DAY


def _words(value: str) -> list[str]:
    text = value.casefold().replace("+", " plus ")
    text = re.sub(r"(?<=[a-z])re\b", "er", text)  # Amphitheatre, Centre
    words = re.findall(r"[^\W_]+", text)
    return words[1:] if words[:1] == ["the"] else words


def same(kind: FactKind, a: str, b: str, *, day: date | None = None,
         city: str | None = None) -> bool:
    """Whether `a` and `b` are one value of `kind` (see the module's doc)."""
    if a == b:
        return True
    if kind is FactKind.TIME:
        ka, kb = utc_minute(a, day, city), utc_minute(b, day, city)
        return ka is not None and ka == kb
    wa, wb = _words(a), _words(b)
    if kind is FactKind.VENUE:
        short, long_ = sorted((wa, wb), key=len)
        # "Barclays Center" is "Barclays Center in Brooklyn"; "Yerba Buena Center" is
        # "Yerba Buena Center for the Arts".
        return bool(short) and long_[: len(short)] == short
    if kind in (FactKind.PRODUCT, FactKind.SPEAKER, FactKind.CITY, FactKind.COMPANY):
        return wa == wb
    return False


def clusters(kind: FactKind, values: Sequence[str], *, day: date | None = None,
             city: str | None = None) -> list[list[str]]:
    """`values` grouped into the facts they are, each group in the order given."""
    groups: list[list[str]] = []
    for value in values:
        for group in groups:
            if any(same(kind, value, other, day=day, city=city) for other in group):
                group.append(value)
                break
        else:
            groups.append([value])
    return groups


def local_clock(value: str, day: date | None, city: str | None) -> str | None:
    """The time value on the event city's own clock ("HH:MM"), when both are known."""
    minute = utc_minute(value, day, city)
    name = city_zone(city) if city else None
    if minute is None or name is None:
        return None
    try:
        tz = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    moment = datetime.combine(day or date(2000, 1, 15), time(0), tzinfo=UTC) + timedelta(
        minutes=minute)
    local = moment.astimezone(tz)
    return f"{local.hour:02d}:{local.minute:02d}"
