"""The alert outbox: alerts written before sending, one delivery row per target.

(watch, version) identifies an alert and (alert, target_key) a delivery, both by unique
constraints, so recording the same alert twice adds nothing and nothing is owed twice.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, cast

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session, selectinload

from monitor.store.errors import NotFound
from monitor.store.models import AlertRow, DeliveryRow
from monitor.store.records import (
    AlertView,
    DeliveryState,
    DeliveryView,
    PendingDelivery,
    StoredAlert,
)

PENDING, DELIVERED, FAILED, HELD = "pending", "delivered", "failed", "held"


# Read on a bare connection (Store._point_read): the version alone, not the state announced.
_LAST_VERSION = sa.select(sa.func.max(AlertRow.version)).where(
    AlertRow.watch == sa.bindparam("watch"))


def last_alert_version(conn: Connection, watch: str) -> int:
    return conn.execute(_LAST_VERSION, {"watch": watch}).scalar() or 0


def last_alert(s: Session, watch: str) -> StoredAlert | None:
    row = s.scalars(
        sa.select(AlertRow).where(AlertRow.watch == watch).order_by(AlertRow.version.desc())
    ).first()
    if row is None:
        return None
    return StoredAlert(
        id=row.id,
        watch=row.watch,
        version=row.version,
        title=row.title,
        body=row.body,
        body_html=row.body_html,
        body_markdown=row.body_markdown,
        state=row.state,
        created_at=row.created_at,
    )


def add_alert(
    s: Session,
    watch: str,
    version: int,
    title: str,
    body: str,
    state: dict[str, Any],
    targets: Sequence[tuple[str, str]],
    *,
    body_html: str | None,
    body_markdown: str | None,
    created_at: datetime,
    classes: Sequence[str] = (),
    held: Collection[str] = (),
) -> int:
    existing = s.scalar(
        sa.select(AlertRow.id).where(AlertRow.watch == watch, AlertRow.version == version)
    )
    if existing is not None:
        return existing
    deliveries = {}
    for key, display in targets:
        deliveries.setdefault(
            key,
            DeliveryRow(target_key=key, target_display=display, attempts=0,
                        state=HELD if key in held else PENDING),
        )
    row = AlertRow(
        watch=watch,
        version=version,
        title=title,
        body=body,
        body_html=body_html,
        body_markdown=body_markdown,
        state=state,
        created_at=created_at,
        classes=list(classes),
        deliveries=list(deliveries.values()),
    )
    s.add(row)
    s.flush()
    return row.id


def pending_deliveries(
    s: Session, due_at: datetime | None = None, *, held: bool = False
) -> list[PendingDelivery]:
    query = (
        sa.select(DeliveryRow, AlertRow)
        .join(AlertRow, AlertRow.id == DeliveryRow.alert_id)
        .where(DeliveryRow.state == (HELD if held else PENDING))
        .order_by(AlertRow.created_at, AlertRow.id, DeliveryRow.id)
    )
    if due_at is not None:
        query = query.where(
            sa.or_(DeliveryRow.next_attempt_at.is_(None), DeliveryRow.next_attempt_at <= due_at)
        )
    rows = s.execute(query).all()
    return [
        PendingDelivery(
            alert_id=a.id,
            watch=a.watch,
            version=a.version,
            title=a.title,
            body=a.body,
            body_html=a.body_html,
            body_markdown=a.body_markdown,
            target_key=d.target_key,
            target_display=d.target_display,
            attempts=d.attempts,
            last_error=d.last_error,
            last_attempt_at=d.last_attempt_at,
            created_at=a.created_at,
            classes=tuple(a.classes),
            next_attempt_at=d.next_attempt_at,
            held=d.state == HELD,
        )
        for d, a in rows
    ]


def claim_rows(
    s: Session, keys: Sequence[tuple[int, str]], *, lock: bool = False
) -> set[tuple[int, str]]:
    """Those of the (alert id, target key) deliveries still owed; `lock` claims their rows.

    With `lock` (PostgreSQL), rows another transaction holds are skipped, not waited for:
    that transaction is sending them right now.
    """
    if not keys:
        return set()
    query = sa.select(DeliveryRow.alert_id, DeliveryRow.target_key).where(
        sa.tuple_(DeliveryRow.alert_id, DeliveryRow.target_key).in_(list(keys)),
        DeliveryRow.state.in_((PENDING, HELD)),
    )
    if lock:
        query = query.with_for_update(skip_locked=True)
    return {(alert_id, key) for alert_id, key in s.execute(query)}


def _delivery(s: Session, alert_id: int, target_key: str) -> DeliveryRow:
    row = s.scalars(
        sa.select(DeliveryRow).where(
            DeliveryRow.alert_id == alert_id, DeliveryRow.target_key == target_key
        )
    ).first()
    if row is None:
        raise NotFound(f"alert {alert_id} has no delivery to {target_key!r}")
    return row


def mark_delivered(s: Session, alert_id: int, target_key: str, at: datetime) -> None:
    row = _delivery(s, alert_id, target_key)
    if row.state == DELIVERED:
        return  # a repeated mark must not move the delivery time
    row.state = DELIVERED
    row.attempts += 1
    row.last_attempt_at = at
    row.delivered_at = at
    row.next_attempt_at = None


def mark_attempt_failed(
    s: Session,
    alert_id: int,
    target_key: str,
    error: str,
    at: datetime,
    *,
    give_up: bool,
    retry_at: datetime | None = None,
) -> None:
    row = _delivery(s, alert_id, target_key)
    if row.state == DELIVERED:
        return  # a late failure report cannot undo a confirmed delivery
    row.attempts += 1
    row.last_error = error
    row.last_attempt_at = at
    row.next_attempt_at = None if give_up else retry_at
    if give_up:
        row.state = FAILED
    elif row.state == HELD:
        row.state = PENDING  # a digest that failed is retried like any delivery


def retry_now(s: Session) -> int:
    """Make every pending or given-up delivery due at once; returns how many there are."""
    rows = s.scalars(sa.select(DeliveryRow).where(DeliveryRow.state.in_((PENDING, FAILED))))
    count = 0
    for row in rows:
        if row.state == FAILED:
            row.attempts = 0  # a retry asked for by hand starts a fresh series of attempts
        row.state = PENDING
        row.next_attempt_at = None
        count += 1
    return count


def alerts(s: Session, limit: int | None, alert_id: int | None = None) -> list[AlertView]:
    query = (
        sa.select(AlertRow)
        .options(selectinload(AlertRow.deliveries))
        .order_by(AlertRow.created_at.desc(), AlertRow.id.desc())
    )
    if alert_id is not None:
        query = query.where(AlertRow.id == alert_id)
    if limit is not None:
        query = query.limit(limit)
    return [
        AlertView(
            id=a.id,
            watch=a.watch,
            version=a.version,
            title=a.title,
            created_at=a.created_at,
            body=a.body,
            state=a.state,
            deliveries=tuple(
                DeliveryView(
                    target_key=d.target_key,
                    target_display=d.target_display,
                    state=cast(DeliveryState, d.state),
                    attempts=d.attempts,
                    last_error=d.last_error,
                    last_attempt_at=d.last_attempt_at,
                    delivered_at=d.delivered_at,
                    next_attempt_at=d.next_attempt_at,
                )
                for d in a.deliveries
            ),
        )
        for a in s.scalars(query)
    ]
