"""Scrapy settings for a polite crawl, with monitor's middlewares wired in."""

from __future__ import annotations

import copy
from typing import Any

from monitor import __version__

# Honest and checkable: what the bot is and that it obeys robots.txt. `crawl.user_agent_contact`
# in monitor.toml adds the operator's URL or e-mail, as site owners prefer.
USER_AGENT = f"monitor/{__version__} (news monitoring crawler; obeys robots.txt)"


def user_agent(contact: str | None = None) -> str:
    return f"{USER_AGENT[:-1]}; +{contact})" if contact else USER_AGENT

# Setting names read by monitor's downloader middlewares.
VALIDATOR_STORE = "MONITOR_VALIDATOR_STORE"
REPLAY = "MONITOR_REPLAY"
RECORD = "MONITOR_RECORD"
# Per-source bounds of one run (see NewsSpider): entries read per listing, child sitemaps
# fetched, article pages fetched. What the page cap leaves is fetched by the next runs.
MAX_FEED_ITEMS = "MONITOR_MAX_FEED_ITEMS"
MAX_SITEMAPS = "MONITOR_MAX_SITEMAPS"
MAX_PAGES = "MONITOR_MAX_PAGES"

# process_request runs in ascending order, process_response in descending order.
# Replay answers last, right before the network would. Decompression moves above the redirect
# middleware so that the recorder under it sees decoded bodies *and* 3xx responses, which a
# replay needs to follow the same redirects.
_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": 610,
    "monitor.crawl.warc.WarcRecordMiddleware": 605,
    "monitor.crawl.conditional.ConditionalGetMiddleware": 585,
    "monitor.crawl.warc.WarcReplayMiddleware": 990,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "monitor.crawl.robots.QuietRobotsTxtMiddleware": 100,
    # Before robots.txt, so not even that is asked of an address the source may not reach.
    "monitor.crawl.guard.PrivateAddressMiddleware": 50,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "monitor.crawl.guard.LoopSafeRedirectMiddleware": 600,
    # Above RetryMiddleware (550): it sees a 429/503 first and can stop the in-run retry.
    "monitor.crawl.backoff.RetryAfterMiddleware": 560,
    # Outermost, so it sees every fetch once and its final outcome; off unless on a terminal.
    "monitor.crawl.progress.ProgressMiddleware": 40,
}

# Scrapy components a crawl never uses, taken out of Scrapy's `*_BASE` tables (see
# crawl_settings) rather than set to None in the tables above: Scrapy 2.19 imports every key
# of an override table to normalise it, None or not (get_component_priority_dict_with_base),
# and only the keys of a `_BASE` table that stay enabled. So these are neither run nor imported:
# - RemoteControl, which Scrapy 2.19 starts by default: an HTTP server on localhost that runs
#   any Python code sent with the token it writes to the user's profile folder. A cron job has
#   no use for it, it leaves job files behind, and its import (aiohttp) cost a quarter of a CPU
#   second of every run;
# - CookiesMiddleware: off anyway (COOKIES_ENABLED is False below); its import (tldextract,
#   requests) cost a tenth of a second;
# - Scrapy's AutoThrottle, replaced by monitor.crawl.throttle.AutoThrottle (in EXTENSIONS
#   below, same place and settings), which lets a 304 lower the delay as a 200 does.
_UNUSED_BASE = {
    "EXTENSIONS_BASE": ("scrapy.extensions.remote_control.RemoteControl",
                        "scrapy.extensions.throttle.AutoThrottle"),
    "DOWNLOADER_MIDDLEWARES_BASE": ("scrapy.downloadermiddlewares.cookies.CookiesMiddleware",),
}

_DEFAULTS: dict[str, Any] = {
    "BOT_NAME": "monitor",
    "ROBOTSTXT_OBEY": True,
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 2,
    "DOWNLOAD_DELAY": 1.0,
    "DOWNLOAD_TIMEOUT": 30,
    "RETRY_TIMES": 1,
    "USER_AGENT": USER_AGENT,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "INFO",
    "COOKIES_ENABLED": False,
    # Feeds and articles are small; anything bigger is not a page we want.
    "DOWNLOAD_MAXSIZE": 32 * 1024 * 1024,
    "DOWNLOADER_MIDDLEWARES": _MIDDLEWARES,
    # Defaults that fit a 15-minute cron at the default delay (monitor.config.CRAWL_NUMBERS).
    MAX_FEED_ITEMS: 100,
    MAX_SITEMAPS: 20,
    MAX_PAGES: 100,
    # The run-wide time budget: the crawl stops cleanly here, and what it fetched is stored.
    "MONITOR_TIME_BUDGET": 600,
    "EXTENSIONS": {"monitor.crawl.budget.TimeBudget": 100,
                   # Where Scrapy's AutoThrottle sat in EXTENSIONS_BASE (see _UNUSED_BASE).
                   "monitor.crawl.throttle.AutoThrottle": 0},
    # Belt and braces: RemoteControl is not in the extensions at all (_UNUSED_BASE).
    "REMOTE_CONTROL_ENABLED": False,
    # Scrapy's check that a generator callback returns no value reads and parses the
    # callback's source for every response (its cache is keyed by the bound method, a new
    # object each time): 2 ms of CPU a response, 40 ms of a 20-page idle run. The spider's code
    # does not change between responses; tests/test_lazy_imports.py runs the same check once.
    "WARN_ON_GENERATOR_RETURN_VALUE": False,
    # Scrapy starts this many asyncio tasks for the output of every response (100 by default),
    # to process that many of its items at once. The spider yields at most one item a
    # response (the page) beside its requests, which are only scheduled: 100 tasks a response
    # were 2,000 task starts in a 20-page idle run for nothing. 4 keeps a little headroom.
    "CONCURRENT_ITEMS": 4,
}


def _base_tables() -> dict[str, dict[str, int]]:
    """Scrapy's own `*_BASE` component tables less the components in _UNUSED_BASE."""
    from scrapy.settings import default_settings

    return {name: {path: order for path, order in getattr(default_settings, name).items()
                   if path not in unused}
            for name, unused in _UNUSED_BASE.items()}


class Shared:
    """Keeps one object shared when Scrapy deep-copies its settings (a store must not be cloned)."""

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def __deepcopy__(self, memo: dict[int, object]) -> Shared:
        return self


def crawl_settings(
    *,
    validator_store: object | None = None,
    replay: list[str] | None = None,
    record: str | None = None,
    **overrides: Any,
) -> dict[str, Any]:
    """Settings for one crawl: polite defaults, then the optional features, then `overrides`."""
    settings = copy.deepcopy(_DEFAULTS)
    settings.update(_base_tables())
    if validator_store is not None:
        settings[VALIDATOR_STORE] = Shared(validator_store)
    if replay:
        settings[REPLAY] = [str(p) for p in replay]
    if record:
        settings[RECORD] = str(record)
    # Component tables add to the defaults (the time budget, the middlewares), not replace them.
    middlewares = {**_MIDDLEWARES, **overrides.pop("DOWNLOADER_MIDDLEWARES", {})}
    extensions = {**settings["EXTENSIONS"], **overrides.pop("EXTENSIONS", {})}
    settings.update(overrides)
    settings["DOWNLOADER_MIDDLEWARES"] = middlewares
    settings["EXTENSIONS"] = extensions
    return settings
