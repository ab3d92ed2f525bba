"""The one door between crawling and the rest: parse each fetched page, store it, read facts.

Settings are plain strings (Scrapy deep-copies settings, and Scrapyd passes them as text), so
the pipeline opens its own store from MONITOR_STORE_URL and its watches from MONITOR_WATCHES.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Self

from scrapy.exceptions import NotConfigured

from monitor.crawl.conditional import conditional_get_on, forget_validators
from monitor.crawl.items import FetchedPage
from monitor.events.policy import Policy
from monitor.extract.article.page import decode_html
from monitor.ingest import ingest_page, watches_as_known
from monitor.model import Watch
from monitor.store import Store

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

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
    """Turns FetchedPage items into stored articles and event reports."""

    def __init__(self, crawler: Crawler, store_url: str, watches: tuple[Watch, ...],
                 policy: Policy | None = None) -> None:
        self.crawler = crawler
        self.store_url = store_url
        self.watches = watches
        self.policy = policy
        self.store: Store | None = None

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
        # Read this crawl's pages with what the stories already know (a moved day, a city).
        self.watches = watches_as_known(self.store, self.watches, self.policy)

    def close_spider(self) -> None:
        if self.store is not None:
            self.store.close()

    async def process_item(self, item: Any) -> Any:
        if isinstance(item, FetchedPage):
            # The store is blocking I/O: keep it off the reactor thread so fetching goes on.
            try:
                await asyncio.to_thread(self._process, item)
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

    def _process(self, page: FetchedPage) -> None:
        assert self.store is not None
        stats = self.crawler.stats
        assert stats is not None
        # Decoded here, where the HTTP charset is known: it outranks the page's own <meta>.
        text = decode_html(page.body, page.headers.get("content-type"))
        validators = None
        if page.validators and conditional_get_on(self.crawler):
            validators = {page.url: page.validators}
        done = ingest_page(self.store, text, page.url, source=page.source,
                           fetched_at=page.fetched_at or datetime.now(UTC),
                           watches=self.watches, validators=validators)
        if done.article.is_listing:
            stats.inc_value(f"monitor/{page.source}/listings")
            return
        if not done.readable:
            # A page we cannot read is a sign the site's layout changed; count it per source.
            stats.inc_value(f"monitor/{page.source}/unparsed")
            self._forget(page)  # fetch it in full again, until the parser can read it
        if done.saved is not None:
            stats.inc_value(f"monitor/articles/{done.saved.state}")
