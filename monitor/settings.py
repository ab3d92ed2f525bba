"""Scrapy project settings, for `scrapy crawl news` and Scrapyd: what `monitor crawl` uses."""

from __future__ import annotations

from monitor.crawl.settings import crawl_settings

globals().update(crawl_settings())

SPIDER_MODULES = ["monitor.crawl.spider"]
ITEM_PIPELINES = {"monitor.pipelines.ArticlePipeline": 300}
