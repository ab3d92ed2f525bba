"""Issue 13: a run costs what is new. The plan skips a watch whose reports did not change, the
crawl starts from the state kept in the store, and the near-copy lookup checks a bounded set
of candidates. Each shortcut must give exactly what the full computation gives."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event as sa_event

from monitor import alerting, similarity
from monitor.alerting import _plan, plan_and_record
from monitor.events.changes import diff
from monitor.events.state import as_known, build_state
from monitor.ingest import watches_as_known
from monitor.model import Article, EventReport, Fact, FactKind, Status, Watch
from monitor.store import Store
from monitor.store import articles as store_articles
from monitor.watch_state import known_state

T0 = datetime(2026, 5, 1, 9, tzinfo=UTC)
WATCH = Watch(name="acme", company="Acme", date=date(2026, 6, 1))
OTHER = Watch(name="globex", company="Globex")
WORDS = ["acme", "globex", "launch", "event", "phone", "camera", "battery", "screen", "price",
         "market", "city", "stage", "keynote", "speaker", "product", "maker", "review", "chip",
         "design", "sales", "plan", "rumour", "report", "leak", "source", "week", "month",
         "year", "day", "early", "late", "new", "old", "big", "small", "fast", "slow"]


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as s:
        yield s


def text(rng: random.Random, words: int = 120) -> str:
    return " ".join(rng.choice(WORDS) + str(rng.randrange(50)) for _ in range(words))


def report(watch: str, status: Status, day: str, n: int) -> EventReport:
    return EventReport(watch=watch, status=status, status_evidence=f"It is so ({n}).",
                       facts=(Fact(FactKind.DATE, day, f"On {day} ({n})."),))


def expected(store: Store, watch: Watch) -> tuple[object, object]:
    """What a plan from scratch gives: (the draft's changes, the state)."""
    state = build_state(store.reports_for(watch.name), watch)
    last = store.last_alert(watch.name)
    draft = diff(watch, last.state["event"] if last else None, state,
                 (last.version if last else 0) + 1)
    return (draft.changes if draft and state else None), state


def test_a_second_plan_with_nothing_new_reads_no_report(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.save_page(Article(url="https://a.example/1", canonical_url="https://a.example/1",
                            title="t", body=text(random.Random(1)), published=T0),
                    source="a", fetched_at=T0,
                    reports=[report("acme", Status.RUMORED, "2026-06-01", 1)])
    assert len(plan_and_record(store, [WATCH], [], T0)) == 1
    assert plan_and_record(store, [WATCH], [], T0) == []

    def no_reading(watch: str) -> list[object]:
        raise AssertionError(f"reports of {watch} read with nothing new")

    monkeypatch.setattr(store, "reports_for", no_reading)
    assert plan_and_record(store, [WATCH], [], T0) == []
    assert alerting.plan_alerts(store, [WATCH]) == []
    # A crawl starts from the state the plan kept.
    assert watches_as_known(store, [WATCH]) == (WATCH,)


def test_an_idle_plan_parses_no_kept_state(store: Store) -> None:
    """The state kept, the summary and the last alert's state are JSON that grows with the
    watch's reports: a plan that finds nothing changed reads the counts alone."""
    store.save_page(Article(url="https://a.example/1", canonical_url="https://a.example/1",
                            title="t", body=text(random.Random(1)), published=T0),
                    source="a", fetched_at=T0,
                    reports=[report("acme", Status.RUMORED, "2026-06-01", 1)])
    assert len(plan_and_record(store, [WATCH], [], T0)) == 1
    assert plan_and_record(store, [WATCH], [], T0) == []
    statements: list[str] = []

    def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    engine = store._engine
    sa_event.listen(engine, "before_cursor_execute", seen)
    try:
        assert alerting.plan_alerts(store, [WATCH]) == []
        assert plan_and_record(store, [WATCH], [], T0) == []
    finally:
        sa_event.remove(engine, "before_cursor_execute", seen)
    assert any("watch_marks" in s for s in statements)  # the counts were read
    big = re.compile(r"\b(watch_marks\.(state|fold)|alerts\.state)\b(?!_)")
    assert [s for s in statements if big.search(s)] == []


def test_changed_rules_rebuild_the_state(store: Store) -> None:
    store.save_page(Article(url="https://a.example/1", canonical_url="https://a.example/1",
                            title="t", body=text(random.Random(2)), published=T0),
                    source="a", fetched_at=T0,
                    reports=[report("acme", Status.RUMORED, "2026-06-01", 1)])
    plan_and_record(store, [WATCH], [], T0)
    assert plan_and_record(store, [WATCH], [], T0) == []
    moved = Watch(name="acme", company="Acme", date=date(2026, 7, 1))
    assert _plan(store, moved) is not None or expected(store, moved)[0] is None
    assert (_plan(store, moved) is None) == (expected(store, moved)[0] is None)


def test_every_kind_of_change_is_seen(store: Store) -> None:
    """Random new, edited, copied and re-read articles: after each step the plan with its
    shortcuts equals the plan from scratch, and the kept state equals build_state."""
    rng = random.Random(13)
    bodies: dict[str, str] = {}
    statuses = list(Status)
    at = T0
    for step in range(60):
        at += timedelta(hours=1)
        action = rng.choice(["new", "new", "edit", "copy", "reread", "plan", "plan"])
        if action == "new" or not bodies:
            url = f"https://s{rng.randrange(5)}.example/{step}"
            bodies[url] = text(rng)
        elif action == "edit":
            url = rng.choice(sorted(bodies))
            bodies[url] = text(rng)
        elif action == "copy":  # the text of another stored article: a duplicate
            url = rng.choice(sorted(bodies))
            bodies[url] = bodies[rng.choice(sorted(bodies))]
        else:
            url = rng.choice(sorted(bodies))
        watches = rng.sample(["acme", "globex"], rng.randrange(3))
        reports = [report(w, rng.choice(statuses), f"2026-06-0{rng.randrange(1, 4)}", step)
                   for w in watches]
        article = Article(url=url, canonical_url=url, title=f"t{step}", body=bodies[url],
                          published=at - timedelta(minutes=rng.randrange(600)))
        if action == "reread":
            saved = store.save_article(article, source="s", fetched_at=at)
            store.save_reports(saved.id, reports)
        elif action != "plan":
            store.save_page(article, source="s", fetched_at=at, reports=reports)
        for watch in (WATCH, OTHER):
            changes, state = expected(store, watch)
            assert known_state(store, watch) == _json(state)
            assert as_known(watch, known_state(store, watch)) == as_known(watch, state)
            planned = _plan(store, watch, remember=True)
            assert (planned.draft.changes if planned else None) == changes, (step, action)
            if planned is not None and rng.random() < 0.7:
                plan_and_record(store, [watch], [], at)


def _json(state: object) -> object:
    import json

    return json.loads(json.dumps(state))


def test_the_near_copy_lookup_checks_a_bounded_number_of_candidates(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # Many stored articles sharing a common phrase's keys with the copy: the lookup still
    # finds the original, checking no more than NEAR_CANDIDATES fingerprints.
    rng = random.Random(5)
    common = " ".join(rng.choice(WORDS) for _ in range(400))
    original = None
    for n in range(store_articles.NEAR_CANDIDATES * 3):
        # Each shares the common paragraph (half its text): a near-copy of none of the others.
        body = common + " " + text(rng, 900)
        saved = store.save_article(Article(url=f"https://x.example/{n}",
                                           canonical_url=f"https://x.example/{n}", title="t",
                                           body=body), source="x", fetched_at=T0)
        assert saved.state == "new", n
        if n == 40:
            original = (saved.id, body)
    assert original is not None
    checked = []
    real = similarity.is_copy
    monkeypatch.setattr(store_articles.similarity, "is_copy",
                        lambda a, b: checked.append(1) or real(a, b))
    copy = Article(url="https://copy.example/1", canonical_url="https://copy.example/1",
                   title="t", body=original[1] + " First published elsewhere.")
    saved = store.save_article(copy, source="c", fetched_at=T0)
    assert (saved.state, saved.duplicate_of) == ("duplicate", original[0])
    assert 1 <= len(checked) <= store_articles.NEAR_CANDIDATES


def test_common_keys_do_not_crowd_out_the_original() -> None:
    # A copy of an old article whose text is mostly common phrases: 26 of its keys are each
    # shared by more originals than KEY_POSTINGS (only the newest are read), 6 are its
    # original's alone. Counted alike, the 33 newest boilerplate articles would outrank it.
    cut = store_articles.KEY_POSTINGS + 1
    newest = range(1000, 1000 + cut)
    postings = [(f"c{k}", a) for k in range(26) for a in newest]
    postings += [(f"r{k}", 7) for k in range(6)]
    ranked = store_articles.near_candidates(postings)
    assert ranked[0] == 7
    assert len(ranked) == store_articles.NEAR_CANDIDATES
    # Keys no more common than KEY_POSTINGS count alike, ties to the oldest.
    assert store_articles.near_candidates([("a", 5), ("a", 3), ("b", 5)]) == [5, 3]


def test_the_candidate_lookup_reads_the_key_index_alone(store_url: str) -> None:
    # The statement the store runs, planned by the database: every key's postings come from
    # the (key, article_id) index, newest first and cut at KEY_POSTINGS, never from a scan.
    import sqlalchemy as sa

    Store(store_url).close()
    engine = sa.create_engine(store_url.replace("postgresql://", "postgresql+psycopg://"))
    query = store_articles.key_postings(32).params({f"k{n}": f"{n:08x}" for n in range(32)})
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                plan = " ".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
                assert plan.count("COVERING INDEX ix_article_keys_key_article (key=?)") == 32
                assert "SCAN article_keys" not in plan
            else:
                # An empty table is scanned whatever its indexes: ask for the index plan.
                conn.exec_driver_sql("SET enable_seqscan = off")
                conn.exec_driver_sql("SET enable_bitmapscan = off")
                plan = " ".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {sql}"))
                assert plan.count("Index Only Scan Backward using ix_article_keys_key_article") \
                    == 32
    finally:
        engine.dispose()
