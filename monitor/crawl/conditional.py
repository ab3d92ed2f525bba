"""Conditional GET: ask with the last ETag / Last-Modified, so an unchanged page comes back 304."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured

from monitor.crawl.settings import VALIDATOR_STORE, Shared

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Request, Response


@runtime_checkable
class ValidatorStore(Protocol):
    """Where validators of earlier responses are kept between crawls."""

    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        """(etag, last_modified) last seen for this URL, or (None, None)."""
        ...

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None: ...


class MemoryValidatorStore:
    """A validator store in a dict: for tests and one-off runs."""

    def __init__(self) -> None:
        self.validators: dict[str, tuple[str | None, str | None]] = {}

    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        return self.validators.get(url, (None, None))

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self.validators[url] = (etag, last_modified)


# A request with this meta key set keeps its response's validators in meta[VALIDATORS] instead
# of storing them at once. Stored early, they would turn the next fetch into a 304 even when
# this run died (or was stopped) before the page, or the articles a feed lists, were stored:
# the page would be lost for good. Articles store theirs with the article, in one transaction;
# listings store theirs when the crawl finished with every article they listed.
DEFER_VALIDATORS = "monitor_defer_validators"
VALIDATORS = "monitor_validators"


class ConditionalGetMiddleware:
    """Downloader middleware; the spider must accept 304 (NewsSpider lists it as handled)."""

    def __init__(self, store: ValidatorStore) -> None:
        self.store = store

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalGetMiddleware:
        store = validator_store(crawler)
        if store is None:
            raise NotConfigured
        return cls(store)

    def process_request(self, request: Request) -> None:
        if _is_robots(request.url):
            return
        etag, last_modified = self.store.get_validators(request.url)
        if etag:
            request.headers.setdefault(b"If-None-Match", etag)
        if last_modified:
            request.headers.setdefault(b"If-Modified-Since", last_modified)

    def process_response(self, request: Request, response: Response) -> Response:
        if response.status == 200 and not _is_robots(response.url):
            etag = _header(response, b"ETag")
            last_modified = _header(response, b"Last-Modified")
            if request.meta.get(DEFER_VALIDATORS):
                # Whoever uses the page stores them once it is safely used (see DEFER_VALIDATORS).
                request.meta[VALIDATORS] = (etag, last_modified)
            elif etag or last_modified:
                self.store.put_validators(response.url, etag, last_modified)
        return response


def validator_store(crawler: Crawler) -> ValidatorStore | None:
    store = crawler.settings.get(VALIDATOR_STORE)
    if isinstance(store, Shared):
        store = store.obj
    if store is not None and not isinstance(store, ValidatorStore):
        raise TypeError(f"{VALIDATOR_STORE} must implement ValidatorStore, got {store!r}")
    return store


def conditional_get_on(crawler: Crawler) -> bool:
    return validator_store(crawler) is not None


def forget_validators(crawler: Crawler, *urls: str) -> None:
    """Drop what we know of these URLs, so the next run fetches them in full.

    For a response that was fetched but could not be used (a broken feed, a page that failed
    to parse or to store): a 304 next time would hide the problem and lose the page.
    """
    store = validator_store(crawler)
    if store is not None:
        for url in dict.fromkeys(urls):
            store.put_validators(url, None, None)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _is_robots(url: str) -> bool:
    return urlsplit(url).path == "/robots.txt"
