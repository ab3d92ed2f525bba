"""Retry-After on 429 and 503, honoured across runs: the host is left alone until then.

Scrapy's RetryMiddleware retries a 429 or 503 within the same run, header ignored. Here a
response with Retry-After (seconds or an HTTP date) puts its host on hold in the store, is
not retried, and counts as the source's error for this run; later requests to the host, in
this run or the next ones, are refused until the time has passed, and a source whose every
listing is on a held host is skipped without a request (see NewsSpider.start).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Protocol, runtime_checkable
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured

from monitor.clock import now
from monitor.crawl.conditional import validator_store
from monitor.crawl.guard import Refused

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response

# A site may ask for an hour or a day; a month is a typo or a trap, and would silence a
# source for good without anyone deciding so.
MAX_HOLD = timedelta(days=1)
STATUSES = (429, 503)


@runtime_checkable
class HoldStore(Protocol):
    def hold_host(self, host: str, until: datetime, reason: str) -> None: ...

    def host_hold(self, host: str) -> tuple[datetime, str] | None: ...


def hold_store(crawler: Crawler) -> HoldStore | None:
    store = validator_store(crawler)
    return store if isinstance(store, HoldStore) else None


def retry_after(value: str | None, at: datetime) -> datetime | None:
    """When a Retry-After header value lets us come back, capped at MAX_HOLD; None if junk."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        delay = timedelta(seconds=min(int(value), MAX_HOLD.total_seconds()))
        return at + delay
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        return None
    return min(max(when, at), at + MAX_HOLD)


def held_until(store: HoldStore, host: str, at: datetime) -> tuple[datetime, str] | None:
    hold = store.host_hold(host)
    return hold if hold is not None and hold[0] > at else None


def hold_message(host: str, until: datetime, reason: str) -> str:
    return (f"{host} asked to be left alone until {until.isoformat(timespec='seconds')} "
            f"({reason}); not fetched before then")


class RetryAfterMiddleware:
    """Downloader middleware; sits between RetryMiddleware and the network."""

    def __init__(self, store: HoldStore) -> None:
        self.store = store

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        store = hold_store(crawler)
        if store is None:
            raise NotConfigured
        return cls(store)

    def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).netloc
        hold = held_until(self.store, host, now())
        if hold is not None:
            raise Refused(hold_message(host, *hold))

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status in STATUSES:
            header = response.headers.get(b"Retry-After")
            at = now()
            until = retry_after(header.decode("latin-1") if header else None, at)
            if until is not None:
                request.meta["dont_retry"] = True  # not again in this run: the site said when
                self.store.hold_host(urlsplit(response.url).netloc, until,
                                     f"HTTP {response.status} with Retry-After")
        return response
