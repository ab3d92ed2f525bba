"""Aligned text tables for a terminal: columns padded to the widest cell, as people read them.

East Asian wide characters take two columns on a terminal, so widths are counted in columns,
not in code points, and a Chinese headline does not push its row out of line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else
               0 if unicodedata.combining(ch) else 1 for ch in text)


def table(header: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "") -> list[str]:
    """Lines of a table: a header, a rule under it, the rows; the last column is not padded."""
    cells = [list(header), *[list(r) for r in rows]]
    widths = [max(width(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for number, row in enumerate(cells):
        padded = [cell + " " * (widths[i] - width(cell)) for i, cell in enumerate(row[:-1])]
        lines.append((indent + "  ".join([*padded, row[-1]])).rstrip())
        if number == 0:
            lines.append(indent + "  ".join("-" * w for w in widths))
    return lines
