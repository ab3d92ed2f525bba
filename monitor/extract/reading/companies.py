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
# Beyond phones: the makers, publishers and platforms whose own events share the news with the
# watched one (a publisher's showcase beside a console maker's, an exhibitor calling off its
# part of a show, a carmaker's premiere at a motor show). Only who acts: not product makers
# (COMPANIES is also the table of makers whose names start a product's).
OTHER_HOLDERS = (
    "Xiaomi",
    "Realme",
    "Nintendo",
    "AMD",
    "MediaTek",
    "Acer",
    "Electronic Arts",
    "Ubisoft",
    "Activision",
    "Blizzard",
    "Bethesda",
    "Square Enix",
    "Capcom",
    "Sega",
    "Konami",
    "Bandai Namco",
    "Epic Games",
    "Valve",
    "Netflix",
    "Disney",
    "Canon",
    "Nikon",
    "Fujifilm",
    "Panasonic",
    "Olympus",
    "Leica",
    "GoPro",
    "DJI",
    "BMW",
    "Audi",
    "Mercedes-Benz",
    "Volkswagen",
    "Porsche",
    "Toyota",
    "Nissan",
    "Hyundai",
    "Renault",
    "Peugeot",
    "Ferrari",
    "Volvo",
    "Polestar",
    "BYD",
    "Rivian",
    "Cadillac",
    "IBM",
    "Cisco",
    "Adobe",
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
        # (A word of a spaced script ends a Latin name; Japanese runs on: "Appleは", "Sonyの".)
        parts.append(rf"(?<![{_SPACED}-])(?:" + "|".join(_form(f) for f in latin)
                     + rf")(?![{_SPACED}]|-\d)")
    if unspaced:
        parts.append("|".join(_form(f) for f in unspaced))
    return re.compile("|".join(parts))


# Letters and digits of the scripts that space their words (Latin, Greek, Cyrillic).
_SPACED = ("0-9A-Za-z_\u00aa\u00b5\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
           "\u0370-\u03ff\u0400-\u04ff")


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
    pattern = company_pattern([c for c in (*COMPANIES, *OTHER_HOLDERS)
                               if c.lower() != watched.lower()])
    assert pattern is not None
    return pattern
