"""An article's metadata: JSON-LD first, then OpenGraph and <meta>, then the site's selectors.

Publication times go through published.py (plausible stamps only, htmldate where our rules
find none) and authors through authors.py.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, tzinfo
from itertools import chain, islice
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

from monitor.extract.article import structured
from monitor.extract.article.authors import extract_authors
from monitor.extract.article.published import (
    htmldate_published,
    latest_plausible,
    plausible_stamps,
)
from monitor.extract.article.publisher import names_publisher, publisher_keys
from monitor.extract.article.selectors import select, select_text
from monitor.extract.article.timestamps import aware
from monitor.sources.profiles import SiteProfile


@dataclass(frozen=True)
class Metadata:
    """Everything about an article except its body text."""

    title: str | None
    canonical_url: str
    published: datetime | None
    modified: datetime | None
    authors: tuple[str, ...]
    language: str | None
    site_name: str | None
    # The publisher's own copy of the text, when it ships one; the body step judges it.
    json_ld_body: str | None


_PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "og:published_time",
    "published_at",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:article:modified_time",
    "datemodified",
    "og:updated_time",
    "dcterms.modified",
    "last-modified",
)
_TITLE_META = ("og:title", "twitter:title", "dc.title", "sailthru.title", "parsely-title")
_SITE_META = ("og:site_name", "application-name", "apple-mobile-web-app-title", "twitter:site")
_LANGUAGE_META = ("og:locale", "content-language", "dc.language", "language", "inlanguage")
_GENERIC_PUBLISHED = (
    "[itemprop='datePublished']",
    "time[pubdate]",
    # The first machine-readable time in the article header is the article's own.
    "article header time[datetime]",
    "header time[datetime]",
    "article time[datetime]",
)
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—:/»·•]|::)\s+")
_UPDATED = re.compile(r"\b(?:updated|modified|aktualisiert|mis à jour)\b", re.I)
_WHITESPACE = re.compile(r"\s+")
_KICKER = re.compile(r"^([^:|]{2,40}):\s+(?=\S)")


def extract_metadata(
    tree: HtmlElement | None, url: str, profile: SiteProfile | None, fetched_at: datetime
) -> Metadata:
    """Metadata of the page fetched from `url` at `fetched_at`; empty where the page says nothing.

    A stamp before 1995 or after `fetched_at` plus a day is no date (placeholders such as
    0001-01-01 and 9999-12-31 are common in JSON-LD).
    """
    if tree is None:
        return Metadata(None, url, None, None, (), None, None, None)
    objects = structured.json_ld_objects(tree)
    index = structured.id_index(objects)
    articles = structured.article_objects(objects)
    meta = structured.meta_tags(tree)
    ld = articles[0] if articles else {}

    site_name = _site_name(ld, objects, meta, index)
    publisher = publisher_keys(site_name, url)
    latest = latest_plausible(fetched_at)
    # Selectors are lazy: most pages state a zoned date in JSON-LD or <meta> and never need them.
    published_stamps = plausible_stamps(
        chain(
            [structured.text_value(a.get("datePublished")) for a in articles],
            _metas(meta, _PUBLISHED_META),
            _selected_stamps(tree, profile.published if profile else ()),
            _selected_stamps(tree, _GENERIC_PUBLISHED),
        ),
        latest,
    )
    modified_stamps = plausible_stamps(
        [structured.text_value(a.get("dateModified")) for a in articles]
        + _metas(meta, _MODIFIED_META),
        latest,
    )
    zone = _page_zone(*published_stamps, *modified_stamps)
    published = aware(_most_precise(published_stamps), zone) if published_stamps else None
    if published is None:
        published = htmldate_published(tree, url, zone, latest)
    modified_raw = modified_stamps[0] if modified_stamps else None
    return Metadata(
        title=_title(tree, ld, meta, profile, site_name, url),
        canonical_url=_canonical(tree, meta, url),
        published=published,
        modified=aware(modified_raw, zone),
        authors=extract_authors(tree, articles, meta, index, profile, publisher),
        language=_language(tree, ld, meta),
        site_name=site_name,
        json_ld_body=_json_ld_body(articles),
    )


def _metas(meta: dict[str, list[str]], keys: tuple[str, ...]) -> list[str]:
    return [value for key in keys for value in meta.get(key, ())]


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = _WHITESPACE.sub(" ", html.unescape(text)).strip()
    return text or None


def _most_precise(stamps: list[datetime]) -> datetime:
    # JSON-LD often gives the bare day ("November 19, 2019") that a later tag gives to the
    # second; the later one says more about the same publication.
    first = stamps[0]
    if first.time() != time() or first.tzinfo is not None:
        return first
    return next((s for s in stamps[1:] if s.date() == first.date() and s.time() != time()), first)


def _page_zone(*stamps: datetime | None) -> tzinfo | None:
    # A page that writes one of its dates with an offset writes the others in the same zone.
    return next((s.tzinfo for s in stamps if s is not None and s.tzinfo is not None), None)


def _selected_stamps(tree: HtmlElement, selectors: tuple[str, ...]) -> Iterator[str | None]:
    for element in select(tree, selectors):
        parent = element.getparent()
        if parent is not None and _UPDATED.search(parent.text_content()):
            # "last updated <time>" is the modified time, not the published one.
            continue
        classes = element.get("class") or ""
        if _UPDATED.search(classes) and "publish" not in classes:
            # WordPress themes mark the modified time class="updated" (and one never
            # modified "published updated").
            continue
        yield element.get("datetime") or element.get("content")
        yield element.text_content()


def _title(
    tree: HtmlElement,
    ld: dict[str, Any],
    meta: dict[str, list[str]],
    profile: SiteProfile | None,
    site_name: str | None,
    url: str,
) -> str | None:
    candidates = [structured.text_value(ld.get("headline"))]
    candidates += _metas(meta, _TITLE_META)
    candidates += [select_text(tree, profile.title) if profile else None]
    title_tag = tree.find(".//title")
    candidates.append(title_tag.text_content() if title_tag is not None else None)
    titles = [strip_site_name(c, site_name, url) for c in map(_clean, candidates) if c]
    # Pages declare SEO or social variants of the headline; the one the reader sees in an
    # <h1> wins when a declared title agrees with it, written as the page shows it.
    visible = {_comparable(h): h for h in _h1_texts(tree)}
    agreed = next((visible[key] for t in titles if (key := _comparable(t)) in visible), None)
    if agreed:
        return agreed
    for title in chain(titles, _first_h1(tree)):
        cleaned = _clean(title)
        if cleaned:
            return _headline_over_suffix(cleaned, tree)
    return None


# Typographic variants that titles and headlines of one page swap freely.
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})
_H1_SEEN = 3


def _comparable(text: str) -> str:
    return " ".join(text.translate(_TYPOGRAPHY).replace("…", "...").split()).casefold()


def _h1_texts(tree: HtmlElement) -> Iterator[str]:
    for h1 in islice(tree.iterfind(".//h1"), _H1_SEEN):
        text = _clean(h1.text_content())
        if text:
            yield text


def _headline_over_suffix(title: str, tree: HtmlElement) -> str:
    # "Headline | Section" when the page's <h1> reads "Headline": the suffix is a section or
    # series name that site-name stripping cannot recognise.
    h1 = tree.find(".//h1")
    headline = _clean(h1.text_content()) if h1 is not None else None
    suffixed = bool(headline) and title != headline and title.startswith(headline or "")
    if headline and suffixed and _TITLE_SEPARATORS.match(title[len(headline) :]):
        return headline
    return title


def _first_h1(tree: HtmlElement) -> Iterator[str]:
    # Only reached on pages that name their article nowhere else.
    h1 = tree.find(".//h1")
    if h1 is not None:
        yield h1.text_content()


def strip_site_name(title: str, site_name: str | None, url: str) -> str:
    """`title` without a leading or trailing " | Site" part naming the publisher."""
    keys = publisher_keys(site_name, url)
    # "The Space Review: Seeking a bigger role": the site as a colon-led kicker.
    kicker = _KICKER.match(title)
    if kicker and names_publisher(kicker.group(1), keys):
        return title[kicker.end() :]
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    if names_publisher(parts[-1], keys):
        return _rejoin(title, parts[:-1])
    if names_publisher(parts[0], keys):
        return _rejoin(title, parts[1:])
    return title


def _rejoin(title: str, parts: list[str]) -> str:
    # Keep the title's own separators between the parts that stay.
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(parts)


def _canonical(tree: HtmlElement, meta: dict[str, list[str]], url: str) -> str:
    for link in tree.iterfind(".//link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href:
            return urljoin(url, href)
    og_url = _metas(meta, ("og:url",))
    return urljoin(url, og_url[0]) if og_url else url


def _language(tree: HtmlElement, ld: dict[str, Any], meta: dict[str, list[str]]) -> str | None:
    candidates = [
        structured.text_value(ld.get("inLanguage")),
        tree.get("lang"),
        tree.get("xml:lang"),
    ]
    candidates += _metas(meta, _LANGUAGE_META)
    for candidate in candidates:
        code = re.split(r"[-_]", (candidate or "").strip(), maxsplit=1)[0].lower()
        if re.fullmatch(r"[a-z]{2,3}", code):
            return code
    return None


def _site_name(
    ld: dict[str, Any],
    objects: list[dict[str, Any]],
    meta: dict[str, list[str]],
    index: dict[str, dict[str, Any]],
) -> str | None:
    candidates = _metas(meta, ("og:site_name",))
    candidates += structured.names(ld.get("publisher"), index)
    candidates += [
        structured.text_value(o.get("name")) for o in objects if o.get("@type") == "WebSite"
    ]
    candidates += _metas(meta, _SITE_META[1:])
    return next((c for c in map(_clean, candidates) if c and not c.startswith("@")), None)


def _json_ld_body(articles: list[dict[str, Any]]) -> str | None:
    for article in articles:
        body = article.get("articleBody")
        if isinstance(body, str) and body.strip():
            return html.unescape(body).strip()
    return None
