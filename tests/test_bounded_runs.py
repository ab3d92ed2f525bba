"""Bounded runs: per-source caps on feed items, child sitemaps and pages, and a time budget.

Through the real CLI against a real local site: a capped run fetches what the caps allow,
says what it left, and the next run picks the rest up (articles never stored go first); a run
that reaches its time budget stops cleanly, stores and alerts on what it fetched, and says
what was left.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from scrapy.utils.defer import deferred_f_from_coro_f

from monitor.sources import Source
from tests.support.crawling import crawl, fast_settings
from tests.support.http_server import Route, rss_feed, serve
from tests.support.story import STORY, XIAOMI_WATCH_TOML

ROOT = Path(__file__).resolve().parent.parent
PAGE = (STORY / "pages" / "g1-rumour.html").read_bytes()


def monitor(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return subprocess.run([sys.executable, "-m", "monitor.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
                          check=False)


def article(n: int) -> bytes:
    return (f"<html><head><title>Note {n}</title></head><body><article><h1>Note {n}</h1>"
            f"<p>{f'Unrelated local news, paragraph {n}. ' * 12}</p></article></body></html>"
            ).encode()


@deferred_f_from_coro_f
async def test_feed_items_and_child_sitemaps_are_capped_per_source() -> None:
    with serve() as server:
        server.routes["/feed"] = Route(
            rss_feed([(f"n{i}", server.url(f"/a/{i}")) for i in range(30)]),
            content_type="application/rss+xml")
        children = "".join(f"<sitemap><loc>{server.url(f'/s/{i}.xml')}</loc></sitemap>"
                           for i in range(10))
        server.routes["/index.xml"] = Route(
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}'
            "</sitemapindex>".encode(), content_type="application/xml")
        for i in range(10):
            server.routes[f"/s/{i}.xml"] = Route(
                b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>',
                content_type="application/xml")
        for i in range(30):
            server.routes[f"/a/{i}"] = Route(article(i))
        settings = fast_settings(MONITOR_MAX_FEED_ITEMS=20, MONITOR_MAX_SITEMAPS=3,
                                 MONITOR_MAX_PAGES=8)
        result = await crawl([Source("feed", feeds=(server.url("/feed"),)),
                              Source("maps", sitemaps=(server.url("/index.xml"),))], settings)
    paths = server.paths()
    assert result.errors == {}
    # The newest 8 of the first 20 items; the 12 others of those 20 are left for next time.
    assert sorted(p for p in paths if p.startswith("/a/")) == sorted(f"/a/{i}" for i in range(8))
    assert result.spider.source_left == {"feed": 12}
    assert len([p for p in paths if p.startswith("/s/")]) == 3
    stats = result.crawler.stats.get_stats()  # type: ignore[union-attr]
    assert stats["monitor/feed/items_capped"] == 10
    assert stats["monitor/maps/sitemaps_capped"] == 7


def test_a_capped_run_says_what_it_left_and_the_next_runs_fetch_it(tmp_path: Path) -> None:
    with serve() as server:
        server.routes["/feed"] = Route(
            rss_feed([(f"n{i}", server.url(f"/a/{i}")) for i in range(5)]),
            content_type="application/rss+xml", etag='"f"')
        for i in range(5):
            server.routes[f"/a/{i}"] = Route(article(i), etag=f'"a{i}"')
        config = tmp_path / "monitor.toml"
        config.write_text(
            f'[store]\nurl = "sqlite:///{tmp_path / "m.db"}"\n'
            "[crawl]\ndownload_delay = 0\nmax_pages = 3\n"
            f'[[sources]]\nname = "local"\nfeed = "{server.url("/feed")}"\n'
            + XIAOMI_WATCH_TOML, encoding="utf-8")
        fetched = []
        outputs = []
        for _ in range(2):
            server.requests.clear()
            result = monitor("crawl", "--config", config)
            assert result.returncode == 0, result.stderr
            outputs.append(result.stderr)
            fetched.append(sorted(s.path for s in server.requests
                                  if s.path.startswith("/a/") and "if-none-match" not in s.headers))
    assert "source local: 2 article(s) left for the next run" in outputs[0]
    assert "left for the next run" not in outputs[1]
    # The second run fetches the two it left first; a stored one is only rechecked (304).
    assert [len(f) for f in fetched] == [3, 2]
    assert sorted(p for f in fetched for p in f) == [f"/a/{i}" for i in range(5)]


def test_the_time_budget_stops_the_crawl_cleanly_then_stores_and_alerts(tmp_path: Path) -> None:
    with serve() as server:
        server.routes["/feed"] = Route(rss_feed(
            # Scrapy's scheduler is last in, first out: the quick page goes first.
            [("slow one", server.url("/slow/1")), ("slow two", server.url("/slow/2")),
             ("Xiaomi rumored", server.url("/news/g1.html"))]),
            content_type="application/rss+xml")
        server.routes["/news/g1.html"] = Route(PAGE)
        for i in (1, 2):
            server.routes[f"/slow/{i}"] = Route(article(i), delay=4)
        config = tmp_path / "monitor.toml"
        config.write_text(
            f'[store]\nurl = "sqlite:///{tmp_path / "m.db"}"\n'
            "[crawl]\ndownload_delay = 0\nconcurrent_requests_per_domain = 1\ntime_budget = 3\n"
            f'[[sources]]\nname = "local"\nfeed = "{server.url("/feed")}"\n'
            + XIAOMI_WATCH_TOML, encoding="utf-8")
        result = monitor("crawl", "-v", "--config", config)  # the summary is at INFO
    assert result.returncode == 0, result.stderr
    assert "time budget of 3 s reached: the crawl stopped" in result.stderr
    # The slow page on the wire when the budget ran out finished; the one queued behind it
    # waits for the next run.
    assert "source local: 1 article(s) left for the next run" in result.stderr
    assert "2 page(s)" in result.stderr
    # What it did fetch was stored and alerted on (no target: the alert prints).
    assert "Xiaomi San Francisco event: first seen (rumored)" in result.stdout


@deferred_f_from_coro_f
async def test_the_issues_listings_with_the_default_caps() -> None:
    """A feed of 1,000 items and a sitemap index of 2,000 children, as in issue 10."""
    with serve() as server:
        server.routes["/feed"] = Route(
            rss_feed([(f"n{i}", server.url(f"/a/{i}")) for i in range(1000)]),
            content_type="application/rss+xml")
        children = "".join(f"<sitemap><loc>{server.url(f'/s/{i}.xml')}</loc></sitemap>"
                           for i in range(2000))
        server.routes["/index.xml"] = Route(
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{children}'
            "</sitemapindex>".encode(), content_type="application/xml")
        empty = Route(b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>',
                      content_type="application/xml")
        for i in range(2000):
            server.routes[f"/s/{i}.xml"] = empty
        article_page = Route(article(0))
        for i in range(1000):
            server.routes[f"/a/{i}"] = article_page
        # Default caps for items and sitemaps; a small page cap keeps the test quick.
        result = await crawl([Source("feed", feeds=(server.url("/feed"),)),
                              Source("maps", sitemaps=(server.url("/index.xml"),))],
                             fast_settings(MONITOR_MAX_PAGES=10))
    paths = server.paths()
    stats = result.crawler.stats.get_stats()  # type: ignore[union-attr]
    assert result.errors == {}
    assert len([p for p in paths if p.startswith("/a/")]) == 10
    assert result.spider.source_left == {"feed": 90}  # 100 items read, 10 fetched
    assert stats["monitor/feed/items_capped"] == 900
    assert len([p for p in paths if p.startswith("/s/")]) == 20
    assert stats["monitor/maps/sitemaps_capped"] == 1980
