"""The built-in sources' URL rules and the feed reader on real data (fixtures/sources/)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from monitor.crawl.feeds import FeedError, parse_feed
from monitor.extract.article.listing import listing_url
from monitor.sources.profiles import PROFILES, profile_for_url

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
FEEDS = SOURCES / "feeds"


def gz_text(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8")


def test_gsmarena_article_rule_on_every_real_feed_item() -> None:
    """3,531 items of the real feed: every news link is an article, no review link is."""
    rows = [line.split("\t") for line in gz_text(SOURCES / "gsmarena" / "feed-item-links.tsv.gz")
            .splitlines()]
    rule = PROFILES["gsmarena"].article_url
    news = [link for category, link in rows if category == "news"]
    reviews = [link for category, link in rows if category != "news"]
    assert (len(news), len(reviews)) == (3452, 79)
    assert [link for link in news if not rule.search(link)] == []
    assert [link for link in reviews if rule.search(link)] == []
    assert all(profile_for_url(link) is PROFILES["gsmarena"] for link, in
               [(link,) for _, link in rows])


def transcribed() -> list[dict[str, object]]:
    text = gz_text(SOURCES / "transcribed" / "vulcanpost-phonearena-pages.jsonl.gz")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_vulcanpost_and_phonearena_rules_on_real_page_urls() -> None:
    """The real URLs: one Vulcan Post article among listings and dated archives."""
    urls = [str(record["url"]) for record in transcribed()]
    vulcan = [u for u in urls if "vulcanpost.com" in u]
    articles = [u for u in vulcan if PROFILES["vulcanpost"].article_url.search(u)]
    assert articles == ["https://vulcanpost.com/772516/10-headlines-that-shook-tech-business-2021-singapore/"]
    assert all(listing_url(u) for u in vulcan if u not in articles)
    arena = [u for u in urls if "phonearena.com" in u]
    assert len(arena) == 2
    assert not any(PROFILES["phonearena"].article_url.search(u) for u in arena)
    assert all(profile_for_url(u) is PROFILES["phonearena"] for u in arena)


# Entry counts feedparser 6.0.14 gives on each real feed (upstream SOURCES.md, measured there),
# and ours where ours differ, with why.
REAL_FEEDS = {
    "feedjira/AmazonWebServicesBlog.xml": 10,
    "feedjira/FeedBurnerXHTML.xml": 10,
    "feedjira/HuffPostCanada.xml": 2,
    "feedjira/InvalidDateFormat.xml": 2,  # no closing </rss>: read past it
    "feedjira/TypePadNews.xml": 10,
    "feedjira/google_alerts_atom.xml": 20,
    "feedjira/youtube_atom.xml": 15,
    "feedreader/AtomSpecialCharacters.xml": 1,  # a \\x0f in a title: read past it
    "feedreader/Rss10Minutos20.xml": 15,
    "feedreader/Rss10OrfAt.xml": 50,
    "feedreader/Rss20BreakingNews.xml": 10,
    "feedreader/Rss20CTVNews.xml": 10,
    "feedreader/Rss20DaStandardAt.xml": 34,
    "feedreader/Rss20DailyMail.xml": 0,  # an empty channel, for feedparser too
    "feedreader/Rss20DerBrutkasten.xml": 10,
    "feedreader/Rss20FazNet.xml": 13,
    "feedreader/Rss20ISO88591Intranet30.xml": 30,
    "feedreader/Rss20IndianExpress.xml": 200,
    "feedreader/Rss20JapanTimes.xml": 118,
    "feedreader/Rss20JungeGruender.xml": 6,
    "feedreader/Rss20LeFigaro.xml": 49,  # feedparser 50: one article listed twice, kept once
    "feedreader/Rss20LeMonde.xml": 18,
    "feedreader/Rss20LeParisien.xml": 30,
    "feedreader/Rss20MoscowTimes.xml": 50,
    "feedreader/Rss20NYTimes.xml": 33,
    "feedreader/Rss20Reuters.xml": 10,
    "feedreader/Rss20RomaNews.xml": 10,
    "feedreader/Rss20RomaToday.xml": 25,
    "feedreader/Rss20Spiegel.xml": 17,
    "feedreader/Rss20TheMirror.xml": 25,
    "rss-parser/content-encoded.rss": 7,
    "rss-parser/encoding.rss": 40,
    "rss-parser/feedburner.atom": 25,
    "rss-parser/guardian.rss": 55,
    "rss-parser/heise.atom": 15,
    "rss-parser/many-links.rss": 25,
    "rss-parser/reddit.rss": 24,
    "rss-parser/rss-1.rss": 69,
    "rss-parser/uolNoticias.rss": 15,  # ISO-8859-1 bytes, nothing says so: read past it
}
# Read past a flaw, so the reader says what it was.
FLAWED = {"feedjira/InvalidDateFormat.xml", "feedreader/AtomSpecialCharacters.xml",
          "rss-parser/uolNoticias.rss"}


def feed(name: str) -> bytes:
    return gzip.decompress((FEEDS / f"{name}.gz").read_bytes())


@pytest.mark.parametrize(("name", "entries"), sorted(REAL_FEEDS.items()))
def test_real_feeds_give_their_entries(name: str, entries: int) -> None:
    doc = parse_feed(feed(name), "https://feeds.example.com/feed")
    assert len(doc.entries) == entries
    assert (doc.problem is not None) == (name in FLAWED)
    for entry in doc.entries:
        assert entry.url.startswith(("http://", "https://"))
        assert entry.published is None or entry.published.tzinfo is not None


def test_every_real_feed_is_in_the_table() -> None:
    names = {str(p.relative_to(FEEDS))[:-3] for p in FEEDS.rglob("*.gz")}
    real = {n for n in names if not n.startswith("feedparser-")} - {"feedjira/json_feed.json"}
    assert real == set(REAL_FEEDS) and len(real) == 39


def test_an_undeclared_legacy_encoding_is_decoded_not_lost() -> None:
    doc = parse_feed(feed("rss-parser/uolNoticias.rss"), "https://feeds.example.com/feed")
    # The first title as the ISO-8859-1 bytes spell it.
    raw = feed("rss-parser/uolNoticias.rss").decode("iso-8859-1")
    first = raw.split("<item>", 1)[1].split("<title>", 1)[1].split("</title>", 1)[0]
    assert doc.entries[0].title == " ".join(first.removeprefix("<![CDATA[")
                                            .removesuffix("]]>").split())
    assert any(c in (doc.entries[0].title or "") + "".join(e.title or "" for e in doc.entries)
               for c in "ãçéõ")


MALFORMED = sorted(str(p.relative_to(FEEDS))[:-3] for p in FEEDS.rglob("feedparser-*/**/*.gz"))


def test_the_malformed_set_is_all_there() -> None:
    assert len(MALFORMED) == 27


@pytest.mark.parametrize("name", [*MALFORMED, "feedjira/json_feed.json"])
def test_malformed_feeds_give_a_feed_or_a_clear_error_never_another_exception(name: str) -> None:
    try:
        doc = parse_feed(feed(name), "https://feeds.example.com/feed")
    except FeedError as exc:
        assert str(exc).startswith("https://feeds.example.com/feed is not an RSS/Atom feed")
        assert exc.reason
        return
    assert doc.kind in ("rss", "rdf", "atom")
    # These hand-made feeds have items without links, which are no article to fetch.
    assert all(entry.url.startswith("http") for entry in doc.entries)


def test_a_corrupted_ampersand_in_a_link_is_read_as_the_link() -> None:
    """feedparser's own expectation for this file: a=1&b=2."""
    doc = parse_feed(feed("feedparser-illformed/rss_item_link_corrupted_ampersands.xml"),
                     "https://feeds.example.com/feed")
    assert [e.url for e in doc.entries] == ["http://link/get?a=1&b=2"]
