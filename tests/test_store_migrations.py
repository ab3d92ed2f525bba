"""A database left at an older schema is upgraded in place on open, keeping its data."""

from __future__ import annotations

from datetime import UTC, datetime

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


def test_a_first_version_database_is_upgraded_with_its_rows(store_url: str) -> None:
    # On SQLite a batch migration rebuilds tables; with foreign keys on, that once emptied the
    # outbox's deliveries through ON DELETE CASCADE. Nothing pending may be lost on upgrade.
    engine = create_store_engine(store_url)
    try:
        with engine.connect() as conn, conn.begin():
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0001")
            # Rows as the first version wrote them: no fingerprint, classes or health counts.
            conn.execute(sa.text(
                "INSERT INTO articles (id, url, canonical_url, site, source, title, body, "
                "body_hash, published, authors, first_fetched_at, fetched_at, checked_at) "
                "VALUES (1, 'https://a.example/1', 'https://a.example/1', 'a.example', 's', "
                "'T', 'Body', NULL, :t, '[]', :t, :t, :t)"), {"t": T0})
            conn.execute(sa.text(
                "INSERT INTO article_urls (url, article_id) VALUES ('https://a.example/1', 1)"))
            conn.execute(sa.text(
                "INSERT INTO alerts (id, watch, version, title, body, state, created_at) "
                "VALUES (1, 'w', 1, 'title', 'body', '{\"event\": null}', :t)"), {"t": T0})
            conn.execute(sa.text(
                "INSERT INTO deliveries (alert_id, target_key, target_display, state, attempts) "
                "VALUES (1, 'k', 'json://x', 'pending', 0)"))
        assert current_revision(engine) == "0001"
    finally:
        engine.dispose()

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
