"""Turn a fetched page (bytes or text) into one lxml tree that every extraction step shares."""

from __future__ import annotations

import re

from bs4.dammit import EncodingDetector
from lxml import etree
from lxml.html import HtmlElement, HTMLParser, document_fromstring

# Comments and processing instructions carry no article text; dropping them at parse time
# also matches the tree trafilatura builds for itself, so handing it ours changes nothing.
_PARSER = HTMLParser(remove_comments=True, remove_pis=True, collect_ids=False)
# lxml refuses str input that still declares an encoding.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def decode_html(data: str | bytes) -> str:
    """Text of a page: BOM first, then the declared charset, then a guess; never raises."""
    if isinstance(data, str):
        return data
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
        return document_fromstring(text, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
