"""CSS selectors compiled once and applied to the shared tree."""

from __future__ import annotations

from functools import lru_cache

from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement


@lru_cache(maxsize=512)
def compiled(selector: str) -> CSSSelector:
    return CSSSelector(selector, translator="html")


def select(tree: HtmlElement, selectors: tuple[str, ...]) -> list[HtmlElement]:
    """Elements matched by the first selector that matches anything."""
    for selector in selectors:
        found = compiled(selector)(tree)
        if found:
            return list(found)
    return []


def select_text(tree: HtmlElement, selectors: tuple[str, ...]) -> str | None:
    """Text of the first element the first matching selector finds."""
    found = select(tree, selectors)
    return found[0].text_content() if found else None
