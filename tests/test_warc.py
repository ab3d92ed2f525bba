"""Recording crawls to WARC and replaying them with no network: our files, warcio's, wget's."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

import pytest
from scrapy.utils.defer import deferred_f_from_coro_f
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from monitor.crawl.warc import WarcError, load_archives, write_warc
from monitor.sources import Source
from monitor.sources.profiles import SiteProfile
from tests.support.crawling import CrawlResult, crawl, fast_settings
from tests.support.http_server import Route, redirect, serve, unused_port

FEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"


def rss(*links: str) -> bytes:
    items = "".join(f"<item><title>{u}</title><link>{u}</link></item>" for u in links)
    return f"<rss version='2.0'><channel>{items}</channel></rss>".encode()


def summary(result: CrawlResult) -> list[tuple[str, str, int, bytes, str | None]]:
    return sorted(
        (p.url, p.requested_url, p.status, p.body, p.headers.get("content-type"))
        for p in result.items
    )


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
@deferred_f_from_coro_f
async def test_recorded_crawl_replays_identically_with_the_server_gone(
    tmp_path: Path, name: str
) -> None:
    archive = tmp_path / name
    with serve() as server:
        server.routes.update(
            {
                "/robots.txt": Route(
                    b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
                ),
                "/feed": Route(
                    rss(server.url("/a"), server.url("/old"), server.url("/private/x")),
                    content_type="application/rss+xml",
                    gzip=True,
                ),
                "/a": Route("<p>Xiaomi’s event</p>".encode(), gzip=True),
                "/old": redirect(server.url("/new")),
                "/new": Route(b"<p>moved here</p>", etag='"n1"'),
            }
        )
        source = Source("s", feeds=(server.url("/feed"),))
        live = await crawl([source], fast_settings(record=str(archive)))
        live_paths = server.paths()

    assert live.errors == {"s": [f"{server.url('/private/x')}: forbidden by robots.txt"]}
    assert [p.url for p in sorted(live.items, key=lambda p: p.url)] == [
        server.url("/a"),
        server.url("/new"),
    ]
    assert (archive.read_bytes()[:2] == b"\x1f\x8b") == name.endswith(".gz")

    replayed = await crawl([source], fast_settings(replay=[str(archive)]))
    assert summary(replayed) == summary(live)
    assert replayed.errors == live.errors
    [page_a] = [p for p in replayed.items if p.url == server.url("/a")]
    assert page_a.text == "<p>Xiaomi’s event</p>"
    assert "content-encoding" not in page_a.headers
    assert len(live_paths) == 5  # robots, feed, /a, /old, /new


@deferred_f_from_coro_f
async def test_replay_serves_unknown_urls_as_404_and_never_touches_the_network(
    tmp_path: Path,
) -> None:
    # gsmarena.com would need DNS and a closed port would refuse: both must come from the archive.
    closed = f"http://127.0.0.1:{unused_port()}"
    feed = "https://www.gsmarena.com/rss-news-reviews.php3"
    article = "https://www.gsmarena.com/xiaomi_event_in_san_francisco-news-10912.php"
    archive = write_warc(
        tmp_path / "site.warc.gz",
        [
            (
                "https://www.gsmarena.com/robots.txt",
                200,
                {"Content-Type": "text/plain"},
                b"User-agent: *\nDisallow: /private/\n",
            ),
            (
                feed,
                200,
                {"Content-Type": "application/rss+xml"},
                rss(
                    article,
                    "https://www.gsmarena.com/missing-news-1.php",
                    "https://www.gsmarena.com/private/x-news-2.php",
                ),
            ),
            (
                article,
                200,
                {
                    "Content-Type": "text/html; charset=utf-8",
                    "Date": "Tue, 03 Feb 2015 12:00:00 GMT",
                },
                b"<p>event</p>",
            ),
            (
                f"{closed}/feed",
                200,
                {"Content-Type": "application/rss+xml"},
                rss(f"{closed}/story"),
            ),
            (f"{closed}/story", 200, {"Content-Type": "text/html"}, b"<p>story</p>"),
        ],
    )
    sources = [Source("gsmarena", feeds=(feed,)), Source("closed", feeds=(f"{closed}/feed",))]
    result = await crawl(sources, fast_settings(replay=[str(archive)]))

    assert result.urls == sorted([article, f"{closed}/story"])
    [event] = [p for p in result.items if p.url == article]
    assert event.fetched_at == datetime(2015, 2, 3, 12, 0, tzinfo=UTC)
    assert {name: sorted(errs) for name, errs in result.errors.items()} == {
        "gsmarena": [
            "https://www.gsmarena.com/missing-news-1.php: HTTP 404",
            "https://www.gsmarena.com/private/x-news-2.php: forbidden by robots.txt",
        ]
    }


@deferred_f_from_coro_f
async def test_later_archive_wins_and_redirect_records_are_followed(tmp_path: Path) -> None:
    feed = "https://news.example.com/feed"
    old = write_warc(
        tmp_path / "old.warc",
        [
            (
                feed,
                200,
                {"Content-Type": "application/rss+xml"},
                rss("https://news.example.com/short/1"),
            ),
            ("https://news.example.com/short/1", 200, {"Content-Type": "text/html"}, b"old"),
        ],
    )
    new = write_warc(
        tmp_path / "new.warc.gz",
        [
            (
                "https://news.example.com/short/1",
                301,
                {"Location": "https://news.example.com/2015/02/12/long/"},
                b"",
            ),
            (
                "https://news.example.com/2015/02/12/long/",
                200,
                {"Content-Type": "text/html"},
                b"<p>new</p>",
            ),
        ],
    )
    source = Source("n", feeds=(feed,))
    result = await crawl([source], fast_settings(replay=[str(old), str(new)]))

    assert result.errors == {}
    [page] = result.items
    assert page.requested_url == "https://news.example.com/short/1"
    assert page.url == "https://news.example.com/2015/02/12/long/"
    assert page.body == b"<p>new</p>"

    earlier_wins_if_last = await crawl([source], fast_settings(replay=[str(new), str(old)]))
    assert [p.body for p in earlier_wins_if_last.items] == [b"old"]


def _raw_http_record(writer: WARCWriter, url: str, head: list[tuple[str, str]], payload: bytes):
    return writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(payload),
        length=len(payload),
        http_headers=StatusAndHeaders("200 OK", head, protocol="HTTP/1.1"),
    )


@deferred_f_from_coro_f
async def test_archive_written_by_warcio_with_chunked_gzip_bodies(tmp_path: Path) -> None:
    feed_body = (FEEDS / "theverge-AtomVergeAllPosts.xml").read_bytes()
    packed = gzip.compress(feed_body)
    chunked = (
        b"".join(
            b"%x\r\n%s\r\n" % (len(packed[i : i + 4000]), packed[i : i + 4000])
            for i in range(0, len(packed), 4000)
        )
        + b"0\r\n\r\n"
    )
    article_url = (
        "http://www.theverge.com/2017/1/6/14197030/russia-linkedin-blocked-app-store-ios-android"
    )
    path = tmp_path / "warcio.warc.gz"
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        writer.write_record(
            _raw_http_record(
                writer,
                "http://www.theverge.com/rss/full.xml",
                [
                    ("Content-Type", "application/atom+xml"),
                    ("Content-Encoding", "gzip"),
                    ("Transfer-Encoding", "chunked"),
                ],
                chunked,
            )
        )
        writer.write_record(
            _raw_http_record(
                writer,
                article_url,
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")],
                gzip.compress("<p>LinkedIn blocked — in Russia</p>".encode()),
            )
        )

    index = load_archives([path])
    feed = index["http://www.theverge.com/rss/full.xml"]
    assert feed.body == feed_body
    assert {n.lower() for n, _ in feed.headers} == {"content-type"}

    # Only the Russia story is in the archive: the crawl limits itself to it by profile.
    profile = SiteProfile("verge", ("theverge.com",), article_url=re.compile("russia-linkedin"))
    source = Source("verge", feeds=("http://www.theverge.com/rss/full.xml",), profile=profile)
    result = await crawl([source], fast_settings(replay=[str(path)]))
    assert result.errors == {}
    [page] = result.items
    assert page.text == "<p>LinkedIn blocked — in Russia</p>"


@pytest.mark.skipif(shutil.which("wget") is None, reason="wget is not installed")
@deferred_f_from_coro_f
async def test_archive_recorded_by_wget(tmp_path: Path) -> None:
    with serve() as server:
        server.routes.update(
            {
                "/feed": Route(rss(server.url("/a")), content_type="application/rss+xml"),
                "/a": Route("<p>wget ünïcode</p>".encode(), gzip=True),
                "/robots.txt": Route(b"User-agent: *\n", content_type="text/plain"),
            }
        )
        # wget runs in a thread-free subprocess; our server thread answers it meanwhile.
        subprocess.run(
            [
                "wget",
                "-q",
                f"--warc-file={tmp_path / 'wget'}",
                "--compression=gzip",
                "-O",
                str(tmp_path / "out"),
                server.url("/feed"),
                server.url("/a"),
                server.url("/robots.txt"),
            ],
            check=True,
            timeout=30,
        )
    archive = tmp_path / "wget.warc.gz"
    source = Source("w", feeds=(server.url("/feed"),))
    result = await crawl([source], fast_settings(replay=[str(archive)]))
    assert result.errors == {}
    [page] = result.items
    assert page.text == "<p>wget ünïcode</p>"


def test_unreadable_archives_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(WarcError, match=r"missing\.warc: cannot read archive"):
        load_archives([tmp_path / "missing.warc"])
    junk = tmp_path / "junk.warc"
    junk.write_bytes(b"this is not a warc file\r\n\r\n")
    with pytest.raises(WarcError, match=r"junk\.warc: not a WARC file"):
        load_archives([junk])


def test_the_replay_index_holds_offsets_not_bodies(tmp_path: Path) -> None:
    import tracemalloc

    bodies = {f"https://example.com/{n}": bytes([65 + n]) * 1_000_000 for n in range(20)}
    for packed in (True, False):
        path = write_warc(tmp_path / ("big.warc.gz" if packed else "big.warc"),
                          [(url, 200, {"Content-Type": "text/html"}, body)
                           for url, body in bodies.items()])
        tracemalloc.start()
        try:
            index = load_archives([path])
            held, _ = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        # 20 MB of bodies in the archive; the index keeps where each one is.
        assert held < 1_000_000
        assert len(index) == 20
        for url, body in bodies.items():
            found = index[url]
            assert (found.status, found.body) == (200, body)
        assert "https://example.com/missing" not in index


def test_a_revisit_record_replays_the_body_it_points_at(tmp_path: Path) -> None:
    path = tmp_path / "dedup.warc.gz"
    body = b"<p>the same page twice</p>"
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        first = writer.create_warc_record(
            "https://example.com/a", "response", payload=BytesIO(body), length=len(body),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                          protocol="HTTP/1.1"))
        writer.write_record(first)
        digest = first.rec_headers.get_header("WARC-Payload-Digest")
        writer.write_record(writer.create_revisit_record(
            "https://example.com/b", digest, "https://example.com/a",
            first.rec_headers.get_header("WARC-Date"),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                          protocol="HTTP/1.1")))
    index = load_archives([path])
    assert index["https://example.com/b"].body == body
    assert index["https://example.com/a"].body == body
