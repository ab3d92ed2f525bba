"""Listing pages (home, section, tag, search) told apart from articles, never read, followed."""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from scrapy.utils.defer import deferred_f_from_coro_f

from monitor.cli import main
from monitor.extract.article import extract_article
from monitor.extract.article.listing import listing_url, read_listing
from monitor.extract.article.page import parse_html
from monitor.extract.reading import find_reports
from monitor.model import Watch
from monitor.pipelines import watches_setting
from monitor.sources import Source
from monitor.sources.profiles import PROFILES, profile_for_url
from monitor.store import Store
from tests.support.crawling import crawl, fast_settings
from tests.support.http_server import LocalServer, Route

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGES = FIXTURES / "pages"
LISTINGS = FIXTURES / "sources" / "gsmarena" / "listings"
FETCHED = datetime(2026, 12, 1, tzinfo=UTC)
# Samsung's Unpacked of 10 July 2024 in Paris, which a teaser on the 2024 news listing names.
UNPACKED_PARIS = Watch("unpacked-paris", "Samsung", city="Paris", date=date(2024, 7, 10))


def saved_vue(name: str) -> bytes:
    """A GSMArena page as its saver kept it: the page is the <template> of a Vue file."""
    data = gzip.decompress((LISTINGS / f"{name}.gz").read_bytes())
    return data[data.index(b"<template>") + len(b"<template>") : data.rindex(b"</template>")]


def homepage(name: str) -> bytes:
    return gzip.decompress((PAGES / "homepages" / f"{name}.html.gz").read_bytes())


REAL_LISTINGS = [
    ("news.vue", "https://www.gsmarena.com/news.php3"),
    ("featured.vue", "https://www.gsmarena.com/news.php3?sTag=Featured"),
    ("rumorMill.vue", "https://www.gsmarena.com/rumored.php3"),
    ("gsmarena-2018", "https://www.gsmarena.com/"),
    ("vulcanpost-2018", "https://vulcanpost.com/"),
    ("gizmochina-2018", "https://www.gizmochina.com/"),
    ("androidauthority-2018", "https://www.androidauthority.com/"),
    ("theverge-2020", "https://www.theverge.com/"),
    ("wired-main", "https://www.wired.com/"),
]


def listing_page(name: str) -> bytes:
    return saved_vue(name) if name.endswith(".vue") else homepage(name)


@pytest.mark.parametrize(("name", "url"), REAL_LISTINGS)
def test_real_listing_pages_are_listings(name: str, url: str) -> None:
    article = extract_article(listing_page(name), url, fetched_at=FETCHED,
                              profile=profile_for_url(url))
    assert article.is_listing


# Under an article-looking URL, only what the page holds can tell: no article declared, many
# teasers that show a date, no run of paragraphs. The WIRED and Android Authority home pages
# show few dated teasers and are known as listings by their URL only.
@pytest.mark.parametrize(
    ("name", "teasers"),
    [("news.vue", 20), ("featured.vue", 20), ("gsmarena-2018", 21), ("vulcanpost-2018", 85),
     ("gizmochina-2018", 36), ("theverge-2020", 33)],
)
def test_what_the_page_holds_marks_a_listing_under_any_url(name: str, teasers: int) -> None:
    base = {"news.vue": "https://www.gsmarena.com", "featured.vue": "https://www.gsmarena.com",
            "gsmarena-2018": "https://www.gsmarena.com", "vulcanpost-2018": "https://vulcanpost.com",
            "gizmochina-2018": "https://www.gizmochina.com",
            "theverge-2020": "https://www.theverge.com"}[name]
    listing = read_listing(parse_html(listing_page(name)), f"{base}/2024/07/some-story")
    assert listing is not None and len(listing.links) == teasers
    assert all(link.startswith(base) for link in listing.links)


def test_the_gsmarena_listing_offers_its_twenty_news_links() -> None:
    listing = read_listing(parse_html(saved_vue("news.vue")), "https://www.gsmarena.com/news.php3")
    assert listing is not None
    news = [u for u in listing.links if PROFILES["gsmarena"].article_url.search(u)]
    assert len(set(news)) == 20
    assert news[0] == ("https://www.gsmarena.com/"
                       "motorola_edge_50_5g_leaks_ahead_of_launch-news-63831.php")


def test_no_hand_checked_article_is_a_listing() -> None:
    cases = sorted(PAGES.glob("*/*.json"))
    wrong = []
    for case in cases:
        expected = json.loads(case.read_text(encoding="utf-8"))
        gz = case.with_suffix(".html.gz")
        data = gzip.decompress(gz.read_bytes()) if gz.exists() else case.with_suffix(
            ".html").read_bytes()
        # What extract_article sets is_listing from, without the rest of the extraction.
        profile = PROFILES.get(expected.get("profile", ""))
        if read_listing(parse_html(data), expected["url"], profile) is not None:
            wrong.append(case.stem)
    assert len(cases) >= 140 and wrong == []


