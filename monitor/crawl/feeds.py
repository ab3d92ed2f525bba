"""Reading listings: RSS 2.0, RSS 1.0 (RDF), Atom, news sitemaps and sitemap indexes. No I/O.

`parse_feed` returns a `FeedDoc`: the article entries it lists, and for a sitemap index the
child sitemap URLs (which a caller fetches and parses in turn).
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

# Gzipped sitemaps (`sitemap.xml.gz`) arrive without Content-Encoding, so they are still packed.
_GZIP_MAGIC = b"\x1f\x8b"
# A listing larger than this unpacked is not a feed we want to hold in memory.
_MAX_UNPACKED = 50 * 1024 * 1024
_UTF8_BOM = b"\xef\xbb\xbf"
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# Characters XML 1.0 forbids, which some feeds carry anyway (form feeds, \x0f).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "huge_tree": False,
    "load_dtd": False,
    "remove_comments": True,
    "remove_pis": True,
    "recover": False,
}


class FeedError(ValueError):
    """A listing that is not an RSS/Atom feed or sitemap."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url} is not an RSS/Atom feed or sitemap: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class FeedEntry:
    """One article a listing points to; dates are timezone-aware (UTC when the feed gives none)."""

    url: str
    title: str | None = None
    published: datetime | None = None
    updated: datetime | None = None


@dataclass(frozen=True)
class FeedDoc:
    """What one listing holds. `kind` is rss, rdf, atom, urlset or sitemapindex."""

    kind: str
    entries: tuple[FeedEntry, ...] = ()
    sitemaps: tuple[str, ...] = ()
    # Set when the listing was read past a flaw (bad encoding, truncation): what was wrong.
    problem: str | None = None


def parse_feed(body: bytes, base_url: str) -> FeedDoc:
    """Entries (and child sitemaps) of a feed or sitemap fetched from `base_url`."""
    root, problem = _parse_xml(body, base_url)
    kind = _local(root)
    reader = _READERS.get(kind)
    if reader is None:
        raise FeedError(base_url, f"root element is <{kind}>")
    doc = reader(root, base_url)
    return replace(doc, problem=problem) if problem else doc


def _parse_xml(body: bytes, base_url: str) -> tuple[etree._Element, str | None]:
    if body.startswith(_GZIP_MAGIC):
        body = _gunzip(body, base_url)
    # Real feeds (TechCrunch's among them) start with a blank line before `<?xml`.
    body = body[len(_UTF8_BOM) :] if body.startswith(_UTF8_BOM) else body
    body = body.lstrip(b" \t\r\n")
    if not body:
        raise FeedError(base_url, "empty body")
    parser = etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = etree.fromstring(body, parser, base_url=base_url)
    except etree.XMLSyntaxError as exc:
        problem = f"malformed XML ({exc.msg})"
        recovered = _recovered(body, base_url)
        if recovered is None:
            raise FeedError(base_url, problem) from None
        return recovered, problem
    if root is None:
        raise FeedError(base_url, "no root element")
    return root, None


def _recovered(body: bytes, base_url: str) -> etree._Element | None:
    """A feed read past its flaws, or None: an undeclared legacy encoding (UOL's ISO-8859-1,
    KOI8-R), a stray control character, a missing closing tag lose no item that way."""
    if body.lstrip().startswith((b"{", b"[")):
        return None  # JSON, which no reading makes a feed
    text = _XML_DECLARATION.sub("", _decoded(body), count=1)
    text = _CONTROL_CHARS.sub("", text)
    options = {**_PARSER_OPTIONS, "recover": True, "encoding": "utf-8"}
    try:
        root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(**options),
                                base_url=base_url)
    except (etree.XMLSyntaxError, ValueError):
        return None
    # Recovery turns anything into a tree; only a feed or sitemap is worth keeping.
    return root if root is not None and _local(root) in _READERS else None


def _decoded(body: bytes) -> str:
    """The declared encoding if the bytes are in it, then UTF-8, then the best guess."""
    # Imported here: only a broken feed is decoded by hand, and bs4 (with soupsieve) and
    # charset_normalizer cost every cron run a tenth of a second to import.
    import charset_normalizer
    from bs4.dammit import EncodingDetector

    declared = EncodingDetector.find_declared_encoding(body, is_html=False)
    for encoding in filter(None, (declared, "utf-8")):
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    matches = list(charset_normalizer.from_bytes(body))
    if not matches:
        return body.decode("utf-8", errors="replace")
    # Among equally clean readings, windows-1252: what undeclared Western text is on the web
    # (UOL's Portuguese feed reads as Baltic cp1257 to the guesser, as Latin-1 in fact).
    least = min(m.chaos for m in matches)
    cleanest = [m for m in matches if m.chaos == least]
    best = next((m for m in cleanest if m.encoding == "cp1252"), matches[0])
    return str(best)


def _gunzip(body: bytes, base_url: str) -> bytes:
    unpacker = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        data = unpacker.decompress(body, _MAX_UNPACKED)
    except (zlib.error, gzip.BadGzipFile) as exc:
        raise FeedError(base_url, f"broken gzip data ({exc})") from None
    if unpacker.unconsumed_tail:
        raise FeedError(base_url, f"more than {_MAX_UNPACKED} bytes unpacked")
    return data


