"""Scrapy settings from monitor.toml: the one recipe for `monitor crawl`, `scrapy crawl news`,
Scrapyd jobs and scrapy-redis workers, so each crawls with the same politeness and store.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import NotConfigured

from monitor.crawl.settings import user_agent

if TYPE_CHECKING:
    from datetime import datetime

    from scrapy.settings import BaseSettings

    from monitor.config import Config

# Set by monitor/settings.py: a run started by Scrapy itself reads monitor.toml (see NewsSpider).
FROM_CONFIG = "MONITOR_FROM_CONFIG"
# The poll a worker belongs to; workers given the same one share a scrapy-redis queue.
RUN_ID = "MONITOR_RUN_ID"
# Records each source's run at the end of the crawl, for source health.
RECORDER = "monitor.crawl.bookkeeping.SourceRunRecorder"

# Above `-s` (cmdline, 40): for the few settings a shared crawl must own.
OVER_CMDLINE = 50

_CRAWL_NAMES = {"download_delay": "DOWNLOAD_DELAY", "timeout": "DOWNLOAD_TIMEOUT",
                "concurrent_requests_per_domain": "CONCURRENT_REQUESTS_PER_DOMAIN",
                "max_feed_items": "MONITOR_MAX_FEED_ITEMS", "max_sitemaps": "MONITOR_MAX_SITEMAPS",
                "max_pages": "MONITOR_MAX_PAGES", "time_budget": "MONITOR_TIME_BUDGET"}


def crawl_overrides(crawl: Mapping[str, Any]) -> dict[str, Any]:
    """Scrapy settings for the `[crawl]` table's politeness keys."""
    overrides = {_CRAWL_NAMES[k]: v for k, v in crawl.items() if k in _CRAWL_NAMES}
    if "download_delay" in crawl:
        # AutoThrottle adapts the delay from here; starting higher would ignore the user.
        overrides["AUTOTHROTTLE_START_DELAY"] = crawl["download_delay"]
    if crawl.get("user_agent_contact"):
        overrides["USER_AGENT"] = user_agent(str(crawl["user_agent_contact"]))
    return overrides


def config_settings(config: Config, env: Mapping[str, str] = os.environ) -> dict[str, Any]:
    """Every setting a crawl takes from the config: politeness, store, watches, pipeline."""
    from monitor.pipelines import policy_setting, watches_setting

    settings = crawl_overrides(config.crawl)
    settings.update({
        "MONITOR_STORE_URL": config.store_url,
        "MONITOR_WATCHES": watches_setting(config.watches),
        "MONITOR_ALERTS": policy_setting(config.alerts),
        "ITEM_PIPELINES": {"monitor.pipelines.ArticlePipeline": 300},
        "EXTENSIONS": {RECORDER: 500},
    })
    return settings


def apply_config(settings: BaseSettings, env: Mapping[str, str] = os.environ) -> None:
    """For runs Scrapy starts itself: the config's settings, below any `-s` given by hand.

    The config is MONITOR_CONFIG (a `-s` or Scrapyd job setting, or the environment
    variable), else ./monitor.toml.
    """
    from monitor.config import load_config
    from monitor.crawl.settings import REPLAY, VALIDATOR_STORE, Shared

    config = load_config(settings.get("MONITOR_CONFIG") or None)
    for name, value in config_settings(config).items():
        _set(settings, name, value)
    if not settings.get(REPLAY) and not settings.get(VALIDATOR_STORE):
        # Validators live in the database, as for `monitor crawl`; replays send none.
        settings.set(VALIDATOR_STORE, Shared(LazyStore(settings["MONITOR_STORE_URL"])),
                     priority="spider")
    if not settings.get(RUN_ID) and env.get(RUN_ID):
        settings.set(RUN_ID, env[RUN_ID], priority="spider")
    redis_url = settings.get("REDIS_URL") or env.get("MONITOR_REDIS_URL") or config.crawl.get(
        "redis_url")
    if redis_url:
        try:
            # Only a shared crawl needs scrapy-redis (the "shared" extra).
            from monitor.crawl.shared import SHARED_DELAY, shared_settings
        except ModuleNotFoundError as exc:
            raise NotConfigured(f"redis_url {redis_url!r} needs scrapy-redis: "
                                f"pip install 'monitor[shared]' ({exc})") from None
        for name, value in shared_settings(str(redis_url), settings.get(RUN_ID)).items():
            _set(settings, name, value)
        # Scrapy delays a request in its download slot, after every middleware: a delay there
        # on top of the shared reservation would shift requests off their reserved moments
        # (two workers' requests could come closer than the delay). The shared throttle
        # takes the whole delay over, above even `-s`.
        settings.set(SHARED_DELAY, settings.getfloat("DOWNLOAD_DELAY"), priority="spider")
        settings.set("DOWNLOAD_DELAY", 0, priority=OVER_CMDLINE)
        settings.set("AUTOTHROTTLE_ENABLED", False, priority=OVER_CMDLINE)


def _set(settings: BaseSettings, name: str, value: Any) -> None:
    """Set below `-s` (cmdline outranks spider priority); component tables are merged."""
    if isinstance(value, dict):
        value = {**settings.getdict(name), **value}
    settings.set(name, value, priority="spider")


class LazyStore:
    """A store opened on first use, so reading settings never touches the database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._store: Any = None

    def _open(self) -> Any:
        if self._store is None:
            from monitor.store import Store

            self._store = Store(self.url)
        return self._store

    def get_validators(self, url: str) -> tuple[str | None, str | None]:
        return self._open().get_validators(url)  # type: ignore[no-any-return]

    def put_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        self._open().put_validators(url, etag, last_modified)

    # Retry-After holds live in the store too (monitor.crawl.backoff.HoldStore).

    def hold_host(self, host: str, until: datetime, reason: str) -> None:
        self._open().hold_host(host, until, reason)

    def host_hold(self, host: str) -> tuple[datetime, str] | None:
        return self._open().host_hold(host)  # type: ignore[no-any-return]
