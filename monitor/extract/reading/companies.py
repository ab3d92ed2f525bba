"""Other companies, whose events an article may cover instead of the watched one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

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
    forms = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")


@lru_cache(maxsize=256)
def other_companies(watched: str) -> re.Pattern[str]:
    """A pattern for every known company except the watched one."""
    pattern = company_pattern([c for c in COMPANIES if c.lower() != watched.lower()])
    assert pattern is not None
    return pattern
