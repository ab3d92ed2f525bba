"""Home pages, section and tag listings, search results: pages of teasers, not articles.

A teaser is a headline link (four words or more) in a small block that also shows a date.
A page is a listing when its URL says so (the site's root, a /tag/, /category/, /search or
/page/2 path, a search query, or a URL a site profile does not take for an article), or when
it declares no article in its structured data and holds many dated teasers and no long run of
paragraphs. Event facts are never read from a listing (a teaser of another launch is not news
about the watched one); the crawl follows its teaser links instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

from monitor.extract.article import structured
from monitor.sources.profiles import SiteProfile
from monitor.urls import site_of

_SEGMENTS = "tag tags category categories topic topics section sections search author authors"
_LISTING_SEGMENTS = frozenset([*_SEGMENTS.split(), "archive", "archives"])
# A numbered page of a listing (/page/2/) or a day's archive (/date/2021/12/29).
_NUMBERED = frozenset(("page", "date"))
_SEARCH_KEYS = frozenset(("s", "q", "query", "search", "stag"))
# GSMArena's own listing scripts.
_LISTING_FILES = frozenset(("news.php3", "rumored.php3", "search.php3"))

_ANCHORS = etree.XPath("//a[@href]")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"
    r"|\d+\s*(?:min|minute|hour|hr|day|week|month)s?\s+ago)\b",
    re.I,
)
_TEASER_BLOCKS = frozenset(("li", "article", "div", "section", "tr", "td", "dd"))
_HEADLINE_WORDS = 4
# A teaser block shows a headline, a date, maybe a line of text; more is an article section.
_TEASER_CHARS = 600
_BEFORE, _AFTER = 80, 150
_MIN_DATED_TEASERS = 10
# An article's body is one run of paragraphs this long or longer; teasers never are.
_RUNNING_TEXT = 1000
_MIN_PROFILE_TEASERS = 5


@dataclass(frozen=True)
class Listing:
    """A page of teasers, and the article links it offers, absolute, in page order."""

    links: tuple[str, ...]


def read_listing(
    tree: HtmlElement | None,
    url: str,
    profile: SiteProfile | None = None,
    objects: list[dict[str, Any]] | None = None,
) -> Listing | None:
    """The page as a listing, or None when it is (or may be) an article."""
    if tree is None:
        return None
    if listing_url(url):
        # Its dated teasers when it has them; a menu's "Forgot your password?" is no teaser.
        headlines = _headline_links(tree, url)
        dated = tuple(link for link, anchor in headlines.items() if _dated_teaser(anchor))
        return Listing(dated or tuple(headlines))
    if profile is not None and profile.owns(url) and not profile.article_url.search(url):
        # The site's own rule for article URLs says this is none.
        headlines = _headline_links(tree, url)
        return Listing(tuple(headlines)) if len(headlines) >= _MIN_PROFILE_TEASERS else None
    if _declares_article(tree, objects):
        return None
    dated = [link for link, anchor in _headline_links(tree, url).items() if _dated_teaser(anchor)]
    if len(dated) >= _MIN_DATED_TEASERS and _longest_run(tree) < _RUNNING_TEXT:
        return Listing(tuple(dated))
    return None


def listing_url(url: str) -> bool:
    """Whether the URL alone names a listing: a site's root, a tag, section or search page."""
    parts = urlsplit(url)
    segments = [s.lower() for s in parts.path.split("/") if s]
    if not segments and not parts.query:
        return True
    if any(s in _LISTING_SEGMENTS for s in segments):
        return True
    if segments and segments[-1] in _LISTING_FILES:
        return True
    numbered = any(
        s in _NUMBERED and i + 1 < len(segments) and segments[i + 1].isdigit()
        for i, s in enumerate(segments)
    )
    return numbered or any(k.lower() in _SEARCH_KEYS for k, _ in parse_qsl(parts.query))


def _headline_links(tree: HtmlElement, url: str) -> dict[str, HtmlElement]:
    # Same-site links only: a listing's teasers point at the site's own articles.
    site = site_of(url)
    found: dict[str, HtmlElement] = {}
    for anchor in _ANCHORS(tree):
        text = anchor.text_content()
        if len(text.split()) < _HEADLINE_WORDS:
            continue
        link = urljoin(url, anchor.get("href", "").strip()).split("#", 1)[0]
        if urlsplit(link).scheme in ("http", "https") and site_of(link) == site:
            found.setdefault(link, anchor)
    found.pop(url.split("#", 1)[0], None)
    return found


def _declares_article(tree: HtmlElement, objects: list[dict[str, Any]] | None) -> bool:
    if structured.article_objects(objects if objects is not None else
                                  structured.json_ld_objects(tree)):
        return True
    meta = structured.meta_tags(tree)
    kinds = {kind.lower() for kind in meta.get("og:type", ())}
    return "article" in kinds or bool(meta.get("article:published_time"))


def _dated_teaser(anchor: HtmlElement) -> bool:
    # The smallest block around the headline that holds more than the headline itself.
    headline = len(anchor.text_content())
    block = anchor.getparent()
    while block is not None and (
        block.tag not in _TEASER_BLOCKS or len(block.text_content()) < headline + 10
    ):
        block = block.getparent()
    if block is None:
        return False
    text = block.text_content()
    if len(text) <= _TEASER_CHARS:
        return bool(block.find(".//time") is not None or _DATE.search(text))
    # Teasers run on in one container (Vulcan Post): the date is the text just around the
    # headline ("Melissa Chan 9 hours ago").
    headline_text = anchor.text_content()
    at = text.find(headline_text)
    if at < 0:
        return False
    return bool(_DATE.search(text[max(0, at - _BEFORE) : at + len(headline_text) + _AFTER]))


def _longest_run(tree: HtmlElement) -> int:
    """Characters of the longest run of sibling paragraphs on the page."""
    longest = 0
    for paragraph in tree.iter("p"):
        parent = paragraph.getparent()
        # Counted once per parent, from its first paragraph.
        if parent is None or parent.find("p") is not paragraph:
            continue
        run = sum(len(p.text_content()) for p in parent.iterfind("p"))
        longest = max(longest, run)
    return longest
