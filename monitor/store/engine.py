"""Engines for SQLite and PostgreSQL, and the automatic schema migration on open."""

from __future__ import annotations

import functools
import logging
import random
import re
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

from monitor.store.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

# The revision of the newest migration in migrations/versions (a test checks it is Alembic's
# head): a database at it opens without importing Alembic or reading the migration scripts.
SCHEMA_HEAD = "0008"

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Files the migrations consist of; an egg or zip import holds them as package data only.
_MIGRATION_FILES = ("env.py", "script.py.mako")

# Execution option that lets a read-only SQLite transaction start DEFERRED (no write lock).
READ_ONLY = "monitor_read_only"
# Seconds a SQLite writer waits for another writer before giving up.
SQLITE_BUSY_SECONDS = 30
# Arbitrary constant: the PostgreSQL advisory lock that serialises concurrent migrations.
PG_MIGRATION_LOCK = 0x6D6F6E69


def store_url(url: str) -> sa.URL:
    """Parse `url`, with plain `postgresql://` (or `postgres://`) mapped to psycopg 3."""
    try:
        parsed = sa.make_url(url)
        parsed.port  # noqa: B018 - a port such as ":abc" only fails when read
    except (sa.exc.ArgumentError, ValueError) as exc:
        shown = _hide_password(url)
        raise StoreError(f"url {shown!r}: not a database URL ({exc})") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _hide_password(url: str) -> str:
    # The URL did not parse, so SQLAlchemy cannot mask it: hide whatever sits before the @.
    return re.sub(r"(://[^/:@\s]*:)[^@/\s]*@", r"\1***@", url)


def create_store_engine(url: str) -> Engine:
    """An engine with the per-connection settings the store relies on."""
    parsed = store_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        return sa.create_engine(parsed, pool_pre_ping=True)
    raise StoreError(f"url {parsed!r}: only SQLite and PostgreSQL are supported")


def _sqlite_engine(url: sa.URL) -> Engine:
    kwargs: dict[str, Any] = {
        # Threads share the pool; the store never shares a connection between threads at once.
        "connect_args": {"check_same_thread": False, "timeout": SQLITE_BUSY_SECONDS},
    }
    if url.database in (None, "", ":memory:"):
        # One connection for all threads, or each thread would see its own empty database.
        kwargs["poolclass"] = StaticPool
    else:
        Path(url.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = sa.create_engine(url, **kwargs)
    sa.event.listen(engine, "connect", _sqlite_connect)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own BEGIN handling is switched off so that _sqlite_begin decides the lock mode.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_SECONDS * 1000}")
    _journal_wal(cursor)
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _journal_wal(cursor: Any) -> None:
    # On a file still in rollback mode (a new database), processes opening it at once can
    # deadlock on the switch to WAL: SQLite then fails one at once with "database is locked",
    # without calling the busy handler. The switch is retried for as long as a lock is waited.
    deadline = time.monotonic() + SQLITE_BUSY_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(random.uniform(0.005, 0.05))


def _sqlite_begin(conn: Connection) -> None:
    # Writers take the write lock up front: a deferred transaction that reads and then writes
    # fails at once with SQLITE_BUSY when another writer got in between, whatever busy_timeout.
    if conn.get_execution_options().get(READ_ONLY):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


@functools.cache
def migrations_dir() -> Path:
    """The migrations on disk: this package's folder, or a copy of them out of an egg.

    Alembic reads its scripts from a folder. Installed normally (or run from a checkout) the
    package folder is one; imported from a zipped egg (Scrapyd), it is not, and the scripts
    are copied once per process from the package data to a temporary folder.
    """
    if (MIGRATIONS / "env.py").is_file():
        return MIGRATIONS
    import atexit
    import shutil
    import tempfile
    from importlib.resources import files

    source = files("monitor.store") / "migrations"
    target = Path(tempfile.mkdtemp(prefix="monitor-migrations-")) / "migrations"
    (target / "versions").mkdir(parents=True)
    atexit.register(shutil.rmtree, target.parent, True)
    for name in _MIGRATION_FILES:
        (target / name).write_bytes((source / name).read_bytes())
    for script in (source / "versions").iterdir():
        if script.name.endswith(".py"):
            (target / "versions" / script.name).write_bytes(script.read_bytes())
    logging.getLogger(__name__).info("migrations read from the package data into %s", target)
    return target