@pytest.mark.parametrize(
    ("url", "listing"),
    [
        ("https://www.gsmarena.com/", True),
        ("https://vulcanpost.com/page/2/?post_type=post", True),
        ("https://vulcanpost.com/date/2021/12/29", True),
        ("https://techcrunch.com/tag/apple/", True),
        ("https://www.theverge.com/search?q=xiaomi", True),
        ("https://example.com/?s=xiaomi", True),
        ("https://www.phonearena.com/news/Xiaomi-event_id66012?page=2", False),
        ("https://vulcanpost.com/772516/10-headlines-that-shook-tech-business-2021-singapore/",
         False),
        ("https://example.com/news/author-interview", False),
    ],
)
def test_listing_urls(url: str, listing: bool) -> None:
    assert listing_url(url) is listing


def test_a_teaser_on_a_listing_would_have_read_as_news_and_is_not_read() -> None:
    article = extract_article(saved_vue("news.vue"), "https://www.gsmarena.com/news.php3",
                              fetched_at=FETCHED, profile=PROFILES["gsmarena"])
    # What used to happen: a teaser of another launch read as this watch's event.
    unread = article.__class__(**{**article.__dict__, "is_listing": False})
    assert [r.status.value for r in find_reports(unread, [UNPACKED_PARIS])] == ["happened"]
    assert article.is_listing


def test_monitor_extract_says_listing_and_reads_no_watch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "monitor.toml"
    config.write_text(
        f'[store]\nurl = "sqlite:///{tmp_path / "m.db"}"\n\n[[sources]]\nname = "gsmarena"\n\n'
        '[[watches]]\nname = "unpacked-paris"\ncompany = "Samsung"\ncity = "Paris"\n'
        'date = "2024-07-10"\n', encoding="utf-8")
    page = tmp_path / "news.html"
    page.write_bytes(saved_vue("news.vue"))
    url = "https://www.gsmarena.com/news.php3"
    assert main(["extract", str(page), "--url", url, "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "listing:   yes" in out
    assert "watch unpacked-paris: a listing page, not read" in out
    assert main(["extract", str(page), "--url", url, "--config", str(config), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["is_listing"] is True and data["watches"] == {"unpacked-paris": None}


@deferred_f_from_coro_f
async def test_the_crawl_follows_a_listing_and_stores_only_its_articles(tmp_path: Path) -> None:
    """A feed entry that is a listing: its teaser articles are fetched, stored and read."""
    server = LocalServer()
    listing = saved_vue("news.vue").replace(b"https://www.gsmarena.com", server.root.encode())
    server.routes["/news.php3"] = Route(listing)
    feed = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
        f"<title>News</title><link>{server.url('/news.php3')}</link></item></channel></rss>"
    ).encode()
    server.routes["/feed"] = Route(feed, content_type="application/rss+xml")
    root = re.escape(server.root.encode())
    teasers = re.findall(rb'href="' + root + rb'(/[\w-]+-news-\d+\.php)">\s*<h3>([^<]+)</h3>',
                         listing)
    for path, title in teasers:
        server.routes[path.decode()] = Route(
            b"<html><head><title>" + title + b"</title></head><body><article><h1>" + title
            + b"</h1><p>" + title + b". The full story, as the site wrote it.</p></article>"
            b"</body></html>")
    store_url = f"sqlite:///{tmp_path / 'monitor.db'}"
    Store(store_url).close()  # created and migrated, as `monitor crawl` does before crawling
    settings = fast_settings(
        MONITOR_STORE_URL=store_url,
        MONITOR_WATCHES=watches_setting([UNPACKED_PARIS]),
        ITEM_PIPELINES={"monitor.pipelines.ArticlePipeline": 300},
    )
    with server:
        result = await crawl([Source("listing", feeds=(server.url("/feed"),))], settings)
    assert result.errors == {}
    assert len(teasers) == 20
    fetched = {p.url for p in result.items}
    assert fetched == {server.url("/news.php3")} | {server.url(p.decode()) for p, _ in teasers}
    assert result.crawler.stats.get_value("monitor/listing/listings") == 1
    store = Store(store_url)
    try:
        teaser_urls = [server.url(p.decode()) for p, _ in teasers]
        assert store.known_urls([server.url("/news.php3"), *teaser_urls]) == set(teaser_urls)
        # The teaser that read as "happened" on the listing is not this event's news.
        assert store.reports_for(UNPACKED_PARIS.name) == []
    finally:
        store.close()
    assert result.crawler.stats.get_value("monitor/articles/new") == 20
