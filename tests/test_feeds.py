"""Listings parsed from real feeds and from hand-written sitemaps and broken files."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from monitor.crawl.feeds import FeedEntry, FeedError, parse_feed

FEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "feeds"
EST = timezone(timedelta(hours=-5))


def read(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def test_atom_feed_of_the_verge() -> None:
    doc = parse_feed(read("theverge-AtomTheVerge.xml"), "http://www.theverge.com/rss/index.xml")
    assert doc.kind == "atom"
    assert len(doc.entries) == 10
    assert doc.entries[0] == FeedEntry(
        url="http://www.theverge.com/ces/2017/1/7/14195588/hulu-live-tv-streaming-internet-ces-2017",
        title="This is the new Hulu experience with live TV",
        published=datetime(2017, 1, 7, 9, 0, 1, tzinfo=EST),
        updated=datetime(2017, 1, 7, 9, 0, 1, tzinfo=EST),
    )
    assert all(e.url.startswith("http://www.theverge.com/") for e in doc.entries)
    assert all(e.published is not None and e.published.utcoffset() is not None for e in doc.entries)


def test_rss_feed_of_techcrunch_uses_feedburner_original_links() -> None:
    doc = parse_feed(read("techcrunch-TechCrunch.xml"), "http://feeds.feedburner.com/Techcrunch")
    assert doc.kind == "rss"
    assert len(doc.entries) == 20
    first = doc.entries[0]
    assert first.url == (
        "http://techcrunch.com/2011/11/02/angies-list-prices-ipo-at-11-to-13-per-share-valued-at-over-600m/"
    )
    assert first.title == (
        "Angie’s List Sets Price Range IPO At $11 To $13 Per Share; Valued At Over $600M"
    )
    assert first.published == datetime(2011, 11, 2, 17, 25, 27, tzinfo=UTC)
    assert not any("feedproxy" in e.url for e in doc.entries)


def test_news_sitemap_gives_titles_dates_and_drops_repeats() -> None:
    doc = parse_feed(read("news-sitemap.xml"), "https://news.example.com/news-sitemap.xml")
    assert doc.kind == "urlset"
    assert doc.sitemaps == ()
    assert [e.url for e in doc.entries] == [
        "https://news.example.com/2015/02/05/xiaomi-event-san-francisco/",
        "https://news.example.com/2015/02/04/mi-note-review/",
    ]
    event, review = doc.entries
    assert event.title == "Xiaomi to hold an event in San Francisco"
    assert event.published == datetime(2015, 2, 5, 17, 30, tzinfo=UTC)
    assert event.updated == datetime(2015, 2, 5, 10, 0, tzinfo=UTC)
    # A date-only W3C date means that day; without a zone it is read as UTC.
    assert review.title == "Mi Note review & benchmarks"
    assert review.published == datetime(2015, 2, 4, tzinfo=UTC)


def test_sitemap_index_lists_child_sitemaps_not_entries() -> None:
    doc = parse_feed(read("sitemap-index.xml"), "https://news.example.com/sitemap.xml")
    assert doc.kind == "sitemapindex"
    assert doc.entries == ()
    assert doc.sitemaps == (
        "https://news.example.com/sitemaps/news-1.xml",
        "https://news.example.com/sitemaps/news-2.xml",
    )


def test_gzipped_sitemap_is_unpacked() -> None:
    body = gzip.compress(read("news-sitemap.xml"))
    doc = parse_feed(body, "https://news.example.com/news-sitemap.xml.gz")
    assert len(doc.entries) == 2


def test_rss1_rdf_items_beside_the_channel() -> None:
    doc = parse_feed(read("rss1.rdf"), "https://news.example.com/index.rdf")
    assert doc.kind == "rdf"
    assert [(e.url, e.published) for e in doc.entries] == [
        (
            "https://news.example.com/2015/02/10/xiaomi-confirms-event/",
            datetime(2015, 2, 10, 17, 0, tzinfo=UTC),
        ),
        # No <link>: the item's rdf:about names the article.
        (
            "https://news.example.com/2015/02/11/lin-bin-hugo-barra/",
            datetime(2015, 2, 11, 8, 0, tzinfo=UTC),
        ),
    ]


def test_relative_links_resolved_against_feed_url_and_xml_base() -> None:
    doc = parse_feed(read("relative-links.atom"), "https://news.example.com/feed.atom")
    assert [e.url for e in doc.entries] == [
        "https://news.example.com/2015/02/12/mi-note-arrives/",
        "https://cdn.example.net/mirror/story.html",
    ]
    assert doc.entries[0].title == "Xiaomi Mi Note arrives"
    assert doc.entries[0].published is None
    assert doc.entries[0].updated == datetime(2015, 2, 12, 20, 0, tzinfo=UTC)
    assert doc.entries[1].published == datetime(2015, 2, 12, 21, 0, tzinfo=UTC)


def test_rss_item_with_relative_link_and_atom_link_sibling() -> None:
    body = b"""<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
      <item><atom:link rel="self" href="https://x.example/self"/><link>/a/1</link>
      <title>One</title><pubDate>Thu, 12 Feb 2015 10:00:00 -0800</pubDate></item>
      <item><title>No link, permalink guid</title><guid>https://x.example/a/2</guid></item>
      <item><title>Opaque guid only</title><guid isPermaLink="false">42</guid></item>
    </channel></rss>"""
    doc = parse_feed(body, "https://x.example/feed/")
    assert [e.url for e in doc.entries] == ["https://x.example/a/1", "https://x.example/a/2"]
    assert doc.entries[0].published == datetime(2015, 2, 12, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("not-a-feed.html", "malformed XML"),
        ("xhtml-page.xml", "root element is <html>"),
    ],
)
def test_garbage_is_a_feed_error(name: str, reason: str) -> None:
    with pytest.raises(FeedError) as caught:
        parse_feed(read(name), "https://x.example/feed")
    message = str(caught.value)
    assert message.startswith("https://x.example/feed is not an RSS/Atom feed or sitemap: ")
    assert reason in message
    assert caught.value.reason in message


def test_a_truncated_feed_gives_the_entries_before_the_cut_and_says_so() -> None:
    doc = parse_feed(read("broken-truncated.xml"), "https://x.example/feed")
    assert doc.kind == "atom"
    assert [e.title for e in doc.entries][:1] == ["This is the new Hulu experience with live TV"]
    assert doc.problem is not None and doc.problem.startswith("malformed XML")
    assert parse_feed(read("theverge-AtomVergeAllPosts.xml"), "https://x.example/f").problem is None


@pytest.mark.parametrize("body", [b"", b"  \n\t", b"\x1f\x8bnot gzip at all"])
def test_empty_or_broken_gzip_is_a_feed_error(body: bytes) -> None:
    with pytest.raises(FeedError, match="is not an RSS/Atom feed or sitemap"):
        parse_feed(body, "https://x.example/feed")


def test_entities_are_not_expanded_and_nothing_is_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret")
    body = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY leak SYSTEM "file://{secret}">]>
<rss version="2.0"><channel><item><title>&leak;</title><link>https://x.example/a</link></item>
</channel></rss>""".encode()
    doc = parse_feed(body, "https://x.example/feed")
    assert doc.entries[0].url == "https://x.example/a"
    assert "top secret" not in (doc.entries[0].title or "")
