"""Scrapy project settings, for `scrapy crawl news` and Scrapyd: what `monitor crawl` uses."""

from __future__ import annotations

from monitor.crawl.settings import crawl_settings

globals().update(crawl_settings())

SPIDER_MODULES = ["monitor.crawl.spider"]
# NewsSpider then applies monitor.toml ($MONITOR_CONFIG or -s MONITOR_CONFIG): [crawl] values,
# store, watches, conditional GET, source runs; and scrapy-redis when a Redis URL is set.
MONITOR_FROM_CONFIG = True
ITEM_PIPELINES = {"monitor.pipelines.ArticlePipeline": 300}
