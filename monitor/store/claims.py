"""A claim on deliveries: the ones this process may send now, and the marks it records."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from monitor.store import outbox

if TYPE_CHECKING:
    from monitor.store.store import Store

Key = tuple[int, str]  # (alert id, target key)


class Claim:
    """`keys` are claimed; marks go through the claim so they land while it still holds."""

    def __init__(
        self,
        keys: Iterable[Key],
        delivered: Callable[[int, str, datetime], None],
        failed: Callable[[int, str, str, datetime, bool, datetime | None], None],
    ) -> None:
        self.keys = frozenset(keys)
        self._delivered = delivered
        self._failed = failed

    def __bool__(self) -> bool:
        return bool(self.keys)

    def __contains__(self, key: object) -> bool:
        return key in self.keys

    def delivered(self, alert_id: int, target_key: str, at: datetime) -> None:
        self._check(alert_id, target_key)
        self._delivered(alert_id, target_key, at)

    def failed(self, alert_id: int, target_key: str, error: str, at: datetime, *,
               give_up: bool, retry_at: datetime | None) -> None:
        self._check(alert_id, target_key)
        self._failed(alert_id, target_key, error, at, give_up, retry_at)

    def _check(self, alert_id: int, target_key: str) -> None:
        if (alert_id, target_key) not in self.keys:
            raise ValueError(f"delivery of alert {alert_id} to {target_key!r} is not claimed")

    @classmethod
    def in_session(cls, s: Session, keys: Iterable[Key]) -> Claim:
        """Marks written in the claiming transaction (PostgreSQL: it holds the row locks)."""

        def delivered(alert_id: int, key: str, at: datetime) -> None:
            outbox.mark_delivered(s, alert_id, key, at)
            s.flush()

        def failed(alert_id: int, key: str, error: str, at: datetime, give_up: bool,
                   retry_at: datetime | None) -> None:
            outbox.mark_attempt_failed(s, alert_id, key, error, at, give_up=give_up,
                                       retry_at=retry_at)
            s.flush()

        return cls(keys, delivered, failed)

    @classmethod
    def through(cls, store: Store, keys: Iterable[Key]) -> Claim:
        """Marks written by the store's own transactions (SQLite: under the outbox lock)."""

        def failed(alert_id: int, key: str, error: str, at: datetime, give_up: bool,
                   retry_at: datetime | None) -> None:
            store.mark_attempt_failed(alert_id, key, error, at, give_up=give_up,
                                      retry_at=retry_at)

        return cls(keys, store.mark_delivered, failed)
