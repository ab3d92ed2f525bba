"""Who wrote an article: declared people first, then the visible byline; never a desk or a wire.

The sources, in order: the article's JSON-LD author, author <meta> tags, the site profile's
selectors, generic author markup, and last the byline elements trafilatura's author XPaths
find (the library's list, applied to our tree without copying it). The first source that
yields a person wins. A person is not the publisher ("LinkNaija" on linknaija.com), a desk
("Telegraph Sport", "WIRED Staff"), a wire agency ("Reuters"), an account ("admin"), a job
title, or a link label; degrees after a name ("Rachael Link, MS, RD") are not co-authors.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from lxml.html import HtmlElement
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from monitor.extract.article import structured
from monitor.extract.article.publisher import names_publisher
from monitor.extract.article.selectors import select
from monitor.sources.profiles import SiteProfile

AUTHOR_META = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
)
_GENERIC_AUTHOR = (
    "[itemprop='author'] [itemprop='name']",
    "[itemprop='author']",
    "a[rel='author']",
)
_BYLINE_PREFIX = re.compile(
    r"^\s*(?:(?:analysis|opinion|commentary|review|story|text|words|posted|written)\s+by"
    r"|by|von|par|por|text|текст|автор)\s*:?\s+",
    re.I,
)
# A byline part that names a job, not a person ("Analysis by X, CNN Editor-at-large").
_ROLE = re.compile(
    r"\b(?:editor|correspondent|reporter|writer|columnist|contributor|producer|analyst)s?\b",
    re.I,
)
# Conjunctions are lower case in bylines; "Bruce Y. Lee" holds a capital Y, not Spanish "y".
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\b(?:and|und|et|y|e|и)\b)\s*")
# "Finian Cunningham. Sputnik International": a full stop after a word, not after an initial.
_SENTENCE_STOP = re.compile(r"(?<=[a-z]{2})\.\s+(?=[A-Z])")
# Link labels and comment furniture that author markup catches next to the name.
_NOT_A_NAME = re.compile(
    r"\b(?:bio|profile|more|view|follow|share|tweet|email|print|see all|contact|commented|said"
    r"|guest|anonymous|гость)\b",
    re.I,
)
# Desks, newsrooms and services: bylines of no one in particular.
_DESK = re.compile(
    r"\b(?:staff|team|desk|editorial|editors|newsroom|news|wires?|services?|press|agency"
    r"|redaction|redacción|redação|redaktion|redazione)\b",
    re.I,
)
_WIRES = frozenset(
    {
        "reuters",
        "ap",
        "afp",
        "agence france-presse",
        "bloomberg",
        "pa",
        "upi",
        "dpa",
        "efe",
        "ansa",
        "ani",
        "pti",
        "ians",
        "xinhua",
        "kyodo",
        "tass",
        "yonhap",
        "bernama",
        "cna",
    }
)
# Site accounts that post for whoever ("admin", "jdadmin", "webmaster").
_ACCOUNT = re.compile(r"admin|webmaster|^user\d*$", re.I)
# Where a byline line stops naming people: a date, a clock, a handle, a separator.
_BYLINE_END = re.compile(
    r"\s*(?:\b(?:on\s+)?(?:mon|tue|wed|thu|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b,?"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d"
    r"|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}:\d{2}"
    r"|\b\d+\s+(?:min|mins|minutes?|hours?|days?)\b|\b(?:posted|published|updated)\b"
    r"|[|•·@(]|\s[-–—]\s)",
    re.I,
)
# "Carrie ArnoldNovember 15, 2019": a date glued to the name by the markup's missing space.
_GLUED_DATE = re.compile(
    r"(?<=[a-z])(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
_MAX_NAME = 80
_MAX_BYLINE = 120
_BLOCK_TAGS = "address article div dd dl dt h1 h2 h3 h4 h5 h6 header li p section ul"
_BLOCKS = frozenset(_BLOCK_TAGS.split())


def extract_authors(
    tree: HtmlElement,
    articles: list[dict[str, Any]],
    meta: dict[str, list[str]],
    index: dict[str, dict[str, Any]],
    profile: SiteProfile | None,
    publisher: frozenset[str],
) -> tuple[str, ...]:
    """The people who wrote the article, as its first source with any names them."""
    for raw, strict, limit in _sources(tree, articles, meta, index, profile):
        found = person_names(raw, publisher, strict=strict)
        if found:
            return found[:limit] if limit else found
    return ()


def _sources(
    tree: HtmlElement,
    articles: list[dict[str, Any]],
    meta: dict[str, list[str]],
    index: dict[str, dict[str, Any]],
    profile: SiteProfile | None,
) -> Iterator[tuple[list[str], bool, int]]:
    """(texts, strict, most names) per source; strict sources must look like written names."""
    # Generators: a page that declares its author never pays for the byline search.
    for article in articles[:1]:
        yield structured.names(article.get("author") or article.get("creator"), index,
                               people_only=True), False, 0
    for key in AUTHOR_META:
        for value in meta.get(key, ()):
            yield [value], False, 0
    if profile:
        yield [e.text_content() for e in select(tree, profile.author)], False, 0
    # Generic author markup often repeats the name beside "see full bio" links; one is safe.
    yield [e.text_content() for e in select(tree, _GENERIC_AUTHOR)], True, 1
    yield byline_lines(tree), True, 0


def byline_lines(tree: HtmlElement) -> list[str]:
    """Lines of the first byline element trafilatura's author XPaths find, dates left out."""
    discarded = {element for xpath in AUTHOR_DISCARD_XPATHS for element in xpath(tree)}
    for xpath in AUTHOR_XPATHS:
        for element in xpath(tree):
            if element in discarded or any(a in discarded for a in element.iterancestors()):
                continue
            lines = _lines(element, discarded)
            if 2 < len(" ".join(lines)) < _MAX_BYLINE:
                return lines
    return []


