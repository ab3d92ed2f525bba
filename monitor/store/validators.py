"""ETag and Last-Modified per URL, for the crawler's conditional GETs."""

from __future__ import annotations

import importlib

import sqlalchemy as sa
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from monitor.store.models import ValidatorRow

# Read on a bare connection (Store._point_read), once per request the crawl sends.
_VALIDATORS_OF = sa.select(ValidatorRow.etag, ValidatorRow.last_modified).where(
    ValidatorRow.url == sa.bindparam("url"))


def get_validators(conn: Connection, url: str) -> tuple[str | None, str | None]:
    row = conn.execute(_VALIDATORS_OF, {"url": url}).first()
    return (None, None) if row is None else (row.etag, row.last_modified)


def put_validators(s: Session, url: str, etag: str | None, last_modified: str | None) -> None:
    if etag is None and last_modified is None:
        # Nothing to revalidate with any more: forget the old values rather than reuse them.
        s.execute(sa.delete(ValidatorRow).where(ValidatorRow.url == url))
        return
    # Only the dialect in use is imported: the engine has loaded it already, whereas importing
    # PostgreSQL's (with its asyncpg and psycopg modules) cost a SQLite store 30 ms per start.
    name = "postgresql" if s.get_bind().dialect.name == "postgresql" else "sqlite"
    dialect = importlib.import_module(f"sqlalchemy.dialects.{name}")
    insert = dialect.insert(ValidatorRow).values(url=url, etag=etag, last_modified=last_modified)
    s.execute(
        insert.on_conflict_do_update(
            index_elements=[ValidatorRow.url],
            set_={"etag": insert.excluded.etag, "last_modified": insert.excluded.last_modified},
        )
    )
