"""Boilerplate that generic extraction lets through, removed from its blocks by generic rules."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lxml import etree

# Short blocks that sell, promote or point away from the article rather than tell it.
_PROMO = re.compile(
    r"\b(?:subscribe (?:to|now|today|for)|newsletters?\b|sign up (?:now|today|here|for)"
    r"|follow (?:us|him|her|them) (?:on|at)|follow @\w|share (?:it|this (?:story|article)) with"
    r"|click here|tell us what you think|read more\b|see more\b|read also|also read"
    r"|also on \w+\.\w+|get (?:the|our) (?:latest|best|day)|download (?:our|the) app"
    r"|leggi anche|leia (?:também|mais)|lesen sie auch"
    r"|this copy is for your personal|have a tip\?|may be reached at)",
    re.IGNORECASE,
)
# Wire-copy credit lines that close an article ("(Reporting by ...; Editing by ...)").
_CREDIT = re.compile(
    r"^\(?(?:additional )?(?:reporting|writing|editing) by\b|contributed to this report\W*$",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")
# A block this short with a promo phrase is a promo line; a long one is article text mentioning it.
_PROMO_MAX_WORDS = 40
# A short block whose words are almost all link text points elsewhere ("also on", related).
_LINK_SHARE = 0.8
_LINK_BLOCK_MAX_WORDS = 30
# A related-stories item is a linked headline plus a dek, so half its words being links is enough.
_LINK_ITEM_SHARE = 0.5
_MIN_ANCHOR_WORDS = 3
_BLOCKS = frozenset(("p", "head", "list", "quote", "table"))


def link_texts(anchor_texts: Iterable[str]) -> frozenset[str]:
    """Whitespace-normalised texts of the page's links that are long enough to recognise."""
    found = (" ".join(text.split()) for text in anchor_texts)
    return frozenset(text for text in found if _words(text) >= _MIN_ANCHOR_WORDS)


def prune_body(
    body: etree._Element, titles: Iterable[str], anchors: Callable[[], frozenset[str]]
) -> None:
    """Drop in place the headline, link lists, promo lines and trailing headings of `body`.

    `anchors` gives the page's link texts; it is called only if a block needs judging by them.
    """
    title_keys = [key for key in map(_key, titles) if key]
    # The headline repeated above the text is not part of the article body.
    for block in list(body):
        if block.tag == "p" and _words(_text(block)) > _PROMO_MAX_WORDS:
            break
        if _key(_text(block)) in title_keys:
            body.remove(block)
    for block in list(body):
        if block.tag in _BLOCKS and _is_boilerplate(block, anchors):
            body.remove(block)
    # Headings with no text after them introduce boxes that were removed or never captured.
    while len(body) and body[-1].tag == "head":
        body.remove(body[-1])


def _is_boilerplate(block: etree._Element, anchors: Callable[[], frozenset[str]]) -> bool:
    if block.tag == "list":
        items = list(block.iter("item"))
        linked = sum(1 for item in items if _link_share(item, anchors()) >= _LINK_ITEM_SHARE)
        return bool(items) and linked >= 0.5 * len(items)
    if block.tag == "table":
        return False
    text = _text(block)
    words = _words(text)
    if words <= _LINK_BLOCK_MAX_WORDS and _link_share(block, anchors()) >= _LINK_SHARE:
        return True
    return words <= _PROMO_MAX_WORDS and bool(_PROMO.search(text) or _CREDIT.search(text))


def _link_share(element: etree._Element, anchors: frozenset[str]) -> float:
    # Anchor texts found inside the block stand for the links it had on the page.
    text = _text(element)
    total = _words(text)
    if not total:
        return 0.0
    return sum(_words(anchor) for anchor in anchors if anchor in text) / total


def _words(text: str | None) -> int:
    return len(_WORD.findall(text or ""))


def _text(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))
