"""robots.txt as RFC 9309 says: 4xx allows all, 5xx or a timeout disallows all for this run.

Scrapy parses a 5xx error page as if it were the rules (which allows everything) and treats
a robots.txt that timed out as allow-all. RFC 9309 (2.3.1.3, 2.3.1.4): an unreachable
robots.txt means complete disallow until it can be fetched again; each run asks afresh, so
the site is crawled again on the first run after it recovers. A robots.txt that cannot be
fetched because the host refuses connections or does not resolve leaves the decision to the
request itself, which fails the same way and says so.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import DownloadTimeoutError, IgnoreRequest
from scrapy.http import Request
from scrapy.http.request import NO_CALLBACK
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import error as net
from twisted.internet.defer import Deferred

from monitor.crawl.guard import Refused

if TYPE_CHECKING:
    from scrapy.robotstxt import RobotParser

logger = logging.getLogger(__name__)


class QuietRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Offline, Scrapy logs a traceback per site; the request itself then fails and is reported."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        url = urlparse_cached(request)
        netloc = url.netloc
        if netloc not in self._parsers:
            self._parsers[netloc] = Deferred()
            robotsreq = Request(
                f"{url.scheme}://{netloc}/robots.txt",
                priority=self.DOWNLOAD_PRIORITY,
                meta={"dont_obey_robotstxt": True},
                callback=NO_CALLBACK,
            )
            try:
                assert self.crawler.engine is not None
                resp = await self.crawler.engine.download_async(robotsreq)
                if resp.status >= 500:
                    self._unreachable(netloc, f"robots.txt answered HTTP {resp.status}")
                else:
                    await self._parse_robots(resp, netloc, request)
            except Exception as exc:
                if isinstance(exc, DownloadTimeoutError | net.TimeoutError):
                    self._unreachable(netloc, "robots.txt timed out")
                else:
                    if not isinstance(exc, IgnoreRequest):
                        logger.warning("Cannot fetch %s: %s", robotsreq.url, exc)
                    self._robots_error(exc, netloc)
            self._stats.inc_value("robotstxt/request_count")
        parser = self._parsers[netloc]
        if isinstance(parser, Deferred):
            return await maybe_deferred_to_future(parser)
        return parser

    def _unreachable(self, netloc: str, why: str) -> None:
        waiting = self._parsers[netloc]
        parser = _DisallowAll(why)
        self._parsers[netloc] = parser
        assert isinstance(waiting, Deferred)
        waiting.callback(parser)

    def process_request_2(self, rp: RobotParser | None, request: Request) -> None:
        if isinstance(rp, _DisallowAll):
            self._stats.inc_value("robotstxt/forbidden")
            raise Refused(f"{rp.why}: crawling disallowed until it recovers (RFC 9309)")
        super().process_request_2(rp, request)


class _DisallowAll:
    """The rules of a host whose robots.txt is unreachable: nothing may be fetched."""

    def __init__(self, why: str) -> None:
        self.why = why

    def allowed(self, url: str | bytes, user_agent: str | bytes) -> bool:
        return False
