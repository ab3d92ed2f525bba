"""The real Scrapy engine crawling real HTTP servers on 127.0.0.1."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from scrapy.exceptions import CannotResolveHostError
from scrapy.http import Request
from scrapy.utils.defer import deferred_f_from_coro_f
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from monitor.crawl.conditional import MemoryValidatorStore
from monitor.crawl.feeds import parse_feed
from monitor.crawl.settings import USER_AGENT
from monitor.crawl.spider import describe_failure
from monitor.sources import Source
from monitor.sources.profiles import SiteProfile
from tests.support.crawling import crawl, fast_settings
from tests.support.http_server import LocalServer, Route, redirect, serve, unused_port

FEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"


def article(title: str) -> Route:
    return Route(
        f"<html><head><title>{title}</title></head><body><p>{title}</p></body></html>".encode()
    )


def serve_real_feed(name: str, site: str, feed_path: str) -> tuple[LocalServer, list[str]]:
    """A server with a real feed whose article links point at it, and a page for each article."""
    server = LocalServer()
    body = (FEEDS / name).read_bytes().replace(site.encode(), server.root.encode())
    server.routes[feed_path] = Route(body, content_type="application/xml")
    urls = [e.url for e in parse_feed(body, server.url(feed_path)).entries]
    for url in urls:
        server.routes[url.removeprefix(server.root)] = article(url.rstrip("/").rsplit("/", 1)[-1])
    return server.start(), urls


@deferred_f_from_coro_f
async def test_atom_feed_articles_fetched_with_our_user_agent() -> None:
    server, urls = serve_real_feed(
        "theverge-AtomTheVerge.xml", "http://www.theverge.com", "/rss/index.xml"
    )
    with server:
        source = Source("verge", feeds=(server.url("/rss/index.xml"),))
        result = await crawl([source], fast_settings())

    assert result.errors == {}
    assert len(urls) == 10
    assert result.urls == sorted(urls)
    assert result.spider.source_pages == {"verge": 10}
    page = next(p for p in result.items if p.url == urls[0])
    assert page.source == "verge"
    assert page.status == 200
    assert page.requested_url == urls[0]
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert "hulu-live-tv-streaming-internet-ces-2017" in page.text
    assert page.body.decode() == page.text
    assert page.entry is not None
    assert page.entry.title == "This is the new Hulu experience with live TV"
    assert page.fetched_at is not None and page.fetched_at.tzinfo is not None
    assert server.paths()[0] == "/robots.txt"
    assert {seen.headers["user-agent"] for seen in server.requests} == {USER_AGENT}


@deferred_f_from_coro_f
async def test_rss_feed_filtered_by_profile_article_pattern() -> None:
    server, urls = serve_real_feed("techcrunch-TechCrunch.xml", "http://techcrunch.com", "/feed/")
    profile = SiteProfile(
        name="tc", domains=("127.0.0.1",), article_url=re.compile(r"/2011/11/02/google-")
    )
    with server:
        source = Source("tc", feeds=(server.url("/feed/"),), profile=profile)
        result = await crawl([source], fast_settings())

    wanted = [u for u in urls if "/2011/11/02/google-" in u]
    assert len(urls) == 20
    assert 0 < len(wanted) < len(urls)
    assert result.errors == {}
    assert result.urls == sorted(wanted)
    assert set(server.paths()) == {"/robots.txt", "/feed/"} | {
        u.removeprefix(server.root) for u in wanted
    }


@deferred_f_from_coro_f
async def test_sitemap_index_leads_to_news_sitemaps_and_their_articles() -> None:
    with serve() as server:
        news = (FEEDS / "news-sitemap.xml").read_bytes()
        news = news.replace(b"https://news.example.com", server.root.encode())
        index = (FEEDS / "sitemap-index.xml").read_bytes()
        index = index.replace(b"https://news.example.com", server.root.encode())
        other = (
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + f"<url><loc>{server.url('/2015/02/06/third/')}</loc></url></urlset>".encode()
        )
        server.routes.update(
            {
                "/sitemap.xml": Route(index, content_type="application/xml"),
                "/sitemaps/news-1.xml": Route(news, content_type="application/xml"),
                "/sitemaps/news-2.xml": Route(other, content_type="application/xml"),
                "/2015/02/05/xiaomi-event-san-francisco/": article("event"),
                "/2015/02/04/mi-note-review/": article("review"),
                "/2015/02/06/third/": article("third"),
            }
        )
        source = Source("news", sitemaps=(server.url("/sitemap.xml"),))
        result = await crawl([source], fast_settings())

    assert result.errors == {}
    assert result.urls == sorted(
        server.url(p)
        for p in (
            "/2015/02/05/xiaomi-event-san-francisco/",
            "/2015/02/04/mi-note-review/",
            "/2015/02/06/third/",
        )
    )
    event = next(p for p in result.items if "xiaomi-event" in p.url)
    assert event.entry is not None
    assert event.entry.title == "Xiaomi to hold an event in San Francisco"


@deferred_f_from_coro_f
async def test_robots_txt_disallow_is_honoured_and_reported() -> None:
    with serve() as server:
        feed = (
            "<rss version='2.0'><channel>"
            f"<item><link>{server.url('/private/a')}</link></item>"
            f"<item><link>{server.url('/public/b')}</link></item>"
            "</channel></rss>"
        ).encode()
        server.routes.update(
            {
                "/robots.txt": Route(
                    b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
                ),
                "/feed": Route(feed, content_type="application/rss+xml"),
                "/private/a": article("private"),
                "/public/b": article("public"),
            }
        )
        result = await crawl([Source("site", feeds=(server.url("/feed"),))], fast_settings())

    assert "/private/a" not in server.paths()
    assert result.urls == [server.url("/public/b")]
    assert result.errors == {"site": [f"{server.url('/private/a')}: forbidden by robots.txt"]}


@deferred_f_from_coro_f
async def test_dead_sources_are_reported_and_the_others_still_crawled() -> None:
    with serve() as server:
        feed = f"<rss version='2.0'><channel><item><link>{server.url('/ok')}</link></item>"
        feed += f"<item><link>{server.url('/gone')}</link></item></channel></rss>"
        server.routes.update(
            {
                "/feed": Route(feed.encode(), content_type="application/rss+xml"),
                "/down": Route(b"busy", status=503),
                "/garbage": Route(b"<html><body>Not here</p>"),
                "/ok": article("ok"),
            }
        )
        closed = f"http://127.0.0.1:{unused_port()}/feed"
        sources = [
            Source("closed", feeds=(closed,)),
            Source("down", feeds=(server.url("/down"),)),
            Source("garbage", feeds=(server.url("/garbage"),)),
            Source("good", feeds=(server.url("/feed"),)),
        ]
        result = await crawl(sources, fast_settings())

    assert result.urls == [server.url("/ok")]
    assert result.spider.source_pages == {"closed": 0, "down": 0, "garbage": 0, "good": 1}
    assert result.errors["closed"] == [f"{closed}: connection refused by {closed.split('/')[2]}"]
    assert result.errors["down"] == [f"{server.url('/down')}: HTTP 503"]
    [garbage] = result.errors["garbage"]
    assert garbage.startswith(f"{server.url('/garbage')}: not an RSS/Atom feed or sitemap: ")
    assert "malformed XML" in garbage
    # A failing article counts against its source too.
    assert result.errors["good"] == [f"{server.url('/gone')}: HTTP 404"]
    assert result.crawler.stats.get_value("finish_reason") == "finished"


@deferred_f_from_coro_f
async def test_timeout_is_reported() -> None:
    with serve() as server:
        server.routes["/slow"] = Route(b"<rss/>", delay=5)
        source = Source("slow", feeds=(server.url("/slow"),))
        result = await crawl([source], fast_settings(DOWNLOAD_TIMEOUT=1))

    assert result.errors == {"slow": [f"{server.url('/slow')}: timed out after 1 s"]}


def test_dns_failures_name_the_host() -> None:
    request = Request("https://www.gsmarena.invalid/rss-news-reviews.php3")
    for exc in (CannotResolveHostError("no such host"), DNSLookupError("no such host")):
        assert (
            describe_failure(Failure(exc), request) == "DNS lookup failed for www.gsmarena.invalid"
        )


@deferred_f_from_coro_f
async def test_redirected_and_gzipped_article() -> None:
    with serve() as server:
        feed = f"<rss version='2.0'><channel><item><link>{server.url('/r/1')}</link>"
        feed += "<title>Moved</title></item></channel></rss>"
        server.routes.update(
            {
                "/feed": Route(feed.encode(), content_type="application/rss+xml", gzip=True),
                "/r/1": redirect(server.url("/articles/1")),
                "/articles/1": Route("<p>Café ünïcode</p>".encode(), gzip=True),
            }
        )
        result = await crawl([Source("s", feeds=(server.url("/feed"),))], fast_settings())

    assert result.errors == {}
    [page] = result.items
    assert page.url == server.url("/articles/1")
    assert page.requested_url == server.url("/r/1")
    assert page.text == "<p>Café ünïcode</p>"
    assert "content-encoding" not in page.headers
    assert page.entry is not None and page.entry.title == "Moved"


@deferred_f_from_coro_f
async def test_conditional_get_sends_validators_and_304_yields_nothing() -> None:
    store = MemoryValidatorStore()
    with serve() as server:
        feed = f"<rss version='2.0'><channel><item><link>{server.url('/a')}</link></item>"
        feed += "</channel></rss>"
        server.routes.update(
            {
                "/robots.txt": Route(
                    b"User-agent: *\n", content_type="text/plain", etag='"robots"'
                ),
                "/feed": Route(feed.encode(), content_type="application/rss+xml", etag='"f1"'),
                "/a": Route(b"<p>a</p>", last_modified="Thu, 12 Feb 2015 10:00:00 GMT"),
            }
        )
        source = Source("s", feeds=(server.url("/feed"),))
        first = await crawl([source], fast_settings(validator_store=store))
        assert first.urls == [server.url("/a")]
        assert store.validators == {
            server.url("/feed"): ('"f1"', None),
            server.url("/a"): (None, "Thu, 12 Feb 2015 10:00:00 GMT"),
        }

        server.requests.clear()
        second = await crawl([source], fast_settings(validator_store=store))
        feed_request = next(r for r in server.requests if r.path == "/feed")
        robots_request = next(r for r in server.requests if r.path == "/robots.txt")
        second_paths = server.paths()

        # The feed changed: its article is asked for conditionally and is unchanged.
        server.routes["/feed"].etag = '"f2"'
        server.requests.clear()
        third = await crawl([source], fast_settings(validator_store=store))
        article_request = next(r for r in server.requests if r.path == "/a")

    assert feed_request.headers["if-none-match"] == '"f1"'
    assert "if-none-match" not in robots_request.headers
    assert second.items == [] and second.errors == {}
    assert "/a" not in second_paths  # an unchanged feed leads nowhere
    assert article_request.headers["if-modified-since"] == "Thu, 12 Feb 2015 10:00:00 GMT"
    assert third.items == [] and third.errors == {}
    assert store.validators[server.url("/feed")] == ('"f2"', None)


@deferred_f_from_coro_f
async def test_a_source_without_listings_is_an_error() -> None:
    result = await crawl([Source("empty")], fast_settings())
    assert result.errors == {"empty": ["empty: no feed or sitemap configured"]}


RUN_CRAWL = """
import json, sys
from monitor.crawl.runner import run_crawl
from monitor.crawl.settings import crawl_settings
from monitor.sources import Source

