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
    # Off (COOKIES_ENABLED is False below); None spares every run importing it to find out.
    "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": None,
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
    "EXTENSIONS": {
        "monitor.crawl.budget.TimeBudget": 100,
        # Scrapy 2.19 starts this by default: an HTTP server on localhost that runs any Python
        # code sent with the token it writes to the user's profile folder. A cron job has no
        # use for it, it leaves job files behind, and its import (aiohttp) costs a tenth of a
        # second of every run. None: the extension is not even imported.
        "scrapy.extensions.remote_control.RemoteControl": None,
    },
    "REMOTE_CONTROL_ENABLED": False,
}


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