def _lines(element: HtmlElement, skip: set[HtmlElement]) -> list[str]:
    chunks: list[str] = []

    def walk(node: HtmlElement) -> None:
        if node in skip:
            chunks.append("\n")
        elif isinstance(node.tag, str):
            block = node.tag in _BLOCKS or node.tag == "br"
            chunks.append("\n" if block else "")
            chunks.append(node.text or "")
            for child in node:
                walk(child)
            chunks.append("\n" if block else "")
        if node is not element:
            chunks.append(node.tail or "")

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(chunks).split("\n"))
    return [line for line in lines if line]


def person_names(
    raw: Iterable[str], publisher: frozenset[str], *, strict: bool = False
) -> tuple[str, ...]:
    """The people named in byline texts, in order, each once.

    A declared author keeps the name it goes by, a handle or initials included ("kei_eno",
    "AS"); with `strict`, for text found in markup, a one-word name must be written as one
    ("Regan"), so that stray words of the page ("Share", "jdadmin") are not taken.
    """
    found: list[str] = []
    for value in raw:
        text = _byline(value)
        if not text or "://" in text or text.startswith(("@", "www.")):
            continue
        if _NOT_A_NAME.search(text) or names_publisher(text, publisher):
            continue
        if text.lower().startswith("the "):  # "The Russian and Syrian defense ministries"
            continue
        # "Finian Cunningham. Sputnik International": what follows the stop is where he writes.
        text = _SENTENCE_STOP.split(text, maxsplit=1)[0]
        parts = _NAME_SPLIT.split(text)
        for position, part in enumerate(parts):
            name = part.strip(" .,;:-–—")
            # After the first, a one-word part is an affiliation, a degree ("MS, RD") or a
            # dateline ("Reuters, Washington").
            if position and " " not in name:
                continue
            if is_person(name, publisher, strict=strict) and name not in found:
                found.append(name)
    return tuple(found)


def _byline(value: str | None) -> str:
    text = " ".join((value or "").split())
    text = _GLUED_DATE.split(text, maxsplit=1)[0]
    text = _BYLINE_PREFIX.sub("", text)
    end = _BYLINE_END.search(text)
    return (text[: end.start()] if end else text).strip()


def is_person(name: str, publisher: frozenset[str], *, strict: bool = False) -> bool:
    """Whether `name` can be a person's name rather than a desk, wire, account or job."""
    if not name or len(name) > _MAX_NAME or not any(c.isalpha() for c in name):
        return False
    lowered = name.lower()
    if lowered.startswith("the ") or lowered in _WIRES or _ACCOUNT.search(name):
        return False
    if _ROLE.search(name) or _DESK.search(name) or names_publisher(name, publisher):
        return False
    if strict and " " not in name:
        # One word: a name is written with a capital and lower case ("Regan"), an account
        # name is not ("jdadmin", "KWCHCIK", "kevin-r"); scripts without case pass.
        letters = [c for c in name if c.isalpha()]
        cased = [c for c in letters if c.isupper() or c.islower()]
        if cased and not (cased[0].isupper() and any(c.islower() for c in cased[1:])):
            return False
        if any(c.isdigit() for c in name) or "-" in name or "_" in name:
            return False
    return True
