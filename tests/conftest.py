"""Shared fixtures. Services named by an issue are used for real; see tests/support/."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.receivers import JsonReceiver, SmtpReceiver

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

# Where the machine's PostgreSQL listens; the test creates and drops its own database there.
PG_ADMIN_URL = os.environ.get(
    "MONITOR_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _unavailable(reason: str) -> None:
    # In CI a missing service is a broken machine, not a reason to pass quietly.
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: services must be up)")
    pytest.skip(reason)


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'monitor.db'}"


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import sqlalchemy as sa

    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            name = f"monitor_test_{uuid.uuid4().hex[:12]}"
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        _unavailable(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.orig}")
        return
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Runs a test once on a SQLite file and once on the real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'monitor.db'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def smtp() -> Iterator[SmtpReceiver]:
    with SmtpReceiver() as receiver:
        yield receiver


@pytest.fixture
def webhook() -> Iterator[JsonReceiver]:
    with JsonReceiver() as receiver:
        yield receiver


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    """`monitor demo` run once for the session, in a network namespace of its own when the
    machine allows one (then not even loopback is up, so any network use would fail it)."""
    import shutil
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("demo")
    page = folder / "story.html"
    command = [sys.executable, "-m", "monitor", "demo", "--out", str(page)]
    isolated = bool(shutil.which("unshare")) and subprocess.run(
        ["unshare", "--net", "true"], capture_output=True, check=False).returncode == 0
    if isolated:
        command = ["unshare", "--net", *command]
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=folder,
                          env=env, check=False)
    return DemoRun(done.returncode, done.stdout, done.stderr, page, isolated)


@dataclass(frozen=True)
class DemoRun:
    returncode: int
    stdout: str
    stderr: str
    page: Path
    isolated: bool  # ran with no network at all
