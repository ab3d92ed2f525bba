"""An article's body text: the site's selectors, the publisher's JSON-LD copy, or a generic one."""

from __future__ import annotations

import re
from copy import deepcopy
from functools import cache
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.xml import xmltotxt

from monitor.extract.article.prune import link_texts, prune_body
from monitor.extract.article.selectors import compiled, select
from monitor.sources.profiles import SiteProfile

# Blocks that start a new paragraph when their text is flattened.
_BLOCK_TAGS = (
    "address article aside blockquote br dd div dl dt figcaption footer form h1 h2 h3 h4 h5 "
    "h6 header hr li main nav ol p pre section table tbody td th thead tr ul"
)
_BLOCKS = frozenset(_BLOCK_TAGS.split())
# Never article text, whatever the site.
_NEVER_TEXT = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "svg",
        "button",
        "form",
        "select",
        "textarea",
    ]
)
_GENERIC_DROP = (
    "[id*='comment']",
    "[class*='comments']",
    "[class*='related']",
    "[class*='share']",
    "[class*='newsletter']",
    "aside",
    "figure",
)
# Only inside paragraphs, where they would leak into the text; searching every element of
# the page instead cost more than a tenth of our extraction time.
_HOVER_CARDS = etree.XPath(
    "//p//*[contains(@class, 'rollover') or contains(@class, 'tooltip')"
    " or contains(@class, 'popover') or contains(@class, 'hovercard')]"
)
_ANCHORS = etree.XPath("//a")
_RETRY_SHARE = 0.2
_PROSE_CHARS = 80
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


def element_text(element: HtmlElement) -> str:
    """Text of an element with one paragraph per line."""
    chunks: list[str] = []

    def walk(node: HtmlElement) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _NEVER_TEXT:
            if node.tail:
                chunks.append(node.tail)
            return
        block = tag in _BLOCKS
        if block:
            chunks.append("\n")
        if node.text and tag:
            chunks.append(node.text)
        for child in node:
            walk(child)
        if block:
            chunks.append("\n")
        if node.tail and node is not element:
            chunks.append(node.tail)

    walk(element)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(chunks).split("\n"))
    return "\n".join(line for line in lines if line)


def profile_body(tree: HtmlElement, profile: SiteProfile) -> str:
    """The body a site profile's selectors find, without the blocks it marks as not the article."""
    found = select(tree, profile.body)
    if not found:
        return ""
    # The shared tree stays intact for the other steps; only a copy of the body is pruned.
    body = deepcopy(found[0])
    for selector in profile.drop + _GENERIC_DROP:
        for element in compiled(selector)(body):
            if element is not body:
                element.drop_tree()
    return element_text(body)


def generic_body(tree: HtmlElement, url: str, title: str | None) -> str:
    """The body trafilatura finds, pruned of boilerplate; hover cards are dropped from `tree`."""
    # Collected at most once, and only if pruning asks for them.
    anchors = cache(lambda: link_texts(a.text_content() for a in _ANCHORS(tree)))
    titles = [title or ""] + [h1.text_content() for h1 in tree.iter("h1")]
    for element in _HOVER_CARDS(tree):
        # Hover cards sit inside the paragraph that names a person; their text is elsewhere's.
        element.drop_tree()
    # trafilatura's fast mode skips its second-opinion extractors, which mostly cost time;
    # they are worth it only when the fast pass missed much of the paragraph text on the page.
    document = _trafilatura(tree, url, fast=True)
    found = len(document.body.xpath("string()")) if document is not None else 0
    if found < _RETRY_SHARE * _paragraph_chars(tree):
        document = _trafilatura(tree, url, fast=False)
    if document is None or document.body is None:
        return ""
    prune_body(document.body, titles, anchors)
    return xmltotxt(document.body, False).strip()


def _trafilatura(tree: HtmlElement, url: str, *, fast: bool) -> Any:
    return trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        # Text is rendered once, after pruning; "txt" spares trafilatura rendering it first.
        output_format="txt",
        include_comments=False,
        include_tables=True,
        with_metadata=False,
        deduplicate=False,
    )


def _paragraph_chars(tree: HtmlElement) -> int:
    # Paragraphs long enough to be prose, not menus or captions.
    lengths = (len(p.text_content()) for p in tree.iter("p"))
    return sum(n for n in lengths if n >= _PROSE_CHARS)


def extract_body(
    tree: HtmlElement | None,
    url: str,
    profile: SiteProfile | None,
    json_ld_body: str | None,
    title: str | None = None,
) -> str:
    """The article text: site selectors first, then the JSON-LD copy when whole, then generic."""
    if tree is None:
        return ""
    if profile is not None and (text := profile_body(tree, profile)):
        return text
    generic = generic_body(tree, url, title)
    if json_ld_body and _page_text_missing(json_ld_body, generic):
        return json_ld_body
    return generic


def _page_text_missing(json_ld_body: str, generic: str) -> bool:
    # The page's own markup keeps paragraph breaks that articleBody often glues together,
    # so the JSON-LD copy wins only when the page yields less than half of it; a copy
    # ending in an ellipsis is a teaser, never the article.
    stripped = json_ld_body.rstrip()
    if stripped.endswith(("...", "…", "[…]")):
        return False
    return len(generic) < 0.5 * len(stripped)
