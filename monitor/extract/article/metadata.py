"""An article's metadata: JSON-LD first, then OpenGraph and <meta>, then the site's selectors."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from itertools import chain
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from monitor.extract.article import structured
from monitor.extract.article.selectors import select, select_text
from monitor.extract.article.timestamps import aware, parse_timestamp
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
_AUTHOR_META = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "byl",
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
_GENERIC_AUTHOR = (
    "[itemprop='author'] [itemprop='name']",
    "[itemprop='author']",
    "a[rel='author']",
)
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—:/»·•]|::)\s+")
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
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b)\s*", re.I)
# Link labels that author selectors catch next to the name.
_NOT_A_NAME = re.compile(r"\b(?:bio|profile|more|view|follow|see all|contact)\b", re.I)
_UPDATED = re.compile(r"\b(?:updated|modified|aktualisiert|mis à jour)\b", re.I)
_WHITESPACE = re.compile(r"\s+")
_SITE_PART_WORDS = 3
_SECOND_LEVEL = frozenset(("co", "com", "net", "org", "gov", "ac", "ne", "or", "edu"))


def extract_metadata(tree: HtmlElement | None, url: str, profile: SiteProfile | None) -> Metadata:
    """Metadata of the page at `url`; empty fields where the page says nothing."""
    if tree is None:
        return Metadata(None, url, None, None, (), None, None, None)
    objects = structured.json_ld_objects(tree)
    index = structured.id_index(objects)
    articles = structured.article_objects(objects)
    meta = structured.meta_tags(tree)
    ld = articles[0] if articles else {}

    site_name = _site_name(ld, objects, meta, index)
    # Selectors are lazy: most pages state a zoned date in JSON-LD or <meta> and never need them.
    published_stamps = _stamps(
        chain(
            [structured.text_value(a.get("datePublished")) for a in articles],
            _metas(meta, _PUBLISHED_META),
            _selected_stamps(tree, profile.published if profile else ()),
            _selected_stamps(tree, _GENERIC_PUBLISHED),
        )
    )
    modified_stamps = _stamps(
        [structured.text_value(a.get("dateModified")) for a in articles]
        + _metas(meta, _MODIFIED_META)
    )
    published_raw = published_stamps[0] if published_stamps else None
    modified_raw = modified_stamps[0] if modified_stamps else None
    zone = _page_zone(*published_stamps, *modified_stamps)
    return Metadata(
        title=_title(tree, ld, meta, profile, site_name, url),
        canonical_url=_canonical(tree, meta, url),
        published=aware(published_raw, zone),
        modified=aware(modified_raw, zone),
        authors=_authors(tree, articles, meta, index, profile),
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


def _stamps(candidates: Iterable[str | None]) -> list[datetime]:
    # Candidates are only parsed until one carries a zone; later ones cannot change the answer.
    found: list[datetime] = []
    for candidate in candidates:
        stamp = parse_timestamp(candidate)
        if stamp is not None:
            found.append(stamp)
            if stamp.tzinfo is not None:
                break
    return found


def _page_zone(*stamps: datetime | None) -> tzinfo | None:
    # A page that writes one of its dates with an offset writes the others in the same zone.
    return next((s.tzinfo for s in stamps if s is not None and s.tzinfo is not None), None)


def _selected_stamps(tree: HtmlElement, selectors: tuple[str, ...]) -> Iterator[str | None]:
    for element in select(tree, selectors):
        parent = element.getparent()
        if parent is not None and _UPDATED.search(parent.text_content()):
            # "last updated <time>" is the modified time, not the published one.
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
    for candidate in chain(candidates, _first_h1(tree)):
        cleaned = _clean(candidate)
        if cleaned:
            return _headline_over_suffix(strip_site_name(cleaned, site_name, url), tree)
    return None


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
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    keys = {_key(site_name)} if site_name else set()
    host = urlsplit(url).hostname or ""
    labels = [label for label in host.split(".") if label not in ("www", "m", "amp")]
    # The registered name: "entermedia" in entermedia.co.kr, not the "co" of its suffix.
    while len(labels) > 2 and labels[-2] in _SECOND_LEVEL:
        labels.pop()
    if labels:
        keys.add(_key(labels[0] if len(labels) == 1 else labels[-2]))
    keys.discard("")

    def names_site(part: str) -> bool:
        key = _key(part)
        if not key:
            return False
        if any(key == k or k.startswith(key) for k in keys):
            return True
        # "GSMArena.com", "BBC News": the name with a short addition; a longer part that merely
        # starts with it ("The Guardian view on Hong Kong") is the headline.
        return len(part.split()) <= _SITE_PART_WORDS and any(key.startswith(k) for k in keys)

    if names_site(parts[-1]):
        return _rejoin(title, parts[:-1])
    if names_site(parts[0]):
        return _rejoin(title, parts[1:])
    return title


def _rejoin(title: str, parts: list[str]) -> str:
    # Keep the title's own separators between the parts that stay.
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end].strip() if start >= 0 and end > start else " ".join(parts)


def _key(text: str | None) -> str:
    return re.sub(r"\W+|^the", "", (text or "").lower().removeprefix("the "))


def _canonical(tree: HtmlElement, meta: dict[str, list[str]], url: str) -> str:
    for link in tree.iterfind(".//link"):
        rel = (link.get("rel") or "").lower().split()
        href = (link.get("href") or "").strip()
        if "canonical" in rel and href:
            return urljoin(url, href)
    og_url = _metas(meta, ("og:url",))
    return urljoin(url, og_url[0]) if og_url else url


def _authors(
    tree: HtmlElement,
    articles: list[dict[str, Any]],
    meta: dict[str, list[str]],
    index: dict[str, dict[str, Any]],
    profile: SiteProfile | None,
) -> tuple[str, ...]:
    sources: list[list[str]] = [
        structured.names(a.get("author") or a.get("creator"), index, people_only=True)
        for a in articles[:1]
    ]
    sources += [[value] for value in _metas(meta, _AUTHOR_META)]
    if profile:
        sources.append([e.text_content() for e in select(tree, profile.author)])
    for raw in sources:
        found = _person_names(raw)
        if found:
            return found
    # Generic author markup often repeats the name beside "see full bio" links; one name is safe.
    return _person_names([e.text_content() for e in select(tree, _GENERIC_AUTHOR)])[:1]


def _person_names(raw: list[str]) -> tuple[str, ...]:
    found: list[str] = []
    for value in raw:
        text = _clean(value)
        # article:author is often a profile URL, and a Twitter handle is not a name.
        if not text or "://" in text or text.startswith(("@", "www.")) or _NOT_A_NAME.search(text):
            continue
        for name in _NAME_SPLIT.split(_BYLINE_PREFIX.sub("", text)):
            name = name.strip(" .,;:")
            if name and len(name) <= 80 and name not in found and not _ROLE.search(name):
                found.append(name)
    return tuple(found)


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
