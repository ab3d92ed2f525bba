"""The one door between crawling and the rest: parse each fetched page, store it, read facts.

Settings are plain strings (Scrapy deep-copies settings, and Scrapyd passes them as text), so
the pipeline opens its own store from MONITOR_STORE_URL and its watches from MONITOR_WATCHES.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Self

from scrapy.exceptions import NotConfigured

from monitor.crawl.conditional import conditional_get_on, forget_validators
from monitor.crawl.items import FetchedPage
from monitor.events.policy import Policy
from monitor.ingest import is_readable, kept_validators, skip_unstorable, watches_as_known
from monitor.model import Article, EventReport, Watch
from monitor.store import Store
from monitor.store.errors import ReadingNeeded
from monitor.store.records import SavedArticle
from monitor.workers import CpuPool, default_workers, extract_page, read_and_fingerprint

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from monitor.similarity import Fingerprint

log = logging.getLogger(__name__)


def watches_setting(watches: Sequence[Watch]) -> list[dict[str, Any]]:
    """Watches as plain data for the MONITOR_WATCHES setting."""
    return [
        {"name": w.name, "company": w.company, "aliases": list(w.aliases), "city": w.city,
         "date": w.date.isoformat() if w.date else None}
        for w in watches
    ]


def policy_setting(policy: Policy) -> dict[str, Any]:
    """The `[alerts]` rules as plain data for the MONITOR_ALERTS setting."""
    return {"alone": sorted(policy.alone), "detail_sources": policy.detail_sources,
            "confirm_sources": policy.confirm_sources,
            "other_event_days": policy.other_event_days}


def policy_from_setting(raw: Mapping[str, Any] | None) -> Policy | None:
    if not raw:
        return None
    return Policy(alone=frozenset(raw["alone"]), detail_sources=int(raw["detail_sources"]),
                  confirm_sources=int(raw["confirm_sources"]),
                  other_event_days=int(raw["other_event_days"]))


def _watches(raw: Sequence[Mapping[str, Any]]) -> tuple[Watch, ...]:
    return tuple(
        Watch(name=w["name"], company=w["company"], aliases=tuple(w.get("aliases") or ()),
              city=w.get("city"), date=date.fromisoformat(w["date"]) if w.get("date") else None)
        for w in raw
    )


class ArticlePipeline:
    """Turns FetchedPage items into stored articles and event reports.

    Extraction and reading run in worker processes (MONITOR_WORKERS, default one per core up
    to 4; 0 runs them in one thread of this process); the store is written by one thread.
    No lxml or trafilatura object is ever used by two threads at once (issue 13).
    """

    def __init__(self, crawler: Crawler, store_url: str, watches: tuple[Watch, ...],
                 policy: Policy | None = None) -> None:
        self.crawler = crawler
        self.store_url = store_url
        self.watches = watches
        self.policy = policy
        self.store: Store | None = None
        workers = crawler.settings.get("MONITOR_WORKERS")
        self.cpu = CpuPool(default_workers() if workers in (None, "") else int(workers))
        # The one thread that talks to the store: it is blocking I/O, kept off the reactor.
        self._writer: ThreadPoolExecutor | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        url = crawler.settings.get("MONITOR_STORE_URL")
        if url:
            return cls(crawler, url, _watches(crawler.settings.getlist("MONITOR_WATCHES")),
                       policy_from_setting(crawler.settings.get("MONITOR_ALERTS")))
        # Run as a Scrapy project (`scrapy crawl news`, Scrapyd): the config file says.
        from monitor.config import ConfigError, load_config

        try:
            config = load_config(crawler.settings.get("MONITOR_CONFIG"))
        except ConfigError as exc:
            raise NotConfigured(str(exc)) from None
        return cls(crawler, config.store_url, config.watches, config.alerts)

    def open_spider(self) -> None:
        self.store = Store(self.store_url)
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="monitor-store")
        # Read this crawl's pages with what the stories already know (a moved day, a city).
        self.watches = watches_as_known(self.store, self.watches, self.policy)

    def close_spider(self) -> None:
        self.cpu.close()
        if self._writer is not None:
            self._writer.shutdown(wait=True)
        if self.store is not None:
            self.store.close()

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, FetchedPage):
            try:
                await self._process(item)
            except Exception as exc:
                # One bad page must not stop the crawl; it counts against its source.
                log.exception("%s: %s: could not be processed", item.source, item.url)
                self._page_failed(item, f"{item.url}: could not be processed: {exc!r}")
        return item

    def _page_failed(self, page: FetchedPage, message: str) -> None:
        self._forget(page)
        spider = self.crawler.spider
        errors = getattr(spider, "source_errors", None)
        if isinstance(errors, dict):
            errors.setdefault(page.source, []).append(message)

    def _forget(self, page: FetchedPage) -> None:
        try:
            forget_validators(self.crawler, page.url, page.requested_url)
        except Exception:  # the store may be what failed; the page is lost for this run only
            log.exception("%s: could not forget validators of %s", page.source, page.url)

    async def _io(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        assert self._writer is not None
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._writer, lambda: fn(*args, **kwargs))

    async def _read(self, article: Article) -> tuple[list[EventReport], Fingerprint]:
        return await self.cpu.run(read_and_fingerprint, article, self.watches)

    async def _process(self, page: FetchedPage) -> None:
        """As `monitor.ingest.ingest_page`, with the CPU work in workers and the store in
        its thread."""
        assert self.store is not None
        stats = self.crawler.stats
        assert stats is not None
        # Decoded in the worker with the HTTP charset, which outranks the page's own <meta>.
        fetched_at = page.fetched_at or datetime.now(UTC)
        article = await self.cpu.run(extract_page, page.body, page.headers.get("content-type"),
                                     page.url, page.source, fetched_at)
        if article.is_listing:
            # A feed entry that is a listing: its articles are what the entry meant.
            follow = getattr(self.crawler.spider, "follow_listing", None)
            if follow is not None:
                follow(page, article.links)
        validators = None
        if page.validators and conditional_get_on(self.crawler):
            validators = {page.url: page.validators}
        saved = None
        if skip_unstorable(article, page.source) is None:
            saved = await self._save(article, page.source, fetched_at, validators)
        if article.is_listing:
            stats.inc_value(f"monitor/{page.source}/listings")
            return
        if not is_readable(article):
            # A page we cannot read is a sign the site's layout changed; count it per source.
            stats.inc_value(f"monitor/{page.source}/unparsed")
            await self._io(self._forget, page)  # fetched in full again, until it can be read
        if saved is not None:
            stats.inc_value(f"monitor/articles/{saved.state}")

    async def _save(self, article: Article, source: str, fetched_at: datetime,
                    validators: Any) -> SavedArticle:
        # Read before storing, and store both at once (see ingest_page); an article stored
        # with the same text is not read again, unless it changed meanwhile.
        store = self.store
        unchanged = await self._io(store.is_unchanged, article)
        reports, fingerprint = (None, None) if unchanged else await self._read(article)
        kept = kept_validators(article, validators)
        try:
            return await self._io(store.save_page, article, source=source,
                                  fetched_at=fetched_at, reports=reports, validators=kept,
                                  fingerprint=fingerprint)
        except ReadingNeeded:
            reports, fingerprint = await self._read(article)
            return await self._io(store.save_page, article, source=source,
                                  fetched_at=fetched_at, reports=reports, validators=kept,
                                  fingerprint=fingerprint)
