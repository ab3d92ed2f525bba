"""Issue 13: a listed article already stored is not fetched again when the listing dates its
last change no later than our last fetch of it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from scrapy.utils.defer import deferred_f_from_coro_f

from monitor.model import Article
from monitor.sources import Source
from monitor.store import Store
from tests.support.crawling import crawl, fast_settings
from tests.support.http_server import Route, serve

CHECKED = datetime(2026, 5, 1, 12, tzinfo=UTC)


def page(title: str) -> Route:
    return Route(f"<html><head><title>{title}</title></head><body><p>{title} text</p>"
                 "</body></html>".encode())


@deferred_f_from_coro_f
async def test_stored_articles_the_listing_dates_no_later_are_skipped(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'm.db'}")
    try:
        with serve() as server:
            for name in ("old", "edited", "undated", "new"):
                server.routes[f"/news/{name}"] = page(name)
            for name in ("old", "edited", "undated"):
                url = server.url(f"/news/{name}")
                store.save_article(Article(url=url, canonical_url=url, title=name,
                                           body=f"{name} text"), source="s", fetched_at=CHECKED)
            lastmod = {"old": "2026-05-01T11:00:00Z", "edited": "2026-05-01T13:00:00Z",
                       "new": "2026-04-01T00:00:00Z"}
            urls = "".join(
                f"<url><loc>{server.url(f'/news/{n}')}</loc>"
                + (f"<lastmod>{lastmod[n]}</lastmod>" if n in lastmod else "") + "</url>"
                for n in ("old", "edited", "undated", "new"))
            server.routes["/sitemap.xml"] = Route(
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
                .encode(), content_type="application/xml")
            source = Source("s", sitemaps=(server.url("/sitemap.xml"),))
            result = await crawl([source], fast_settings(validator_store=store))
            paths = server.paths()
    finally:
        store.close()
    assert result.errors == {}
    # Stored and not changed since (its lastmod before our fetch): not asked for.
    assert "/news/old" not in paths
    # Changed since, dated by publication only (no word on edits), or never stored: fetched.
    assert result.urls == sorted(server.url(f"/news/{n}") for n in ("edited", "undated", "new"))
    assert result.crawler.stats.get_value("monitor/s/known_skipped") == 1