def _local(el: etree._Element) -> str:
    # Matching on local names tolerates feeds that get their namespace URIs slightly wrong;
    # a recovered tree keeps an undeclared prefix in the tag ("itunes:subtitle").
    if not isinstance(el.tag, str):
        return ""
    return el.tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def _children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str) and _local(c) == name]


def _child(el: etree._Element, *names: str) -> etree._Element | None:
    for name in names:
        found = _children(el, name)
        if found:
            return found[0]
    return None


def _child_text(el: etree._Element, *names: str) -> str | None:
    """The first non-empty text among children with these names, in order of preference."""
    for name in names:
        for child in _children(el, name):
            text = _text(child)
            if text:
                return text
    return None


def _text(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    text = " ".join("".join(el.itertext()).split())
    return text or None


def _http_url(href: str | None, base: str) -> str | None:
    if not href or not href.strip():
        return None
    url = urljoin(base, href.strip())
    return url if urlsplit(url).scheme in ("http", "https") else None


def _date(value: str | None) -> datetime | None:
    """RFC 822 (RSS) or ISO 8601 / W3C (Atom, sitemaps, Dublin Core) dates."""
    if not value:
        return None
    value = value.strip()
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


def _read_rss(root: etree._Element, base_url: str) -> FeedDoc:
    channel = _child(root, "channel")
    items = _children(channel, "item") if channel is not None else []
    return FeedDoc("rss", _dedupe(_rss_item(item, base_url) for item in items))


def _read_rdf(root: etree._Element, base_url: str) -> FeedDoc:
    # RSS 1.0 puts the items beside the channel, not inside it.
    return FeedDoc("rdf", _dedupe(_rss_item(item, base_url) for item in _children(root, "item")))


def _rss_item(item: etree._Element, base_url: str) -> FeedEntry | None:
    base = item.base or base_url
    # FeedBurner rewrites <link> to a tracking redirect and keeps the article URL in origLink.
    url = _http_url(_child_text(item, "origLink", "link"), base)
    if url is None:
        guid = _child(item, "guid")
        if guid is not None and guid.get("isPermaLink", "true").lower() != "false":
            url = _http_url(_text(guid), base)
        url = url or _http_url(item.get(f"{{{_RDF}}}about"), base)
    if url is None:
        return None
    published = _date(_child_text(item, "pubDate", "date", "published"))
    title = _child_text(item, "title")
    return FeedEntry(url, title, published, _date(_child_text(item, "updated")))


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _read_atom(root: etree._Element, base_url: str) -> FeedDoc:
    return FeedDoc("atom", _dedupe(_atom_entry(e, base_url) for e in _children(root, "entry")))


def _atom_entry(entry: etree._Element, base_url: str) -> FeedEntry | None:
    base = entry.base or base_url
    links = _children(entry, "link")
    alternate = [ln for ln in links if ln.get("rel", "alternate") == "alternate"]
    href = alternate[0].get("href") if alternate else None
    url = _http_url(href, base) or _http_url(_text(_child(entry, "id")), base)
    if url is None:
        return None
    return FeedEntry(
        url,
        _atom_title(_child(entry, "title")),
        _date(_child_text(entry, "published", "issued")),
        _date(_child_text(entry, "updated", "modified")),
    )


def _atom_title(el: etree._Element | None) -> str | None:
    text = _text(el)
    if text and el is not None and el.get("type") == "html" and "<" in text:
        # An HTML title arrives as escaped markup: keep its words, not its tags.
        text = _text(lxml.html.fragment_fromstring(text, create_parent="div"))
    return text


def _read_urlset(root: etree._Element, base_url: str) -> FeedDoc:
    entries = []
    for url_el in _children(root, "url"):
        url = _http_url(_child_text(url_el, "loc"), base_url)
        if url is None:
            continue
        news = _child(url_el, "news")
        title = published = None
        if news is not None:
            title = _child_text(news, "title")
            published = _date(_child_text(news, "publication_date"))
        entries.append(FeedEntry(url, title, published, _date(_child_text(url_el, "lastmod"))))
    return FeedDoc("urlset", _dedupe(entries))


def _read_sitemapindex(root: etree._Element, base_url: str) -> FeedDoc:
    locs = (_http_url(_child_text(s, "loc"), base_url) for s in _children(root, "sitemap"))
    return FeedDoc("sitemapindex", sitemaps=tuple(dict.fromkeys(u for u in locs if u)))


def _dedupe(entries: Iterable[FeedEntry | None]) -> tuple[FeedEntry, ...]:
    seen: dict[str, FeedEntry] = {}
    for entry in entries:
        if entry is not None and entry.url not in seen:
            seen[entry.url] = entry
    return tuple(seen.values())


_READERS = {
    "rss": _read_rss,
    "RDF": _read_rdf,
    "feed": _read_atom,
    "urlset": _read_urlset,
    "sitemapindex": _read_sitemapindex,
}
