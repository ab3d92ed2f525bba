"""The run-wide time budget: past it the crawl stops cleanly and the run goes on to alerting.

Scrapy's CLOSESPIDER_TIMEOUT closes the spider but lets the downloader work through every
request already queued per site, which at a polite delay can take as long as the crawl
itself. Here the queued requests are dropped at once (answered with BudgetSpent, which the
spider counts as left for the next run, not as an error); downloads already on the wire
finish, each bounded by the download timeout, and what they bring is stored as usual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.asyncio import call_later
from scrapy.utils.defer import deferred_from_coro
from twisted.python.failure import Failure

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.utils.asyncio import CallLaterResult

TIME_BUDGET = "MONITOR_TIME_BUDGET"
REASON = "time_budget"


class BudgetSpent(IgnoreRequest):
    """A request dropped because the run's time budget was spent; it waits for the next run."""


class TimeBudget:
    """Extension: closes the spider with reason "time_budget" once MONITOR_TIME_BUDGET passed."""

    def __init__(self, crawler: Crawler, budget: float) -> None:
        self.crawler = crawler
        self.budget = budget
        self._call: CallLaterResult | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> TimeBudget:
        budget = crawler.settings.getfloat(TIME_BUDGET)
        if budget <= 0:
            raise NotConfigured
        return cls(crawler, budget)

    def spider_opened(self) -> None:
        self._call = call_later(self.budget, self._spent)

    def spider_closed(self) -> None:
        if self._call is not None:
            self._call.cancel()

    def _spent(self) -> None:
        engine = self.crawler.engine
        assert engine is not None
        for slot in engine.downloader.slots.values():
            while slot.queue:
                _request, waiting = slot.queue.popleft()
                waiting.errback(Failure(BudgetSpent(f"time budget of {self.budget:g} s spent")))
        # As Scrapy's own CloseSpider extension does, through the reactor in use.
        deferred_from_coro(engine.close_spider_async(reason=REASON))
