"""Issue 13: a plan folds the reports added since the last one into the summary the store
keeps (monitor.events.state.Fold), instead of reading every report. Over random sequences of
real articles (the stories' pages read by the real reader), in and out of publication order,
edited, copied and re-read, the folded summary, the state and the alert due must be exactly
those of a rebuild from every report, after every step."""

from __future__ import annotations

import dataclasses
import json
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from monitor.alerting import _plan, plan_and_record
from monitor.events.changes import diff
from monitor.events.state import Fold, build_state, folded
from monitor.model import Article, EventReport, Fact, FactKind, Status, Watch
from monitor.store import Store
from monitor.watch_state import known_state, rules_key
from tests.support.stories import NAMES, article_html, load

T0 = datetime(2023, 1, 1, tzinfo=UTC)  # after every story, as crawl times
SEQUENCES = 16  # per backend: each is a fresh store filled step by step


@dataclasses.dataclass(frozen=True)
class Piece:
    article: Article
    reports: tuple[EventReport, ...]


@pytest.fixture(scope="module")
def pieces() -> dict[str, tuple[Watch, list[Piece]]]:
    """Each story's articles (last version) and noise, with what the reader finds in them."""
    from monitor.extract.article import extract_article
    from monitor.extract.reading import find_reports

    found = {}
    for name in NAMES:
        story = load(name)
        watch = story.watch
        last = len(story.crawls) - 1
        read = []
        for key in [*story.data["articles"], *story.noise]:
            version = story.version(key, last)
            article = extract_article(article_html(version), version["url"],
                                      fetched_at=story.crawled_at(last))
            read.append(Piece(article, tuple(find_reports(article, [watch]))))
        found[name] = (watch, read)
    return found


def _json(value: object) -> Any:
    return json.loads(json.dumps(value))


def _rebuilt(store: Store, watch: Watch) -> tuple[dict[str, Any], Any, Any]:
    """From every report counted by the watch's mark: (the fold, the state, the changes due)."""
    mark = store.watch_mark(watch.name)
    rows = Store.reports_for(store, watch.name, upto=mark.changed)  # not the counted one
    state = build_state(rows, watch)
    last = store.last_alert(watch.name)
    draft = diff(watch, last.state["event"] if last else None, state,
                 (last.version if last else 0) + 1)
    return folded(rows, watch).to_json(), _json(state), (draft.changes if draft and state
                                                          else None)


class Counting:
    """Store.reports_for, counting full reads and reads of what is new since a fold."""

    def __init__(self, store: Store) -> None:
        self.store, self.real = store, store.reports_for
        self.full = self.new = 0

    def __call__(self, watch: str, **bounds: int | None) -> list[Any]:
        if bounds.get("after") is None:
            self.full += 1
        else:
            self.new += 1
        return self.real(watch, **bounds)


def _step(rng: random.Random, store: Store, pool: list[Piece], stored: list[Piece],
          at: datetime) -> None:
    action = rng.choice(["new"] * 5 + ["edit", "copy", "reread"])
    if action == "new" or not stored:
        piece = pool.pop(0)
        stored.append(piece)
        store.save_page(piece.article, source="s", fetched_at=at, reports=list(piece.reports))
        return
    piece = rng.choice(stored)
    if action == "edit":  # republished with a line more, an hour later: a rewrite
        article = dataclasses.replace(
            piece.article, body=piece.article.body + f"\n\nUpdated {at.isoformat()}.",
            published=(piece.article.published or at) + timedelta(hours=1))
        store.save_page(article, source="s", fetched_at=at, reports=list(piece.reports))
    elif action == "copy":  # another site's copy of a stored article: set aside
        copy = dataclasses.replace(piece.article, url=f"https://copy.example/{at.timestamp()}",
                                   canonical_url=None)
        store.save_page(copy, source="c", fetched_at=at, reports=[])
    else:  # read again (a reader change): the same reports replace the stored ones
        saved = store.save_article(piece.article, source="s", fetched_at=at)
        store.save_reports(saved.id, list(piece.reports))


def _check(store: Store, watch: Watch, at: datetime, rng: random.Random, label: str) -> None:
    fold, state, changes = _rebuilt(store, watch)
    assert _json(known_state(store, watch)) == state, label
    planned = _plan(store, watch, remember=True)
    assert (planned.draft.changes if planned else None) == changes, label
    mark = store.watch_mark(watch.name)
    assert mark.fold_changed == mark.changed and mark.fold_key == rules_key(watch, None)
    assert mark.fold == fold, label  # the summary kept is the rebuild's, to the last field
    assert _json(Fold.from_json(fold).to_json()) == fold  # and reads back as it was written
    if planned is not None and rng.random() < 0.7:
        assert len(plan_and_record(store, [watch], [], at)) == 1, label


