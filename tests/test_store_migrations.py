"""A database left at an older schema is upgraded in place on open, keeping its data."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import command

from monitor.model import Article
from monitor.store import Store
from monitor.store.engine import (
    alembic_config,
    create_store_engine,
    current_revision,
    head_revision,
)

T0 = datetime(2015, 2, 3, 9, tzinfo=UTC)


def _store_at(store_url: str, revision: str, *rows: str) -> str | None:
    """A store migrated only to `revision`, with `rows` inserted as that version wrote them
    (`:t` is T0); its revision as read back."""
    engine = create_store_engine(store_url)
    try:
        with engine.connect() as conn, conn.begin():
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            for row in rows:
                conn.execute(sa.text(row), {"t": T0} if ":t" in row else {})
        return current_revision(engine)
    finally:
        engine.dispose()


def test_a_first_version_database_is_upgraded_with_its_rows(store_url: str) -> None:
    # On SQLite a batch migration rebuilds tables; with foreign keys on, that once emptied the
    # outbox's deliveries through ON DELETE CASCADE. Nothing pending may be lost on upgrade.
    # Rows as the first version wrote them: no fingerprint, classes or health counts.
    revision = _store_at(
        store_url, "0001",
        "INSERT INTO articles (id, url, canonical_url, site, source, title, body, "
        "body_hash, published, authors, first_fetched_at, fetched_at, checked_at) "
        "VALUES (1, 'https://a.example/1', 'https://a.example/1', 'a.example', 's', "
        "'T', 'Body', NULL, :t, '[]', :t, :t, :t)",
        "INSERT INTO article_urls (url, article_id) VALUES ('https://a.example/1', 1)",
        "INSERT INTO alerts (id, watch, version, title, body, state, created_at) "
        "VALUES (1, 'w', 1, 'title', 'body', '{\"event\": null}', :t)",
        "INSERT INTO deliveries (alert_id, target_key, target_display, state, attempts) "
        "VALUES (1, 'k', 'json://x', 'pending', 0)")
    assert revision == "0001"

    with Store(store_url) as store:
        (pending,) = store.pending_deliveries()
        assert (pending.title, pending.classes, pending.next_attempt_at) == ("title", (), None)
        last = store.last_alert("w")
        assert last is not None and last.version == 1
        saved = store.save_article(
            Article(url="https://a.example/1", canonical_url="https://a.example/1", title="T",
                    body="Body"), source="s", fetched_at=T0)
        assert saved.id == 1
    engine = create_store_engine(store_url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_reports_from_before_0008_are_rebuilt_from_then_folded(store_url: str) -> None:
    # A 0007 store has unnumbered reports and a kept state but no summary: the first plan
    # rebuilds from every report (the unnumbered ones too), and the next one folds only the
    # report added since.
    from monitor.alerting import plan_and_record
    from monitor.events.state import build_state
    from monitor.model import EventReport, Fact, FactKind, Status, Watch

    _store_at(
        store_url, "0007",
        "INSERT INTO articles (id, url, canonical_url, site, source, title, body, "
        "body_hash, published, authors, first_fetched_at, fetched_at, checked_at) "
        "VALUES (1, 'https://a.example/1', 'https://a.example/1', 'a.example', 's', "
        "'Acme', 'Body', NULL, :t, '[]', :t, :t, :t)",
        "INSERT INTO reports (id, article_id, watch, status, status_evidence) "
        "VALUES (1, 1, 'acme', 'rumored', 'Acme may hold an event.')",
        "INSERT INTO watch_marks (watch, changed, state_changed, state_key, state) "
        "VALUES ('acme', 1, 1, 'old', '{}')")

    # With its day given, a report that says the day changes how no earlier one is read.
    watch = Watch(name="acme", company="Acme", date=date(2015, 3, 1))
    with Store(store_url) as store:
        assert store.watch_mark("acme").fold is None
        (first,) = plan_and_record(store, [watch], [], T0)
        assert first.state["status"] == "rumored"
        article = Article(url="https://b.example/2", canonical_url="https://b.example/2",
                          title="Acme", body="Other body", published=T0.replace(hour=10))
        store.save_page(article, source="s", fetched_at=T0, reports=[EventReport(
            "acme", Status.CONFIRMED, "Acme said so.",
            (Fact(FactKind.DATE, "2015-03-01", "On 1 March."),), basis="on_record")])
        bounds = []
        real = store.reports_for
        store.reports_for = lambda w, **b: bounds.append(b) or real(w, **b)  # type: ignore[method-assign]
        (second,) = plan_and_record(store, [watch], [], T0)
        assert bounds == [{"upto": 2, "after": 1}]
        assert second.state == build_state(real("acme"), watch)
        assert second.state["status"] == "confirmed"