feeds, replay = json.loads(sys.argv[1])
sources = [Source(name, feeds=(url,)) for name, url in feeds.items()]
settings = crawl_settings(replay=replay, DOWNLOAD_DELAY=0, AUTOTHROTTLE_ENABLED=False,
                          RETRY_TIMES=0, LOG_LEVEL="ERROR")
try:
    outcome = run_crawl(sources, settings, {})
except Exception as exc:
    print(json.dumps({"raised": f"{type(exc).__name__}: {exc}"}))
else:
    print(json.dumps({"errors": outcome.source_errors, "pages": outcome.source_pages,
                      "finish_reason": outcome.finish_reason, "ok": outcome.ok}))
"""


def run_crawl_in_subprocess(feeds: dict[str, str], replay: list[str] | None = None) -> dict:
    # Twisted's reactor starts once per process, and pytest's is already running.
    done = subprocess.run(
        [sys.executable, "-c", RUN_CRAWL, json.dumps([feeds, replay])],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_run_crawl_reports_per_source_outcome() -> None:
    with serve() as server:
        server.routes.update(
            {
                "/feed": Route(
                    f"<rss version='2.0'><channel><item><link>{server.url('/a')}</link></item>"
                    "</channel></rss>".encode(),
                    content_type="application/rss+xml",
                ),
                "/a": article("a"),
                "/down": Route(b"", status=500),
            }
        )
        outcome = run_crawl_in_subprocess({"good": server.url("/feed"), "bad": server.url("/down")})

    assert outcome == {
        "errors": {"good": [], "bad": [f"{server.url('/down')}: HTTP 500"]},
        "pages": {"good": 1, "bad": 0},
        "finish_reason": "finished",
        "ok": False,
    }


def test_run_crawl_raises_on_an_unreadable_archive(tmp_path: Path) -> None:
    missing = tmp_path / "missing.warc.gz"
    outcome = run_crawl_in_subprocess({"s": "https://x.example/feed"}, [str(missing)])
    assert outcome == {
        "raised": f"WarcError: {missing}: cannot read archive: No such file or directory"
    }


@deferred_f_from_coro_f
async def test_a_feed_that_fails_to_parse_is_fetched_in_full_next_time() -> None:
    # Keeping its ETag would turn next run's broken feed into a quiet 304.
    store = MemoryValidatorStore()
    with serve() as server:
        server.routes["/feed"] = Route(b"<html><body>Maintenance</body></html>",
                                       content_type="application/rss+xml", etag='"broken"')
        source = Source("s", feeds=(server.url("/feed"),))
        first = await crawl([source], fast_settings(validator_store=store))
        server.requests.clear()
        second = await crawl([source], fast_settings(validator_store=store))
        feed_request = next(r for r in server.requests if r.path == "/feed")
    assert "not an RSS/Atom feed" in first.errors["s"][0]
    assert "not an RSS/Atom feed" in second.errors["s"][0]
    assert "if-none-match" not in feed_request.headers
    assert store.validators[server.url("/feed")] == (None, None)
