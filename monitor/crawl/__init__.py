"""Crawling: fetch feeds, news sitemaps and article pages; hand raw pages to item pipelines."""

from __future__ import annotations

from monitor.crawl.conditional import MemoryValidatorStore, ValidatorStore
from monitor.crawl.feeds import FeedDoc, FeedEntry, FeedError, parse_feed
from monitor.crawl.items import FetchedPage
from monitor.crawl.runner import CrawlOutcome, run_crawl
from monitor.crawl.settings import RECORD, REPLAY, VALIDATOR_STORE, crawl_settings
from monitor.crawl.spider import NewsSpider
from monitor.crawl.warc import WarcError, load_archives, write_warc

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
