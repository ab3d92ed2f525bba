"""People named in a sentence: a watch's aliases, names with an executive title, and names in
the frames that put someone on stage ("hosted by Rick Osterloh", "Carl Pei takes the stage").

A name is two or three capitalised words (a given name may be initials: "DJ Koh", "J.K.
Shin"). What is not a person is left out: places, products, companies, words that open a
sentence ("Now Adam Bates" is Adam Bates), and people holding a public office ("Chinese
President Xi Jinping", "il ministro"), who may attend an event but do not present it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_WORD = r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]{2}|[A-Z]\.\s?[A-Z]\.)"
_NAME = rf"(?P<name>(?-i:{_WORD}(?:[ -](?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.)){{1,2}}))"

# Titles that make a capitalised name a person who may speak for a company.
TITLES = (
    r"(?:co-?founder(?: and (?:CEO|president|chairman))?|founder|CEO|chief executive(?: officer)?|"
    r"president|vice[- ]president|VP|SVP|EVP|chairman|CTO|COO|CMO|CFO|head of [a-z ]+?|director|"
    r"(?:mobile |marketing |design |system |lead system |hardware |software )?(?:chief|architect)|"
    r"executive|(?:product|marketing) (?:manager|lead|chief)|amministratore delegato|"
    r"vicepresidente|Vizepräsident|Vorstandschef|Chef|Mitgründer|cofundador|cofondatore|"
    r"directeur général|PDG|président|presidente|consejero delegado|directora?|jefe|capo|"
    r"responsabile|Leiter|Entwicklungsvorstand|Produktchef)"
)
_TITLE_THEN_NAME = re.compile(rf"\b{TITLES}(?:,| of \w+,)?\s+{_NAME}", re.IGNORECASE)
_NAME_THEN_TITLE = re.compile(
    rf"{_NAME},\s+(?:\w+'s\s+|the company's\s+|(?:the\s+)?)?(?:\w+\s+)?{TITLES}\b", re.IGNORECASE
)
# Frames that put a named person on stage, before or after the name.
_STAGE_FRAMES = tuple(re.compile(p, re.IGNORECASE) for p in (
    rf"\b(?:hosted|presented|led|introduced|joined|moderated|emceed|kicked off|opened|headlined|"
    rf"fronted|delivered) by\s+(?:[\w'-]+\s+){{0,4}}?{_NAME}",
    rf"\b(?:keynote|presentation|talk|speech|address) (?:by|from"
    rf"|of)\s+(?:[\w'-]+\s+){{0,3}}?{_NAME}",
    rf"\bfeaturing\s+{_NAME}",
    rf"\b(?:presentat[oa] da|presentad[oa] por|präsentiert von|moderiert von|présenté par|"
    rf"animé par|condott[oa] da|gepresenteerd door)\s+(?:[\w'-]+\s+){{0,3}}?{_NAME}",
)) + tuple(re.compile(rf"{_NAME}(?:,[^,]{{1,60}},)?\s+{p}") for p in (
    r"(?:(?:is|was|will|is set to|is expected to|will be|'s|has|had)\s+)?(?:tak(?:e|es|ing)|took) "
    r"(?:to )?the stage",
    r"(?:is|was) (?:on stage|back on stage)",
    r"(?:takes|took|will take) over\b",
    r"(?:opened|opens|will open|kicked off|kicks off) the (?:keynote|event|show|presentation|"
    r"conference)",
    r"(?:is |will be |was )?(?:hosting|presenting|host(?:s|ed)?|present(?:s|ed)?|walk(?:s|ed) "
    r"(?:us )?through|deliver(?:s|ed)? the keynote)\b",
))
# Offices that make a person a guest, not a presenter.
_PUBLIC_OFFICE = re.compile(
    r"\b(?:(?:Chinese|French|US|U\.S\.|American|German|Indian|Korean|Italian|Spanish|Russian|"
    r"British|Japanese|the country's|state)\s+)?(?<![Vv]ice )(?<![Vv]ice-)(?:President|Präsident"
    r"|président|presidente),?\s+$|"
    r"\b(?:Prime Minister|Minister|Chancellor|Senator|Governor|Mayor|King|Queen|Premier|"
    r"ministro|ministre|Minister(?:in)?|Bundeskanzler\w*|sindaco|alcalde|maire|"
    r"Bürgermeister\w*|Secretary)\s+(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
# Capitalised words that open a sentence or name a thing, so no given name.
_NOT_GIVEN = frozenset(
    [
        "Now", "Then", "Next", "Here", "There", "This", "That", "These", "Those", "The", "A", "An",
        "And", "But", "So", "Also", "Meanwhile", "Finally", "Today", "Tomorrow", "Yesterday",
        "When", "While", "After", "Before", "During", "Our", "Their", "His", "Her", "Its", "Apple",
        "Samsung", "Google", "Microsoft", "Sony", "Xiaomi", "Huawei", "Nokia", "Motorola",
        "OnePlus", "Amazon", "Meta", "Tesla", "Intel", "Nvidia", "Galaxy", "Pixel", "Surface", "Mi",
        "Redmi", "PlayStation", "Xbox", "Nintendo", "Switch", "Android", "Windows", "Chrome", "Mac",
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
        "Saturday", "Sunday", "Mobile", "World", "Congress", "San", "Santa", "New", "Los", "Las",
        "Hong", "Kuala", "Rio", "Buenos", "Sao", "São", "Saint", "St", "Fort", "Pier", "Hall",
        "Center", "Centre"
    ]
)
_NOT_NAMES = frozenset({"San Francisco", "New Delhi", "Mi Band", "Mi Note", "Power Bank"})


@dataclass(frozen=True)
class Person:
    """A person named in text, with the name the watch knows them by when it does."""

    name: str
    start: int
    end: int
    staged: bool = False  # named in a frame that puts them on stage


def find_aliases(text: str, aliases: Sequence[str]) -> list[Person]:
    """A watch's aliases in `text`, also by surname alone ("Barra" is Hugo Barra), in order."""
    found: list[Person] = []
    if not any(person_like(a) for a in aliases):
        return found
    pattern, names = _alias_pattern(tuple(aliases))
    for match in pattern.finditer(text):
        if not _overlaps(found, match.start(), match.end()):
            found.append(Person(names[match.group(0)], match.start(), match.end()))
    return sorted(found, key=lambda p: p.start)


