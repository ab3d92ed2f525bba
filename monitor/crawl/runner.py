"""Run one crawl to completion in this process and report how each source fared."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# Every crawl loads Scrapy's HTTP/1.1 download handler; imported here, up front, rather than
# by the engine at start. Its module creates deprecated classes with `inspect.stack()`, which
# costs in proportion to the frames on the stack times the modules loaded: deep inside the
# running reactor, with the store and the pipeline loaded, that was 140 ms of every cron run,
# here 50 ms.
import scrapy.core.downloader.handlers.http11  # noqa: F401
from scrapy.crawler import AsyncCrawlerProcess

from monitor.crawl.spider import NewsSpider
from monitor.sources import Source


@dataclass(frozen=True)
class CrawlOutcome:
    """Per-source errors and article counts, and Scrapy's finish reason ("finished" when clean)."""

    source_errors: dict[str, list[str]]
    source_pages: dict[str, int]
    finish_reason: str | None
    source_entries: dict[str, int | None] = field(default_factory=dict)
    stats: dict[str, Any] = field(default_factory=dict)
    source_skipped: dict[str, str] = field(default_factory=dict)  # source -> why
    source_left: dict[str, int] = field(default_factory=dict)  # articles left for next run

    @property
    def failed_sources(self) -> list[str]:
        return [name for name, errors in self.source_errors.items() if errors]

    @property
    def ok(self) -> bool:
        return self.finish_reason == "finished" and not self.failed_sources


def run_crawl(
    sources: Sequence[Source],
    settings: Mapping[str, Any],
    pipelines: Mapping[str | type, int] | None = None,
) -> CrawlOutcome:
    """Crawl `sources` with `settings` (see crawl_settings) and item `pipelines`; blocks until done.

    Starts the asyncio reactor, which Twisted allows once per process: call this once.
    """
    merged = dict(settings)
    merged["ITEM_PIPELINES"] = {**merged.get("ITEM_PIPELINES", {}), **(pipelines or {})}
    process = AsyncCrawlerProcess(merged)
    crawler = process.create_crawler(NewsSpider)
    task = process.crawl(crawler, sources=list(sources))
    process.start()
    if task.done() and not task.cancelled() and task.exception() is not None:
        # A crawl that could not start (unreadable archive, bad setting) is the caller's error.
        raise task.exception()  # type: ignore[misc]
    spider = crawler.spider
    assert isinstance(spider, NewsSpider)
    stats = crawler.stats.get_stats() if crawler.stats else {}
    return CrawlOutcome(
        source_errors={name: list(errs) for name, errs in spider.source_errors.items()},
        source_pages=dict(spider.source_pages),
        source_entries=dict(spider.source_entries),
        finish_reason=stats.get("finish_reason"),
        stats=dict(stats),
        source_skipped=dict(spider.source_skipped),
        source_left=dict(spider.source_left),
    )
