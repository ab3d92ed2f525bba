"""People named in a sentence: a watch's aliases and other names with an executive title."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# A given name may be initials ("DJ Koh", "J.K. Shin"); titles and honorifics stay outside.
_NAME = r"(?P<name>(?-i:(?:[A-Z][a-z]+|[A-Z]{2}|[A-Z]\.\s?[A-Z]\.)(?:[ -][A-Z][a-z]+){1,2}))"

# Titles that make a capitalised name a person who may speak for a company.
TITLES = (
    r"(?:co-?founder(?: and (?:CEO|president|chairman))?|founder|CEO|chief executive(?: officer)?|"
    r"president|vice[- ]president|VP|chairman|CTO|COO|CMO|head of [a-z ]+?|director|"
    r"(?:mobile |marketing |design )?chief|"
    r"executive|(?:product|marketing) (?:manager|lead|chief)|amministratore delegato|"
    r"vicepresidente|Vizepräsident|Chef|Mitgründer|cofundador|cofondatore)"
)
_TITLE_THEN_NAME = re.compile(rf"\b{TITLES}(?:,| of \w+,)?\s+{_NAME}", re.IGNORECASE)
_NAME_THEN_TITLE = re.compile(
    rf"{_NAME},\s+(?:\w+'s\s+|the company's\s+|(?:the\s+)?)?(?:\w+\s+)?{TITLES}\b", re.IGNORECASE
)
_NOT_NAMES = frozenset({"San Francisco", "New Delhi", "Mi Band", "Mi Note", "Power Bank"})


@dataclass(frozen=True)
class Person:
    """A person named in text, with the name the watch knows them by when it does."""

    name: str
    start: int
    end: int


def find_people(text: str, aliases: Sequence[str]) -> list[Person]:
    """Aliases (also by surname alone) and titled names in `text`, in order."""
    found: list[Person] = []
    for alias in aliases:
        parts = alias.split()
        forms = [alias] + ([parts[-1]] if len(parts) > 1 else [])
        for form in forms:
            for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", text):
                if not _overlaps(found, match.start(), match.end()):
                    found.append(Person(alias, match.start(), match.end()))
    for pattern in (_TITLE_THEN_NAME, _NAME_THEN_TITLE):
        for match in pattern.finditer(text):
            name = match.group("name")
            start, end = match.span("name")
            if name in _NOT_NAMES or _overlaps(found, start, end):
                continue
            found.append(Person(normalise_name(name), start, end))
    return sorted(found, key=lambda p: p.start)


def normalise_name(name: str) -> str:
    """One value for a name however it is written: initials without dots ("J.K." -> "JK")."""
    initials = re.match(r"([A-Z])\.\s?([A-Z])\.\s*", name)
    if initials:
        name = f"{initials.group(1)}{initials.group(2)} {name[initials.end() :]}"
    return " ".join(name.split())


def _overlaps(found: list[Person], start: int, end: int) -> bool:
    return any(p.start < end and start < p.end for p in found)