def alembic_config() -> Config:
    """A programmatic Alembic config for the migrations shipped in this package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.set_main_option("path_separator", "os")
    return cfg


@functools.cache
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations shipped"
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        conn.execution_options(**{READ_ONLY: True})
        with conn.begin():
            return MigrationContext.configure(conn).get_current_revision()


def _pragma(conn: Connection, pragma: str) -> None:
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()


@functools.cache
def known_revisions() -> frozenset[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


def check_writable(engine: Engine) -> None:
    """Fail now, not after a whole crawl, when the database refuses writes.

    A no-op UPDATE needs the same write access as a real one (SQLite takes its write lock, a
    read-only PostgreSQL transaction refuses it) and is rolled back.
    """
    try:
        with engine.connect() as conn:
            trans = conn.begin()
            try:
                conn.exec_driver_sql("UPDATE alembic_version SET version_num = version_num")
            finally:
                trans.rollback()
    except sa.exc.DBAPIError as exc:
        raise StoreError(f"{engine.url!r}: cannot write to the database: {exc.orig}") from None


def _at_head(engine: Engine) -> bool:
    """Whether the schema is at SCHEMA_HEAD: two small reads, no Alembic."""
    with engine.connect() as conn:
        conn.execution_options(**{READ_ONLY: True})
        with conn.begin():
            if not engine.dialect.has_table(conn, "alembic_version"):
                return False
            versions = list(conn.exec_driver_sql("SELECT version_num FROM alembic_version")
                            .scalars())
    return versions == [SCHEMA_HEAD]


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest revision; cheap when it is there already."""
    try:
        if _at_head(engine):
            return
        from alembic import command

        current = current_revision(engine)
        if current == head_revision():
            return
        if current is not None and current not in known_revisions():
            raise StoreError(
                f"{engine.url!r}: cannot migrate the schema: the database has schema {current}, "
                f"written by a newer "
                f"version of monitor (this one knows up to {head_revision()}); upgrade monitor "
                "or point store.url at another database")
        with engine.connect() as conn:
            sqlite = engine.dialect.name == "sqlite"
            if sqlite:
                # A batch migration rebuilds a table by dropping it: with foreign keys on,
                # ON DELETE CASCADE would empty the tables that point at it (the outbox's
                # deliveries). The pragma only takes effect outside a transaction, so it goes
                # straight to the driver, which runs in autocommit mode (see _sqlite_connect).
                _pragma(conn, "foreign_keys = OFF")
            try:
                with conn.begin():
                    # One transaction around the whole upgrade, taken under a lock, so a second
                    # process opening the same fresh database waits, then finds it up to date.
                    if not sqlite:
                        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"),
                                     {"k": PG_MIGRATION_LOCK})
                    cfg = alembic_config()
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                    if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                        raise StoreError(f"{engine.url!r}: migration broke a foreign key")
            finally:
                if sqlite:
                    _pragma(conn, "foreign_keys = ON")
    except sa.exc.DBAPIError as exc:
        # OperationalError (unreachable, locked, read-only) and DatabaseError (a file that is
        # not a database) alike: the user must point store.url elsewhere or repair the file.
        raise StoreError(f"{engine.url!r}: cannot open: {exc.orig}") from None
    except Exception as exc:
        if exc.__class__.__module__.startswith("alembic"):
            # Typically a database written by a newer version of monitor.
            raise StoreError(f"{engine.url!r}: cannot migrate the schema: {exc}") from None
        raise
