"""Syndicated near-copies in the store: stored, linked to their original, never independent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.extract.article import extract_article
from monitor.model import Article, EventReport, Status
from monitor.similarity import fingerprint
from monitor.store import Store

STORY = Path(__file__).resolve().parent.parent / "fixtures" / "story" / "pages"
T0 = datetime(2015, 2, 3, 9, tzinfo=UTC)
G1_URL = ("https://www.gsmarena.com/"
          "xiaomi_rumored_to_hold_first_us_event_in_san_francisco-news-10843.php")
G1 = extract_article((STORY / "g1-rumour.html").read_bytes(), G1_URL, fetched_at=T0)
P1_URL = ("https://www.phonearena.com/news/"
          "Xiaomi-could-be-holding-an-event-in-San-Francisco-next-week_id66012")
P1 = extract_article((STORY / "p1-rumour.html").read_bytes(), P1_URL, fetched_at=T0)


def copy_of(original: Article, url: str, body: str) -> Article:
    return Article(url=url, canonical_url=url, title=original.title, body=body,
                   published=original.published)


def syndicated(body: str) -> str:
    """What a scraper site makes of a story: last paragraph dropped, a credit line added."""
    paragraphs = body.split("\n")
    return "\n".join([*paragraphs[:-1], "This article first appeared on GSMArena.com."])


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as s:
        yield s


def test_near_copy_is_a_duplicate_and_its_reports_do_not_count(store: Store) -> None:
    first = store.save_article(G1, source="gsmarena", fetched_at=T0)
    store.save_reports(first.id, [EventReport("xiaomi-sf", Status.RUMORED, "rumored")])
    copy = copy_of(G1, "https://scraper.example/xiaomi-us-event", syndicated(G1.body))
    assert copy.body != G1.body
    saved = store.save_article(copy, source="feed", fetched_at=T0 + timedelta(hours=2))
    assert (saved.state, saved.duplicate_of) == ("duplicate", first.id)
    assert [r.site for r in store.reports_for("xiaomi-sf")] == ["gsmarena.com"]


def test_a_fingerprint_handed_over_by_a_worker_finds_the_same_copy(store: Store) -> None:
    """The pipeline fingerprints a text in its worker; the store must judge with it exactly
    as with its own."""
    first = store.save_page(G1, source="gsmarena", fetched_at=T0, reports=[],
                            fingerprint=fingerprint(G1.body))
    copy = copy_of(G1, "https://scraper.example/xiaomi-us-event", syndicated(G1.body))
    saved = store.save_page(copy, source="feed", fetched_at=T0 + timedelta(hours=2),
                            reports=[], fingerprint=fingerprint(copy.body))
    assert (saved.state, saved.duplicate_of) == ("duplicate", first.id)
    # The store judges with the fingerprint it is handed and does not compute its own: handed
    # G1's, another site's unrelated text is taken for a copy of G1.
    other = store.save_page(P1, source="phonearena", fetched_at=T0 + timedelta(hours=3),
                            reports=[], fingerprint=fingerprint(G1.body))
    assert (other.state, other.duplicate_of) == ("duplicate", first.id)


def test_own_article_on_the_same_news_is_not_a_copy(store: Store) -> None:
    store.save_article(G1, source="gsmarena", fetched_at=T0)
    other = store.save_article(P1, source="phonearena", fetched_at=T0)
    assert (other.state, other.duplicate_of) == ("new", None)


def test_an_updated_original_stays_original_and_keeps_its_near_copies(store: Store) -> None:
    first = store.save_article(G1, source="gsmarena", fetched_at=T0)
    copy = copy_of(G1, "https://scraper.example/xiaomi", syndicated(G1.body))
    assert store.save_article(copy, source="feed", fetched_at=T0).state == "duplicate"
    updated = Article(url=G1_URL, canonical_url=G1_URL, title=G1.title,
                      body=G1.body + "\nUPDATE: Xiaomi has sent out invitations for the event.",
                      published=G1.published)
    saved = store.save_article(updated, source="gsmarena", fetched_at=T0 + timedelta(days=7))
    assert (saved.state, saved.id, saved.duplicate_of) == ("updated", first.id, None)
    again = store.save_article(copy, source="feed", fetched_at=T0 + timedelta(days=7))
    assert (again.state, again.duplicate_of) == ("unchanged", first.id)


def test_short_texts_get_no_near_copy_verdict(store: Store) -> None:
    short = "Xiaomi will hold an event in San Francisco on February 12, sources say."
    store.save_article(copy_of(G1, "https://a.example/1", short), source="a", fetched_at=T0)
    near = store.save_article(copy_of(G1, "https://b.example/2", short + " Stay tuned."),
                              source="b", fetched_at=T0)
    assert near.state == "new"


def test_a_copy_on_another_site_naming_the_original_as_canonical_is_a_copy(
        store: Store) -> None:
    first = store.save_article(G1, source="gsmarena", fetched_at=T0)
    partner = Article(url="https://partner.example/tech/xiaomi-us-event", canonical_url=G1_URL,
                      title=G1.title, body=syndicated(G1.body), published=G1.published)
    saved = store.save_article(partner, source="feed", fetched_at=T0 + timedelta(hours=1))
    assert (saved.state, saved.duplicate_of) == ("duplicate", first.id)
    assert saved.canonical_url == "https://partner.example/tech/xiaomi-us-event"
    # The original keeps its own text: the copy did not overwrite it.
    again = store.save_article(G1, source="gsmarena", fetched_at=T0 + timedelta(hours=2))
    assert (again.state, again.id) == ("unchanged", first.id)
    # A partner copy with any text (here a teaser too short to judge) still points home.
    teaser = Article(url="https://other.example/x", canonical_url=G1_URL, title=G1.title,
                     body="Xiaomi may hold a US event.", published=G1.published)
    assert store.save_article(teaser, source="feed", fetched_at=T0).duplicate_of == first.id


def test_a_copy_seen_before_its_original_is_kept_as_a_standalone_article(store: Store) -> None:
    partner = Article(url="https://partner.example/tech/xiaomi-us-event", canonical_url=G1_URL,
                      title=G1.title, body=G1.body, published=G1.published)
    first = store.save_article(partner, source="feed", fetched_at=T0)
    assert first.state == "new"
    # The origin arriving later is recognised as the same text: one source, not two.
    origin = store.save_article(G1, source="gsmarena", fetched_at=T0 + timedelta(hours=1))
    assert (origin.state, origin.duplicate_of) == ("duplicate", first.id)
