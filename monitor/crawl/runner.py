"""Run one crawl to completion in this process and report how each source fared."""

from __future__ import annotations

import contextlib
import importlib
import inspect
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import FrameType, SimpleNamespace
from typing import Any

from scrapy.crawler import AsyncCrawlerProcess

from monitor.crawl.spider import NewsSpider
from monitor.sources import Source


@contextlib.contextmanager
def _module_only_stack() -> Iterator[None]:
    """`inspect.stack()` answering with each frame's module alone while Scrapy's TLS modules load.

    Their deprecated class aliases (`create_deprecated_class`) call `inspect.stack()` only for
    `inspect.getmodule(stack()[1][0])`, the module that created them. The real `stack()` also
    looks up every frame's source file and line, which for the frozen importlib frames of a
    nested import means a scan of every loaded module per frame; and `getmodule` of a frame
    maps the file of every loaded module. On an idle cron run (2 cores) the 3 calls cost 80-130
    ms of CPU, the most of anything in the import of the download handler, and 25 ms more
    with frames alone. Each entry here holds a stand-in with the frame's `__module__`, from
    which `getmodule` returns the same module (the one being imported, already in
    sys.modules), so the aliases get the same `__module__` as before. Scrapy's deprecation
    helper is the only caller of `inspect.stack()` in what this import loads.
    """
    real = inspect.stack

    def modules(context: int = 1) -> list[tuple[SimpleNamespace]]:
        frame: FrameType | None = sys._getframe(1)
        found = []
        while frame is not None:
            found.append((SimpleNamespace(__module__=frame.f_globals.get("__name__")),))
            frame = frame.f_back
        return found

    inspect.stack = modules  # type: ignore[assignment]
    try:
        yield
    finally:
        inspect.stack = real


# Every crawl loads Scrapy's HTTP/1.1 download handler; loaded here, up front, rather than by
# the engine at start. Its module creates deprecated classes with `inspect.stack()`, which
# costs in proportion to the frames on the stack times the modules loaded: deep inside the
# running reactor, with the store and the pipeline loaded, that was 140 ms of every cron run,
# here 50 ms, and with _module_only_stack a few ms.
with _module_only_stack():
    importlib.import_module("scrapy.core.downloader.handlers.http11")


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
