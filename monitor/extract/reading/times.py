"""Times of day with their zone ("10am PT", "noon PT", "3:30am PT") normalised to "10:00 PT"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from monitor.extract.reading.places import city_zone

# Zone as written -> zone as stored; written zones are kept (PDT stays PDT), long forms shortened.
ZONES: dict[str, str] = {
    "PT": "PT", "PST": "PST", "PDT": "PDT", "ET": "ET", "EST": "EST", "EDT": "EDT", "CT": "CT",
    "CST": "CST", "CDT": "CDT", "MT": "MT", "MST": "MST", "MDT": "MDT", "GMT": "GMT",
    "UTC": "UTC", "BST": "BST", "CET": "CET", "CEST": "CEST", "MEZ": "CET", "MESZ": "CEST",
    "IST": "IST", "SGT": "SGT", "HKT": "HKT", "JST": "JST", "KST": "KST", "WIB": "WIB",
    "AEST": "AEST", "AEDT": "AEDT", "BRT": "BRT",
    "Pacific Time": "PT", "Pacific time": "PT", "Pacific": "PT", "Eastern Time": "ET",
    "Eastern time": "ET", "Eastern": "ET", "Central Time": "CT", "local time": "local",
    "Beijing time": "UTC+8", "China time": "UTC+8", "India time": "IST", "UK time": "GMT",
    "London time": "GMT", "ora italiana": "CET", "ore italiane": "CET", "hora peninsular": "CET",
    "hora de España": "CET", "hora española": "CET", "horário de Brasília": "BRT",
    "hora de Brasília": "BRT", "deutscher Zeit": "CET", "deutsche Zeit": "CET",
    "unserer Zeit": "CET", "heure française": "CET", "heure de Paris": "CET",
    "heure de France": "CET", "heure belge": "CET", "Nederlandse tijd": "CET",
    "Belgische tijd": "CET", "costa Oeste": "PT", "West Coast": "PT", "East Coast": "ET",
    "hora del Pacífico": "PT", "heure du Pacifique": "PT", "czasu polskiego": "CET",
    "polskiego czasu": "CET", "naszego czasu": "CET", "dansk tid": "CET", "norsk tid": "CET",
    "svensk tid": "CET", "českého času": "CET", "italiane": "CET", "italiana": "CET",
    # A country's or a capital's clock named in English ("4:00 p.m. (Spanish peninsular
    # time)", "7 pm Paris time"), or a city's own ("15hs de Brasília").
    "Spanish peninsular time": "CET", "Spanish time": "CET", "Italian time": "CET",
    "German time": "CET", "French time": "CET", "Paris time": "CET", "Berlin time": "CET",
    "Madrid time": "CET", "Rome time": "CET", "Dutch time": "CET", "Amsterdam time": "CET",
    "Central European Time": "CET", "Central European Summer Time": "CEST",
    "Brasília time": "BRT", "Brasilia time": "BRT", "Brasília": "BRT", "Brasilia": "BRT",
    "Pacific Standard Time": "PST", "Pacific Daylight Time": "PDT",
    "Eastern Standard Time": "EST", "Eastern Daylight Time": "EDT",
    "British time": "GMT", "Tokyo time": "JST", "Japan time": "JST", "Seoul time": "KST",
    "Korea time": "KST",
}
# Abbreviations only as written ("ET", never French "et"); names in any case ("pacific time").
_ABBREVIATIONS = sorted((z for z in ZONES if z.isupper()), key=len, reverse=True)
_NAMES = sorted((z for z in ZONES if not z.isupper()), key=len, reverse=True)
_ZONE_OF = {**ZONES, **{z.casefold(): v for z, v in ZONES.items() if not z.isupper()}}
_ZONE = ("(?i:" + "|".join(re.escape(z) for z in _NAMES) + ")|"
         + "|".join(re.escape(z) for z in _ABBREVIATIONS))
# The zone after the time, or "(heure de Paris)", ", heure française", "de la costa Oeste".
_ZONE_AFTER = rf"(?:\s*[(,]?\s*(?:de la\s+|del\s+|de\s+)?(?P<zone>{_ZONE})\b)?"
_AMPM = r"(?P<ampm>[aApP])\.?\s?[mM]\b\.?"
# (Not "AI Day 2 am 19. August": German "am" before a day is no morning.)
_TWELVE = re.compile(
    rf"(?<![\d:.])(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<m>[0-5]\d))?\s*{_AMPM}(?!\s*\d)"
    rf"{_ZONE_AFTER}"
)
_NOON = re.compile(
    rf"\b(?P<word>noon|midday|mezzogiorno|mediodía|Mittag|midi|midnight){_ZONE_AFTER}",
    re.IGNORECASE,
)
# 24-hour clock only where it is clearly a time: a zone, "Uhr", "h", "heures", or "ore"/"a las"
# before it.
_TWENTY_FOUR = re.compile(
    rf"(?:\b(?:ore|alle|alle ore|a las|um|à|às|om|kl\.|o|le|dalle|dès|vers|ab|gegen|hacia las"
    rf"|desde las|a partir de las|starting at|at)\s+)?(?<![\d:.])(?P<h>[01]?\d|2[0-3])"
    rf"(?:[:.](?P<m>[0-5]\d)|\s?hs?\s?(?P<hm>[0-5]\d)?(?![\w]))(?:\s*(?P<uhr>Uhr|h"
    rf"|uur)\b)?{_ZONE_AFTER}"
)
# "19 Uhr", "19 heures", "ore 19", "a las 10 de la mañana", "om 20 uur".
_HOUR_WORD = re.compile(
    rf"(?:(?<![\d:.])(?P<h>[01]?\d|2[0-3])\s*(?P<word>Uhr|heures?|uur|hodin|godz\.?"
    rf"|ore(?=\s+italian))\b(?:\s+(?P<part1>'s ochtends|'s middags|'s avonds|du matin|du soir"
    rf"|de l'après-midi))?"
    rf"|\b(?:ore|alle ore|alle|a las|às|om|o godzinie|o godz\.|kl\.|klockan|klokken)\s+"
    rf"(?P<h2>[01]?\d|2[0-3])(?![\d:]|\.\d)"
    rf"(?:\s*(?:uur|Uhr|heures?)\b)?"
    rf"(?:\s+(?P<part>de la mañana|de la tarde|de la noche|del mattino|di sera|del pomeriggio|"
    rf"du matin|du soir|de l'après-midi|'s ochtends|'s middags|'s avonds))?){_ZONE_AFTER}",
    re.IGNORECASE,
)
_AFTERNOON = re.compile(r"tarde|noche|sera|pomeriggio|soir|après-midi|middags|avonds",
                        re.IGNORECASE)


@dataclass(frozen=True)
class TimeMention:
    """A time of day as "HH:MM ZONE" (or "HH:MM" without a zone) and where it stands."""

    value: str
    start: int
    end: int
    has_zone: bool


_DIGIT = re.compile(r"\d")


def find_times(text: str) -> list[TimeMention]:
    """Times of day in `text`, in order."""
    found: list[TimeMention] = []

    def add(match: re.Match[str], hour: int, minute: int) -> None:
        if not any(t.start < match.end() and match.start() < t.end for t in found):
            found.append(_mention(match, hour, minute))

    # Every form but "noon" and "midnight" has the hour in digits: without one, only those.
    digits = _DIGIT.search(text) is not None
    for match in _TWELVE.finditer(text) if digits else ():
        hour = int(match.group("h")) % 12 + (12 if match.group("ampm").lower() == "p" else 0)
        add(match, hour, int(match.group("m") or 0))
    for match in _NOON.finditer(text):
        add(match, 0 if match.group("word").lower() == "midnight" else 12, 0)
    for match in _TWENTY_FOUR.finditer(text) if digits else ():
        separator_h = match.group("m") is None
        if not (match.group("zone") or match.group("uhr") or separator_h
                or match.group(0)[0].isalpha()):
            continue
        add(match, int(match.group("h")), int(match.group("m") or match.group("hm") or 0))
    for match in _HOUR_WORD.finditer(text) if digits else ():
        hour = int(match.group("h") or match.group("h2"))
        part = match.group("part") or match.group("part1")
        if part and _AFTERNOON.search(part) and hour < 12:
            hour += 12
        add(match, hour, 0)
    return sorted(found, key=lambda t: t.start)


def _mention(match: re.Match[str], hour: int, minute: int) -> TimeMention:
    zone = match.group("zone")
    stored = (ZONES.get(zone) or _ZONE_OF.get(zone.casefold())) if zone else None
    if stored == "local":
        stored = None
    value = f"{hour:02d}:{minute:02d}" + (f" {stored}" if stored else "")
    return TimeMention(value, match.start(), match.end(), stored is not None)


# The zone family a city's clock is written in, by its tz database name: how the news writes a
# local time ("10:00 PT", "19:00 CET"), summer or winter alike.
_FAMILIES: tuple[tuple[str, str], ...] = (
    ("America/Los_Angeles", "PT"), ("America/Vancouver", "PT"), ("America/Tijuana", "PT"),
    ("America/Denver", "MT"), ("America/Phoenix", "MT"), ("America/Chicago", "CT"),
    ("America/New_York", "ET"), ("America/Toronto", "ET"), ("America/Detroit", "ET"),
    ("America/Sao_Paulo", "BRT"), ("Europe/London", "GMT"), ("Europe/Dublin", "GMT"),
    ("Europe/Lisbon", "GMT"), ("Europe/", "CET"), ("Africa/Lagos", "WAT"),
    ("Asia/Kolkata", "IST"), ("Asia/Calcutta", "IST"), ("Asia/Shanghai", "UTC+8"),
    ("Asia/Hong_Kong", "HKT"), ("Asia/Taipei", "UTC+8"), ("Asia/Singapore", "SGT"),
    ("Asia/Kuala_Lumpur", "UTC+8"), ("Asia/Manila", "UTC+8"), ("Asia/Tokyo", "JST"),
    ("Asia/Seoul", "KST"), ("Asia/Jakarta", "WIB"), ("Australia/Sydney", "AEST"),
    ("Australia/Melbourne", "AEST"),
)
# The eastern edge of Europe keeps its own clocks.
_NOT_CET = ("Europe/Moscow", "Europe/Istanbul", "Europe/Kiev", "Europe/Kyiv", "Europe/Helsinki",
            "Europe/Athens", "Europe/Bucharest", "Europe/Sofia", "Europe/Riga", "Europe/Vilnius",
            "Europe/Tallinn", "Europe/Minsk")


def city_family(city: str | None) -> str | None:
    """The zone a city's local times are written in ("PT" for San Francisco), if known."""
    zone = city_zone(city) if city else None
    if not zone or zone in _NOT_CET:
        return None
    return next((family for prefix, family in _FAMILIES if zone.startswith(prefix)), None)


