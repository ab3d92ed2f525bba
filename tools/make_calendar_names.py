"""Writes monitor/extract/reading/calendar_names.py: month and weekday names from CLDR (babel).

The reader finds dates in many languages; the names come from the Unicode CLDR data that
babel ships, not from hand-typed lists. Run again after adding a language;
tests/test_calendar_names.py checks the committed file is what this script writes.
"""

from __future__ import annotations

import sys
import textwrap
import unicodedata
from pathlib import Path

from babel.dates import get_day_names, get_month_names

# Languages whose news the reader reads for dates; English is handled apart (capitalised only,
# so the verb "may" and the word "march" are no months).
LANGUAGES = ("de", "fr", "it", "es", "nl", "pt", "sv", "da", "nb", "pl", "cs", "ro", "ca")
OUT = (Path(__file__).resolve().parent.parent / "monitor" / "extract" / "reading"
       / "calendar_names.py")


def _forms(names: dict[int, str]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for number, name in names.items():
        name = name.strip(".").lower()
        forms = {name}
        # "février" also written "fevrier", "März" as "Maerz" where accents are lost.
        bare = "".join(c for c in unicodedata.normalize("NFD", name)
                       if not unicodedata.combining(c))
        forms.add(bare)
        out.setdefault(number, set()).update(forms)
    return out


def _entry(number: int, forms: set[str]) -> list[str]:
    """One table entry, wrapped to the project's line length."""
    body = textwrap.fill(", ".join(repr(f) for f in sorted(forms)) + ",", width=88,
                         break_long_words=False, break_on_hyphens=False)
    return [f"    {number}: (", *(f"        {line}" for line in body.splitlines()), "    ),"]


def render() -> str:
    months: dict[int, set[str]] = {}
    days: dict[int, set[str]] = {}
    for language in LANGUAGES:
        for context in ("format", "stand-alone"):
            for number, forms in _forms(get_month_names("wide", context=context,
                                                        locale=language)).items():
                months.setdefault(number, set()).update(forms)
            # babel numbers weekdays from Monday = 0, as Python does.
            for number, forms in _forms(get_day_names("wide", context=context,
                                                      locale=language)).items():
                days.setdefault(number, set()).update(forms)
    lines = [
        '"""Month and weekday names of the languages the reader reads, from CLDR via babel.',
        "",
        "Written by tools/make_calendar_names.py; do not edit by hand. Lower case: matched",
        'without regard to case (English names are kept apart, capitalised, in dates.py)."""',
        "",
        "MONTHS: dict[int, tuple[str, ...]] = {",
    ]
    for number in sorted(months):
        lines.extend(_entry(number, months[number]))
    lines += ["}", "", "WEEKDAYS: dict[int, tuple[str, ...]] = {"]
    for number in sorted(days):
        lines.extend(_entry(number, days[number]))
    lines += ["}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    OUT.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUT}\n")
