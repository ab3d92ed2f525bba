"""Built-in site profiles: where a site lists its news and where its article pages keep each field.

Structured data (JSON-LD, OpenGraph) is read first for every page; these selectors are the
site-specific second step, and a generic extractor is the last one. Selectors are CSS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SiteProfile:
    name: str
    domains: tuple[str, ...]
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    # Which feed or sitemap entries are articles worth fetching (GSMArena's feed mixes in reviews).
    article_url: re.Pattern[str] = field(default=re.compile(r".*"))
    title: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    # Inside the body: blocks that are not the article (related links, share bars, ads).
    drop: tuple[str, ...] = ()

    def owns(self, url: str) -> bool:
        host = re.sub(r"^https?://", "", url).split("/", 1)[0].split(":", 1)[0].lower()
        return any(host == d or host.endswith("." + d) for d in self.domains)


GSMARENA = SiteProfile(
    name="gsmarena",
    domains=("gsmarena.com",),
    feeds=("https://www.gsmarena.com/rss-news-reviews.php3",),
    article_url=re.compile(r"gsmarena\.com/[\w-]+-news-\d+\.php"),
    title=("h1.article-info-name",),
    body=("div#review-body",),
    published=("div.article-info-line time", "span.article-info-meta-date"),
    author=("span.article-info-meta-link a[href*='author']", "span.article-info-meta-author"),
    drop=("div.article-info", "div.adv", "div#user-comments", "div.article-tags", ".related"),
)

PHONEARENA = SiteProfile(
    name="phonearena",
    domains=("phonearena.com",),
    feeds=("https://www.phonearena.com/feed",),
    article_url=re.compile(r"phonearena\.com/news/[\w-]+_id\d+"),
    title=("h1.article__title", "div.s_news_post h1"),
    body=("div.article__content", "div.s_news_post div.s_news_text"),
    published=("time.article__date", "span.s_news_date"),
    author=("a.article__author", "span.s_news_author a"),
    drop=("div.article__related", "div.s_related", "div.adsbygoogle", "div.commentsSection"),
)

VULCANPOST = SiteProfile(
    name="vulcanpost",
    domains=("vulcanpost.com",),
    feeds=("https://vulcanpost.com/feed/",),
    article_url=re.compile(r"vulcanpost\.com/\d+/[\w-]+/?$"),
    title=("h1.entry-title", "h1.post-title"),
    body=("div.entry-content", "div.post-content"),
    published=("time.entry-date", "time.published"),
    author=("span.author a", "a[rel='author']"),
    drop=("div.sharedaddy", "div.jp-relatedposts", "div.related-posts", "div.vp-newsletter"),
)

PROFILES: dict[str, SiteProfile] = {p.name: p for p in (GSMARENA, PHONEARENA, VULCANPOST)}


def profile_for_url(url: str) -> SiteProfile | None:
    """The built-in profile whose site a URL belongs to, if any."""
    return next((p for p in PROFILES.values() if p.owns(url)), None)
