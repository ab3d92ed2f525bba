"""Secrets of notification URLs: found once per URL, scrubbed from any text that leaves.

apprise renders each URL with its secrets hidden (`url(privacy=True)`); what that rendering
hides, compared with the full URL, is the URL's secret parts: passwords, tokens, keys,
webhook paths. Those parts are what a failing plugin quotes back (a Slack webhook path in a
connection error, a bot token in Telegram's API URL), so every text that leaves the process
or reaches the database (error reasons, ops alerts, logs) goes through `scrub`, with the
parts of every URL configured in this process, not only the one that failed.
"""

from __future__ import annotations

import re
import threading
from urllib.parse import quote, unquote

MASK = "****"
# Shorter parts would scrub ordinary words ("c", "id") out of messages and protect nothing.
_MIN_SECRET = 4
_SEPARATORS = re.compile(r"[/:@?&=#,;+\s]+")

_known: set[str] = set()
_lock = threading.Lock()


def _parts(url: str) -> set[str]:
    found = set()
    for text in (url, unquote(url)):
        found.update(p for p in _SEPARATORS.split(text) if p)
    return found


def secret_parts(configured: str, full: str, private: str) -> frozenset[str]:
    """The parts of a URL that apprise's private rendering hides.

    `configured` is the URL as written, `full` and `private` apprise's renderings of it
    without and with privacy.
    """
    shown = _parts(private)
    hidden = (_parts(configured) | _parts(full)) - shown
    return frozenset(p for p in hidden if len(p) >= _MIN_SECRET)


def remember(parts: frozenset[str]) -> None:
    with _lock:
        _known.update(parts)


def scrub(text: str, extra: frozenset[str] = frozenset()) -> str:
    """`text` with every known secret part (raw or percent-encoded) replaced by ****."""
    with _lock:
        secrets = _known | extra
    # Longest first, so a token is not half-replaced through a shorter part of it.
    for secret in sorted(secrets, key=len, reverse=True):
        for form in {secret, quote(secret, safe=""), quote(secret)}:
            if form in text:
                text = text.replace(form, MASK)
    return text


_AFTER_HOST = re.compile(r"^([a-z][a-z0-9+.-]*://)([^/?#]*)(.*)$", re.IGNORECASE | re.DOTALL)
_USERINFO = re.compile(r"^[^@]*@")


def mask_unparsed(url: str) -> str:
    """A URL apprise could not parse, so cannot mask: keep scheme and host, hide the rest."""
    match = _AFTER_HOST.match(url.strip())
    if match is None:
        return url if "://" not in url else MASK  # a config file's path is no secret
    scheme, authority, rest = match.groups()
    host = _USERINFO.sub(f"{MASK}@", authority) if "@" in authority else authority
    return f"{scheme}{host}{'/' + MASK if rest.strip('/') else ''}"
