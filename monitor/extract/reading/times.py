"""Times of day with their zone ("10am PT", "noon PT", "3:30am PT") normalised to "10:00 PT"."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Zone as written -> zone as stored; written zones are kept (PDT stays PDT), long forms shortened.
ZONES: dict[str, str] = {
    "PT": "PT",
    "PST": "PST",
    "PDT": "PDT",
    "ET": "ET",
    "EST": "EST",
    "EDT": "EDT",
    "CT": "CT",
    "CDT": "CDT",
    "MT": "MT",
    "MST": "MST",
    "GMT": "GMT",
    "UTC": "UTC",
    "BST": "BST",
    "CET": "CET",
    "CEST": "CEST",
    "MEZ": "CET",
    "MESZ": "CEST",
    "IST": "IST",
    "SGT": "SGT",
    "HKT": "HKT",
    "JST": "JST",
    "KST": "KST",
    "WIB": "WIB",
    "Pacific Time": "PT",
    "Pacific": "PT",
    "Eastern Time": "ET",
    "Eastern": "ET",
    "Beijing time": "UTC+8",
    "China time": "UTC+8",
    "ora italiana": "CET",
    "hora peninsular": "CET",
    "deutscher Zeit": "CET",
}

_ZONE = "|".join(re.escape(z) for z in sorted(ZONES, key=len, reverse=True))
_AMPM = r"(?P<ampm>[ap])\.?\s?m\b\.?"
_TWELVE = re.compile(
    rf"(?<![\d:.])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s*{_AMPM}(?:\s*\(?(?P<zone>{_ZONE})\b)?"
)
_NOON = re.compile(
    rf"\b(?P<word>noon|midday|mezzogiorno|mediodía|Mittag|midnight)\b(?:\s*\(?(?P<zone>{_ZONE})\b)?",
    re.IGNORECASE,
)
# 24-hour clock only where it is clearly a time: a zone, "Uhr", or "ore"/"a las" before it.
_TWENTY_FOUR = re.compile(
    rf"(?:\b(?:ore|alle|a las|um)\s+)?(?<![\d:.])(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)"
    rf"(?:\s*(?P<uhr>Uhr|h)\b)?(?:\s*\(?(?P<zone>{_ZONE})\b)?"
)
_HOUR_UHR = re.compile(rf"(?<![\d:.])(?P<h>[01]?\d|2[0-3])\s*Uhr\b(?:\s*\(?(?P<zone>{_ZONE})\b)?")


@dataclass(frozen=True)
class TimeMention:
    """A time of day as "HH:MM ZONE" (or "HH:MM" without a zone) and where it stands."""

    value: str
    start: int
    end: int
    has_zone: bool


def find_times(text: str) -> list[TimeMention]:
    """Times of day in `text`, in order."""
    found: list[TimeMention] = []
    for match in _TWELVE.finditer(text):
        hour = int(match.group("h")) % 12 + (12 if match.group("ampm").lower() == "p" else 0)
        found.append(_mention(match, hour, int(match.group("m") or 0)))
    for match in _NOON.finditer(text):
        hour = 0 if match.group("word").lower() == "midnight" else 12
        found.append(_mention(match, hour, 0))
    for match in _TWENTY_FOUR.finditer(text):
        if not (match.group("zone") or match.group("uhr") or match.group(0)[0].isalpha()):
            continue
        if any(t.start < match.end() and match.start() < t.end for t in found):
            continue
        found.append(_mention(match, int(match.group("h")), int(match.group("m"))))
    for match in _HOUR_UHR.finditer(text):
        if not any(t.start < match.end() and match.start() < t.end for t in found):
            found.append(_mention(match, int(match.group("h")), 0))
    return sorted(found, key=lambda t: t.start)


def _mention(match: re.Match[str], hour: int, minute: int) -> TimeMention:
    zone = match.group("zone")
    value = f"{hour:02d}:{minute:02d}" + (f" {ZONES[zone]}" if zone else "")
    return TimeMention(value, match.start(), match.end(), zone is not None)


# The zones a city's own clock is written in, to prefer its local time when several are listed.
CITY_ZONES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("San Francisco", "Cupertino", "Mountain View", "San Jose", "Los Angeles",
                     "Las Vegas", "Seattle"), ("PT", "PST", "PDT")),
    **dict.fromkeys(("New York", "Boston"), ("ET", "EST", "EDT")),
    **dict.fromkeys(("Chicago", "Austin"), ("CT", "CDT")),
    "London": ("GMT", "BST"),
    **dict.fromkeys(("Berlin", "Munich", "Paris", "Barcelona", "Madrid", "Milan", "Rome",
                     "Amsterdam", "Warsaw"), ("CET", "CEST")),
    **dict.fromkeys(("Beijing", "Shanghai", "Shenzhen", "Guangzhou"), ("UTC+8",)),
    "Hong Kong": ("HKT", "UTC+8"),
    "Singapore": ("SGT", "UTC+8"),
    **dict.fromkeys(("New Delhi", "Mumbai", "Bengaluru", "Hyderabad", "Chennai"), ("IST",)),
    "Tokyo": ("JST",),
    "Seoul": ("KST",),
    "Jakarta": ("WIB",),
}


def local_first(found: list[tuple[TimeMention, str]], city: str | None
                ) -> tuple[TimeMention, str]:
    """The time to keep among several: the event city's own clock, then one a start word
    introduces ("starts at 10am PT"), then one with a zone, then the first."""
    zones = CITY_ZONES.get(city or "", ())

    def rank(item: tuple[TimeMention, str]) -> tuple[bool, bool, bool]:
        mention, sentence = item
        zone = mention.value.partition(" ")[2]
        return (not (zone and zone in zones), not _introduced(sentence, mention),
                not mention.has_zone)

    return min(found, key=rank)


_START = re.compile(
    r"\b(?:start(?:s|ing)?|begin(?:s|ning)?|kick(?:s|ing)? off|at|from|um|alle|à|a las|ab|"
    r"dalle|desde|vanaf|om|às)\s+$",
    re.IGNORECASE,
)


def _introduced(sentence: str, mention: TimeMention) -> bool:
    return bool(_START.search(sentence[max(0, mention.start - 30) : mention.start]))
