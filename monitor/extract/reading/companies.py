"""Other companies, whose events an article may cover instead of the watched one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from monitor.extract.reading.cues import NEGATION

COMPANIES = (
    "Samsung",
    "Apple",
    "Google",
    "Huawei",
    "OnePlus",
    "Motorola",
    "HTC",
    "Sony",
    "LG",
    "Microsoft",
    "Lenovo",
    "Oppo",
    "OPPO",
    "Vivo",
    "Meizu",
    "Nokia",
    "ZTE",
    "Asus",
    "ASUS",
    "Amazon",
    "Facebook",
    "BlackBerry",
    "Alibaba",
    "Tencent",
    "Micromax",
    "Lava",
    "Intex",
    "Gionee",
    "Coolpad",
    "LeTV",
    "Nvidia",
    "Intel",
    "Qualcomm",
    "Tesla",
    "Dell",
    "HP",
)


def company_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern matching any of `names` as whole words (possessives included)."""
    return _pattern(tuple(n for n in names if n))


@lru_cache(maxsize=256)
def _pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    forms = {f for n in names for f in _written(n)}
    latin = sorted((f for f in forms if not _UNSPACED.search(f)), key=len, reverse=True)
    # Chinese and Japanese run words together: "華為深夜", "『東京ゲームショウ2020』".
    unspaced = sorted((f for f in forms if _UNSPACED.search(f)), key=len, reverse=True)
    parts = []
    if latin:
        parts.append(r"(?<![\w-])(?:" + "|".join(_form(f) for f in latin) + r")(?![\w]|-\d)")
    if unspaced:
        parts.append("|".join(_form(f) for f in unspaced))
    return re.compile("|".join(parts))


def _form(name: str) -> str:
    """`name` as a pattern; an apostrophe matches its typographic forms ("Villa d’Este")."""
    return re.sub(r"['’‘`´]", "['’‘`´]", re.escape(name))


def _written(name: str) -> tuple[str, ...]:
    """Brands are written in capitals too ("HUAWEI", "ŠKODA"), but not a name that is also a
    word: in a shouted headline "NOTHING" is the word."""
    if name[:1].isupper() and len(name) > 3 and not NEGATION.fullmatch(name):
        return name, name.upper()
    return (name,)


_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=256)
def other_companies(watched: str) -> re.Pattern[str]:
    """A pattern for every known company except the watched one."""
    pattern = company_pattern([c for c in COMPANIES if c.lower() != watched.lower()])
    assert pattern is not None
    return pattern
