"""Several workers crawling one poll between them through Redis (scrapy-redis).

Turned on by a Redis URL (`[crawl] redis_url`, `-s REDIS_URL=...` or $MONITOR_REDIS_URL) on
the Scrapy path. Every key of a poll lives under `monitor:<run id>:`, the run id being the
MONITOR_RUN_ID every worker of that poll is given, so a poll never remembers the last one:

- `requests` and `dupefilter`: scrapy-redis's shared queue and seen-set, kept while any
  worker of the poll still runs (SCHEDULER_PERSIST), so the first worker to finish does not
  flush what the others are working on;
- `workers` and `idle`: who takes part and who has nothing left to do. A worker closes when
  the queue is empty and every worker is idle, so none quits while another's page may still
  add requests; the last one to close deletes every key of the poll;
- `throttle:<site>`: the moment the next request to that site may leave, on Redis's clock,
  so the configured delay spaces one site's requests across all workers, not within each.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from typing import TYPE_CHECKING, Any, Self
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy_redis.scheduler import Scheduler

from monitor.crawl.configured import RECORDER

if TYPE_CHECKING:
    from redis import Redis
    from scrapy.crawler import Crawler
    from scrapy.http import Request
    from scrapy.spiders import Spider

log = logging.getLogger(__name__)

PREFIX = "monitor"
# A safety net for a poll whose workers were all killed: its keys expire instead of piling up.
KEY_TTL_SECONDS = 24 * 3600
# A worker left waiting for one that died (it never says it is idle) gives up after this.
IDLE_TIMEOUT = "MONITOR_REDIS_IDLE_TIMEOUT"
# The configured DOWNLOAD_DELAY, kept by the shared throttle (Scrapy's own is set to 0).
SHARED_DELAY = "MONITOR_SHARED_DELAY"
DEFAULT_IDLE_TIMEOUT = 120.0


def shared_settings(redis_url: str, run_id: str | None) -> dict[str, Any]:
    """The settings that make a worker share the poll `run_id` through Redis at `redis_url`."""
    if not run_id:
        raise NotConfigured(
            "a shared (Redis) crawl needs MONITOR_RUN_ID, the same for every worker of one "
            "poll and new for each poll: -s MONITOR_RUN_ID=... or the environment variable"
        )
    base = poll_prefix(run_id).replace("%", "%%")  # scrapy-redis %-formats its keys
    return {
        "REDIS_URL": redis_url,
        "SCHEDULER": "monitor.crawl.shared.SharedScheduler",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_QUEUE_KEY": f"{base}requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{base}dupefilter",
        "SCHEDULER_PERSIST": True,
        "MONITOR_RUN_ID": run_id,
        "EXTENSIONS": {RECORDER: 500, "monitor.crawl.shared.Poll": 510},
        "DOWNLOADER_MIDDLEWARES": {"monitor.crawl.shared.SharedThrottle": 950},
    }


def poll_prefix(run_id: str) -> str:
    return f"{PREFIX}:{run_id}:"


def _redis(crawler: Crawler) -> Redis:
    from scrapy_redis.connection import get_redis_from_settings

    return get_redis_from_settings(crawler.settings)  # type: ignore[no-any-return]


class Poll:
    """Extension: joins the poll, keeps the worker open while others work, cleans up last."""

    def __init__(self, crawler: Crawler, server: Redis, run_id: str) -> None:
        self.crawler = crawler
        self.server = server
        self.prefix = poll_prefix(run_id)
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.idle_timeout = crawler.settings.getfloat(IDLE_TIMEOUT, DEFAULT_IDLE_TIMEOUT)
        self._idle_since: float | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        run_id = crawler.settings.get("MONITOR_RUN_ID")
        if not run_id or not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        poll = cls(crawler, _redis(crawler), run_id)
        crawler.signals.connect(poll.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(poll.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(poll.spider_closed, signal=signals.spider_closed)
        return poll

    def key(self, name: str) -> str:
        return self.prefix + name

    def spider_opened(self, spider: Spider) -> None:
        workers = self.server.incr(self.key("workers"))
        self.server.expire(self.key("workers"), KEY_TTL_SECONDS)
        log.info("joined poll %s as worker %s (%d taking part)", self.prefix, self.worker,
                 workers)

    def busy(self) -> None:
        """Called before taking a request from the queue: this worker is not idle now."""
        self._idle_since = None
        self.server.srem(self.key("idle"), self.worker)

    def spider_idle(self, spider: Spider) -> None:
        pipe = self.server.pipeline()
        pipe.sadd(self.key("idle"), self.worker)
        pipe.expire(self.key("idle"), KEY_TTL_SECONDS)
        for name in ("requests", "dupefilter"):
            pipe.expire(self.key(name), KEY_TTL_SECONDS)
        pipe.scard(self.key("idle"))
        pipe.get(self.key("workers"))
        pipe.zcard(self.key("requests"))
        *_, idle, workers, queued = pipe.execute()
        if not queued and idle >= int(workers or 0):
            return  # every worker is done and nothing is left: this one may close
        now = time.monotonic()
        self._idle_since = self._idle_since or now
        if now - self._idle_since > self.idle_timeout:
            log.warning("poll %s: gave up waiting for %d other worker(s) after %g s",
                        self.prefix, int(workers or 0) - idle, self.idle_timeout)
            return
        raise DontCloseSpider  # another worker may still add requests; look again shortly

    def spider_closed(self, spider: Spider, reason: str) -> None:
        pipe = self.server.pipeline()
        pipe.srem(self.key("idle"), self.worker)
        pipe.decr(self.key("workers"))
        _, left = pipe.execute()
        if left <= 0:
            keys = list(self.server.scan_iter(match=self.prefix.replace("[", "\\[") + "*"))
            if keys:
                self.server.delete(*keys)
            log.info("poll %s: last worker out, removed %d key(s)", self.prefix, len(keys))


class SharedScheduler(Scheduler):
    """scrapy-redis's scheduler without its deprecated calls, telling the poll when it works.

    scrapy-redis 0.9.1 passes `spider=` to the stats collector on every enqueue and calls
    `Spider.log()` when resuming, both deprecated in Scrapy 2.13+; the methods below are
    its own minus those arguments.
    """

    crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        instance = cls.from_settings(crawler.settings)
        instance.stats = crawler.stats
        instance.crawler = crawler
        return instance  # type: ignore[no-any-return]

    def open(self, spider: Spider) -> None:
        from scrapy.utils.misc import load_object

        self.spider = spider
        self.queue = load_object(self.queue_cls)(
            server=self.server, spider=spider, key=self.queue_key % {"spider": spider.name},
            serializer=self.serializer,
        )
        if not self.df:
            self.df = load_object(self.dupefilter_cls).from_spider(spider)
        if self.flush_on_start:
            self.flush()
        if len(self.queue):
            log.info("joining a poll with %d request(s) queued", len(self.queue))

    def enqueue_request(self, request: Request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        if not len(self.queue):
            return None
        poll = self.crawler.get_extension(Poll) if self.crawler else None
        if poll is not None:
            poll.busy()  # before the pop: no moment where work is taken by an "idle" worker
        request = self.queue.pop(self.idle_before_close)
        if request and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request  # type: ignore[no-any-return]


# Take a site's next slot now if it is free, on Redis's clock: returns 0 when taken (the
# request may go), else the microseconds until the slot frees. The slot is taken at the
# moment the request leaves, never booked ahead: a worker that wakes late (a busy CPU) then
# pushes the next request back, instead of leaving less than the delay between the two.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local free = tonumber(redis.call('GET', KEYS[1]) or '0')
if now < free then
  return free - now
end
local gap = tonumber(ARGV[1])
redis.call('SET', KEYS[1], string.format('%d', now + gap), 'PX', math.floor(gap / 1000) + 1000)
return 0
"""


class SharedThrottle:
    """Downloader middleware: a site's requests spaced by the delay across all workers.

    It replaces Scrapy's per-worker DOWNLOAD_DELAY and AutoThrottle in a shared crawl: each
    request takes the site's slot on Redis's clock just before it leaves, so the workers
    keep one schedule between them.
    """

    def __init__(self, server: Redis, prefix: str, delay: float) -> None:
        self.prefix = prefix
        self.delay_us = int(delay * 1_000_000)
        self._take = server.register_script(_TAKE)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        run_id = crawler.settings.get("MONITOR_RUN_ID")
        delay = crawler.settings.getfloat(SHARED_DELAY)
        if not run_id or not crawler.settings.get("REDIS_URL") or delay <= 0:
            raise NotConfigured
        return cls(_redis(crawler), poll_prefix(run_id), delay)

    async def process_request(self, request: Request) -> None:
        key = f"{self.prefix}throttle:{urlsplit(request.url).netloc.lower()}"
        while (wait_us := int(self._take(keys=[key], args=[self.delay_us]))) > 0:
            await asyncio.sleep(wait_us / 1_000_000)
