"""Run the real NewsSpider in the test's reactor and collect what it yields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from monitor.crawl.conditional import validator_store
from monitor.crawl.items import FetchedPage
from monitor.crawl.settings import Shared, crawl_settings
from monitor.crawl.spider import NewsSpider
from monitor.sources import Source

COLLECTOR = "TEST_COLLECTOR"


class CollectPipeline:
    """Appends every item to the list shared through the TEST_COLLECTOR setting."""

    def __init__(self, crawler: Crawler) -> None:
        self.items: list[Any] = crawler.settings[COLLECTOR].obj
        self.validators = validator_store(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CollectPipeline:
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        self.items.append(item)
        # Like the article pipeline, keep a page's validators once the page is kept.
        if isinstance(item, FetchedPage) and item.validators and self.validators is not None:
            self.validators.put_validators(item.url, *item.validators)
        return item


@dataclass
class CrawlResult:
    spider: NewsSpider
    crawler: Crawler
    items: list[FetchedPage] = field(default_factory=list)

    @property
    def errors(self) -> dict[str, list[str]]:
        return {name: errs for name, errs in self.spider.source_errors.items() if errs}

    @property
    def urls(self) -> list[str]:
        return sorted(page.url for page in self.items)


def fast_settings(**overrides: Any) -> dict[str, Any]:
    """crawl_settings without the politeness delays, which only slow tests down."""
    base: dict[str, Any] = {
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "RETRY_TIMES": 0,
        "DOWNLOAD_TIMEOUT": 10,
        "LOG_LEVEL": "WARNING",
    }
    return crawl_settings(**{**base, **overrides})


async def crawl(sources: Sequence[Source], settings: dict[str, Any]) -> CrawlResult:
    items: list[FetchedPage] = []
    settings = {
        **settings,
        COLLECTOR: Shared(items),
        "ITEM_PIPELINES": {**settings.get("ITEM_PIPELINES", {}), CollectPipeline: 100},
    }
    crawler = get_crawler(NewsSpider, settings)
    await crawler.crawl_async(sources=list(sources))
    spider = crawler.spider
    assert isinstance(spider, NewsSpider)
    return CrawlResult(spider, crawler, items)
