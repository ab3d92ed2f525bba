"""Turn a fetched page (bytes or text) into one lxml tree that every extraction step shares."""

from __future__ import annotations

import re
import threading

from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring
from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    to_unicode,
)

# Comments and processing instructions carry no article text; dropping them at parse time
# also matches the tree trafilatura builds for itself, so handing it ours changes nothing.
# One parser per thread: an lxml parser (and the trees it builds, which share its string
# dictionary) used from two threads at once can corrupt the heap (issue 13).
_PARSERS = threading.local()


def _parser() -> HTMLParser:
    parser: HTMLParser | None = getattr(_PARSERS, "parser", None)
    if parser is None:
        parser = _PARSERS.parser = HTMLParser(remove_comments=True, remove_pis=True,
                                              collect_ids=False)
    return parser

# lxml refuses str input that still declares an encoding.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def decode_html(data: str | bytes, content_type: str | None = None) -> str:
    """Text of a page, in the HTML standard's order; never raises.

    BOM, then the HTTP charset (`content_type`, the Content-Type header), then a `<meta>`
    charset, then a guess. Labels map as browsers map them (w3lib's table): latin-1,
    iso-8859-1 and ascii mean windows-1252, so curly quotes and euro signs survive; a
    `<meta>` naming UTF-16 on bytes that were read as ASCII-compatible means UTF-8.
    """
    if isinstance(data, str):
        return data
    bom, mark = read_bom(data)
    if bom and mark:
        return to_unicode(data[len(mark):], bom)
    declared = http_content_type_encoding(content_type) if content_type else None
    if declared is None:
        declared = html_body_declared_encoding(data)
        if declared and declared.replace("_", "-").startswith(("utf-16", "utf-32")):
            declared = "utf-8"
    if declared:
        try:
            return to_unicode(data, declared)  # undecodable bytes become U+FFFD
        except LookupError:
            pass  # a label Python does not know: guess, as for no label at all
    # Imported here: most pages declare their charset, and bs4 (with soupsieve) would cost
    # the crawl's main process, which reads only listings, a tenth of a second to import.
    from bs4.dammit import EncodingDetector

    detector = EncodingDetector(data, is_html=True)
    for encoding in detector.encodings:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def parse_html(data: str | bytes) -> HtmlElement | None:
    """The page's document tree, or None when there is no markup to speak of."""
    text = _XML_DECLARATION.sub("", decode_html(data), count=1).replace("\x00", "")
    if not text.strip():
        return None
    try:
        return document_fromstring(text, parser=_parser())
    except (etree.ParserError, ValueError):
        return None
