"""A progress line on a terminal during a crawl: sources listed, pages fetched, failures.

A downloader middleware at the outermost place sees each request once on the way in and its
final outcome on the way out: a response, or an exception (robots.txt refusals included). A
redirect or a retry comes back as a new request carrying `redirect_urls` / `retry_times`, so it
is the same fetch still under way, not a new one. Only with MONITOR_PROGRESS set and standard
error a terminal: cron and pipes never see a byte of it.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import TYPE_CHECKING, Self, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

SETTING = "MONITOR_PROGRESS"
# At most this many redraws a second: a terminal is slow, and nobody reads faster.
REDRAW_EVERY = 0.1


class ProgressMiddleware:
    def __init__(self, crawler: Crawler, stream: TextIO) -> None:
        self.stream = stream
        self.sources = len(getattr(crawler.spidercls, "sources", ()) or ())
        self.listings: Counter[str] = Counter()  # listing fetches under way, per source
        self.listed: set[str] = set()  # sources whose every listing has answered
        self.pages_queued = 0
        self.pages_done = 0
        self.failed = 0
        self._drawn = 0.0
        self._width = 0
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(self.request_dropped, signal=signals.request_dropped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        if not crawler.settings.getbool(SETTING) or not sys.stderr.isatty():
            raise NotConfigured
        return cls(crawler, sys.stderr)

    def spider_opened(self, spider: Spider) -> None:
        self.sources = len(getattr(spider, "sources", ()) or ())
        self._draw(force=True)

    def spider_closed(self, spider: Spider) -> None:
        # Leave the terminal as it was: the summary that follows starts on a clean line.
        self.stream.write("\r" + " " * self._width + "\r")
        self.stream.flush()

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        # Counted when queued, not when fetched, so "8/20" says how much is still to come.
        if _new_page(request):
            self.pages_queued += 1
            self._draw()

    def request_dropped(self, request: Request, spider: Spider) -> None:
        if _new_page(request):
            self.pages_queued -= 1

    def process_request(self, request: Request) -> None:
        if _new_fetch(request) and _is_listing(request):
            self.listings[request.meta["source"]] += 1
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        self._finished(request, failed=False)
        return response

    def process_exception(self, request: Request, exception: BaseException) -> None:
        self._finished(request, failed=True)
        return None

    def _finished(self, request: Request, *, failed: bool) -> None:
        source = request.meta.get("source")
        if source is None:
            return
        self.failed += failed
        milestone = False
        if _is_listing(request):
            self.listings[source] -= 1
            if self.listings[source] <= 0 and source not in self.listed:
                self.listed.add(source)
                milestone = True
        else:
            self.pages_done += 1
            milestone = self.pages_done == self.pages_queued
        # A source listed, or every page queued so far fetched, is always shown.
        self._draw(force=milestone)

    def _draw(self, *, force: bool = False) -> None:
        moment = time.monotonic()
        if not force and moment - self._drawn < REDRAW_EVERY:
            return
        self._drawn = moment
        line = (f"monitor: sources listed {len(self.listed)}/{self.sources} · "
                f"pages fetched {self.pages_done}/{self.pages_queued}"
                + (f" · {self.failed} failed" if self.failed else ""))
        self._width = max(self._width, len(line))
        self.stream.write("\r" + line.ljust(self._width))
        self.stream.flush()


def _new_fetch(request: Request) -> bool:
    # Not robots.txt (no source), and not a redirect or retry of a fetch already counted.
    meta = request.meta
    return "source" in meta and "redirect_urls" not in meta and "retry_times" not in meta


def _new_page(request: Request) -> bool:
    return _new_fetch(request) and not _is_listing(request)


def _is_listing(request: Request) -> bool:
    # Feeds and sitemaps go to the spider's parse_listing; articles to parse_article.
    return getattr(request.callback, "__name__", "") == "parse_listing"
