"""What to crawl: built-in site profiles and user-configured feeds and sitemaps, as data."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.sources.profiles import PROFILES, SiteProfile


@dataclass(frozen=True)
class Source:
    """One configured source: a built-in profile, a feed, a news sitemap, or a mix."""

    name: str
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    profile: SiteProfile | None = None


def builtin_source(name: str) -> Source:
    """The source a bare `[[sources]] name = "gsmarena"` entry stands for."""
    profile = PROFILES[name]
    return Source(name=name, feeds=profile.feeds, sitemaps=profile.sitemaps, profile=profile)


__all__ = ["PROFILES", "SiteProfile", "Source", "builtin_source"]
