"""Scrapy's AutoThrottle, with a 304 Not Modified counted as the answer it is.

Scrapy's AutoThrottle never lowers a site's delay on a response other than 200: error pages
and redirects are small and quick, and a site in trouble answering them fast would otherwise
talk the crawler into going faster. A 304 is neither: it is the site's ordinary answer to a
conditional GET (monitor.crawl.conditional), and on a cron run with nothing new nearly every
answer is one. There, the rule froze the delay at whatever one early response took (on an
idle run of 20 local pages, 11 ms measured while the crawler itself was busy scheduling the
feed's requests) for the rest of the run: 20 pages spaced by it, 180 ms of a 1.6 s run spent
waiting on a site that answered in 1 ms.

Here a 304 adjusts the delay as a 200 does, by the same rule: towards its latency, at once up
to it when it is slower. Politeness stays where the user put it: the delay never goes below
DOWNLOAD_DELAY (1 s by default, `crawl.download_delay`), robots.txt is obeyed as before, and
every other status is left to Scrapy's rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.extensions.throttle import AutoThrottle as ScrapyAutoThrottle

if TYPE_CHECKING:
    from scrapy.core.downloader import Slot
    from scrapy.http import Response

NOT_MODIFIED = 304


class AutoThrottle(ScrapyAutoThrottle):
    """AutoThrottle (same settings, AUTOTHROTTLE_*) in which a 304 may lower the delay."""

    def _adjust_delay(self, slot: Slot, latency: float, response: Response) -> None:
        if response.status != NOT_MODIFIED:
            super()._adjust_delay(slot, latency, response)
            return
        # Scrapy's rule for a 200 (scrapy.extensions.throttle.AutoThrottle._adjust_delay).
        target_delay = latency / self.target_concurrency
        new_delay = max(target_delay, (slot.delay + target_delay) / 2.0)
        slot.delay = min(max(self.mindelay, new_delay), self.maxdelay)
