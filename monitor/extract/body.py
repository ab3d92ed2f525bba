"""An article's body text: the site's selectors, the publisher's JSON-LD copy, or a generic one."""

from __future__ import annotations

import re
from copy import deepcopy

import trafilatura
from lxml.html import HtmlElement

from monitor.extract.selectors import compiled, select
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


def generic_body(tree: HtmlElement, url: str) -> str:
    """The body as a generic extractor finds it (trafilatura works on its own copy of the tree)."""
    text = trafilatura.extract(
        tree,
        url=url,
        include_comments=False,
        include_tables=True,
        with_metadata=False,
        deduplicate=False,
    )
    return text or ""


def extract_body(
    tree: HtmlElement | None, url: str, profile: SiteProfile | None, json_ld_body: str | None
) -> str:
    """The article text: site selectors first, then the JSON-LD copy when whole, then generic."""
    if tree is None:
        return ""
    if profile is not None and (text := profile_body(tree, profile)):
        return text
    generic = generic_body(tree, url)
    if json_ld_body and _looks_whole(json_ld_body, generic):
        return json_ld_body
    return generic


def _looks_whole(candidate: str, generic: str) -> bool:
    # Publishers often put only a teaser in articleBody; trust it only when it is at least
    # as long as what the page itself shows and does not end in an ellipsis.
    stripped = candidate.rstrip()
    return not stripped.endswith(("...", "…", "[…]")) and len(stripped) >= 0.9 * len(generic)
