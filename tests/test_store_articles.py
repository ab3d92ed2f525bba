"""Articles and event reports in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from monitor.model import Article, EventReport, Fact, FactKind, Status
from monitor.store import NotFound, SavedArticle, Store

T0 = datetime(2015, 2, 5, 9, 30, tzinfo=UTC)
BODY = "Xiaomi will reportedly hold an event in San Francisco on February 12."


def article(
    url: str,
    body: str = BODY,
    *,
    canonical: str | None = None,
    title: str | None = "Xiaomi to hold US event",
    published: datetime | None = T0,
) -> Article:
    return Article(
        url=url, canonical_url=canonical or url, title=title, body=body, published=published
    )


def report(watch: str = "xiaomi-sf", status: Status = Status.RUMORED, *facts: Fact) -> EventReport:
    return EventReport(
        watch=watch, status=status, status_evidence=f"{status} sentence", facts=facts
    )


CITY = Fact(FactKind.CITY, "San Francisco", "in San Francisco")
DATE = Fact(FactKind.DATE, "2015-02-12", "on February 12")
SPEAKER = Fact(FactKind.SPEAKER, "Hugo Barra", "Hugo Barra will speak")


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as s:
        yield s


def save(store: Store, art: Article, at: datetime = T0, source: str = "gsmarena") -> SavedArticle:
    return store.save_article(art, source=source, fetched_at=at)


def test_new_then_unchanged_ignores_whitespace(store: Store) -> None:
    first = save(store, article("https://www.gsmarena.com/xiaomi-news-1.php"))
    again = save(
        store,
        article("https://www.gsmarena.com/xiaomi-news-1.php", "  " + BODY.replace(" ", "\n  ")),
        T0 + timedelta(hours=1),
    )
    assert (first.state, first.duplicate_of) == ("new", None)
    assert (again.state, again.id, again.duplicate_of) == ("unchanged", first.id, None)


def test_updated_body_keeps_id_and_reports_are_replaced(store: Store) -> None:
    url = "https://vulcanpost.com/2015/02/xiaomi/"
    first = save(store, article(url))
    store.save_reports(first.id, [report("xiaomi-sf", Status.RUMORED, CITY, DATE)])
    later = T0 + timedelta(days=1)
    updated = save(store, article(url, BODY + " Update: Xiaomi confirmed it.", title="New"), later)
    assert (updated.state, updated.id) == ("updated", first.id)
    store.save_reports(updated.id, [report("xiaomi-sf", Status.CONFIRMED, SPEAKER)])

    (row,) = store.reports_for("xiaomi-sf")
    assert row.report == report("xiaomi-sf", Status.CONFIRMED, SPEAKER)
    assert (row.title, row.fetched_at) == ("New", later)


def test_tracking_parameters_and_declared_canonical_are_one_article(store: Store) -> None:
    canonical = "https://www.phonearena.com/news/Xiaomi-event_id66000"
    first = save(store, article(canonical))
    seen = [
        save(store, article(canonical + "?utm_source=rss&utm_medium=feed")),
        save(store, article("https://WWW.phonearena.com:443/news/Xiaomi-event_id66000#comments")),
        save(store, article("https://m.phonearena.com/news/66000?fbclid=x", canonical=canonical)),
        # the mobile URL is now known: the same page without a canonical link is still found
        save(store, article("https://m.phonearena.com/news/66000")),
    ]
    assert [(s.state, s.id) for s in seen] == [("unchanged", first.id)] * 4


def test_known_urls_answers_for_any_spelling_of_a_stored_article(store: Store) -> None:
    canonical = "https://www.phonearena.com/news/Xiaomi-event_id66000"
    save(store, article("https://m.phonearena.com/news/66000", canonical=canonical))
    asked = [
        canonical + "?utm_source=rss",
        "https://m.phonearena.com/news/66000#top",
        "https://www.phonearena.com/news/other_id1",
        *[f"https://example.com/{n}" for n in range(1200)],  # more than one IN query's worth
    ]
    assert store.known_urls(asked) == set(asked[:2])
    assert store.known_urls([]) == set()


def test_same_body_under_another_url_is_a_linked_duplicate(store: Store) -> None:
    original = save(store, article("https://www.gsmarena.com/xiaomi-news-1.php"))
    copy = save(store, article("https://syndicated.example.com/xiaomi", "\n" + BODY + "\n"))
    copy_of_copy = save(store, article("https://third.example.com/x", BODY))
    assert (copy.state, copy.duplicate_of) == ("duplicate", original.id)
    assert (copy_of_copy.state, copy_of_copy.duplicate_of) == ("duplicate", original.id)
    assert len({original.id, copy.id, copy_of_copy.id}) == 3
    # fetched again, a copy is unchanged and still says what it copies
    again = save(store, article("https://syndicated.example.com/xiaomi"))
    assert (again.state, again.id, again.duplicate_of) == ("unchanged", copy.id, original.id)


def test_empty_bodies_are_never_duplicates_of_each_other(store: Store) -> None:
    a = save(store, article("https://example.com/a", "   "))
    b = save(store, article("https://example.com/b", ""))
    assert (a.state, b.state) == ("new", "new")


def test_reports_for_excludes_duplicates_and_other_watches(store: Store) -> None:
    original = save(store, article("https://www.gsmarena.com/xiaomi-news-1.php"))
    copy = save(store, article("https://syndicated.example.com/xiaomi"))
    other = save(store, article("https://vulcanpost.com/x/", "Another text entirely."))
    store.save_reports(original.id, [report("xiaomi-sf"), report("other-watch")])
    store.save_reports(copy.id, [report("xiaomi-sf")])
    store.save_reports(other.id, [report("xiaomi-sf", Status.CONFIRMED)])

    rows = store.reports_for("xiaomi-sf")
    assert [r.article_id for r in rows] == [original.id, other.id]
    assert [r.site for r in rows] == ["gsmarena.com", "vulcanpost.com"]
    assert [r.source for r in rows] == ["gsmarena", "gsmarena"]
    assert [r.article_id for r in store.reports_for("other-watch")] == [original.id]
    assert store.reports_for("nobody") == []


def test_updating_an_original_hands_its_copies_over_to_the_oldest_copy(store: Store) -> None:
    original = save(store, article("https://www.gsmarena.com/xiaomi-news-1.php"))
    store.save_reports(original.id, [report("xiaomi-sf", Status.RUMORED, CITY)])
    copy1 = save(store, article("https://one.example.com/x"))
    copy2 = save(store, article("https://two.example.com/x"))

    updated = save(store, article("https://www.gsmarena.com/xiaomi-news-1.php", "Now confirmed."))
    assert updated.state == "updated"
    # copy1 now holds the text alone and carries the reports read from it
    assert save(store, article("https://one.example.com/x")).duplicate_of is None
    assert save(store, article("https://two.example.com/x")).duplicate_of == copy1.id
    assert save(store, article("https://four.example.com/x")).duplicate_of == copy1.id
    store.save_reports(updated.id, [report("xiaomi-sf", Status.CONFIRMED)])
    rows = store.reports_for("xiaomi-sf")
    assert sorted((r.article_id, r.report.status) for r in rows) == sorted(
        [(original.id, Status.CONFIRMED), (copy1.id, Status.RUMORED)]
    )
    assert copy2.id not in {r.article_id for r in rows}


def test_an_update_that_copies_another_article_makes_a_duplicate(store: Store) -> None:
    first = save(store, article("https://example.com/first", "First text."))
    second = save(store, article("https://example.com/second", "Second text."))
    again = save(store, article("https://example.com/second", "First text."))
    assert (again.state, again.id, again.duplicate_of) == ("duplicate", second.id, first.id)
    # ... and stops being one when its text is its own again
    back = save(store, article("https://example.com/second", "Second text, revised."))
    assert (back.state, back.duplicate_of) == ("updated", None)


def test_a_copy_that_inherits_the_text_carries_the_reports_of_that_text(store: Store) -> None:
    first = save(store, article("https://example.com/first", "First text."))
    store.save_reports(first.id, [report("xiaomi-sf", Status.CONFIRMED, CITY)])
    second = save(store, article("https://example.com/second", "Second text."))
    store.save_reports(second.id, [report("xiaomi-sf", Status.RUMORED, DATE)])
    assert save(store, article("https://example.com/second", "First text.")).state == "duplicate"
    assert save(store, article("https://example.com/first", "Third text.")).state == "updated"
    store.save_reports(first.id, [])
    (row,) = store.reports_for("xiaomi-sf")
    assert (row.article_id, row.report) == (second.id, report("xiaomi-sf", Status.CONFIRMED, CITY))


def test_reports_for_orders_by_published_then_id_with_undated_last(store: Store) -> None:
    later = save(store, article("https://a.example.com/1", "one", published=T0 + timedelta(1)))
    undated = save(store, article("https://b.example.com/2", "two", published=None))
    earlier = save(store, article("https://c.example.com/3", "three", published=T0))
    same_time = save(store, article("https://d.example.com/4", "four", published=T0))
    for saved in (later, undated, earlier, same_time):
        store.save_reports(saved.id, [report("xiaomi-sf", Status.RUMORED, SPEAKER, CITY, DATE)])
    rows = store.reports_for("xiaomi-sf")
    assert [r.article_id for r in rows] == [earlier.id, same_time.id, later.id, undated.id]
    assert all(r.report.facts == (SPEAKER, CITY, DATE) for r in rows)


def test_save_reports_checks_its_input(store: Store) -> None:
    saved = save(store, article("https://example.com/a"))
    store.save_reports(saved.id, [report("xiaomi-sf", Status.RUMORED, CITY)])
    with pytest.raises(NotFound):
        store.save_reports(saved.id + 1000, [report()])
    with pytest.raises(ValueError, match="more than one report"):
        store.save_reports(saved.id, [report(), report()])
    assert [r.report.facts for r in store.reports_for("xiaomi-sf")] == [(CITY,)]


def test_a_call_that_fails_midway_leaves_the_old_reports(store: Store) -> None:
    saved = save(store, article("https://example.com/a"))
    store.save_reports(saved.id, [report("xiaomi-sf", Status.RUMORED, CITY)])
    broken = Fact(FactKind.VENUE, None, "no value")  # type: ignore[arg-type]
    with pytest.raises(sa.exc.IntegrityError):
        store.save_reports(
            saved.id, [report("other"), report("xiaomi-sf", Status.HAPPENED, broken)]
        )
    assert [r.report.facts for r in store.reports_for("xiaomi-sf")] == [(CITY,)]
    assert store.reports_for("other") == []


def test_times_round_trip_as_aware_utc(store: Store) -> None:
    singapore = timezone(timedelta(hours=8))
    published = datetime(2015, 2, 12, 10, 0, tzinfo=singapore)
    fetched = datetime(2015, 2, 12, 3, 0, 0, 123456, tzinfo=UTC)
    saved = save(store, article("https://vulcanpost.com/x/", published=published), fetched)
    store.save_reports(saved.id, [report()])
    (row,) = store.reports_for("xiaomi-sf")
    assert row.published == published and row.published.utcoffset() == timedelta(0)
    assert row.fetched_at == fetched and row.fetched_at.tzinfo is not None


def test_naive_times_are_refused_and_nothing_is_stored(store: Store) -> None:
    with pytest.raises(ValueError, match=r"published=.* is naive"):
        save(store, article("https://example.com/a", published=datetime(2015, 2, 12, 10)))
    assert save(store, article("https://example.com/a")).state == "new"


def test_validators_round_trip_overwrite_and_forget(store: Store) -> None:
    url = "https://www.gsmarena.com/rss-news-reviews.php3"
    assert store.get_validators(url) == (None, None)
    store.put_validators(url, '"abc"', "Thu, 12 Feb 2015 10:00:00 GMT")
    assert store.get_validators(url) == ('"abc"', "Thu, 12 Feb 2015 10:00:00 GMT")
    store.put_validators(url, None, "Fri, 13 Feb 2015 10:00:00 GMT")
    assert store.get_validators(url) == (None, "Fri, 13 Feb 2015 10:00:00 GMT")
    assert store.get_validators(url + "?x=1") == (None, None)
    store.put_validators(url, None, None)
    assert store.get_validators(url) == (None, None)
