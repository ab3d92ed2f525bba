"""Each source's run, recorded in the store when the crawl ends: the input of source health.

An extension rather than code in the CLI, so `scrapy crawl news`, Scrapyd jobs and
scrapy-redis workers record their runs as `monitor crawl` does. Workers of one poll pass the
same MONITOR_RUN_ID and add up into one run of each source.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Self

from scrapy import signals
from scrapy.exceptions import NotConfigured

from monitor.crawl.configured import RUN_ID

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.spiders import Spider

log = logging.getLogger(__name__)


class SourceRunRecorder:
    def __init__(self, crawler: Crawler, store_url: str) -> None:
        self.crawler = crawler
        self.store_url = store_url
        self.run = crawler.settings.get(RUN_ID) or None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        url = crawler.settings.get("MONITOR_STORE_URL")
        if not url:
            raise NotConfigured("no MONITOR_STORE_URL to record source runs in")
        recorder = cls(crawler, url)
        crawler.signals.connect(recorder.spider_closed, signal=signals.spider_closed)
        return recorder

    def spider_closed(self, spider: Spider, reason: str) -> None:
        from monitor.clock import now
        from monitor.store import Store

        errors: dict[str, list[str]] = getattr(spider, "source_errors", {})
        pages: dict[str, int] = getattr(spider, "source_pages", {})
        entries: dict[str, int | None] = getattr(spider, "source_entries", {})
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        # A source skipped (its host asked us to wait) had no run: its health stays as it was.
        skipped: dict[str, str] = getattr(spider, "source_skipped", {})
        at = now()
        with Store(self.store_url) as store:
            for source in getattr(spider, "sources", ()):
                name = source.name
                if name in skipped:
                    continue
                store.record_source_run(
                    name, at, pages.get(name, 0), errors.get(name, []),
                    entries=entries.get(name), run=self.run,
                    unparsed=int(stats.get(f"monitor/{name}/unparsed", 0)),
                )
        log.debug("recorded the run of %d source(s)", len(getattr(spider, "sources", ())))
