"""Config and environment are checked before anything is crawled: each mistake is one exit 2.

Every `[crawl]`, `[notify]` and `[health]` number is checked for type, range and finiteness;
the store URL, the database file (corrupt, read-only, newer schema), the `--record` folder and
the MONITOR_* variables are checked before the first request leaves. The feed is served by a
real local server, so "before crawling" is checked by counting its requests.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.store import Store
from tests.support.http_server import LocalServer, Route, rss_feed, serve

ROOT = Path(__file__).resolve().parent.parent
EXIT_USAGE = 2


@pytest.fixture(scope="module")
def site() -> Iterator[LocalServer]:
    with serve() as server:
        server.routes["/feed.xml"] = Route(rss_feed([]), content_type="application/rss+xml")
        yield server


def run(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    return subprocess.run([sys.executable, "-m", "monitor.cli", *map(str, args)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT, check=False,
                          env={**base, **(env or {})})


def run_here(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    """The CLI in this process: for refusals, which never get as far as starting a crawl."""
    code = main([str(a) for a in args])
    return code, capsys.readouterr().err


def config(folder: Path, site: LocalServer, extra: str = "", store: str | None = None) -> Path:
    path = folder / "monitor.toml"
    url = store or f"sqlite:///{folder / 'monitor.db'}"
    path.write_text(f'[store]\nurl = "{url}"\n\n{extra}\n\n'
                    f'[[sources]]\nname = "local"\nfeed = "{site.url("/feed.xml")}"\n\n'
                    '[[watches]]\nname = "w"\ncompany = "Xiaomi"\n', encoding="utf-8")
    return path


def assert_refused(result: subprocess.CompletedProcess[str], site: LocalServer,
                   *fragments: str) -> None:
    assert result.returncode == EXIT_USAGE, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, result.stderr
    assert site.requests == [], "nothing may be fetched before the checks pass"


NUMBERS = [
    ("[crawl]\nconcurrent_requests_per_domain = 0", "crawl.concurrent_requests_per_domain",
     "a whole number from 1 to 32, got 0"),
    ("[crawl]\nconcurrent_requests_per_domain = -3", "crawl.concurrent_requests_per_domain",
     "got -3"),
    ("[crawl]\nconcurrent_requests_per_domain = 2.5", "crawl.concurrent_requests_per_domain",
     "a whole number"),
    ("[crawl]\ndownload_delay = inf", "crawl.download_delay", "a finite number from 0 to 3600"),
    ("[crawl]\ndownload_delay = nan", "crawl.download_delay", "got nan"),
    ('[crawl]\ndownload_delay = "1"', "crawl.download_delay", "got '1'"),
    ("[crawl]\ntimeout = -1", "crawl.timeout", "from 0.1 to 600, got -1"),
    ("[crawl]\nmax_pages = 0", "crawl.max_pages", "a whole number from 1"),
    ("[crawl]\ntime_budget = 0", "crawl.time_budget", "from 1 to 86400"),
    ("[crawl]\nuser_agent_contact = 3", "crawl.user_agent_contact", "a non-empty string"),
    ("[notify]\nretry_after = 1e300", "notify.retry_after", "from 0 to 604800, got 1e+300"),
    ("[notify]\nretry_after = nan", "notify.retry_after", "got nan"),
    ("[notify]\ntimeout = -1", "notify.timeout", "got -1"),
    ("[notify]\nmax_attempts = true", "notify.max_attempts", "got True"),
    ("[health]\nfailures = 0", "health.failures", "got 0"),
]


@pytest.mark.parametrize(("extra", "key", "expected"), NUMBERS, ids=[n[0] for n in NUMBERS])
def test_every_number_is_checked_with_file_key_and_expectation(
        tmp_path: Path, site: LocalServer, capsys: pytest.CaptureFixture[str], extra: str,
        key: str, expected: str) -> None:
    path = config(tmp_path, site, extra)
    code, err = run_here(capsys, "crawl", "--config", path)
    assert code == EXIT_USAGE, err
    assert f"{path}: {key}: expected" in err and expected in err, err
    assert site.requests == []


# The refusals below happen before a crawl could start, so the CLI runs in this process.


def refused_here(capsys: pytest.CaptureFixture[str], site: LocalServer, path: Path,
                 *fragments: str, args: tuple[str | Path, ...] = ()) -> str:
    code, err = run_here(capsys, "crawl", "--config", path, *args)
    assert code == EXIT_USAGE, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err
    assert site.requests == [], "nothing may be fetched before the checks pass"
    return err


def test_a_store_url_with_a_bad_port(tmp_path: Path, site: LocalServer,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = config(tmp_path, site, store="postgresql://postgres:hunter2@127.0.0.1:abc/test")
    err = refused_here(capsys, site, path, "not a database URL")
    assert "hunter2" not in err


def test_a_file_that_is_not_a_database(tmp_path: Path, site: LocalServer,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "monitor.db").write_bytes(b"this is not SQLite\n" * 100)
    refused_here(capsys, site, config(tmp_path, site), "cannot open: file is not a database")
    assert (tmp_path / "monitor.db").read_bytes() == b"this is not SQLite\n" * 100


def test_a_read_only_database_is_refused_before_crawling(
        tmp_path: Path, site: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "monitor.db"
    Store(f"sqlite:///{db}").close()
    # SQLite's own read-only mode: file permissions do not stop root, which CI runs as.
    url = f"sqlite:///file:{db}?mode=ro&uri=true"
    refused_here(capsys, site, config(tmp_path, site, store=url),
                 "cannot write to the database", "readonly database")


def test_a_database_from_a_newer_version(tmp_path: Path, site: LocalServer,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "monitor.db"
    Store(f"sqlite:///{db}").close()
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0999'")
    refused_here(capsys, site, config(tmp_path, site),
                 "schema 0999, written by a newer version of monitor")
    with sqlite3.connect(db) as conn:  # left as it was
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0999",)]


def test_a_record_folder_that_cannot_be_written(tmp_path: Path, site: LocalServer,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = config(tmp_path, site)
    refused_here(capsys, site, path, "folder", "does not exist",
                 args=("--record", tmp_path / "nope" / "a.warc.gz"))
    (tmp_path / "dir.warc.gz").mkdir()  # a folder where the file should go: root cannot either
    refused_here(capsys, site, path, "--record", "cannot write",
                 args=("--record", tmp_path / "dir.warc.gz"))


def test_junk_monitor_now(tmp_path: Path, site: LocalServer) -> None:
    path = config(tmp_path, site)
    result = run("crawl", "--config", path, env={"MONITOR_NOW": "junk"})
    assert_refused(result, site, "MONITOR_NOW: expected an ISO 8601 time", "'junk'")


@pytest.mark.parametrize("value", ["2026-13-01", "yesterday"])
def test_junk_monitor_now_for_every_command(
        tmp_path: Path, site: LocalServer, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("MONITOR_NOW", value)
    path = config(tmp_path, site)
    for command in (["crawl"], ["alerts"], ["alerts", "--retry"], ["status"]):
        code, err = run_here(capsys, *command, "--config", path)
        assert code == EXIT_USAGE, (command, err)
        assert "MONITOR_NOW: expected an ISO 8601 time such as" in err and repr(value) in err


def test_a_bad_store_url_in_the_environment(tmp_path: Path, site: LocalServer,
                                            capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_STORE_URL", "nosuchdb://x")
    refused_here(capsys, site, config(tmp_path, site), "store", "nosuchdb")


def test_bad_notify_urls_in_the_environment(tmp_path: Path, site: LocalServer) -> None:
    # In a subprocess: apprise's scan for a plugin imports modules that warn on import.
    result = run("crawl", "--config", config(tmp_path, site),
                 env={"MONITOR_NOTIFY_URLS": "nosuchscheme://x/secret"})
    assert_refused(result, site, "nosuchscheme://x/****' is not usable")
    assert "secret" not in result.stderr


def test_valid_numbers_are_taken(tmp_path: Path, site: LocalServer) -> None:
    path = config(tmp_path, site, "[crawl]\ndownload_delay = 0\nconcurrent_requests_per_domain = 1"
                  "\ntimeout = 5\nmax_pages = 3\nmax_feed_items = 3\nmax_sitemaps = 2\n"
                  "time_budget = 60")
    result = run("crawl", "--config", path)
    assert result.returncode == 0, result.stderr
    assert "/feed.xml" in [r.path for r in site.requests]
    site.requests.clear()
