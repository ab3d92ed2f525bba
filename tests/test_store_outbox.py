"""The alert outbox and source runs in the store, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from monitor.store import NotFound, Store

T0 = datetime(2015, 2, 12, 18, 0, tzinfo=UTC)
TARGETS = [("mailto-1", "email to ops@example.com"), ("json-1", "json receiver")]
STATE = {"status": "confirmed", "facts": {"speaker": ["Lin Bin", "Hugo Barra"]}, "note": "小米"}


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with Store(store_url) as s:
        yield s


def add(store: Store, watch: str = "xiaomi-sf", version: int = 1, **kw: Any) -> int:
    kw.setdefault("created_at", T0 + timedelta(minutes=version))
    return store.add_alert(
        watch,
        version,
        f"{watch} v{version}",
        f"body {version}",
        STATE,
        TARGETS,
        **kw,
    )


def test_add_alert_is_idempotent_per_watch_and_version(store: Store) -> None:
    first = add(store)
    again = store.add_alert(
        "xiaomi-sf", 1, "other title", "other body", {}, [("slack-1", "slack")], created_at=T0
    )
    assert again == first
    pending = store.pending_deliveries()
    assert [(p.alert_id, p.target_key) for p in pending] == [(first, "mailto-1"), (first, "json-1")]
    assert {p.title for p in pending} == {"xiaomi-sf v1"}
    assert add(store, "other-watch", 1) != first


def test_repeated_target_key_gives_one_delivery(store: Store) -> None:
    alert = store.add_alert("w", 1, "t", "b", {}, [("k", "one"), ("k", "two")], created_at=T0)
    assert [(p.alert_id, p.target_display) for p in store.pending_deliveries()] == [(alert, "one")]


def test_pending_then_failed_attempt_then_delivered(store: Store) -> None:
    alert = add(store, body_html="<p>body 1</p>", body_markdown="*body 1*")
    (mail, hook) = store.pending_deliveries()
    assert (mail.attempts, mail.last_error, mail.body_html, mail.body_markdown) == (
        0,
        None,
        "<p>body 1</p>",
        "*body 1*",
    )

    store.mark_attempt_failed(alert, "json-1", "connection refused", T0 + timedelta(minutes=5))
    store.mark_delivered(alert, "mailto-1", T0 + timedelta(minutes=5))
    (hook,) = store.pending_deliveries()
    assert (hook.target_key, hook.attempts, hook.last_error) == ("json-1", 1, "connection refused")
    assert hook.last_attempt_at == T0 + timedelta(minutes=5)

    store.mark_attempt_failed(alert, "json-1", "HTTP 503", T0 + timedelta(minutes=20))
    assert store.pending_deliveries()[0].attempts == 2
    store.mark_delivered(alert, "json-1", T0 + timedelta(minutes=30))
    assert store.pending_deliveries() == []

    (view,) = store.alerts()
    assert [(d.target_key, d.state, d.attempts, d.last_error) for d in view.deliveries] == [
        ("mailto-1", "delivered", 1, None),
        ("json-1", "delivered", 3, "HTTP 503"),
    ]
    assert view.deliveries[1].delivered_at == T0 + timedelta(minutes=30)


def test_marks_after_delivery_change_nothing(store: Store) -> None:
    alert = add(store)
    store.mark_delivered(alert, "mailto-1", T0)
    store.mark_delivered(alert, "mailto-1", T0 + timedelta(hours=1))
    store.mark_attempt_failed(alert, "mailto-1", "late error", T0 + timedelta(hours=2))
    mail = store.alerts()[0].deliveries[0]
    assert (mail.state, mail.attempts, mail.delivered_at, mail.last_error) == (
        "delivered",
        1,
        T0,
        None,
    )


def test_giving_up_marks_failed_and_leaves_the_pending_list(store: Store) -> None:
    alert = add(store)
    store.mark_attempt_failed(alert, "json-1", "HTTP 500", T0, give_up=True)
    assert [p.target_key for p in store.pending_deliveries()] == ["mailto-1"]
    states = {d.target_key: d.state for d in store.alerts()[0].deliveries}
    assert states == {"mailto-1": "pending", "json-1": "failed"}


def test_marking_an_unknown_delivery_is_an_error(store: Store) -> None:
    alert = add(store)
    with pytest.raises(NotFound):
        store.mark_delivered(alert, "no-such-target", T0)
    with pytest.raises(NotFound):
        store.mark_attempt_failed(alert + 99, "mailto-1", "x", T0)


def test_last_alert_is_the_highest_version_with_its_state(store: Store) -> None:
    assert store.last_alert("xiaomi-sf") is None
    add(store, version=1)
    add(store, version=3)
    add(store, version=2)
    add(store, "other", version=7)
    last = store.last_alert("xiaomi-sf")
    assert last is not None
    assert (last.version, last.title, last.state) == (3, "xiaomi-sf v3", STATE)
    assert last.created_at == T0 + timedelta(minutes=3)


def test_pending_is_oldest_first_and_alerts_newest_first(store: Store) -> None:
    late = add(store, "a", 1, created_at=T0 + timedelta(hours=2))
    early = add(store, "b", 1, created_at=T0)
    middle = add(store, "c", 1, created_at=T0 + timedelta(hours=1))
    assert [p.alert_id for p in store.pending_deliveries()][::2] == [early, middle, late]
    assert [v.id for v in store.alerts()] == [late, middle, early]
    assert [v.id for v in store.alerts(limit=2)] == [late, middle]


def test_alert_times_round_trip_in_utc(store: Store) -> None:
    local = datetime(2015, 2, 13, 2, 0, tzinfo=timezone(timedelta(hours=8)))
    alert = add(store, created_at=local)
    store.mark_delivered(alert, "mailto-1", local)
    view = store.alerts()[0]
    assert view.created_at == local and view.created_at.utcoffset() == timedelta(0)
    assert view.deliveries[0].delivered_at == local


def test_add_alert_without_a_time_uses_now_in_utc(store: Store) -> None:
    before = datetime.now(UTC)
    store.add_alert("w", 1, "t", "b", {}, TARGETS)
    created = store.alerts()[0].created_at
    assert before - timedelta(seconds=1) <= created <= datetime.now(UTC) + timedelta(seconds=1)


def test_source_runs_newest_first_per_source(store: Store) -> None:
    store.record_source_run("gsmarena", T0, 12, [])
    store.record_source_run("gsmarena", T0 + timedelta(hours=1), 0, ["DNS lookup failed", "x"])
    store.record_source_run("phonearena", T0 + timedelta(hours=2), 3, [])
    store.record_source_run("gsmarena", T0 + timedelta(hours=2), 5, [])
    runs = store.source_runs("gsmarena")
    assert [(r.at, r.pages, r.errors, r.ok) for r in runs] == [
        (T0 + timedelta(hours=2), 5, (), True),
        (T0 + timedelta(hours=1), 0, ("DNS lookup failed", "x"), False),
        (T0, 12, (), True),
    ]
    assert len(store.source_runs("gsmarena", limit=1)) == 1
    assert store.source_runs("nothing") == []


def test_retry_now_revives_given_up_deliveries_with_a_fresh_count(store: Store) -> None:
    alert = add(store)
    store.mark_attempt_failed(alert, "mailto-1", "451 busy", T0,
                              retry_at=T0 + timedelta(hours=1))
    store.mark_attempt_failed(alert, "json-1", "HTTP 500", T0, give_up=True)
    assert store.pending_deliveries(due_at=T0) == []
    assert store.retry_now() == 2
    due = {p.target_key: p.attempts for p in store.pending_deliveries(due_at=T0)}
    # The given-up one starts over; the merely waiting one keeps its count for backoff.
    assert due == {"mailto-1": 1, "json-1": 0}
    view = store.alert(alert)
    assert view is not None and {d.state for d in view.deliveries} == {"pending"}
    assert store.alert(alert + 100) is None
