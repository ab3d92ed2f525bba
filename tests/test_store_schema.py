"""Opening the store: migrations, reopening, URLs, and several users at once."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import threading
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command as alembic_command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from monitor.model import Article
from monitor.store import Store, StoreError
from monitor.store import engine as store_engine
from monitor.store.engine import create_store_engine, head_revision
from monitor.store.engine import store_url as parse_url
from monitor.store.models import Base

T0 = datetime(2015, 2, 12, tzinfo=UTC)


def article(n: int, body: str | None = None) -> Article:
    url = f"https://example.com/news/{n}"
    return Article(url=url, canonical_url=url, title=f"t{n}", body=body or f"text number {n}")


def test_models_and_migrations_agree(store_url: str) -> None:
    Store(store_url).close()
    engine = create_store_engine(store_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            assert context.get_current_revision() == head_revision()
    finally:
        engine.dispose()


def test_reopening_keeps_data_and_does_not_migrate_again(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(store_url) as store:
        saved = store.save_article(article(1), source="s", fetched_at=T0)

    def no_upgrade(*args: object, **kwargs: object) -> None:
        raise AssertionError("an up-to-date database was migrated again")

    monkeypatch.setattr(alembic_command, "upgrade", no_upgrade)
    with Store(store_url) as store:
        again = store.save_article(article(1), source="s", fetched_at=T0)
    assert (again.id, again.state) == (saved.id, "unchanged")


def test_the_schema_head_known_without_alembic_is_alembics() -> None:
    assert head_revision() == store_engine.SCHEMA_HEAD


def test_opening_an_up_to_date_store_imports_no_alembic(store_url: str) -> None:
    # A cron run with nothing new pays for no migration machinery (issue 13).
    Store(store_url).close()
    code = textwrap.dedent(f"""
        import sys
        from monitor.store import Store
        Store({store_url!r}).close()
        print(sorted(m for m in sys.modules if m.split(".")[0] in ("alembic", "scrapy")))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=True)
    assert done.stdout.strip() == "[]"


def test_a_database_from_a_newer_monitor_is_refused(store_url: str) -> None:
    Store(store_url).close()
    engine = create_store_engine(store_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    with pytest.raises(StoreError, match="cannot migrate"):
        Store(store_url)


def test_plain_postgresql_urls_use_psycopg_3(postgres_url: str) -> None:
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)
    assert plain.startswith("postgresql://")
    with Store(plain) as store:
        assert store.save_article(article(1), source="s", fetched_at=T0).state == "new"
    assert parse_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert parse_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a database URL"),
        ("mysql://u@127.0.0.1/db", "only SQLite and PostgreSQL"),
        ("postgresql://postgres@127.0.0.1:9/nothing", "cannot open"),
    ],
)
def test_unusable_urls_raise_store_error(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        Store(url)


def test_sqlite_connections_use_wal_and_foreign_keys(sqlite_url: str) -> None:
    Store(sqlite_url).close()
    engine = create_store_engine(sqlite_url)
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    finally:
        engine.dispose()


def test_sqlite_parent_folder_is_created(tmp_path: Path) -> None:
    with Store(f"sqlite:///{tmp_path / 'state' / 'monitor.db'}") as store:
        store.put_validators("https://example.com/feed", '"e"', None)
    assert (tmp_path / "state" / "monitor.db").is_file()


def test_in_memory_sqlite_is_one_database_for_all_threads() -> None:
    with Store("sqlite://") as store:
        thread = threading.Thread(target=store.put_validators, args=("u", '"e"', None))
        thread.start()
        thread.join()
        assert store.get_validators("u") == ('"e"', None)


def test_close_releases_every_connection(store_url: str) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        store = Store(store_url)
        store.save_article(article(1), source="s", fetched_at=T0)
        store.reports_for("w")
        pool = store._engine.pool
        store.close()
        del store
        gc.collect()
    assert pool.checkedout() == 0
    assert [w for w in caught if issubclass(w.category, ResourceWarning)] == []


def test_a_closed_store_refuses_calls(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.get_validators("u")


def test_two_stores_on_one_database_one_after_the_other(store_url: str) -> None:
    with Store(store_url) as one, Store(store_url) as two:
        first = one.save_article(article(1), source="s", fetched_at=T0)
        assert two.save_article(article(1), source="s", fetched_at=T0).id == first.id
        copy = two.save_article(article(2, body="text number 1"), source="s", fetched_at=T0)
        assert (copy.state, copy.duplicate_of) == ("duplicate", first.id)
        alert = one.add_alert("w", 1, "t", "b", {}, [("k", "K")], created_at=T0)
        assert two.add_alert("w", 1, "t", "b", {}, [("k", "K")], created_at=T0) == alert
        two.mark_delivered(alert, "k", T0)
        assert one.pending_deliveries() == []


def test_concurrent_writes_from_threads_through_two_stores(store_url: str) -> None:
    threads_per_store, per_thread = 4, 10
    errors: list[BaseException] = []
    results: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(threads_per_store * 2)

    def work(store: Store, worker: int) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                # everyone saves the shared article and the shared alert, and some of their own
                shared = store.save_article(article(0), source="s", fetched_at=T0)
                own = store.save_article(
                    article(1000 * (worker + 1) + i), source="s", fetched_at=T0
                )
                store.add_alert("w", 1, "t", "b", {}, [("k", "K")], created_at=T0)
                store.record_source_run(f"src{worker}", T0, i, [])
                with lock:
                    results.extend([shared.state, own.state])
        except BaseException as exc:
            with lock:
                errors.append(exc)

    with Store(store_url) as one, Store(store_url) as two:
        threads = [
            threading.Thread(target=work, args=(store, n))
            for n, store in enumerate([one, two] * threads_per_store)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        workers = threads_per_store * 2
        assert results.count("new") == workers * per_thread + 1
        assert results.count("unchanged") == workers * per_thread - 1
        assert len(one.pending_deliveries()) == 1
        assert sum(len(one.source_runs(f"src{n}", 100)) for n in range(workers)) == (
            workers * per_thread
        )


OPEN_WHEN_TOLD = textwrap.dedent(
    """
    import sys, time
    from datetime import UTC, datetime
    from pathlib import Path
    from monitor.model import Article
    from monitor.store import Store

    url, folder, n = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    (folder / f"ready-{n}").touch()
    while not (folder / "go").exists():
        time.sleep(0.005)
    with Store(url) as store:
        a = Article(url=f"https://example.com/{n}", canonical_url="", title="t", body=f"b{n}")
        store.save_article(a, source="s", fetched_at=datetime(2015, 2, 12, tzinfo=UTC))
    """
)


def test_processes_opening_a_fresh_database_together(store_url: str, tmp_path: Path) -> None:
    count = 4
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_WHEN_TOLD, store_url, str(tmp_path), str(n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(count)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < count and time.monotonic() < deadline:
        time.sleep(0.01)
    (tmp_path / "go").touch()
    outcomes = [(p.wait(timeout=60), p.stderr.read() if p.stderr else "") for p in procs]
    for p in procs:
        for stream in (p.stdout, p.stderr):
            if stream:
                stream.close()
    assert outcomes == [(0, "")] * count
    with Store(store_url) as store:
        states = [
            store.save_article(
                Article(url=f"https://example.com/{n}", canonical_url="", title="t", body=f"b{n}"),
                source="s",
                fetched_at=T0,
            ).state
            for n in range(count)
        ]
    assert states == ["unchanged"] * count