def _family_of(value: str) -> str:
    """The family of a written zone: PDT and PST are PT, CEST is CET."""
    zone = value.partition(" ")[2]
    return {"PST": "PT", "PDT": "PT", "EST": "ET", "EDT": "ET", "CDT": "CT", "MST": "MT",
            "MDT": "MT", "CEST": "CET", "BST": "GMT", "HKT": "UTC+8",
            "SGT": "UTC+8"}.get(zone, zone)


def local_first(found: list[tuple[TimeMention, str]], city: str | None
                ) -> tuple[TimeMention, str]:
    """The time to keep among several: the event city's own clock, then one a start word
    introduces ("starts at 10am PT"), then one with a zone, then the first."""
    family = city_family(city)

    def rank(item: tuple[TimeMention, str]) -> tuple[bool, int, bool]:
        mention, sentence = item
        local = family is not None and _family_of(mention.value) in (family, _family_of(
            f"x {family}"))
        return (not local, -_introduced(sentence, mention), not mention.has_zone)

    return min(found, key=rank)


def with_local_zone(value: str, city: str | None) -> str:
    """A time written without a zone is the event city's own ("at 4pm" in New York: 16:00 ET)."""
    if " " in value:
        return value
    family = city_family(city)
    return f"{value} {family}" if family else value


_START = re.compile(
    r"\b(?:start(?:s|ing)?|begin(?:s|ning)?|kick(?:s|ing)? off|at|from|um|alle|à|a las|ab|"
    r"dalle|desde|vanaf|om|às)\s+$",
    re.IGNORECASE,
)


# Verbs that say the event starts then ("the presentation starts at 10 a.m."), stronger than a
# bare "at" ("doors open at 9:30").
_STARTS = re.compile(
    r"\b(?:start(?:s|ing)?|begin(?:s|ning)?|kick(?:s|ing)? off|commence\w*|beginnt|startet|"
    r"inizi\w*|comienza|empieza|débute\w*|commencera|begint|começa)\b[^.]{0,15}$",
    re.IGNORECASE,
)


def _introduced(sentence: str, mention: TimeMention) -> int:
    before = sentence[max(0, mention.start - 30) : mention.start]
    if _STARTS.search(before):
        return 2
    return 1 if _START.search(before) else 0