_NAME_PART = re.compile(r"(?:[A-ZÀ-Þ][a-zß-ÿ'’]+(?:-[A-ZÀ-Þ]?[a-zß-ÿ'’]+)*|[A-Z]{1,3}\.?"
                        r"|de|da|van|von|der|di|du|le|la|bin|al)$")


@lru_cache(maxsize=256)
def person_like(alias: str) -> bool:
    """Whether a watch alias names a person ("Hugo Barra"), not a brand, a product line or an
    event ("Surface", "Galaxy Note", "AI Day", "Google I/O"), which are never speakers."""
    from monitor.extract.reading import cues
    from monitor.extract.reading.products import find_products

    parts = alias.split()
    return (2 <= len(parts) <= 4 and all(_NAME_PART.match(p) for p in parts)
            and not find_products(alias) and not cues.EVENT_WORDS.search(alias))


@lru_cache(maxsize=256)
def _alias_pattern(aliases: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    names: dict[str, str] = {}
    for alias in (a for a in aliases if person_like(a)):
        parts = alias.split()
        for form in [alias] + ([parts[-1]] if len(parts) > 1 else []):
            names.setdefault(form, alias)
    forms = sorted(names, key=len, reverse=True)
    pattern = r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])"
    return re.compile(pattern), names


def find_people(text: str, aliases: Sequence[str]) -> list[Person]:
    """Aliases (also by surname alone), titled names and staged names in `text`, in order."""
    found: list[Person] = find_aliases(text, aliases)
    frames = [(p, True) for p in _STAGE_FRAMES] + [(_TITLE_THEN_NAME, False),
                                                    (_NAME_THEN_TITLE, False)]
    for pattern, staged in frames:
        for match in pattern.finditer(text):
            start, end = match.span("name")
            name = match.group("name")
            first, *rest = name.split()
            if first in _NOT_GIVEN and rest:
                # "Now Adam Bates": the opener is no part of the name.
                name = " ".join(rest)
                start = match.start("name") + len(first) + 1
            if len(name.split()) < 2 or name in _NOT_NAMES or name.split()[0] in _NOT_GIVEN:
                continue
            if _PUBLIC_OFFICE.search(text[max(0, start - 40) : start]):
                continue
            overlap = next((p for p in found if p.start < end and start < p.end), None)
            if overlap is not None:
                if staged and not overlap.staged:
                    found[found.index(overlap)] = Person(overlap.name, overlap.start, overlap.end,
                                                         True)
                continue
            found.append(Person(normalise_name(name), start, end, staged))
    return sorted(found, key=lambda p: p.start)


def normalise_name(name: str) -> str:
    """One value for a name however it is written: initials without dots ("J.K." -> "JK")."""
    initials = re.match(r"([A-Z])\.\s?([A-Z])\.\s*", name)
    if initials:
        name = f"{initials.group(1)}{initials.group(2)} {name[initials.end() :]}"
    return " ".join(name.split())


def _overlaps(found: list[Person], start: int, end: int) -> bool:
    return any(p.start < end and start < p.end for p in found)
