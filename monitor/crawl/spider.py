"""The one spider: fetch every source's feeds and news sitemaps, then the articles they list."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net

from monitor.clock import now
from monitor.crawl.backoff import held_until, hold_message, hold_store
from monitor.crawl.budget import BudgetSpent
from monitor.crawl.conditional import (
    DEFER_VALIDATORS,
    VALIDATORS,
    forget_validators,
    validator_store,
)
from monitor.crawl.configured import FROM_CONFIG, apply_config
from monitor.crawl.feeds import FeedEntry, FeedError, parse_feed
from monitor.crawl.guard import PRIVATE_OK, Refused, is_private_url
from monitor.crawl.items import FetchedPage

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings
    from twisted.python.failure import Failure

    from monitor.sources import Source

# A sitemap index may point at further indexes; two levels cover every news site seen so far.
MAX_SITEMAP_DEPTH = 2
# Teaser links followed from one listing page (a home page holds a hundred); the feeds and
# sitemaps stay the way in, a listing only stands in for the articles it leads to.
MAX_LISTING_LINKS = 30


class NewsSpider(scrapy.Spider):
    """Yields one `FetchedPage` per article; failures go to `source_errors`, never stop a source."""

    name = "news"
    # 304 means "unchanged since the validators we sent" (see conditional.py): nothing to do.
    handle_httpstatus_list = (304,)

    @classmethod
    def update_settings(cls, settings: BaseSettings) -> None:
        super().update_settings(settings)
        if settings.getbool(FROM_CONFIG) and not settings.get("MONITOR_STORE_URL"):
            # `scrapy crawl news`, Scrapyd, scrapy-redis workers: what `monitor crawl` uses.
            apply_config(settings)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Self:
        if not kwargs.get("sources"):
            # Started by Scrapy itself (`scrapy crawl news`, Scrapyd): monitor.toml says what.
            path = kwargs.pop("config", None) or crawler.settings.get("MONITOR_CONFIG")
            kwargs["sources"] = _configured_sources(path)
        return super().from_crawler(crawler, *args, **kwargs)

    def __init__(self, sources: Sequence[Source] = (), *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sources = tuple(sources)
        self.source_errors: dict[str, list[str]] = {s.name: [] for s in self.sources}
        self.source_pages: dict[str, int] = {s.name: 0 for s in self.sources}
        # Entries the listings held; None while every listing answered 304 (nothing to count).
        # A feed that used to list items and now lists none is a layout or feed change.
        self.source_entries: dict[str, int | None] = {s.name: None for s in self.sources}
        # Sources not crawled at all this run, and why (a Retry-After still running).
        self.source_skipped: dict[str, str] = {}
        # Articles listed but left for a later run (per-run caps), per source.
        self.source_left: dict[str, int] = {}
        self._by_name = {s.name: s for s in self.sources}
        self._seen: set[str] = set()
        # Per-run bounds, per source (settings MONITOR_MAX_*), and what each source used.
        self._sitemaps: dict[str, int] = {}
        self._pages: dict[str, int] = {}
        # Article requests made and not yet answered (or failed), per source.
        self._pending: dict[str, set[str]] = {}
        # Validators of listings fetched in full, stored only once all they listed was handled.
        self._listing_validators: dict[str, dict[str, tuple[str | None, str | None]]] = {}

    async def start(self) -> AsyncIterator[Request]:
        holds = hold_store(self.crawler) if self.crawler is not None else None
        for source in self.sources:
            listings = [*source.feeds, *source.sitemaps]
            if not listings:
                self._error(source.name, f"{source.name}: no feed or sitemap configured")
            waiting = [held_until(holds, urlsplit(u).netloc, now()) for u in listings] \
                if holds is not None else []
            if waiting and all(waiting):
                # The site asked for the pause: not an error of this run, and not fetched.
                until, reason = max(h for h in waiting if h is not None)
                self.source_skipped[source.name] = hold_message(
                    urlsplit(listings[0]).netloc, until, reason)
                continue
            for url in listings:
                if url not in self._seen:
                    self._seen.add(url)
                    yield self._listing_request(source.name, url, depth=0)

    def _listing_request(self, source: str, url: str, depth: int) -> Request:
        return Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            meta={"source": source, "depth": depth, DEFER_VALIDATORS: True,
                  PRIVATE_OK: self._private_ok(source)},
        )

    def _private_ok(self, source: str) -> bool:
        """A source whose own listings are on a private address may stay there."""
        found = self._by_name.get(source)
        return found is not None and any(
            is_private_url(u) for u in (*found.feeds, *found.sitemaps))

    def parse_listing(self, response: Response) -> Iterator[Request]:
        source: str = response.meta["source"]
        if response.status == 304:
            return
        try:
            doc = parse_feed(response.body, response.url)
        except FeedError as exc:
            self._error(source, f"{response.url}: not an RSS/Atom feed or sitemap: {exc.reason}")
            if self.crawler is not None:
                redirects = response.meta.get("redirect_urls", [])
                forget_validators(self.crawler, response.url, *redirects)
            return
        if doc.problem:
            # Its items are read; a flawed copy must not be taken as "unchanged" next run.
            self.logger.warning("%s: %s: read past a flaw: %s", source, response.url, doc.problem)
            if self.crawler is not None:
                forget_validators(self.crawler, response.url,
                                  *response.meta.get("redirect_urls", []))
        self.source_entries[source] = (self.source_entries.get(source) or 0) + len(doc.entries)
        validators = response.meta.get(VALIDATORS)
        if validators and any(validators):
            self._listing_validators.setdefault(source, {})[response.url] = validators
        depth: int = response.meta["depth"]
        max_sitemaps = self._limit("MONITOR_MAX_SITEMAPS")
        for url in doc.sitemaps:
            if depth >= MAX_SITEMAP_DEPTH:
                self._error(source, f"{url}: sitemap index nested deeper than {depth} levels")
            elif url not in self._seen:
                if self._sitemaps.get(source, 0) >= max_sitemaps:
                    self._count(f"monitor/{source}/sitemaps_capped")
                    continue
                self._sitemaps[source] = self._sitemaps.get(source, 0) + 1
                self._seen.add(url)
                yield self._listing_request(source, url, depth + 1)
        profile = self._by_name[source].profile
        entries = [e for e in doc.entries
                   if profile is None or profile.article_url.search(e.url)]
        max_items = self._limit("MONITOR_MAX_FEED_ITEMS")
        if len(entries) > max_items:
            # Listings put the newest first; the rest is older news, not worth a cron run.
            self._count(f"monitor/{source}/items_capped", len(entries) - max_items)
            entries = entries[:max_items]
        fresh = [e for e in entries if e.url not in self._seen]
        checks = self._known(fresh)
        known = set(checks)
        # A stored article the listing dates no later than our last fetch of it has nothing
        # new to fetch: only an explicit modification date (Atom's updated, a sitemap's
        # lastmod) says so; a publication date says nothing of later edits.
        skipped = [e for e in fresh if _not_newer(e, checks.get(e.url))]
        if skipped:
            self._count(f"monitor/{source}/known_skipped", len(skipped))
            self._seen.update(e.url for e in skipped)
            fresh = [e for e in fresh if e not in skipped]
        # Articles never stored first, so a run that hits the cap makes progress.
        for entry in sorted(fresh, key=lambda e: e.url in known):
            self._seen.add(entry.url)
            if self._pages.get(source, 0) >= self._limit("MONITOR_MAX_PAGES"):
                if entry.url in known:
                    self._count(f"monitor/{source}/rechecks_capped")  # stored already
                else:
                    self.source_left[source] = self.source_left.get(source, 0) + 1
                continue
            self._pages[source] = self._pages.get(source, 0) + 1
            self._pending.setdefault(source, set()).add(entry.url)
            yield self._article_request(source, entry)

    def _article_request(self, source: str, entry: FeedEntry, *, via_listing: bool = False
                         ) -> Request:
        return Request(
            entry.url,
            callback=self.parse_article,
            errback=self.on_error,
            cb_kwargs={"entry": entry},
            meta={"source": source, "via_listing": via_listing, DEFER_VALIDATORS: True,
                  PRIVATE_OK: self._private_ok(source)},
        )

    def _limit(self, name: str) -> int:
        value = self.crawler.settings.getint(name, 0) if self.crawler is not None else 0
        return value or 2**31

    def _count(self, key: str, by: int = 1) -> None:
        if self.crawler is not None and self.crawler.stats is not None:
            self.crawler.stats.inc_value(key, by)

    def _known(self, entries: list[FeedEntry]) -> dict[str, datetime | None]:
        """Those of the entries' URLs that lead to a stored article, with its last fetch
        when the store knows it."""
        store = validator_store(self.crawler) if self.crawler is not None else None
        if store is None or not entries:
            return {}
        urls = [e.url for e in entries]
        last_checks = getattr(store, "last_checks", None)
        if last_checks is not None:
            return dict(last_checks(urls))
        known_urls = getattr(store, "known_urls", None)
        return dict.fromkeys(known_urls(urls)) if known_urls else {}

    def _answered(self, request: Request) -> None:
        url = request.meta.get("redirect_urls", [request.url])[0]
        self._pending.get(request.meta.get("source", "?"), set()).discard(url)

    def parse_article(self, response: Response, entry: FeedEntry) -> Iterator[FetchedPage]:
        if response.request is not None:
            self._answered(response.request)
        if response.status == 304:
            return
        source: str = response.meta["source"]
        self.source_pages[source] = self.source_pages.get(source, 0) + 1
        yield FetchedPage(
            source=source,
            url=response.url,
            requested_url=response.meta.get("redirect_urls", [entry.url])[0],
            status=response.status,
            headers={
                name.decode("latin-1").lower(): b", ".join(values).decode("latin-1")
                for name, values in response.headers.items()
            },
            body=response.body,
            entry=entry,
            fetched_at=_http_date(response.headers.get(b"Date")),
            validators=response.meta.get(VALIDATORS),
            via_listing=bool(response.meta.get("via_listing")),
        )

    def closed(self, reason: str) -> None:
        """Keep the validators of the listings whose every article was fetched and stored.

        A source with an error, or a crawl cut short, keeps its old validators (or none), so
        the next run fetches the listing in full and finds what this one missed.
        """
        for source, pending in self._pending.items():
            if pending:  # the time budget stopped the crawl before these were answered
                self.source_left[source] = self.source_left.get(source, 0) + len(pending)
        store = validator_store(self.crawler) if self.crawler is not None else None
        if store is None or reason != "finished":
            return
        for source, listings in self._listing_validators.items():
            if self.source_errors.get(source) or source in self.source_left:
                continue
            for url, (etag, last_modified) in listings.items():
                store.put_validators(url, etag, last_modified)

    def follow_listing(self, page: FetchedPage, links: Sequence[str]) -> int:
        """Fetch the articles a feed entry's listing page offers: they are what the entry
        meant. The item pipeline calls this with the links extraction found (so the page is
        parsed once, in a worker); returns how many requests were scheduled."""
        if page.via_listing or self.crawler is None or self.crawler.engine is None:
            return 0
        source = page.source
        profile = self._by_name[source].profile if source in self._by_name else None
        followed = 0
        for url in links:
            if followed >= MAX_LISTING_LINKS:
                break
            if profile is not None and not profile.article_url.search(url):
                continue
            if url not in self._seen:
                if self._pages.get(source, 0) >= self._limit("MONITOR_MAX_PAGES"):
                    self.source_left[source] = self.source_left.get(source, 0) + 1
                    continue  # the run's cap holds for a listing's links too
                self._seen.add(url)
                followed += 1
                self._pages[source] = self._pages.get(source, 0) + 1
                self._pending.setdefault(source, set()).add(url)
                request = self._article_request(source, FeedEntry(url), via_listing=True)
                # Scheduled directly, not yielded by a callback, so no spider middleware
                # sets the Referer it would have set.
                request.headers.setdefault(b"Referer", page.url)
                self.crawler.engine.crawl(request)
        return followed

    def on_error(self, failure: Failure) -> None:
        request: Request = failure.request  # type: ignore[attr-defined]
        if isinstance(failure.value, BudgetSpent):
            return  # not an error: it stays pending, and is counted as left for the next run
        self._answered(request)
        url = request.meta.get("redirect_urls", [request.url])[0]
        self._error(request.meta.get("source", "?"), f"{url}: {describe_failure(failure, request)}")

    def _error(self, source: str, message: str) -> None:
        self.source_errors.setdefault(source, []).append(message)
        self.logger.error("%s: %s", source, message)


def _not_newer(entry: FeedEntry, checked: datetime | None) -> bool:
    """Whether the listing dates this stored article's last change at or before our fetch."""
    return checked is not None and entry.updated is not None and entry.updated <= checked


