"""monitor.toml: read, check every key, and turn it into domain objects.

A config mistake is the user's to fix, so every error names the file, the key and what was
expected instead of surfacing later as a traceback in the middle of a crawl.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from monitor.events.policy import DEFAULT_ALONE, Policy
from monitor.model import FactKind, Watch
from monitor.sources import PROFILES, Source, builtin_source

DEFAULT_PATH = "monitor.toml"
DEFAULT_STORE_URL = "sqlite:///monitor.db"


class ConfigError(Exception):
    """A config file that cannot be used as written."""


# What an alert can be about; a target's tags pick which of these it receives.
ALERT_CLASSES = ("status", "details", "ops")


@dataclass(frozen=True)
class TargetConfig:
    """One `[[notify.targets]]` entry: an apprise URL with routing tags and an optional digest."""

    url: str
    tags: tuple[str, ...] = ()
    digest: bool = False


@dataclass(frozen=True)
class NotifyConfig:
    targets: tuple[TargetConfig, ...] = ()
    apprise_config: Path | None = None  # an apprise YAML or TEXT config file
    timeout: float = 10.0
    max_attempts: int = 8  # after this many failed attempts a delivery is given up, loudly
    retry_after: float = 300.0  # seconds before the first retry; doubles after each failure


@dataclass(frozen=True)
class Config:
    path: Path
    store_url: str
    notify_urls: tuple[str, ...]
    sources: tuple[Source, ...]
    watches: tuple[Watch, ...]
    crawl: Mapping[str, Any] = field(default_factory=dict)
    notify: NotifyConfig = field(default_factory=NotifyConfig)
    health_failures: int = 3  # failing runs in a row before a source health alert
    lock_wait: float = 0.0  # seconds a run waits for another run's lock before exit status 3
    alerts: Policy = field(default_factory=Policy)  # [alerts]: the story's rules

    def source(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources)
        raise ConfigError(f"{self.path}: no source named {name!r} (configured: {known})")


_TOP_KEYS = {"store", "notify", "sources", "watches", "crawl", "health", "run", "alerts"}
_ALERTS_KEYS = {"alone", "detail_sources", "confirm_sources", "other_event_days"}
# What `alerts.alone` may name: a status change or any fact but the company (always alone).
_ALONE_CHOICES = ("status", *(k.value for k in FactKind if k is not FactKind.COMPANY))
_RUN_KEYS = {"lock_wait"}
_STORE_KEYS = {"url"}
_NOTIFY_KEYS = {"urls", "targets", "config", "timeout", "max_attempts", "retry_after"}
_TARGET_KEYS = {"url", "tags", "digest"}
_HEALTH_KEYS = {"failures"}
_SOURCE_KEYS = {"name", "feed", "feeds", "sitemap", "sitemaps"}
_WATCH_KEYS = {"name", "company", "aliases", "city", "date"}
# Politeness knobs and per-run bounds a user may tune; anything else is refused rather than
# silently ignored. Each number: (default, integer, minimum, maximum). The bounds are where a
# value stops making sense for a cron job, not tuning advice: a delay of an hour, a timeout of
# ten minutes. The defaults of the caps fit a 15-minute cron at the default delay: 100 pages
# per site take about 3 minutes with AutoThrottle, and the budget ends the crawl after 10.
CRAWL_NUMBERS: dict[str, tuple[float, bool, float, float]] = {
    "download_delay": (1.0, False, 0, 3600),
    "concurrent_requests_per_domain": (2, True, 1, 32),
    "timeout": (30.0, False, 0.1, 600),
    "max_feed_items": (100, True, 1, 100_000),
    "max_sitemaps": (20, True, 1, 10_000),
    "max_pages": (100, True, 1, 100_000),
    "time_budget": (600.0, False, 1, 86_400),
}
_CRAWL_KEYS = {*CRAWL_NUMBERS, "user_agent_contact", "redis_url"}


def config_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    return Path(explicit or os.environ.get("MONITOR_CONFIG") or DEFAULT_PATH)


def load_config(path: str | os.PathLike[str] | None = None) -> Config:
    """Read and check a config file; environment overrides apply on top."""
    file = config_path(path)
    try:
        raw = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{file}: config file not found") from None
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read config file: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{file}: config file is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{file}: not valid TOML: {exc}") from None
    return parse_config(raw, file, os.environ)


def check_environment(env: Mapping[str, str]) -> None:
    """The MONITOR_* variables whose values must parse, checked before anything runs."""
    fixed = env.get("MONITOR_NOW", "").strip()
    if fixed:
        from monitor.clock import parse_now

        try:
            parse_now(fixed)
        except ValueError:
            raise ConfigError(
                "environment variable MONITOR_NOW: expected an ISO 8601 time such as "
                f"2026-03-02T08:00:00+00:00, got {fixed!r}") from None


def parse_config(raw: Mapping[str, Any], file: Path, env: Mapping[str, str]) -> Config:
    check_environment(env)
    where = _Where(file)
    where.only(raw, _TOP_KEYS, "")

    store = where.table(raw, "store")
    where.only(store, _STORE_KEYS, "store")
    store_url = env.get("MONITOR_STORE_URL") or where.string(
        store, "url", "store", DEFAULT_STORE_URL
    )

    notify = where.table(raw, "notify")
    where.only(notify, _NOTIFY_KEYS, "notify")
    if env.get("MONITOR_NOTIFY_URLS", "").strip():
        notify_urls = tuple(env["MONITOR_NOTIFY_URLS"].split())
    else:
        notify_urls = tuple(where.strings(notify, "urls", "notify"))

    crawl = dict(where.table(raw, "crawl"))
    where.only(crawl, _CRAWL_KEYS, "crawl")
    for name, (default, integer, low, high) in CRAWL_NUMBERS.items():
        if name in crawl:
            value = where.number(crawl, name, "crawl", default, integer=integer, minimum=low,
                                 maximum=high)
            crawl[name] = int(value) if integer else value
    if "user_agent_contact" in crawl:
        crawl["user_agent_contact"] = where.string(crawl, "user_agent_contact", "crawl", "")
    notify_config = _notify(notify, where, file)
    health = where.table(raw, "health")
    where.only(health, _HEALTH_KEYS, "health")
    health_failures = where.number(health, "failures", "health", 3, integer=True, minimum=1,
                                   maximum=10_000)

    run = where.table(raw, "run")
    where.only(run, _RUN_KEYS, "run")
    lock_wait = where.number(run, "lock_wait", "run", 0.0, maximum=86_400)

    alerts = _alerts(where.table(raw, "alerts"), where)

    sources = tuple(_source(item, where, i) for i, item in enumerate(where.array(raw, "sources")))
    _unique([s.name for s in sources], "sources", where)
    watches = tuple(_watch(item, where, i) for i, item in enumerate(where.array(raw, "watches")))
    _unique([w.name for w in watches], "watches", where)
    if not sources:
        raise where.error("sources", "at least one [[sources]] entry")
    if not watches:
        raise where.error("watches", "at least one [[watches]] entry")
    return Config(file, store_url, notify_urls, sources, watches, dict(crawl), notify_config,
                  int(health_failures), lock_wait, alerts)


def _alerts(table: Mapping[str, Any], where: _Where) -> Policy:
    where.only(table, _ALERTS_KEYS, "alerts")
    alone = frozenset(where.strings(table, "alone", "alerts")) if "alone" in table \
        else DEFAULT_ALONE
    for name in sorted(alone):
        if name not in _ALONE_CHOICES:
            raise where.error("alerts.alone", "names among " + ", ".join(_ALONE_CHOICES), name)

    def count(name: str, default: int, low: int, high: int) -> int:
        return int(where.number(table, name, "alerts", default, integer=True, minimum=low,
                                maximum=high))

    return Policy(alone=alone, detail_sources=count("detail_sources", 2, 1, 100),
                  confirm_sources=count("confirm_sources", 2, 1, 100),
                  other_event_days=count("other_event_days", 7, 1, 366))


def _notify(notify: Mapping[str, Any], where: _Where, file: Path) -> NotifyConfig:
    targets = []
    raw_targets = notify.get("targets", [])
    if not isinstance(raw_targets, list):
        raise where.error("notify.targets", "an array of tables ([[notify.targets]])", raw_targets)
    for i, item in enumerate(raw_targets):
        key = f"notify.targets[{i}]"
        if not isinstance(item, Mapping):
            raise where.error(key, "a table ([[notify.targets]])")
        where.only(item, _TARGET_KEYS, key)
        tags = tuple(where.strings(item, "tags", key))
        for tag in tags:
            if tag not in ALERT_CLASSES:
                raise where.error(f"{key}.tags", "tags among " + ", ".join(ALERT_CLASSES), tag)
        digest = item.get("digest")
        if digest not in (None, "daily"):
            raise where.error(f"{key}.digest", '"daily" (or no digest key)', digest)
        targets.append(TargetConfig(where.string(item, "url", key), tags, digest == "daily"))
    apprise_file = where.string(notify, "config", "notify", "") or None
    apprise_path = None
    if apprise_file:
        # Relative to the config file, so cron's working directory does not matter.
        apprise_path = (file.parent / apprise_file).resolve()
        if not apprise_path.is_file():
            raise where.error("notify.config", "an apprise config file that exists", apprise_file)
    return NotifyConfig(
        targets=tuple(targets),
        apprise_config=apprise_path,
        timeout=where.number(notify, "timeout", "notify", 10.0, minimum=0.1, maximum=600),
        max_attempts=int(where.number(notify, "max_attempts", "notify", 8, integer=True,
                                      minimum=1, maximum=1000)),
        # Backoff is capped at 6 hours anyway; a week is where a typo starts.
        retry_after=where.number(notify, "retry_after", "notify", 300.0, minimum=0,
                                 maximum=7 * 86_400),
    )


def _source(item: Any, where: _Where, i: int) -> Source:
    key = f"sources[{i}]"
    if not isinstance(item, Mapping):
        raise where.error(key, "a table ([[sources]])")
    where.only(item, _SOURCE_KEYS, key)
    name = where.string(item, "name", key)
    feeds = [*where.strings(item, "feeds", key), *_optional(where.string(item, "feed", key, ""))]
    sitemaps = [
        *where.strings(item, "sitemaps", key),
        *_optional(where.string(item, "sitemap", key, "")),
    ]
    for url_key, url in [*(("feed", u) for u in feeds), *(("sitemap", u) for u in sitemaps)]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise where.error(f"{key}.{url_key}", "an http(s) URL", url)
    if name in PROFILES:
        base = builtin_source(name)
        return Source(
            name=name,
            feeds=tuple(feeds) or base.feeds,
            sitemaps=tuple(sitemaps) or base.sitemaps,
            profile=base.profile,
        )
    if not feeds and not sitemaps:
        builtin = ", ".join(sorted(PROFILES))
        raise where.error(
            f"{key}.name", f"a built-in profile ({builtin}) or a source with feed or sitemap", name
        )
    return Source(name=name, feeds=tuple(feeds), sitemaps=tuple(sitemaps))


def _watch(item: Any, where: _Where, i: int) -> Watch:
    key = f"watches[{i}]"
    if not isinstance(item, Mapping):
        raise where.error(key, "a table ([[watches]])")
    where.only(item, _WATCH_KEYS, key)
    name = where.string(item, "name", key)
    company = where.string(item, "company", key)
    city = where.string(item, "city", key, "") or None
    date = item.get("date")
    if isinstance(date, str):
        try:
            date = dt.date.fromisoformat(date)
        except ValueError:
            raise where.error(f"{key}.date", "a date such as 2015-02-12", date) from None
    elif isinstance(date, dt.datetime) or (date is not None and not isinstance(date, dt.date)):
        raise where.error(f"{key}.date", "a date such as 2015-02-12", date)
    aliases = tuple(where.strings(item, "aliases", key))
    return Watch(name=name, company=company, aliases=aliases, city=city, date=date)


def _optional(value: str) -> list[str]:
    return [value] if value else []


def _unique(names: list[str], key: str, where: _Where) -> None:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            raise where.error(f"{key}.name", "names that differ from each other", name)
        seen.add(name)


_MISSING = object()


class _Where:
    """Checks values and builds errors that say file, key and expectation in one line."""

    def __init__(self, file: Path) -> None:
        self.file = file

    def error(self, key: str, expected: str, got: Any = _MISSING) -> ConfigError:
        found = "" if got is _MISSING else f", got {got!r}"
        return ConfigError(f"{self.file}: {key or 'top level'}: expected {expected}{found}")

    def only(self, table: Mapping[str, Any], allowed: set[str], key: str) -> None:
        for name in table:
            if name not in allowed:
                dotted = f"{key}.{name}" if key else name
                raise ConfigError(
                    f"{self.file}: unknown key {dotted!r}; expected one of: "
                    + ", ".join(sorted(allowed))
                )

    def table(self, raw: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = raw.get(key, {})
        if not isinstance(value, Mapping):
            raise self.error(key, f"a table ([{key}])", value)
        return value

    def array(self, raw: Mapping[str, Any], key: str) -> list[Any]:
        value = raw.get(key, [])
        if not isinstance(value, list):
            raise self.error(key, f"an array of tables ([[{key}]])", value)
        return value

    def string(self, table: Mapping[str, Any], name: str, key: str, default: Any = _MISSING) -> str:
        value = table.get(name, default)
        if value is _MISSING:
            raise ConfigError(f"{self.file}: {key}: missing required key {name!r}")
        if not isinstance(value, str) or (default is _MISSING and not value.strip()):
            raise self.error(f"{key}.{name}", "a non-empty string", value)
        return value.strip()

    def number(self, table: Mapping[str, Any], name: str, key: str, default: float, *,
               integer: bool = False, minimum: float = 0, maximum: float = math.inf) -> float:
        value = table.get(name, default)
        kind = "a whole number" if integer else "a finite number"
        span = f"from {minimum:g} to {maximum:g}" if math.isfinite(maximum) else \
            f"of at least {minimum:g}"
        # NaN compares false with everything, so finiteness is checked before the range.
        if isinstance(value, bool) or not isinstance(value, int | float) or (
                integer and not isinstance(value, int)) or not math.isfinite(value) or not (
                minimum <= value <= maximum):
            raise self.error(f"{key}.{name}", f"{kind} {span}", value)
        return float(value)

    def strings(self, table: Mapping[str, Any], name: str, key: str) -> list[str]:
        value = table.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(f"{key}.{name}", "a list of non-empty strings", value)
        return [v.strip() for v in value]
