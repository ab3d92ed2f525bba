"""Whether a piece of text names the publishing site: a title suffix, or a byline that is no one."""

from __future__ import annotations

import re

from monitor.urls import site_of

# "GSMArena.com", "BBC News": the name with a short addition still names the site; a longer
# text that merely starts with it ("The Guardian view on Hong Kong") is something else.
_SITE_PART_WORDS = 3
_MIN_PREFIX = 4


def publisher_keys(site_name: str | None, url: str) -> frozenset[str]:
    """Comparable forms of the publisher's names: its declared name and its registered domain."""
    keys = {key(site_name)} if site_name else set()
    site = site_of(url)
    if site and not site.replace(".", "").replace(":", "").isdigit():
        # "entermedia" of entermedia.co.kr: the label the Public Suffix List leaves registrable.
        keys.add(key(site.split(".", 1)[0]))
    keys.discard("")
    return frozenset(keys)


def names_publisher(text: str, keys: frozenset[str]) -> bool:
    """Whether `text` is the publisher's name, alone or with a short addition."""
    text_key = key(text)
    if not text_key:
        return False
    # A short text could open many an unrelated domain ("Tim" and timesunion).
    prefix = len(text_key) >= _MIN_PREFIX
    if any(text_key == k or (prefix and k.startswith(text_key)) for k in keys):
        return True
    return len(text.split()) <= _SITE_PART_WORDS and any(text_key.startswith(k) for k in keys)


def key(text: str | None) -> str:
    """Lower-case letters and digits only, without a leading "the"."""
    return re.sub(r"\W+|^the", "", (text or "").lower().removeprefix("the "))
