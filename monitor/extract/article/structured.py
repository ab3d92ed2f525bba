"""Structured data a page declares about itself: JSON-LD objects and <meta> tags."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "techarticle",
        "report",
        "liveblogposting",
        "socialmediaposting",
    }
)
_ARTICLE_KEYS = frozenset(("headline", "author"))
# Raw control characters inside JSON strings are common in hand-templated JSON-LD.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def json_ld_objects(tree: HtmlElement) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page, @graph members and nested lists flattened."""
    found: list[dict[str, Any]] = []
    for script in tree.iterfind(".//script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        data = _load(script.text or "")
        found.extend(_flatten(data))
    return found


def article_objects(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The objects that describe an article, the most article-like first."""
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    if not articles:
        # Some pages type their article as a web page ("MedicalWebPage") yet give it a
        # publication date and a headline or an author, which only an article has.
        articles = [o for o in objects if "datePublished" in o and _ARTICLE_KEYS & o.keys()]
    # A bare "Article" is sometimes a teaser; the news-specific types describe the page itself.
    return sorted(articles, key=lambda o: "article" in _types(o) and len(_types(o)) == 1)


def _load(text: str) -> Any:
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    if not text:
        return None
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text))):
        try:
            return json.loads(attempt, strict=False)
        except (ValueError, RecursionError):
            continue
    return None


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _flatten(data["@graph"])
        main = data.get("mainEntity")
        if isinstance(main, dict | list):
            yield from _flatten(main)


def _types(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower().rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


ORGANISATION_TYPES = frozenset({"organization", "newsmediaorganization", "corporation"})


def names(value: Any, index: dict[str, dict[str, Any]], *, people_only: bool = False) -> list[str]:
    """Names in a JSON-LD person/organisation value: a string, an object, an @id, or a list.

    With `people_only`, objects typed as an organisation are skipped: a publisher standing in
    as the author is no byline.
    """
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [n for item in value for n in names(item, index, people_only=people_only)]
    if isinstance(value, dict):
        if "name" not in value and isinstance(value.get("@id"), str):
            value = index.get(value["@id"], value)
        if people_only and _types(value) & ORGANISATION_TYPES:
            return []
        name = value.get("name")
        if isinstance(name, str):
            return [name]
        if isinstance(name, list):
            return [n for n in name if isinstance(n, str)]
    return []


def text_value(value: Any) -> str | None:
    """A JSON-LD scalar as text; the first of a list; None for anything else."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | int | float)), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


def id_index(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}


def meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    """<meta> contents by lower-cased property/name/itemprop, in page order."""
    tags: dict[str, list[str]] = {}
    for meta in tree.iterfind(".//meta"):
        content = meta.get("content")
        if content is None or not content.strip():
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = meta.get(attr)
            if key:
                tags.setdefault(key.strip().lower(), []).append(content.strip())
    return tags
