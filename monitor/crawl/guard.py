"""Requests a news crawler must not make, refused as source errors, not silently dropped.

- A redirect loop (A -> B -> A, or A -> A): Scrapy's duplicate filter would drop the repeat
  without a word, so the source looked fine and yielded nothing.
- A request to a private, loopback or link-local address (a feed redirecting to
  127.0.0.1:6379, an article link to 10.0.0.1): a public source has no business there, and
  following it lets a feed make requests inside the operator's network. A source that is
  itself on such an address (an intranet feed, the tests' local servers) may go there.
  Host names are not resolved: a public name pointing inside is not caught here.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest

if TYPE_CHECKING:
    from scrapy.http import Request

# Set by the spider on every request of a source whose own listings are on a private address.
PRIVATE_OK = "monitor_private_ok"


class Refused(IgnoreRequest):
    """A request refused on purpose; its message says why, for the source's error list."""


def is_private_host(host: str | None) -> bool:
    """Loopback, private, link-local or otherwise non-public, by literal address or name."""
    if not host:
        return False
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    return not address.is_global or address.is_multicast


def is_private_url(url: str) -> bool:
    try:
        return is_private_host(urlsplit(url).hostname)
    except ValueError:
        return False


class PrivateAddressMiddleware:
    """Downloader middleware: a public source's request to a private address is refused."""

    def process_request(self, request: Request) -> None:
        if request.meta.get(PRIVATE_OK) or request.meta.get("dont_obey_robotstxt"):
            # robots.txt requests are only made for hosts a checked request is going to.
            return
        if is_private_url(request.url):
            chain = request.meta.get("redirect_urls", [])
            how = f"redirected from {chain[0]} " if chain else ""
            raise Refused(f"refused: {how}to {request.url}, a private or loopback address")


class LoopSafeRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, with a loop reported as such instead of filtered out unseen."""

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in chain:
            hops = " -> ".join([*chain[chain.index(redirected.url):], redirected.url])
            raise Refused(f"redirect loop: {hops}")
        return super()._redirect(redirected, request, reason)
