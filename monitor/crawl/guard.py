"""Requests a news crawler must not make, refused as source errors, not silently dropped.

- A redirect loop (A -> B -> A, or A -> A): Scrapy's duplicate filter would drop the repeat
  without a word, so the source looked fine and yielded nothing.
- A request to a private, loopback or link-local address (a feed redirecting to
  127.0.0.1:6379, an article link to 10.0.0.1): a public source has no business there, and
  following it lets a feed make requests inside the operator's network. A source that is
  itself on such an address (an intranet feed, the tests' local servers) may go there.
  A host name is resolved first (once per run and name), so a public-looking name that
  points inside is refused too; a name that does not resolve is left to fail on its own.
  (A name that resolves differently at connect time, DNS rebinding, is not caught.)
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
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


# Seconds a name may take to resolve before the check gives up on it (the download then
# resolves it again and fails or succeeds on its own).
RESOLVE_TIMEOUT = 5.0


def _is_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _inside_addresses(host: str) -> list[str]:
    """The non-public addresses `host` resolves to (blocking; run in a thread)."""
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return []
    return sorted({str(info[4][0]) for info in found if is_private_host(str(info[4][0]))})


class PrivateAddressMiddleware:
    """Downloader middleware: a public source's request to a private address is refused."""

    def __init__(self, resolve: bool = True) -> None:
        self.resolve = resolve
        self._inside: dict[str, list[str]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        from monitor.crawl.settings import REPLAY

        # A replay fetches nothing: the archive's host names are not looked up.
        return cls(resolve=not crawler.settings.get(REPLAY))

    async def process_request(self, request: Request) -> None:
        if request.meta.get(PRIVATE_OK) or request.meta.get("dont_obey_robotstxt"):
            # robots.txt requests are only made for hosts a checked request is going to.
            return
        chain = request.meta.get("redirect_urls", [])
        how = f"redirected from {chain[0]} " if chain else ""
        if is_private_url(request.url):
            raise Refused(f"refused: {how}to {request.url}, a private or loopback address")
        host = _host(request.url)
        if not self.resolve or not host or _is_literal(host):
            return
        if host not in self._inside:
            try:
                self._inside[host] = await asyncio.wait_for(
                    asyncio.to_thread(_inside_addresses, host), RESOLVE_TIMEOUT)
            except TimeoutError:
                self._inside[host] = []
        if inside := self._inside[host]:
            raise Refused(f"refused: {how}to {request.url}, a private or loopback address "
                          f"({host} is {', '.join(inside)})")


def _host(url: str) -> str | None:
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


class LoopSafeRedirectMiddleware(RedirectMiddleware):
    """Scrapy's redirects, with a loop reported as such instead of filtered out unseen."""

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in chain:
            hops = " -> ".join([*chain[chain.index(redirected.url):], redirected.url])
            raise Refused(f"redirect loop: {hops}")
        return super()._redirect(redirected, request, reason)