def _sequence(store: Store, watch: Watch, pieces: list[Piece], seed: int) -> None:
    rng = random.Random(seed)
    pool = list(pieces)
    if seed % 2:  # half the runs out of publication order: late finds of older articles
        rng.shuffle(pool)
    else:
        pool.sort(key=lambda p: (p.article.published is None, p.article.published or T0))
    stored: list[Piece] = []
    at = T0
    step = 0
    while pool:
        at += timedelta(minutes=30)
        _step(rng, store, pool, stored, at)
        if rng.random() < 0.6:  # plans run after some crawls, not after every page
            _check(store, watch, at, rng, f"seed {seed} step {step}")
        step += 1
    _check(store, watch, at, rng, f"seed {seed} end")


def test_folded_plans_equal_rebuilds_after_every_step(
        store_url: str, pieces: dict[str, tuple[Watch, list[Piece]]],
        monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    reads = []
    for seed in range(SEQUENCES):
        watch, story = pieces[NAMES[seed % len(NAMES)]]
        if seed // len(NAMES) % 2:
            # No day or city given: the event's day and start are the reports' own, so new
            # reports can change how every earlier one is read (Frame).
            watch = dataclasses.replace(watch, date=None, city=None)
        url = store_url if seed == 0 else _fresh(store_url, tmp_path, seed)
        with Store(url) as store:
            counting = Counting(store)
            monkeypatch.setattr(store, "reports_for", counting)
            _sequence(store, watch, story, seed)
            reads.append(counting)
    # Both ways were taken: folds of what was new, and rebuilds where a fold cannot be exact.
    assert sum(c.new for c in reads) > sum(c.full for c in reads) / 4
    assert all(c.full for c in reads)


def _fresh(store_url: str, tmp_path: Any, seed: int) -> str:
    """Another empty database on the same backend as `store_url`."""
    if store_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / f'seq{seed}.db'}"
    import sqlalchemy as sa

    engine = sa.create_engine(store_url)
    try:
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT")
            for table in ("deliveries", "alerts", "facts", "reports", "article_keys",
                          "article_urls", "articles", "watch_marks"):
                conn.execute(sa.text(f"DELETE FROM {table}"))
    finally:
        engine.dispose()
    return store_url


def _article(n: int, site: str, published: datetime) -> Article:
    url = f"https://{site}/news/{n}"
    return Article(url=url, canonical_url=url, title=f"Acme news {n}",
                   body=f"Acme article number {n} on {site}. " * 30, published=published)


def _one_by_one(store: Store, watch: Watch, pages: list[tuple[Article, EventReport]]) -> None:
    rng = random.Random(0)
    for n, (article, report) in enumerate(pages):
        at = (article.published or T0) + timedelta(minutes=5)
        store.save_page(article, source="s", fetched_at=at, reports=[report])
        _check(store, watch, at, rng, f"page {n}")


def test_a_second_confirming_site_rereads_the_first(store_url: str) -> None:
    # Alone, a site's "confirmed" on nobody's record reads as reported; with a second site
    # saying it, both read as confirmed: the earlier report is read again, not kept as read.
    watch = Watch(name="acme", company="Acme")
    day = datetime(2026, 5, 1, 9, tzinfo=UTC)
    pages = [(_article(n, f"s{n}.example", day + timedelta(days=n)),
              EventReport("acme", Status.CONFIRMED, f"Acme confirmed it ({n}).",
                          (Fact(FactKind.DATE, "2026-06-10", "On June 10."),)))
             for n in range(3)]
    with Store(store_url) as store:
        _one_by_one(store, watch, pages)
        assert store.watch_mark("acme").fold["frame"]["lone_confirmation"] is False


def test_a_later_day_makes_an_earlier_happened_a_plan(store_url: str) -> None:
    # "It happened" told on 5 June is a plan once the event's day turns out to be 20 June.
    watch = Watch(name="acme", company="Acme")
    first = datetime(2026, 6, 5, 9, tzinfo=UTC)
    pages = [
        (_article(1, "a.example", first),
         EventReport("acme", Status.HAPPENED, "Acme unveiled it.", ())),
        (_article(2, "b.example", first + timedelta(days=1)),
         EventReport("acme", Status.CONFIRMED, "Acme confirmed it.",
                     (Fact(FactKind.DATE, "2026-06-20", "On June 20."),), basis="on_record")),
    ]
    with Store(store_url) as store:
        _one_by_one(store, watch, pages)
        state = known_state(store, watch)
        assert state is not None and state["event_day"] == "2026-06-20"
        assert any(a["kind"] == "status" and a["value"] == "happened"
                   for a in state["set_aside"])
