"""Product names in a sentence: brand-prefixed model names, kept as data."""

from __future__ import annotations

import re
from dataclasses import dataclass


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`."""
    return frozenset(text.split())


# Words that may follow a series name inside a product name ("Mi Note Pro", "Galaxy S6 edge").
# Lower-case "pro", "max" and "lite" are model words too; lower-case "plus" is English ("Mi Band
# plus a charger").
_MODEL = (
    r"(?:[A-Z][A-Za-z0-9]*\+?|\d+[A-Za-z]*\+?|edge\+?|mini|Plus|Pro|Max|Lite|Note|Active|"
    r"pro|max|lite)"
)

# One pattern per product family; the name is the whole match.
PRODUCT_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        # Xiaomi: "Mi Note", "Mi 4i", "Mi Band", "Mi Power Bank", "Mi In-Ear Headphones"
        rf"\bMi(?:\s+{_MODEL}(?:-{_MODEL})?){{1,3}}",
        rf"\bRedmi(?:\s+{_MODEL}){{0,3}}",
        r"\bMIUI(?:\s+\d+)?",
        # other makers' families, for the other companies' events
        rf"\bGalaxy(?:\s+{_MODEL}){{1,3}}",
        rf"\biPhone(?:\s+{_MODEL}){{0,2}}",
        rf"\biPad(?:\s+{_MODEL}){{0,2}}",
        r"\bApple Watch\b",
        r"\bNexus\s+\d+\w*",
        rf"\bMoto\s+[A-Z]\d?(?:\s+{_MODEL})?",
        r"\bOnePlus\s+(?:One|Two|X|\d+\w*)",
        # Huawei's series are bare letters and digits, so only with the maker's name
        r"\bHuawei\s+(?:P|Mate\s*|Y|G)\d+\w*",
        r"\bLumia\s+\d+\w*",
        rf"\bXperia\s+[A-Z]\d*(?:\s+{_MODEL})?",
        rf"\bHonor\s+\d+\w*(?:\s+{_MODEL})?",
        rf"\bMeizu\s+MX\d+(?:\s+{_MODEL})?",
        r"\bYi\s+(?:Action\s+)?Camera",
        r"\bLG\s+G\d\w*",
        r"\bApple TV\b",
        r"\bMacBook(?:\s+(?:Air|Pro))?",
        r"\bChromecast(?:\s+Audio)?",
        rf"\bMediaPad\s+[A-Z]\d+\w*(?:\s+{_MODEL})?",
        r"\b(?:P|Mate\s*)\d+\s+(?:Lite|Max|Pro|Plus)\b",
    )
)

# Words that end a product name although capitalised ("Mi Band On Sale", "Mi Note In India").
_STOP = _words(
    """
    In On At To For From With And Or The A An By Of Is Will Would Was Are Be Thursday Friday
    Monday Tuesday Wednesday Saturday Sunday Today US U.S. India China Fan Fans Home Store
    Com Unpacked Event Launch
    """
)


# Product names that are one word, so they count without a model word.
_ONE_WORD = frozenset({"Redmi", "MacBook", "Chromecast"})

# Plural forms as articles write them -> the one value every source shares. Only words whose
# plural is not itself the product's name ("Mi Headphones" stays as it is).
SINGULAR: dict[str, str] = {
    "Bands": "Band",
    "Banks": "Bank",
    "Phones": "Phone",
    "Watches": "Watch",
    "Speakers": "Speaker",
    "Cameras": "Camera",
    "Routers": "Router",
    "Boxes": "Box",
    "Pads": "Pad",
    "Scales": "Scale",
}
# Model words written in several cases -> the maker's own spelling.
MODEL_WORDS: dict[str, str] = {
    w.lower(): w for w in ("edge", "edge+", "Plus", "Pro", "Max", "mini", "Lite", "Note", "Active")
}


@dataclass(frozen=True)
class Product:
    """A product name in text and where it stands."""

    name: str
    start: int
    end: int


def find_products(text: str) -> list[Product]:
    """Product names in `text`, in order, without overlaps."""
    found: list[Product] = []
    for pattern in PRODUCT_PATTERNS:
        for match in pattern.finditer(text):
            if any(p.start < match.end() and match.start() < p.end for p in found):
                continue
            written = _trim(match.group(0))
            if (written and " " in written) or written in _ONE_WORD:
                end = match.start() + len(written)
                found.append(Product(normalise_product(written), match.start(), end))
    return sorted(found, key=lambda p: p.start)


def normalise_product(name: str) -> str:
    """One value for a product however it is written: singular, the maker's model words."""
    words = name.split()
    head, tail = words[0], words[1:]
    tail = [MODEL_WORDS.get(w.lower(), w) for w in tail]
    if tail:
        tail[-1] = SINGULAR.get(tail[-1], tail[-1])
    return " ".join([head, *tail])


def _trim(name: str) -> str:
    words = name.split()
    for i, word in enumerate(words[1:], start=1):
        if word in _STOP:
            return " ".join(words[:i])
    return " ".join(words)
