"""Crawling: fetch feeds, news sitemaps and article pages; hand raw pages to item pipelines.

The names below are loaded from their modules on first use (PEP 562), not when the package
is: every `monitor.crawl.*` import runs this file first, and a cron run should not pay for the
feed parser's, the WARC reader's or the spider's imports where it needs none of them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from monitor.crawl.conditional import MemoryValidatorStore, ValidatorStore
    from monitor.crawl.feeds import FeedDoc, FeedEntry, FeedError, parse_feed
    from monitor.crawl.items import FetchedPage
    from monitor.crawl.runner import CrawlOutcome, run_crawl
    from monitor.crawl.settings import RECORD, REPLAY, VALIDATOR_STORE, crawl_settings
    from monitor.crawl.spider import NewsSpider
    from monitor.crawl.warc import WarcError, load_archives, write_warc

_HOMES = {
    "MemoryValidatorStore": "conditional", "ValidatorStore": "conditional",
    "FeedDoc": "feeds", "FeedEntry": "feeds", "FeedError": "feeds", "parse_feed": "feeds",
    "FetchedPage": "items", "CrawlOutcome": "runner", "run_crawl": "runner",
    "RECORD": "settings", "REPLAY": "settings", "VALIDATOR_STORE": "settings",
    "crawl_settings": "settings", "NewsSpider": "spider", "WarcError": "warc",
    "load_archives": "warc", "write_warc": "warc",
}

__all__ = [
    "RECORD",
    "REPLAY",
    "VALIDATOR_STORE",
    "CrawlOutcome",
    "FeedDoc",
    "FeedEntry",
    "FeedError",
    "FetchedPage",
    "MemoryValidatorStore",
    "NewsSpider",
    "ValidatorStore",
    "WarcError",
    "crawl_settings",
    "load_archives",
    "parse_feed",
    "run_crawl",
    "write_warc",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # once looked up, an ordinary module attribute
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