def _configured_sources(path: str | None) -> tuple[Source, ...]:
    """Sources from monitor.toml, for runs started by Scrapy itself (`scrapy crawl news`)."""
    from monitor.config import load_config

    return load_config(path).sources


def _http_date(value: bytes | None) -> datetime | None:
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value.decode("latin-1"))
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def describe_failure(failure: Failure, request: Request) -> str:
    """One line naming what went wrong with a request, without a traceback."""
    exc = failure.value
    # Twisted's "response never received / failed" wrap the real causes in a list of failures.
    reasons = getattr(exc, "reasons", None)
    if reasons and hasattr(reasons[0], "value"):
        exc = reasons[0].value
    host = urlsplit(request.url).hostname or request.url
    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status}"
    if isinstance(exc, CannotResolveHostError | net.DNSLookupError):
        return f"DNS lookup failed for {host}"
    if isinstance(exc, DownloadConnectionRefusedError | net.ConnectionRefusedError):
        return f"connection refused by {urlsplit(request.url).netloc}"
    if isinstance(exc, DownloadTimeoutError | net.TimeoutError | net.TCPTimedOutError):
        timeout = request.meta.get("download_timeout")
        return f"timed out after {timeout:g} s" if timeout else "timed out"
    if isinstance(exc, Refused):
        return str(exc)
    if isinstance(exc, IgnoreRequest):
        return str(exc).lower() if "robots.txt" in str(exc) else f"request dropped: {exc}"
    if isinstance(exc, net.ConnectError):
        return f"cannot connect to {host}: {exc.__class__.__name__}"
    if isinstance(exc, DownloadFailedError):
        return f"download failed: {exc}"
    if isinstance(exc, net.ConnectionDone | net.ConnectionLost):
        return f"connection closed by {urlsplit(request.url).netloc} before a full response"
    detail = str(exc).strip()
    return f"{exc.__class__.__name__}: {detail}" if detail else exc.__class__.__name__
