"""The store: SQLite or PostgreSQL through SQLAlchemy, migrated by Alembic on open."""

from __future__ import annotations

from monitor.store.errors import NotFound, StoreError
from monitor.store.records import (
    AlertView,
    DeliveryView,
    PendingDelivery,
    SavedArticle,
    SourceRun,
    StoredAlert,
    StoredReport,
)
from monitor.store.store import Store

__all__ = [
    "AlertView",
    "DeliveryView",
    "NotFound",
    "PendingDelivery",
    "SavedArticle",
    "SourceRun",
    "Store",
    "StoreError",
    "StoredAlert",
    "StoredReport",
]
