"""Alembic environment: runs on the connection the store hands over (see engine.migrate)."""

from __future__ import annotations

from typing import Any, Literal

from alembic import context

from monitor.store.models import Base
from monitor.store.types import UTCDateTime


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | Literal[False]:
    """Write UTCDateTime as its plain column type, so migrations never import app code."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError("monitor's migrations run only through monitor.store (engine.migrate)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds tables, harmless on PostgreSQL.
    render_as_batch=True,
    compare_type=True,
    render_item=render_item,
    transactional_ddl=True,
)
with context.begin_transaction():
    context.run_migrations()
