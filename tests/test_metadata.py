"""Metadata rules on small pages: timestamps, title suffixes, JSON-LD shapes, junk input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from monitor.extract.article import extract_article
from monitor.extract.article.metadata import strip_site_name
from monitor.extract.article.timestamps import parse_timestamp
from monitor.model import Article

PT_WINTER = timezone(timedelta(hours=-8))
# When the pages were fetched, as far as these tests care: after every date they state.
FETCHED = datetime(2026, 12, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "2015-02-12T10:00:00+08:00",
            datetime(2015, 2, 12, 10, tzinfo=timezone(timedelta(hours=8))),
        ),
        ("2015-02-12T10:00:00.000Z", datetime(2015, 2, 12, 10, tzinfo=UTC)),
        ("2017-01-18T23:00:00-0800", datetime(2017, 1, 18, 23, tzinfo=PT_WINTER)),
        ("Thu, 12 Feb 2015 18:00:00 +0000", datetime(2015, 2, 12, 18, tzinfo=UTC)),
        (
            "Tue, Sep 15 2020 10:01:41 EDT",
            datetime(2020, 9, 15, 10, 1, 41, tzinfo=timezone(timedelta(hours=-4))),
        ),
        ("Feb 12, 2015 at 10:30 am PT", datetime(2015, 2, 12, 10, 30, tzinfo=PT_WINTER)),
        ("12 February 2015", datetime(2015, 2, 12)),
        ("February 12th, 2015, 3:04 PM", datetime(2015, 2, 12, 15, 4)),
        ("2015-02-30", None),
        ("yesterday", None),
        ("", None),
    ],
)
def test_parse_timestamp(text: str, expected: datetime | None) -> None:
    stamp = parse_timestamp(text)
    assert stamp == expected
    if expected is not None:
        assert (stamp.tzinfo is None) == (expected.tzinfo is None)


def test_pacific_time_follows_daylight_saving() -> None:
    stamp = parse_timestamp("Jul 3, 2019 8:05 AM PT")
    assert stamp is not None and stamp.utcoffset() == timedelta(hours=-7)


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        (
            "Xiaomi event confirmed | TechCrunch",
            "TechCrunch",
            "https://techcrunch.com/a",
            "Xiaomi event confirmed",
        ),
        (
            "Xiaomi event confirmed - The Verge",
            None,
            "https://www.theverge.com/a",
            "Xiaomi event confirmed",
        ),
        ("GSMArena.com - Xiaomi event", None, "https://www.gsmarena.com/a", "Xiaomi event"),
        (
            "Twitter Lite - CNET en Español",
            "CNET en Español",
            "https://www.cnet.com/es/",
            "Twitter Lite",
        ),
        (
            "Mi Note - a phablet - Vulcan Post",
            "Vulcan Post",
            "https://vulcanpost.com/1/",
            "Mi Note - a phablet",
        ),
        # A dash inside the headline that does not name the site stays.
        (
            "Xiaomi - the Apple of China?",
            "Engadget",
            "https://www.engadget.com/x",
            "Xiaomi - the Apple of China?",
        ),
    ],
)
def test_strip_site_name(title: str, site: str | None, url: str, expected: str) -> None:
    assert strip_site_name(title, site, url) == expected


def _extract(page: str | bytes, url: str) -> Article:
    return extract_article(page, url, fetched_at=FETCHED)


def _page(head: str, body: str = "<p>Some text.</p>") -> str:
    return f"<html><head>{head}</head><body><article>{body}</article></body></html>"


def test_json_ld_graph_with_author_reference_and_naive_date_in_page_zone() -> None:
    head = """
    <meta property="article:modified_time" content="2015-02-12T12:00:00+08:00">
    <script type="application/ld+json">{"@graph": [
      {"@type": "Person", "@id": "#lin", "name": "Lin Bin"},
      {"@type": ["NewsArticle"], "headline": "Xiaomi &amp; friends", "author": [{"@id": "#lin"}],
       "datePublished": "2015-02-12T10:00:00", "inLanguage": "zh-CN",}
    ]}</script>"""
    article = _extract(_page(head), "https://example.com/a")
    assert article.title == "Xiaomi & friends"
    assert article.authors == ("Lin Bin",)
    assert article.published == datetime(2015, 2, 12, 10, tzinfo=timezone(timedelta(hours=8)))
    assert article.language == "zh"


def test_author_meta_that_is_a_url_is_not_a_name() -> None:
    head = """<meta property="article:author" content="https://www.facebook.com/someone">
    <meta name="author" content="By Hugo Barra and Lin Bin">"""
    assert _extract(_page(head), "https://example.com/a").authors == (
        "Hugo Barra",
        "Lin Bin",
    )


def test_canonical_is_resolved_against_the_page_url_and_falls_back_to_it() -> None:
    with_link = _page('<link rel="canonical" href="/news/1?x=1">')
    assert _extract(with_link, "https://example.com/a?utm=1").canonical_url == (
        "https://example.com/news/1?x=1"
    )
    assert (
        _extract(_page(""), "https://example.com/a").canonical_url == "https://example.com/a"
    )


def test_page_without_any_date_has_none_not_the_crawl_time() -> None:
    assert _extract(_page("<title>t</title>"), "https://example.com/a").published is None


@pytest.mark.parametrize(
    "page",
    [
        b"",
        b"   ",
        b"\x00\x01\x02garbage\xff\xfe",
        "<html><head><script type='application/ld+json'>{broken",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
        "<p>only a fragment</p>",
        b"\xef\xbb\xbf<html><head><title>BOM page</title></head><body></body></html>",
    ],
)
def test_junk_pages_give_an_article_not_an_exception(page: str | bytes) -> None:
    article = _extract(page, "https://example.com/a")
    assert article.url == article.canonical_url == "https://example.com/a"
    assert isinstance(article.body, str)


def test_organisation_as_json_ld_author_is_no_byline() -> None:
    head = """<script type="application/ld+json">{"@type": "NewsArticle", "headline": "h",
      "author": {"@type": "Organization", "name": "Al Jazeera"}}</script>"""
    assert _extract(_page(head), "https://example.com/a").authors == ()


def test_byline_kind_prefix_and_job_title_are_not_names() -> None:
    head = '<meta name="author" content="Analysis by Chris Cillizza, CNN Editor-at-large">'
    assert _extract(_page(head), "https://example.com/a").authors == ("Chris Cillizza",)


def test_title_suffix_after_the_visible_headline_is_dropped() -> None:
    page = _page(
        '<meta property="og:title" content="The Guardian view on X: a city | Editorial">',
        "<h1>The Guardian view on X: a city</h1><p>Text.</p>",
    )
    assert _extract(page, "https://www.theguardian.com/a").title == (
        "The Guardian view on X: a city"
    )


def test_site_suffix_of_a_second_level_country_domain() -> None:
    assert strip_site_name("Headline - Entermedia", None, "http://entermedia.co.kr/1") == "Headline"


def test_fractional_seconds_are_kept() -> None:
    stamp = parse_timestamp("2018-10-24T09:42:00.871+03:00")
    assert stamp is not None and stamp.microsecond == 871000
